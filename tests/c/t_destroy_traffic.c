/* sgcws_destroy while traffic flows: it returns, no callback of the component runs afterwards, the
 * handle is stale (SGCWS_E_HANDLE) for the sending threads and for the host. */
#include "harness.h"

static int sender_failed(void *senders) { return atomic_load(&((h_senders *)senders)->last_rc) != 0; }

int main(void) {
    h_init("destroy_under_traffic", 90);
    h_track st = {0}, ct1 = {0}, ct2 = {0};
    h_probe sflag, cflag; /* their call counts are the flags */
    h_comp server, c1, c2;
    h_pair_probed(&server, &sflag, &st, &c1, &cflag, &ct1, H_NOSYNC);
    h_comp_init(&c2, SGCWS_CLIENT, H_NOSYNC, h_track_event, &ct2);
    CHECK_OK(h_set_str(c2.h, "URL", h_get_str(c1.h, "URL")));
    CHECK_OK(S.connect(c2.h, 10000));

    h_senders s1, s2;
    h_senders_start(&s1, c1.h, 2);
    h_senders_start(&s2, c2.h, 2);
    CHECK(H_WAIT_COUNT(&ct1, messages, 1000, 30000, NULL, 0));
    CHECK(H_WAIT_COUNT(&ct2, messages, 1000, 30000, NULL, 0));

    /* Destroy a client mid-traffic: its senders stop on SGCWS_E_HANDLE, its callback is silent. */
    CHECK_OK(S.destroy(c1.h));
    long frozen = atomic_load(&cflag.calls);
    CHECK(h_wait(sender_failed, &s1, 10000, NULL, 0));
    h_senders_stop(&s1);
    int rc = atomic_load(&s1.last_rc); /* a write racing the destroy may see the closing connection */
    CHECK(rc == SGCWS_E_HANDLE || rc == SGCWS_E_CLOSED || rc == SGCWS_E_STATE);
    CHECK_RC(S.write(c1.h, SGCWS_TEXT, "x", 1, 0), SGCWS_E_HANDLE);
    CHECK_RC(S.destroy(c1.h), SGCWS_E_HANDLE);

    /* Destroy the server while the other client's traffic flows: that client sees a disconnect. */
    long seen = atomic_load(&st.messages);
    CHECK(H_WAIT_COUNT(&st, messages, seen + 500, 30000, NULL, 0));
    CHECK_OK(S.destroy(server.h));
    long server_frozen = atomic_load(&sflag.calls);
    CHECK(H_WAIT_COUNT(&ct2, disconnects, 1, 20000, NULL, 0));
    h_senders_stop(&s2);
    CHECK_RC(S.set_int(server.h, "Port", 1), SGCWS_E_HANDLE);
    CHECK(atomic_load(&cflag.calls) == frozen);
    CHECK(atomic_load(&sflag.calls) == server_frozen);
    CHECK_OK(S.destroy(c2.h));
    return h_finish();
}
