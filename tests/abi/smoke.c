/* smoke.c - end-to-end check of the C ABI layer, run against libsgcws.so (tests/abi/run.sh) and
 * against sgcws.dll under Wine (tools/wine-smoke.sh).
 *
 * It behaves like a Pascal host: FPU exceptions unmasked before the library is loaded and around
 * every call, callbacks that unmask them again on library threads. It checks the error rules, a
 * neNoSync echo through callbacks, a neAsynchronous exchange through sgcws_poll, the "inside a
 * callback" rules, shutdown and a harmless unload. Prints "PASS ..." and exits 0, or "FAIL ..." and 1. */
#define LIB_FUNCS(X)                                                                               \
    X(abi_version) X(version) X(errstr) X(errmsg) X(create) X(destroy) X(kind) X(set_str)          \
    X(set_int) X(get_int) X(get_str) X(set_callback) X(start) X(connect) X(disconnect_wait)        \
    X(write) X(poll) X(release) X(shutdown) X(stats) X(detach) X(waitable) X(set_data)
#include "loader.h"
#include "../../capi/fpu.h"

#include <string.h>

/* What Delphi and FPC leave in the FPU: invalid, zero-divide and overflow unmasked. */
#define HOST_MXCSR 0x1900u
#define HOST_X87 0x1332u

static int failures;
#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            failures++;                                                                            \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                                   \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fprintf(stderr, " (errmsg: %s)\n", api.errmsg ? api.errmsg() : "-");                  \
        }                                                                                          \
    } while (0)
#define CHECK_RC(call, want) do { int32_t rc_ = (call); CHECK(rc_ == (want), "%s = %d, want %d", #call, rc_, want); } while (0)

static sgcws_fpu host_state; /* as read back: some CPUs set reserved bits */

static void host_fpu(void) {
    sgcws_fpu s = {HOST_MXCSR, HOST_X87};
    sgcws_fpu_restore(s);
}

static int host_fpu_intact(void) {
    sgcws_fpu s = sgcws_fpu_save();
    return (s.mxcsr & 0xFFC0u) == (host_state.mxcsr & 0xFFC0u) && s.x87cw == host_state.x87cw;
}

static int fpu_masked(void) {
#if defined(__x86_64__) || defined(__i386__)
    sgcws_fpu s = sgcws_fpu_save();
    return (s.mxcsr & 0x1F80u) == 0x1F80u && (s.x87cw & 0x3Fu) == 0x3Fu;
#else
    return 1;
#endif
}

/* ---- callbacks (run on library threads) ---- */

static int cb_unmasked;   /* callbacks entered with FPU exceptions unmasked */
static int cb_in_callback; /* sgcws_connect from a callback did not say SGCWS_E_IN_CALLBACK */
static int srv_echoed, cli_received, cli_connected;
static char cli_text[64];

static void SGCWS_CALL server_cb(void *user, const sgcws_event *ev) {
    (void)user;
    if (!fpu_masked())
        __atomic_add_fetch(&cb_unmasked, 1, __ATOMIC_SEQ_CST);
    if (ev->kind == SGCWS_EV_MESSAGE || ev->kind == SGCWS_EV_BINARY) {
        int type = ev->kind == SGCWS_EV_MESSAGE ? SGCWS_TEXT : SGCWS_BINARY;
        if (api.write(ev->connection, type, ev->data, ev->data_len, 0) == SGCWS_OK) /* echo */
            __atomic_add_fetch(&srv_echoed, 1, __ATOMIC_SEQ_CST);
    }
    host_fpu(); /* what FPC's per-thread start-up does: must not leak into the library */
}

static void SGCWS_CALL client_cb(void *user, const sgcws_event *ev) {
    sgcws_handle self = *(sgcws_handle *)user;
    if (!fpu_masked())
        __atomic_add_fetch(&cb_unmasked, 1, __ATOMIC_SEQ_CST);
    if (ev->kind == SGCWS_EV_CONNECT)
        __atomic_store_n(&cli_connected, 1, __ATOMIC_SEQ_CST);
    if (ev->kind == SGCWS_EV_MESSAGE) {
        if (api.connect(self, 1000) != SGCWS_E_IN_CALLBACK)
            __atomic_add_fetch(&cb_in_callback, 1, __ATOMIC_SEQ_CST);
        size_t n = ev->data_len < (int64_t)sizeof cli_text - 1 ? (size_t)ev->data_len : sizeof cli_text - 1;
        memcpy(cli_text, ev->data, n);
        cli_text[n] = 0;
        __atomic_store_n(&cli_received, 1, __ATOMIC_SEQ_CST);
    }
    host_fpu();
}

