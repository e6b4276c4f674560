/* neSynchronous: the library thread that raised an event stays blocked until the host releases the
 * batch. Client A sends a burst; while the host holds A's first message, client B (which connected
 * earlier and sends later) gets its message queued ahead of A's second one: A's reader is stalled. */
#include <poll.h>

#include "harness.h"

enum { BURST = 20 };

static int readable(int fd, int timeout_ms) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    return poll(&p, 1, timeout_ms) == 1 && (p.revents & POLLIN);
}

/* The next event of the server, one at a time (the previous batch is released first). */
static const sgcws_event *next_event(sgcws_handle server) {
    const sgcws_event *ev = NULL;
    int32_t n = 0;
    if (S.poll(server, &ev, 1, 10000, &n) != SGCWS_OK || n != 1) return NULL;
    return ev;
}

/* Polls one event at a time until a message of `conn` arrives; other events are skipped. */
static const sgcws_event *next_message_of(sgcws_handle server, sgcws_handle conn) {
    for (int i = 0; i < 100; i++) {
        const sgcws_event *ev = next_event(server);
        if (!ev) return NULL;
        if (ev->kind == SGCWS_EV_MESSAGE && ev->connection == conn) return ev;
    }
    return NULL;
}

static sgcws_handle connect_client(h_comp *server, h_track *st, h_comp *client, h_track *ct, int port) {
    h_comp_init(client, SGCWS_CLIENT, H_NOSYNC, h_track_event, ct);
    h_client_url(client->h, port, "/");
    long before = atomic_load(&st->connects);
    CHECK_OK(S.start(client->h)); /* not sgcws_connect: the server's events need this thread */
    h_comp *all[] = {server};
    CHECK(H_WAIT_COUNT(st, connects, before + 1, 10000, all, 1));
    CHECK(H_WAIT_COUNT(ct, connects, 1, 10000, all, 1));
    return atomic_load(&st->last_conn);
}

int main(void) {
    h_init("delivery_sync", 60);
    h_track st = {0}, at = {0}, bt = {0};
    h_comp server, a, b;
    h_comp_init(&server, SGCWS_SERVER, H_SYNC, h_track_event, &st);
    int port = h_server_listen(server.h);
    sgcws_handle conn_b = connect_client(&server, &st, &b, &bt, port);
    sgcws_handle conn_a = connect_client(&server, &st, &a, &at, port);
    CHECK(conn_a != 0 && conn_b != 0 && conn_a != conn_b);
    CHECK_OK(S.release(server.h));

    char msg[16];
    for (int i = 0; i < BURST; i++) {
        int n = snprintf(msg, sizeof msg, "a%d", i);
        CHECK_OK(S.write(a.h, SGCWS_TEXT, msg, n, 0));
    }
    const sgcws_event *ev = next_message_of(server.h, conn_a);
    CHECK(ev && ev->data_len == 2 && memcmp(ev->data, "a0", 2) == 0);

    /* Hold A's batch; B's message is queued meanwhile... */
    CHECK_OK(S.write(b.h, SGCWS_TEXT, "b", 1, 0));
    intptr_t fd = -1;
    CHECK_OK(S.waitable(server.h, &fd));
    CHECK(readable((int)fd, 10000));
    /* ...ahead of everything else A sent before it. */
    ev = next_event(server.h);
    CHECK(ev && ev->kind == SGCWS_EV_MESSAGE && ev->connection == conn_b);
    CHECK(ev && ev->data_len == 1 && ev->data[0] == 'b');

    /* Released, A's burst continues in order. */
    for (int i = 1; i < BURST; i++) {
        ev = next_message_of(server.h, conn_a);
        int n = snprintf(msg, sizeof msg, "a%d", i);
        CHECK(ev && ev->data_len == n && memcmp(ev->data, msg, (size_t)n) == 0);
    }
    CHECK_OK(S.release(server.h));
    CHECK_OK(S.destroy(a.h));
    CHECK_OK(S.destroy(b.h));
    CHECK_OK(S.destroy(server.h));
    return h_finish();
}
