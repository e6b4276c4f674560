/* Blocking calls made from inside a callback fail with SGCWS_E_IN_CALLBACK instead of deadlocking
 * (sgcws_connect, sgcws_disconnect_wait, sgcws_shutdown), while non-blocking calls work there. */
#include "harness.h"

static sgcws_handle other_client;
static atomic_int connect_rc = 99, disconnect_rc = 99, shutdown_rc = 99, write_rc = 99;
static atomic_long done;

static void on_server(void *user, const sgcws_event *ev) {
    h_track_event(user, ev);
    if (ev->kind != SGCWS_EV_MESSAGE || atomic_load(&done)) return;
    atomic_store(&connect_rc, S.connect(other_client, 1000));
    atomic_store(&disconnect_rc, S.disconnect_wait(other_client, 1000));
    atomic_store(&shutdown_rc, S.shutdown());
    atomic_store(&write_rc, S.write(ev->connection, SGCWS_TEXT, "fine", 4, 0));
    atomic_store(&done, 1);
}

int main(void) {
    h_init("blocking_in_callback", 60);
    h_track st = {0}, ct = {0};
    h_comp server, client;
    h_pair(&server, on_server, &st, &client, h_track_event, &ct, H_NOSYNC);
    CHECK_OK(S.create(SGCWS_CLIENT, &other_client));
    CHECK_OK(h_set_str(other_client, "URL", h_get_str(client.h, "URL")));
    CHECK_OK(S.write(client.h, SGCWS_TEXT, "go", 2, 0));
    CHECK(h_wait(h_pred_at_least, &(h_at_least){&done, 1}, 20000, NULL, 0));
    CHECK(atomic_load(&connect_rc) == SGCWS_E_IN_CALLBACK);
    CHECK(atomic_load(&disconnect_rc) == SGCWS_E_IN_CALLBACK);
    CHECK(atomic_load(&shutdown_rc) == SGCWS_E_IN_CALLBACK);
    CHECK(atomic_load(&write_rc) == SGCWS_OK);
    CHECK(H_WAIT_COUNT(&ct, messages, 1, 10000, NULL, 0));
    /* The library still works afterwards, and the same calls succeed outside callbacks. */
    CHECK_OK(S.connect(other_client, 10000));
    CHECK_OK(S.disconnect_wait(other_client, 10000));
    CHECK_OK(S.destroy(other_client));
    CHECK_OK(S.destroy(client.h));
    CHECK_OK(S.destroy(server.h));
    return h_finish();
}