static int wait_flag(int *flag, int ms) {
    for (int i = 0; i < ms / 10 && !__atomic_load_n(flag, __ATOMIC_SEQ_CST); i++)
        sleep_ms(10);
    return __atomic_load_n(flag, __ATOMIC_SEQ_CST);
}

/* ---- steps ---- */

static void check_errors(void) {
    sgcws_handle h = 0;
    char buf[4];
    int32_t len = 0;

    CHECK(strcmp(api.errstr(SGCWS_E_ARG), "invalid argument") == 0, "errstr(E_ARG) = %s", api.errstr(SGCWS_E_ARG));
    CHECK(strcmp(api.errstr(12345), "unknown status code") == 0, "errstr(12345)");
    CHECK_RC(api.create(SGCWS_CLIENT, NULL), SGCWS_E_ARG);
    CHECK(strstr(api.errmsg(), "sgcws_create") != NULL, "errmsg names the function: %s", api.errmsg());
    CHECK(api.errstr(SGCWS_OK) && strlen(api.errmsg()) > 0, "errstr must not clear the last error");
    CHECK_RC(api.create(99, &h), SGCWS_E_ARG);
    CHECK_RC(api.create(SGCWS_CLIENT, &h), SGCWS_OK);
    CHECK(api.errmsg()[0] == 0, "success clears the last error: %s", api.errmsg());
    CHECK_RC(api.set_int(h, NULL, 1), SGCWS_E_ARG);
    CHECK_RC(api.set_int(h, "NoSuchProperty", 1), SGCWS_E_PROPERTY);
    CHECK(strstr(api.errmsg(), "NoSuchProperty") != NULL, "errmsg names the property: %s", api.errmsg());
    CHECK_RC(api.set_str(h, "URL", NULL, 5), SGCWS_E_ARG);
    CHECK_RC(api.set_str(h, "URL", "ws://x", -1), SGCWS_E_ARG);
    CHECK_RC(api.write(h, SGCWS_TEXT, "x", -1, 0), SGCWS_E_ARG);
    CHECK_RC(api.get_str(h, "NotifyEvents", buf, sizeof buf, &len), SGCWS_E_BUFFER);
    CHECK(len == (int32_t)strlen("neAsynchronous"), "needed length %d", len);
    CHECK_RC(api.get_str(h, "NotifyEvents", NULL, 0, NULL), SGCWS_E_ARG);
    CHECK_RC(api.poll(h, NULL, 4, 0, &len), SGCWS_E_ARG);
    CHECK_RC(api.destroy(h), SGCWS_OK);
    CHECK_RC(api.destroy(h), SGCWS_E_HANDLE);
    CHECK_RC(api.kind(h, &len), SGCWS_E_HANDLE);
    CHECK(host_fpu_intact(), "the host's FPU state survives failing calls");
}

static sgcws_handle start_server(int *port) {
    sgcws_handle srv = 0;
    char addr[128];
    int32_t len = 0;
    CHECK_RC(api.create(SGCWS_SERVER, &srv), SGCWS_OK);
    CHECK_RC(api.set_str(srv, "NotifyEvents", "neNoSync", 8), SGCWS_OK);
    CHECK_RC(api.set_str(srv, "Bindings", "127.0.0.1:0", 11), SGCWS_OK);
    CHECK_RC(api.set_callback(srv, server_cb, NULL), SGCWS_OK);
    CHECK_RC(api.start(srv), SGCWS_OK);
    CHECK_RC(api.get_str(srv, "ListenAddresses", addr, sizeof addr, &len), SGCWS_OK);
    const char *colon = strrchr(addr, ':');
    *port = colon ? atoi(colon + 1) : 0;
    CHECK(*port > 0, "listening port from ListenAddresses \"%s\"", addr);
    return srv;
}

static sgcws_handle make_client(int port, const char *mode) {
    sgcws_handle c = 0;
    char url[64];
    snprintf(url, sizeof url, "ws://127.0.0.1:%d/", port);
    CHECK_RC(api.create(SGCWS_CLIENT, &c), SGCWS_OK);
    CHECK_RC(api.set_str(c, "URL", url, (int32_t)strlen(url)), SGCWS_OK);
    CHECK_RC(api.set_str(c, "NotifyEvents", mode, (int32_t)strlen(mode)), SGCWS_OK);
    return c;
}

