/* neAsynchronous: events reach the host only through sgcws_poll on its own (main) thread; the waitable
 * fd is readable exactly while events wait; the wake callback fires when the queue fills. */
#include <poll.h>

#include "harness.h"

static atomic_long callbacks; /* calls of the neNoSync callback: must stay 0 */
static atomic_long wakes[2]; /* server, client */

static void SGCWS_CALL stray_callback(void *user, const sgcws_event *ev) {
    (void)user, (void)ev;
    atomic_fetch_add(&callbacks, 1);
}

static void SGCWS_CALL on_wake(void *user) {
    atomic_fetch_add((atomic_long *)user, 1);
}

static int fd_of(sgcws_handle h) {
    intptr_t w = -1;
    CHECK_OK(S.waitable(h, &w));
    CHECK(w >= 0);
    return (int)w;
}

static int readable(int fd, int timeout_ms) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    return poll(&p, 1, timeout_ms) == 1 && (p.revents & POLLIN);
}

/* Drains until a zero-timeout poll finds nothing. */
static void drain(h_comp *c) {
    while (h_pump(c, 0) > 0) {
    }
}

int main(void) {
    h_init("delivery_async", 60);
    h_track st = {0}, ct = {0};
    h_probe sp, cp;
    h_probe_init(&sp, h_echo_event, &st);
    h_probe_init(&cp, h_track_event, &ct);
    h_comp server, client;
    h_comp_init(&server, SGCWS_SERVER, H_ASYNC, h_probe_event, &sp);
    h_comp_init(&client, SGCWS_CLIENT, H_ASYNC, h_probe_event, &cp);
    CHECK_OK(S.set_callback(server.h, stray_callback, NULL));
    CHECK_OK(S.set_callback(client.h, stray_callback, NULL));
    CHECK_OK(S.set_wake(server.h, on_wake, &wakes[0]));
    CHECK_OK(S.set_wake(client.h, on_wake, &wakes[1]));
    int sfd = fd_of(server.h), cfd = fd_of(client.h);

    int port = h_server_listen(server.h);
    h_client_url(client.h, port, "/");
    drain(&server);
    CHECK_OK(S.connect(client.h, 10000));

    /* OnConnect waits in both queues: the fds become readable, nothing was delivered yet. */
    CHECK(readable(sfd, 10000));
    CHECK(readable(cfd, 10000));
    CHECK(atomic_load(&st.connects) == 0);
    CHECK(atomic_load(&ct.connects) == 0);
    CHECK(h_wait(h_pred_at_least, &(h_at_least){&wakes[0], 1}, 10000, NULL, 0));
    CHECK(h_wait(h_pred_at_least, &(h_at_least){&wakes[1], 1}, 10000, NULL, 0));
    h_comp *all[] = {&server, &client};
    CHECK(H_WAIT_COUNT(&st, connects, 1, 10000, all, 2));
    CHECK(H_WAIT_COUNT(&ct, connects, 1, 10000, all, 2));

    /* Quiet and drained: the fds are not readable. */
    drain(&server);
    drain(&client);
    CHECK(!readable(sfd, 0));
    CHECK(!readable(cfd, 0));

    /* A message: the server's queue fills, the wake fires again, the fd turns readable. */
    long w0 = atomic_load(&wakes[0]);
    CHECK_OK(S.write(client.h, SGCWS_TEXT, "ping", 4, 0));
    CHECK(readable(sfd, 10000));
    CHECK(h_wait(h_pred_at_least, &(h_at_least){&wakes[0], w0 + 1}, 10000, NULL, 0));
    CHECK(atomic_load(&st.messages) == 0);
    for (int i = 0; i < 200; i++) CHECK_OK(S.write(client.h, SGCWS_TEXT, "x", 1, 0));
    CHECK(H_WAIT_COUNT(&ct, messages, 201, 20000, all, 2));
    CHECK(atomic_load(&st.messages) == 201);

    CHECK_OK(S.destroy(client.h));
    CHECK_OK(S.destroy(server.h));
    CHECK(atomic_load(&callbacks) == 0);
    CHECK(atomic_load(&sp.off_main) == 0 && atomic_load(&cp.off_main) == 0);
    CHECK(atomic_load(&sp.on_main) > 200);
    return h_finish();
}
