/* sgcws_shutdown while traffic flows, twice: no callback afterwards, every call but the introspection
 * ones fails with SGCWS_E_SHUTDOWN, no live handle is left and the library's goroutines wind down to
 * about their number before anything was created. */
#include "harness.h"

static void check_everything_refused(sgcws_handle server, sgcws_handle client) {
    const int E = SGCWS_E_SHUTDOWN;
    sgcws_handle h = 0;
    int32_t i32 = 0;
    int64_t i64 = 0;
    char buf[64];
    const sgcws_event *ev = NULL;
    intptr_t w = 0;
    CHECK_RC(S.create(SGCWS_CLIENT, &h), E);
    CHECK_RC(S.destroy(client), E);
    CHECK_RC(S.kind(server, &i32), E);
    CHECK_RC(S.set_int(server, "Port", 1), E);
    CHECK_RC(S.get_int(server, "Port", &i64), E);
    CHECK_RC(S.get_str(client, "URL", buf, sizeof buf, &i32), E);
    CHECK_RC(S.properties(SGCWS_CLIENT, buf, sizeof buf, &i32), E);
    CHECK_RC(S.start(server), E);
    CHECK_RC(S.stop(server), E);
    CHECK_RC(S.connect(client, 100), E);
    CHECK_RC(S.write(client, SGCWS_TEXT, "x", 1, 0), E);
    CHECK_RC(S.broadcast(server, SGCWS_TEXT, "x", 1, NULL, NULL, NULL, NULL), E);
    CHECK_RC(S.ping(client, NULL, 0), E);
    CHECK_RC(S.set_callback(client, NULL, NULL), E);
    CHECK_RC(S.poll(server, &ev, 1, 0, &i32), E);
    CHECK_RC(S.waitable(server, &w), E);
    CHECK_RC(S.detach(server), E);
}

int main(void) {
    h_init("shutdown", 90);
    int64_t handles = -1, g0 = -1, g = -1;
    CHECK_OK(S.stats(&handles, &g0));
    CHECK(handles == 0 && g0 > 0);

    h_track st = {0}, ct = {0};
    h_probe sflag, cflag; /* their call counts are the flags */
    h_comp server, client;
    h_pair_probed(&server, &sflag, &st, &client, &cflag, &ct, H_NOSYNC);
    h_senders senders;
    h_senders_start(&senders, client.h, 4);
    CHECK(H_WAIT_COUNT(&ct, messages, 2000, 30000, NULL, 0));
    CHECK_OK(S.stats(&handles, &g));
    CHECK(handles >= 3); /* server, client, two connections */

    CHECK_OK(S.shutdown());
    long frozen = atomic_load(&sflag.calls) + atomic_load(&cflag.calls);
    /* Every write after shutdown fails, so each sender must end on a failure of its own; one that was
     * mid-write when shutdown began may see the connection closing instead of SGCWS_E_SHUTDOWN. */
    CHECK(h_senders_wait_failed(&senders, 10000));
    h_senders_stop(&senders);
    int rc = atomic_load(&senders.last_rc);
    CHECK(rc == SGCWS_E_SHUTDOWN || rc == SGCWS_E_CLOSED || rc == SGCWS_E_HANDLE || rc == SGCWS_E_STATE);
    CHECK_OK(S.shutdown());
    check_everything_refused(server.h, client.h);
    CHECK(strcmp(S.errstr(SGCWS_E_SHUTDOWN), "") != 0);
    CHECK(S.abi_version() == SGCWS_ABI_VERSION);
    CHECK(S.version() != NULL && S.version()[0] != 0);

    CHECK_OK(S.stats(&handles, NULL));
    CHECK(handles == 0);
    /* Goroutines exit shortly after: wait (bounded) until they are back near the start value. */
    int64_t end = h_now_ms() + 15000;
    do {
        CHECK_OK(S.stats(NULL, &g));
        if (g <= g0 + 3) break;
        h_sleep_ms(20);
    } while (h_now_ms() < end);
    if (g > g0 + 3) h_fail(__FILE__, __LINE__, "goroutines: %lld at start, %lld after shutdown", (long long)g0, (long long)g);
    CHECK(atomic_load(&sflag.calls) + atomic_load(&cflag.calls) == frozen);
    return h_finish();
}