/* neNoSync: connect, send text, the server's callback echoes it, the client's callback receives it. */
static void check_nosync(int port) {
    static sgcws_handle cli;
    cli = make_client(port, "neNoSync");
    CHECK_RC(api.set_callback(cli, client_cb, &cli), SGCWS_OK);
    CHECK_RC(api.connect(cli, 5000), SGCWS_OK);
    CHECK(wait_flag(&cli_connected, 5000), "OnConnect reached the client callback");
    CHECK_RC(api.write(cli, SGCWS_TEXT, "hello nosync", 12, 0), SGCWS_OK);
    CHECK(wait_flag(&cli_received, 5000), "echo reached the client callback");
    CHECK(strcmp(cli_text, "hello nosync") == 0, "echo text \"%s\"", cli_text);
    CHECK(cb_in_callback == 0, "sgcws_connect inside a callback must fail with SGCWS_E_IN_CALLBACK");
    CHECK_RC(api.disconnect_wait(cli, 5000), SGCWS_OK);
    CHECK_RC(api.destroy(cli), SGCWS_OK);
}

/* neAsynchronous: events are drained with sgcws_poll; records stay valid until the next poll. */
static void check_poll(int port) {
    sgcws_handle cli = make_client(port, "neAsynchronous");
    const sgcws_event *evs[16];
    int32_t n = 0;
    intptr_t w = 0;
    int got = 0;
    CHECK_RC(api.waitable(cli, &w), SGCWS_OK);
    CHECK_RC(api.connect(cli, 5000), SGCWS_OK);
    CHECK_RC(api.write(cli, SGCWS_BINARY, "poll\0me", 7, 0), SGCWS_OK);
    for (int i = 0; i < 50 && !got; i++) {
        CHECK_RC(api.poll(cli, evs, 16, 100, &n), SGCWS_OK);
        for (int k = 0; k < n; k++) {
            const sgcws_event *e = evs[k];
            CHECK(e->struct_size == sizeof(sgcws_event), "struct_size %u", e->struct_size);
            CHECK(e->component == cli, "component %llu", (unsigned long long)e->component);
            if (e->kind == SGCWS_EV_BINARY) {
                got = e->data_len == 7 && memcmp(e->data, "poll\0me", 7) == 0;
                CHECK(got, "binary echo of %lld bytes", (long long)e->data_len);
            }
        }
    }
    CHECK(got, "binary echo arrived through sgcws_poll");
    CHECK_RC(api.release(cli), SGCWS_OK);
    CHECK_RC(api.disconnect_wait(cli, 5000), SGCWS_OK);
    CHECK_RC(api.destroy(cli), SGCWS_OK);
}

static void check_shutdown(void) {
    sgcws_handle h = 0;
    int64_t handles = -1;
    CHECK_RC(api.shutdown(), SGCWS_OK);
    CHECK_RC(api.shutdown(), SGCWS_OK);
    CHECK_RC(api.create(SGCWS_CLIENT, &h), SGCWS_E_SHUTDOWN);
    CHECK_RC(api.stats(&handles, NULL), SGCWS_OK);
    CHECK(handles == 0, "%lld handles live after shutdown", (long long)handles);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: smoke <path to libsgcws.so or sgcws.dll>\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    host_fpu();
    host_state = sgcws_fpu_save();
    lib_t lib = load_api(argv[1]);
    CHECK(host_fpu_intact(), "loading the library leaves the host's FPU state alone");
    CHECK(api.abi_version() == SGCWS_ABI_VERSION, "abi_version %d", api.abi_version());
    CHECK(strlen(api.version()) > 0, "version");

    check_errors();
    int port = 0;
    sgcws_handle srv = start_server(&port);
    if (port > 0) {
        check_nosync(port);
        check_poll(port);
    }
    CHECK(srv_echoed >= 2, "the server's callback echoed %d messages", srv_echoed);
    CHECK(cb_unmasked == 0, "%d callbacks entered with FPU exceptions unmasked", cb_unmasked);
    CHECK(host_fpu_intact(), "the host's FPU state survives every call");
    CHECK_RC(api.destroy(srv), SGCWS_OK);
    check_shutdown();

    lib_close(lib); /* must be harmless: the library is never really unloaded */
    sleep_ms(300);  /* give unmapped code a chance to crash, if it were unmapped */
    if (failures) {
        printf("FAIL smoke: %d checks failed\n", failures);
        return 1;
    }
    printf("PASS smoke: errors, neNoSync echo, sgcws_poll, in-callback rules, FPU guards, shutdown, unload\n");
    return 0;
}
