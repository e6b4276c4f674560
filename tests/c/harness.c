/* harness.c - see harness.h. */
#define _GNU_SOURCE
#include "harness.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

sgcws_api S;
atomic_int h_failures;
atomic_int h_checks;
const char *const h_mode_names[3] = {"neAsynchronous", "neSynchronous", "neNoSync"};
static const char *h_name = "test";

static void h_on_alarm(int sig) {
    (void)sig;
    static const char msg[] = "FAIL: watchdog timeout, the test hung\n";
    ssize_t r = write(2, msg, sizeof msg - 1);
    (void)r;
    _exit(3);
}

void h_init(const char *test_name, unsigned limit_s) {
    h_name = test_name;
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *path = getenv("SGCWS_LIB");
    if (!path || !*path) path = "out/linux-amd64/libsgcws.so";
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        printf("FAIL %s: cannot load %s: %s\n", h_name, path, dlerror());
        exit(2);
    }
#define H_RESOLVE(name)                                                               \
    *(void **)&S.name = dlsym(lib, "sgcws_" #name);                                   \
    if (!S.name) {                                                                    \
        printf("FAIL %s: %s lacks sgcws_%s\n", h_name, path, #name);                  \
        exit(2);                                                                      \
    }
    SGCWS_FUNCTIONS(H_RESOLVE)
#undef H_RESOLVE
    if (S.abi_version() != SGCWS_ABI_VERSION) {
        printf("FAIL %s: ABI version %d, header %d\n", h_name, S.abi_version(), SGCWS_ABI_VERSION);
        exit(2);
    }
    signal(SIGALRM, h_on_alarm);
    signal(SIGPIPE, SIG_IGN);
    alarm(limit_s);
}

void h_fail(const char *file, int line, const char *fmt, ...) {
    atomic_fetch_add(&h_failures, 1);
    va_list ap;
    va_start(ap, fmt);
    flockfile(stderr);
    fprintf(stderr, "  %s:%d: ", file, line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    funlockfile(stderr);
    va_end(ap);
}

int h_finish(void) {
    int f = atomic_load(&h_failures), n = atomic_load(&h_checks);
    if (n == 0) {
        printf("FAIL %s: no checks ran\n", h_name);
        return 1;
    }
    if (f) {
        printf("FAIL %s: %d of %d checks failed\n", h_name, f, n);
        return 1;
    }
    printf("PASS %s (%d checks)\n", h_name, n);
    return 0;
}

int64_t h_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void h_sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {
    }
}

/* ---- components and delivery ---- */

void h_comp_init(h_comp *c, int32_t kind, int mode, h_handler fn, void *user) {
    memset(c, 0, sizeof *c);
    c->mode = mode;
    c->fn = fn;
    c->user = user;
    CHECK_OK(S.create(kind, &c->h));
    CHECK_OK(h_set_str(c->h, "NotifyEvents", h_mode_names[mode]));
    if (mode == H_NOSYNC) CHECK_OK(S.set_callback(c->h, (sgcws_event_cb)fn, user));
}

void h_pair(h_comp *server, h_handler sfn, void *suser, h_comp *client, h_handler cfn, void *cuser, int mode) {
    h_comp_init(server, SGCWS_SERVER, mode, sfn, suser);
    h_comp_init(client, SGCWS_CLIENT, mode, cfn, cuser);
    h_client_url(client->h, h_server_listen(server->h), "/");
    CHECK_OK(S.connect(client->h, 10000));
}

void h_pair_probed(h_comp *server, h_probe *sp, h_track *st, h_comp *client, h_probe *cp, h_track *ct, int mode) {
    h_probe_init(sp, h_echo_event, st);
    h_probe_init(cp, h_track_event, ct);
    h_pair(server, h_probe_event, sp, client, h_probe_event, cp, mode);
}

int h_decision_server(h_comp *c, int32_t kind, int mode, const char *opt_in, h_handler fn, void *user) {
    h_comp_init(c, kind, mode, fn, user);
    CHECK_OK(S.set_bool(c->h, opt_in, 1));
    return h_server_listen(c->h);
}

void h_probe_init(h_probe *p, h_handler inner, void *user) {
    memset(p, 0, sizeof *p);
    p->inner = inner;
    p->user = user;
    p->main_thread = pthread_self();
}

void h_probe_event(void *probe, const sgcws_event *ev) {
    h_probe *p = probe;
    atomic_fetch_add(&p->calls, 1);
    atomic_fetch_add(pthread_equal(pthread_self(), p->main_thread) ? &p->on_main : &p->off_main, 1);
    p->inner(p->user, ev);
}

int h_pump(h_comp *c, int timeout_ms) {
    if (c->mode == H_NOSYNC) return 0;
    const sgcws_event *evs[64];
    int32_t n = 0;
    int32_t rc = S.poll(c->h, evs, 64, timeout_ms, &n);
    if (rc != SGCWS_OK) return 0;
    for (int i = 0; i < n; i++) c->fn(c->user, evs[i]);
    return n;
}

int h_wait(int (*pred)(void *), void *arg, int timeout_ms, h_comp **comps, int n) {
    int64_t end = h_now_ms() + timeout_ms;
    int queued = 0;
    for (int i = 0; i < n; i++) queued += comps[i]->mode != H_NOSYNC;
    while (!pred(arg)) {
        if (h_now_ms() > end) return 0;
        if (!queued) {
            h_sleep_ms(1);
            continue;
        }
        for (int i = 0; i < n; i++) h_pump(comps[i], queued > 1 ? 1 : 10);
    }
    return 1;
}

typedef struct h_job {
    void (*fn)(void *);
    void *arg;
    atomic_int done;
} h_job;

static void *h_job_main(void *p) {
    h_job *j = p;
    j->fn(j->arg);
    atomic_store(&j->done, 1);
    return NULL;
}

static int h_job_done(void *p) { return atomic_load(&((h_job *)p)->done); }

int h_run_pumping(void (*fn)(void *), void *arg, int timeout_ms, h_comp **comps, int n) {
    static h_job jobs[16]; /* a job that times out keeps its record: never reused while it runs */
    static int next;
    h_job *j = &jobs[next++ % 16];
    j->fn = fn;
    j->arg = arg;
    atomic_store(&j->done, 0);
    pthread_t t;
    if (pthread_create(&t, NULL, h_job_main, j) != 0) return 0;
    if (!h_wait(h_job_done, j, timeout_ms, comps, n)) {
        pthread_detach(t);
        h_fail(__FILE__, __LINE__, "a peer thread did not finish in %d ms", timeout_ms);
        return 0;
    }
    pthread_join(t, NULL);
    return 1;
}

int h_pred_at_least(void *p) {
    h_at_least *a = p;
    return atomic_load(a->counter) >= a->target;
}

/* ---- the ready-made handlers ---- */

void h_track_event(void *track, const sgcws_event *ev) {
    h_track *t = track;
    switch (ev->kind) {
    case SGCWS_EV_CONNECT:
        atomic_store(&t->last_conn, ev->connection);
        atomic_fetch_add(&t->connects, 1);
        break;
    case SGCWS_EV_DISCONNECT:
        atomic_store(&t->last_code, ev->code);
        atomic_fetch_add(&t->disconnects, 1);
        break;
    case SGCWS_EV_MESSAGE: atomic_fetch_add(&t->messages, 1); break;
    case SGCWS_EV_BINARY: atomic_fetch_add(&t->binaries, 1); break;
    case SGCWS_EV_ERROR:
        atomic_store(&t->error_code, ev->code);
        atomic_fetch_add(&t->errors, 1);
        break;
    default: break;
    }
    atomic_fetch_add(&t->events, 1);
}

void h_echo_event(void *track, const sgcws_event *ev) {
    if (ev->kind == SGCWS_EV_MESSAGE || ev->kind == SGCWS_EV_BINARY) {
        int type = ev->kind == SGCWS_EV_MESSAGE ? SGCWS_TEXT : SGCWS_BINARY;
        int32_t rc = S.write(ev->connection, type, ev->data, ev->data_len, 0);
        /* A write racing a close, destroy or shutdown gets the documented code for that; any other
         * failure is a bug. */
        if (rc != SGCWS_OK && rc != SGCWS_E_CLOSED && rc != SGCWS_E_HANDLE && rc != SGCWS_E_SHUTDOWN)
            h_fail(__FILE__, __LINE__, "echo write: %d %s", rc, S.errmsg());
    }
    h_track_event(track, ev);
}

int h_pred_settled(void *track) {
    h_track *t = track;
    return atomic_load(&t->connects) + atomic_load(&t->disconnects) + atomic_load(&t->errors) > 0;
}

/* ---- background traffic ---- */

static void *h_sender_main(void *p) {
    h_senders *s = p;
    for (long i = 0; !atomic_load(&s->stop); i++) {
        int32_t rc = S.write(s->target, SGCWS_TEXT, "traffic", 7, 0);
        if (rc == SGCWS_OK) {
            atomic_fetch_add(&s->sent, 1);
        } else if (rc != SGCWS_E_QUEUE_FULL) {
            atomic_store(&s->last_rc, rc);
            atomic_fetch_add(&s->failed, 1);
            break;
        }
        if (i % 64 == 0 || rc == SGCWS_E_QUEUE_FULL) h_sleep_ms(1);
    }
    return NULL;
}

void h_senders_start(h_senders *s, sgcws_handle target, int nthreads) {
    memset(s, 0, sizeof *s);
    s->target = target;
    s->n = nthreads;
    for (int i = 0; i < nthreads; i++) pthread_create(&s->threads[i], NULL, h_sender_main, s);
}

void h_senders_stop(h_senders *s) {
    atomic_store(&s->stop, 1);
    for (int i = 0; i < s->n; i++) pthread_join(s->threads[i], NULL);
}

int h_senders_wait_failed(h_senders *s, int timeout_ms) {
    return h_wait(h_pred_at_least, &(h_at_least){&s->failed, s->n}, timeout_ms, NULL, 0);
}

/* ---- servers and sockets ---- */

int h_server_listen(sgcws_handle server) {
    int32_t rc = h_set_str(server, "Bindings", "127.0.0.1:0");
    if (rc == SGCWS_OK) rc = S.start(server);
    if (rc != SGCWS_OK) {
        h_fail(__FILE__, __LINE__, "server start: %d %s", rc, S.errmsg());
        return 0;
    }
    const char *addr = h_get_str(server, "ListenAddresses");
    const char *colon = strrchr(addr, ':');
    int port = colon ? atoi(colon + 1) : 0;
    if (port <= 0) h_fail(__FILE__, __LINE__, "no port in ListenAddresses \"%s\"", addr);
    return port;
}

int h_free_port(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    int port = 0;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, len) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &len) == 0)
        port = ntohs(a.sin_port);
    if (fd >= 0) close(fd);
    return port;
}

