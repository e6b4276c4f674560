/* generic.c - the generic path against the typed one, through libsgcws (loaded by tests/c/harness),
 * in the same run, interleaved over ROUNDS rounds (medians reported):
 *
 *   method  WriteData by name (sgcws_invoke on a TsgcWSProtocol_Server_Base) against the typed
 *           sgcws_write_to on its server, both queueing the same 16-byte text to one connection;
 *   event   a client's 16-byte messages raised as a registered OnMessage whose argument is read with
 *           sgcws_args, against the server's typed OnMessage record, both neNoSync.
 *
 * Prints markdown rows (bench/run.sh appends them to bench/results/latest.md).
 *   generic [ROUNDS] [CALLS] */
#include <stdlib.h>
#include <time.h>

#include "harness.h"
#include "sgcws_components.h"

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int cmp64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int64_t median(int64_t *v, int n) {
    qsort(v, (size_t)n, sizeof *v, cmp64);
    return v[n / 2];
}

static atomic_long received;
static const char MSG[] = "0123456789abcdef";

static void on_typed(void *user, const sgcws_event *ev) {
    (void)user;
    if (ev->kind == SGCWS_EV_MESSAGE && ev->data_len == 16) atomic_fetch_add(&received, 1);
}

static void on_generic(void *user, const sgcws_event *ev) {
    (void)user;
    if (ev->kind != SGCWS_EV_TsgcWSProtocol_Server_Base_OnMessage) return;
    sgcws_value v;
    int32_t n = 0;
    if (S.args(ev->args, &v, 1, &n) == SGCWS_OK && n == 1 && v.len == 16) atomic_fetch_add(&received, 1);
}

static void on_drop(void *user, const sgcws_event *ev) { (void)user, (void)ev; }

/* Waits until the connection's write queue is empty, so that each measured loop starts alike. */
static void drained(sgcws_handle conn) {
    int64_t queued = 1;
    for (int i = 0; i < 5000 && queued > 0; i++) {
        if (S.get_int(conn, "BufferedAmount", &queued) != SGCWS_OK) return;
        if (queued > 0) h_sleep_ms(1);
    }
    h_sleep_ms(20);
}

static int64_t typed_loop(sgcws_handle server, const char *guid, long calls) {
    int64_t t0 = now_ns();
    for (long i = 0; i < calls; i++) S.write_to(server, guid, SGCWS_TEXT, MSG, 16);
    return (now_ns() - t0) * 1000 / calls; /* picoseconds, for sub-ns resolution */
}

static int64_t generic_loop(sgcws_handle proto, const sgcws_value *args, long calls) {
    int64_t t0 = now_ns();
    for (long i = 0; i < calls; i++) S.invoke(proto, "WriteData", args, 2, NULL);
    return (now_ns() - t0) * 1000 / calls;
}

/* A client of server port offering protocol (NULL: none), connected, neNoSync. */
static sgcws_handle client_of(int port, const char *protocol) {
    h_comp c;
    h_comp_init(&c, SGCWS_CLIENT, H_NOSYNC, on_drop, NULL);
    if (protocol) CHECK_OK(h_set_str(c.h, "Protocols", protocol));
    h_client_url(c.h, port, "/");
    CHECK_OK(S.connect(c.h, 10000));
    return c.h;
}

/* ns per message for calls messages sent by from and counted by the server side's handler. */
static int64_t deliver(sgcws_handle from, long calls) {
    atomic_store(&received, 0);
    int64_t t0 = now_ns();
    for (long i = 0; i < calls; i++)
        while (S.write(from, SGCWS_TEXT, MSG, 16, 0) == SGCWS_E_QUEUE_FULL) h_sleep_ms(1);
    while (atomic_load(&received) < calls) h_sleep_ms(1);
    return (now_ns() - t0) / calls;
}

int main(int argc, char **argv) {
    h_init("generic-bench", 600);
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    long calls = argc > 2 ? atol(argv[2]) : 200000;
    h_comp server, proto;
    h_comp_init(&server, SGCWS_SERVER, H_NOSYNC, on_typed, NULL);
    h_comp_init(&proto, SGCWS_KIND_TsgcWSProtocol_Server_Base, H_NOSYNC, on_generic, NULL);
    CHECK_OK(h_set_str(proto.h, "Protocol", "bench"));
    CHECK_OK(S.set_int(proto.h, "Server", (int64_t)server.h));
    CHECK_OK(S.set_int(server.h, "Options.WriteQueueLimit", 1LL << 40));
    int port = h_server_listen(server.h);
    sgcws_handle plain = client_of(port, NULL), tagged = client_of(port, "bench");
    h_sleep_ms(200); /* both server-side connections are registered */
    sgcws_handle conns[4];
    int32_t nconns = 0;
    CHECK_OK(S.connections(server.h, conns, 4, &nconns));
    char guid[64] = "";
    sgcws_handle tagged_conn = 0;
    for (int i = 0; i < nconns; i++)
        if (strcmp(h_get_str(conns[i], "Protocol"), "bench") == 0) {
            snprintf(guid, sizeof guid, "%s", h_get_str(conns[i], "Guid"));
            tagged_conn = conns[i];
        }
    CHECK(guid[0] != 0);

    sgcws_value args[2] = {{.type = SGCWS_T_STRING, .data = guid, .len = (int64_t)strlen(guid)},
                           {.type = SGCWS_T_STRING, .data = MSG, .len = 16}};
    int64_t typed_call[16], generic_call[16], typed_ev[16], generic_ev[16];
    if (rounds > 16) rounds = 16;
    for (int r = 0; r < rounds; r++) { /* each round alternates which path goes first */
        for (int k = 0; k < 2; k++) {
            drained(tagged_conn);
            if ((r + k) % 2 == 0)
                typed_call[r] = typed_loop(server.h, guid, calls);
            else
                generic_call[r] = generic_loop(proto.h, args, calls);
        }
        drained(tagged_conn);
        if (r % 2 == 0) {
            typed_ev[r] = deliver(plain, calls / 4);
            generic_ev[r] = deliver(tagged, calls / 4);
        } else {
            generic_ev[r] = deliver(tagged, calls / 4);
            typed_ev[r] = deliver(plain, calls / 4);
        }
    }
    double tc = median(typed_call, rounds) / 1000.0, gc = median(generic_call, rounds) / 1000.0;
    double te = (double)median(typed_ev, rounds), ge = (double)median(generic_ev, rounds);
    printf("| generic method call: WriteData by name vs sgcws_write_to, ns/call | %.0f ns | %.0f ns | %.2fx (+%.0f ns per call) |\n",
           gc, tc, tc / gc, gc - tc);
    printf("| generic event: registered OnMessage + sgcws_args vs typed OnMessage, ns/message (neNoSync) | %.0f ns | %.0f ns | %.2fx |\n",
           ge, te, te / ge);
    S.destroy(plain);
    S.destroy(tagged);
    S.destroy(proto.h);
    S.destroy(server.h);
    return h_finish() == 0 ? 0 : 1;
}
