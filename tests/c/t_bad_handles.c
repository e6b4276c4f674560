/* Invalid, stale, forged and wrong-kind handles give SGCWS_E_HANDLE; NULL pointers, negative lengths
 * and bad kinds give SGCWS_E_ARG; nothing crashes. */
#include "harness.h"

/* A sample of calls on a handle that must all fail with `want`. */
static void check_calls(sgcws_handle h, int32_t want) {
    int32_t i32 = 0;
    int64_t i64 = 0;
    char buf[16];
    const sgcws_event *ev = NULL;
    intptr_t w = 0;
    void *data = NULL;
    CHECK_RC(S.kind(h, &i32), want);
    CHECK_RC(S.set_int(h, "Port", 1), want);
    CHECK_RC(S.get_int(h, "Port", &i64), want);
    CHECK_RC(S.get_str(h, "URL", buf, sizeof buf, &i32), want);
    CHECK_RC(S.start(h), want);
    CHECK_RC(S.stop(h), want);
    CHECK_RC(S.write(h, SGCWS_TEXT, "x", 1, 0), want);
    CHECK_RC(S.ping(h, "p", 1), want);
    CHECK_RC(S.close(h, 1000), want);
    CHECK_RC(S.set_data(h, &i32), want);
    CHECK_RC(S.get_data(h, &data), want);
    CHECK_RC(S.poll(h, &ev, 1, 0, &i32), want);
    CHECK_RC(S.waitable(h, &w), want);
    CHECK_RC(S.done(h), want);
    CHECK_RC(S.detach(h), want);
    CHECK_RC(S.destroy(h), want);
}

int main(void) {
    h_init("bad_handles_and_args", 60);
    check_calls(0, SGCWS_E_HANDLE);
    check_calls(0xdeadbeef12345678ull, SGCWS_E_HANDLE);
    check_calls(~0ull, SGCWS_E_HANDLE);

    /* Stale: a destroyed handle, and its neighbours (values are never reused). */
    sgcws_handle c = 0;
    CHECK_OK(S.create(SGCWS_CLIENT, &c));
    CHECK(c != 0);
    CHECK_OK(S.destroy(c));
    check_calls(c, SGCWS_E_HANDLE);
    check_calls(c + 1, SGCWS_E_HANDLE);
    sgcws_handle c2 = 0;
    CHECK_OK(S.create(SGCWS_CLIENT, &c2));
    CHECK(c2 != c);
    CHECK_RC(S.kind(c, &(int32_t){0}), SGCWS_E_HANDLE);

    /* Wrong kind: client-only and server-only calls on the other kind. */
    sgcws_handle srv = 0;
    CHECK_OK(S.create(SGCWS_SERVER, &srv));
    int32_t kind = 0;
    CHECK_OK(S.kind(srv, &kind));
    CHECK(kind == SGCWS_SERVER);
    CHECK_RC(S.connect(srv, 100), SGCWS_E_HANDLE);
    CHECK_RC(S.broadcast(c2, SGCWS_TEXT, "x", 1, NULL, NULL, NULL, NULL), SGCWS_E_HANDLE);
    CHECK_RC(S.subscribe(srv, "ch"), SGCWS_E_HANDLE);
    CHECK_RC(S.done(srv), SGCWS_E_HANDLE);

    /* NULL pointers, negative lengths, bad kinds. */
    CHECK_RC(S.create(SGCWS_CLIENT, NULL), SGCWS_E_ARG);
    CHECK_RC(S.create(99, &c), SGCWS_E_ARG);
    CHECK_RC(S.create(SGCWS_CONNECTION, &c), SGCWS_E_ARG);
    CHECK_RC(S.kind(c2, NULL), SGCWS_E_ARG);
    CHECK_RC(S.set_int(c2, NULL, 1), SGCWS_E_ARG);
    CHECK_RC(S.set_str(c2, "URL", NULL, 5), SGCWS_E_ARG);
    CHECK_RC(S.set_str(c2, "URL", "ws://x", -1), SGCWS_E_ARG);
    CHECK_RC(S.get_int(c2, "Port", NULL), SGCWS_E_ARG);
    CHECK_RC(S.get_bool(c2, "TLS", NULL), SGCWS_E_ARG);
    CHECK_RC(S.get_str(c2, "URL", NULL, 10, &kind), SGCWS_E_ARG);
    CHECK_RC(S.write(c2, SGCWS_TEXT, NULL, 4, 0), SGCWS_E_ARG);
    CHECK_RC(S.write(c2, SGCWS_TEXT, "abc", -3, 0), SGCWS_E_ARG);
    CHECK_RC(S.write(c2, 7, "abc", 3, 0), SGCWS_E_ARG);
    CHECK_RC(S.poll(srv, NULL, 1, 0, &kind), SGCWS_E_ARG);
    CHECK_RC(S.waitable(srv, NULL), SGCWS_E_ARG);
    CHECK_RC(S.connections(srv, NULL, 0, NULL), SGCWS_E_ARG);
    CHECK_RC(S.properties(42, NULL, 0, &kind), SGCWS_E_ARG);
    CHECK_OK(S.stats(NULL, NULL));
    CHECK(strcmp(S.errstr(12345), "unknown status code") == 0);
    CHECK(strcmp(S.errstr(SGCWS_E_HANDLE), S.errstr(SGCWS_E_ARG)) != 0);

    /* After a success the thread's message is empty. */
    CHECK_OK(S.kind(srv, &kind));
    CHECK(S.errmsg()[0] == 0);
    CHECK_OK(S.destroy(c2));
    CHECK_OK(S.destroy(srv));
    return h_finish();
}