void h_client_url(sgcws_handle client, int port, const char *path) {
    char url[128];
    snprintf(url, sizeof url, "ws://127.0.0.1:%d%s", port, path);
    CHECK_OK(h_set_str(client, "URL", url));
}

int h_tcp_connect(int port, int timeout_ms) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int h_send_all(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n <= 0) return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

size_t h_recv_until(int fd, char *buf, size_t cap, const char *until) {
    size_t got = 0;
    buf[0] = 0;
    while (got + 1 < cap) {
        ssize_t n = recv(fd, buf + got, cap - 1 - got, 0);
        if (n <= 0) break;
        got += (size_t)n;
        buf[got] = 0;
        if (until && memmem(buf, got, until, strlen(until))) break;
    }
    return got;
}

int h_ws_upgrade(int fd, const char *path, const char *extra_headers, char *resp, size_t cap) {
    char req[1024];
    int n = snprintf(req, sizeof req,
                     "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n%s\r\n",
                     path, extra_headers);
    if (h_send_all(fd, req, (size_t)n) != 0) return -1;
    /* Read byte by byte up to the end of the head so that no frame byte is consumed. */
    size_t got = 0;
    while (got + 1 < cap) {
        ssize_t r = recv(fd, resp + got, 1, 0);
        if (r <= 0) break;
        got++;
        resp[got] = 0;
        if (got >= 4 && memcmp(resp + got - 4, "\r\n\r\n", 4) == 0) break;
    }
    resp[got] = 0;
    int status = -1;
    if (sscanf(resp, "HTTP/1.1 %d", &status) != 1) return -1;
    return status;
}

size_t h_ws_frame(unsigned char *out, int fin, int opcode, const void *payload, size_t len) {
    static const unsigned char mask[4] = {0x12, 0x34, 0x56, 0x78};
    size_t i = 0;
    out[i++] = (unsigned char)((fin ? 0x80 : 0) | (opcode & 0x0f));
    if (len < 126) {
        out[i++] = (unsigned char)(0x80 | len);
    } else {
        out[i++] = 0x80 | 126;
        out[i++] = (unsigned char)(len >> 8);
        out[i++] = (unsigned char)len;
    }
    memcpy(out + i, mask, 4);
    i += 4;
    for (size_t k = 0; k < len; k++) out[i + k] = ((const unsigned char *)payload)[k] ^ mask[k % 4];
    return i + len;
}

const char *h_get_str(sgcws_handle h, const char *name) {
    static _Thread_local char buf[4096];
    int32_t len = 0;
    if (S.get_str(h, name, buf, sizeof buf, &len) != SGCWS_OK) buf[0] = 0;
    return buf;
}

int32_t h_set_str(sgcws_handle h, const char *name, const char *value) {
    return S.set_str(h, name, value, (int32_t)strlen(value));
}
