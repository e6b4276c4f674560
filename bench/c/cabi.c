/* cabi.c - the C-ABI benchmark host: an echo server and N clients through libsgcws (loaded by
 * tests/c/harness), each client keeping WINDOW binary messages of SIZE bytes in flight, in neNoSync
 * (callbacks) or neAsynchronous (one thread per component polling). The same measurement as
 * bench/cmd/wsbench/load.go; prints one line "RESULT {json}" that wsbench parses.
 *
 *   cabi nosync|async CONNS SIZE WINDOW WARM_MS DUR_MS */
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "harness.h"

enum { MAX_WINDOW = 64 };

typedef struct bconn {
    h_comp c;
    pthread_mutex_t mu;
    int64_t inflight[MAX_WINDOW]; /* send times, FIFO ring */
    int head, len;
    int64_t *lat;
    size_t nlat, cap;
} bconn;

static atomic_int measuring, stopping, pollers_stop;
static atomic_long count, outstanding, send_errors;
static char *payload;
static int64_t size;

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void issue(bconn *b) {
    pthread_mutex_lock(&b->mu);
    b->inflight[(b->head + b->len++) % MAX_WINDOW] = now_ns();
    pthread_mutex_unlock(&b->mu);
    atomic_fetch_add(&outstanding, 1);
    if (S.write(b->c.h, SGCWS_BINARY, payload, size, 0) != SGCWS_OK) atomic_fetch_add(&send_errors, 1);
}

static void on_client(void *user, const sgcws_event *ev) {
    if (ev->kind != SGCWS_EV_BINARY) return;
    bconn *b = user;
    int64_t now = now_ns();
    int m = atomic_load(&measuring);
    pthread_mutex_lock(&b->mu);
    int64_t t0 = b->inflight[b->head];
    b->head = (b->head + 1) % MAX_WINDOW;
    b->len--;
    if (m) {
        if (b->nlat == b->cap) {
            b->cap = b->cap ? b->cap * 2 : 4096;
            b->lat = realloc(b->lat, b->cap * sizeof *b->lat);
        }
        b->lat[b->nlat++] = now - t0;
    }
    pthread_mutex_unlock(&b->mu);
    if (m) atomic_fetch_add(&count, 1);
    atomic_fetch_sub(&outstanding, 1);
    if (!atomic_load(&stopping)) issue(b);
}

static void on_server(void *user, const sgcws_event *ev) {
    (void)user;
    if (ev->kind == SGCWS_EV_BINARY) S.write(ev->connection, SGCWS_BINARY, ev->data, ev->data_len, 0);
}

static void *poller(void *p) {
    h_comp *c = p;
    while (!atomic_load(&pollers_stop)) h_pump(c, 20);
    return NULL;
}

/* CPU-seconds (user + sys) of this process so far; *maxrss_kib its peak resident set (Linux: KiB). */
static double cpu_seconds(long *maxrss_kib) {
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0) return 0;
    if (maxrss_kib) *maxrss_kib = ru.ru_maxrss;
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static int cmp64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 7) {
        fprintf(stderr, "usage: cabi nosync|async CONNS SIZE WINDOW WARM_MS DUR_MS\n");
        return 2;
    }
    int mode = strcmp(argv[1], "async") == 0 ? H_ASYNC : H_NOSYNC;
    int n = atoi(argv[2]), window = atoi(argv[4]), warm = atoi(argv[5]), dur = atoi(argv[6]);
    size = atoll(argv[3]);
    if (n < 1 || window < 1 || window > MAX_WINDOW) return 2;
    h_init("cabi_bench", 120);
    payload = malloc(size);
    for (int64_t i = 0; i < size; i++) payload[i] = "alpha bravo charlie delta echo 0123456789 "[i % 42];

    h_comp server;
    bconn *cs = calloc(n, sizeof *cs);
    pthread_t *threads = calloc(n + 1, sizeof *threads);
    h_comp_init(&server, SGCWS_SERVER, mode, on_server, NULL);
    int port = h_server_listen(server.h);
    if (mode == H_ASYNC) pthread_create(&threads[n], NULL, poller, &server);
    for (int i = 0; i < n; i++) {
        pthread_mutex_init(&cs[i].mu, NULL);
        h_comp_init(&cs[i].c, SGCWS_CLIENT, mode, on_client, &cs[i]);
        h_client_url(cs[i].c.h, port, "/");
        if (mode == H_ASYNC) pthread_create(&threads[i], NULL, poller, &cs[i].c);
    }
    for (int i = 0; i < n; i++) CHECK_OK(S.connect(cs[i].c.h, 10000));
    if (atomic_load(&h_failures)) return h_finish();

    for (int w = 0; w < window; w++)
        for (int i = 0; i < n; i++) issue(&cs[i]);
    h_sleep_ms(warm);
    atomic_store(&measuring, 1);
    int64_t start = now_ns();
    double cpu0 = cpu_seconds(NULL);
    h_sleep_ms(dur);
    atomic_store(&measuring, 0);
    double elapsed = (double)(now_ns() - start) / 1e9;
    double cpu = cpu_seconds(NULL) - cpu0;
    long got = atomic_load(&count);
    atomic_store(&stopping, 1);
    for (int64_t end = h_now_ms() + 5000; atomic_load(&outstanding) > 0 && h_now_ms() < end;) h_sleep_ms(1);

    atomic_store(&pollers_stop, 1);
    if (mode == H_ASYNC)
        for (int i = 0; i <= n; i++) pthread_join(threads[i], NULL);
    for (int i = 0; i < n; i++) CHECK_OK(S.destroy(cs[i].c.h));
    CHECK_OK(S.destroy(server.h));
    CHECK(atomic_load(&send_errors) == 0);
    CHECK(got > 0);

    size_t total = 0;
    for (int i = 0; i < n; i++) total += cs[i].nlat;
    int64_t *all = malloc((total ? total : 1) * sizeof *all);
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        memcpy(all + k, cs[i].lat, cs[i].nlat * sizeof *all);
        k += cs[i].nlat;
    }
    qsort(all, total, sizeof *all, cmp64);
#define PCT(q) (total ? (double)all[(size_t)((q) * (double)(total - 1))] : 0.0)
    long maxrss = 0;
    cpu_seconds(&maxrss);
    printf("RESULT {\"rate\":%.1f,\"p50\":%.0f,\"p99\":%.0f,\"p999\":%.0f,\"n\":%ld,\"cpu\":%.3f,\"percpu\":%.1f,"
           "\"maxrss_kib\":%ld}\n",
           got / elapsed, PCT(0.5), PCT(0.99), PCT(0.999), got, cpu, cpu > 0 ? got / cpu : 0.0, maxrss);
    return h_finish();
}
