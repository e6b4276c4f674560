/* sgcws_detach from the main thread while 4 threads send and events flow: once it returns, a flag the
 * callbacks bump never changes again, although traffic goes on (the component works silently). */
#include "harness.h"

static int64_t rec_bytes(sgcws_handle conn) {
    int64_t v = -1;
    CHECK_OK(S.get_int(conn, "RecBytes", &v));
    return v;
}

int main(void) {
    h_init("detach_under_traffic", 90);
    h_track st = {0}, ct = {0};
    h_probe sflag, cflag; /* their call counts are the flags */
    h_comp server, client;
    h_pair_probed(&server, &sflag, &st, &client, &cflag, &ct, H_NOSYNC);
    CHECK(H_WAIT_COUNT(&st, connects, 1, 10000, NULL, 0));
    sgcws_handle server_conn = atomic_load(&st.last_conn);

    h_senders senders;
    h_senders_start(&senders, client.h, 4);
    CHECK(H_WAIT_COUNT(&ct, messages, 2000, 30000, NULL, 0));

    /* Detach the client: the server keeps echoing, the client's callback stays silent. */
    CHECK_OK(S.detach(client.h));
    long frozen = atomic_load(&cflag.calls);
    long seen = atomic_load(&st.messages);
    CHECK(H_WAIT_COUNT(&st, messages, seen + 2000, 30000, NULL, 0));
    CHECK(atomic_load(&cflag.calls) == frozen);

    /* Detach the server: bytes keep arriving on its connection, its callback stays silent. */
    CHECK_OK(S.detach(server.h));
    long server_frozen = atomic_load(&sflag.calls);
    int64_t bytes = rec_bytes(server_conn);
    int64_t end = h_now_ms() + 30000;
    while (rec_bytes(server_conn) < bytes + 10000 && h_now_ms() < end) h_sleep_ms(5);
    CHECK(rec_bytes(server_conn) >= bytes + 10000);
    CHECK(atomic_load(&sflag.calls) == server_frozen);
    CHECK(atomic_load(&cflag.calls) == frozen);

    h_senders_stop(&senders);
    CHECK(atomic_load(&senders.last_rc) == 0);
    CHECK_OK(S.destroy(client.h));
    CHECK_OK(S.destroy(server.h));
    CHECK(atomic_load(&cflag.calls) == frozen);
    CHECK(atomic_load(&sflag.calls) == server_frozen);
    return h_finish();
}
