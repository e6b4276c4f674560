/* neNoSync: every callback of a server and a client runs on a library thread, never on the host's
 * main thread, nothing is queued for sgcws_poll, and a message round trip works. */
#include "harness.h"

int main(void) {
    h_init("delivery_nosync", 60);
    h_track st = {0}, ct = {0};
    h_probe sp, cp;
    h_comp server, client;
    h_pair_probed(&server, &sp, &st, &client, &cp, &ct, H_NOSYNC);

    for (int i = 0; i < 50; i++) CHECK_OK(S.write(client.h, SGCWS_TEXT, "hello", 5, 0));
    CHECK_OK(S.write(client.h, SGCWS_BINARY, "\0\1\2", 3, 0));
    CHECK(H_WAIT_COUNT(&ct, messages, 50, 20000, NULL, 0));
    CHECK(H_WAIT_COUNT(&ct, binaries, 1, 20000, NULL, 0));
    CHECK(atomic_load(&st.connects) == 1);
    CHECK(atomic_load(&ct.connects) == 1);

    const sgcws_event *evs[4];
    int32_t n = -1;
    int32_t rc = S.poll(server.h, evs, 4, 0, &n);
    CHECK(rc != SGCWS_OK || n == 0);

    CHECK_OK(S.disconnect_wait(client.h, 10000));
    CHECK(H_WAIT_COUNT(&st, disconnects, 1, 10000, NULL, 0));
    CHECK(atomic_load(&sp.calls) > 50 && atomic_load(&cp.calls) > 50);
    CHECK(atomic_load(&sp.on_main) == 0);
    CHECK(atomic_load(&cp.on_main) == 0);
    CHECK_OK(S.destroy(client.h));
    CHECK_OK(S.destroy(server.h));
    return h_finish();
}
