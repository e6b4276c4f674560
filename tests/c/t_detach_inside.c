/* sgcws_detach called from inside the component's own neNoSync callback returns (no deadlock) and no
 * callback of that component runs afterwards, while its connection keeps working silently. */
#include "harness.h"

static sgcws_handle client_h;
static atomic_long detached;      /* set after detach returned inside the callback */
static atomic_int detach_rc = 99; /* what detach returned */
static atomic_long after;         /* callbacks that began after detach */

/* Detaches on the first message it sees; counts any callback that starts after that. */
static void on_client(void *user, const sgcws_event *ev) {
    int first_message = ev->kind == SGCWS_EV_MESSAGE;
    switch (atomic_load(&detached)) {
    case 0:
        h_track_event(user, ev);
        if (first_message) {
            atomic_store(&detach_rc, S.detach(client_h));
            atomic_store(&detached, 1);
        }
        break;
    default: atomic_fetch_add(&after, 1); break;
    }
}

int main(void) {
    h_init("detach_inside_callback", 60);
    h_track st = {0}, ct = {0};
    h_comp server, client;
    h_pair(&server, h_echo_event, &st, &client, on_client, &ct, H_NOSYNC);
    client_h = client.h;
    for (int i = 0; i < 100; i++) CHECK_OK(S.write(client.h, SGCWS_TEXT, "m", 1, 0));
    CHECK(H_WAIT_COUNT(&st, messages, 100, 20000, NULL, 0));
    CHECK(h_wait(h_pred_at_least, &(h_at_least){&detached, 1}, 20000, NULL, 0));
    CHECK(atomic_load(&detach_rc) == SGCWS_OK);

    /* The component keeps working silently: it still sends, and its close reaches the server. */
    CHECK_OK(S.write(client.h, SGCWS_TEXT, "still here", 10, 0));
    CHECK(H_WAIT_COUNT(&st, messages, 101, 20000, NULL, 0));
    CHECK_OK(S.disconnect_wait(client.h, 10000));
    CHECK(H_WAIT_COUNT(&st, disconnects, 1, 10000, NULL, 0));
    CHECK(atomic_load(&after) == 0);
    CHECK(atomic_load(&ct.messages) == 1);
    CHECK(atomic_load(&ct.disconnects) == 0);
    CHECK_OK(S.destroy(client.h));
    CHECK_OK(S.destroy(server.h));
    return h_finish();
}
