/* harness.h - the shared helpers of the C host tests.
 *
 * The library is loaded dynamically (dlopen of $SGCWS_LIB, default out/linux-amd64/libsgcws.so) and every
 * sgcws_* function is resolved through dlsym into the global table `S` (S.create, S.write, ...): the tests
 * are never linked against it. CHECK macros count failures; h_finish() prints the one summary line and
 * gives the exit status. Every wait is bounded. */
#ifndef SGCWS_TEST_HARNESS_H
#define SGCWS_TEST_HARNESS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sgcws.h"

/* X(name without the sgcws_ prefix) for every function of sgcws.h; the types come from the header's own
 * declarations (__typeof__), so the table cannot drift from the contract. */
#define SGCWS_FUNCTIONS(X)                                                                            \
    X(errstr) X(errmsg) X(abi_version) X(version) X(shutdown) X(stats) X(create) X(destroy) X(kind)    \
    X(set_bool) X(set_int) X(set_str) X(get_bool) X(get_int) X(get_str) X(properties) X(connect)      \
    X(disconnect_wait) X(start) X(stop) X(write) X(write_to) X(broadcast) X(ping) X(close) X(drop)    \
    X(subscribe) X(unsubscribe) X(subscribed) X(connections) X(find_connection) X(set_data)           \
    X(get_data) X(set_callback) X(set_wake) X(poll) X(release) X(done) X(waitable) X(detach)        \
    X(invoke) X(args) X(describe)

#define H_FIELD(name) __typeof__(sgcws_##name) *name;
typedef struct sgcws_api {
    SGCWS_FUNCTIONS(H_FIELD)
} sgcws_api;
#undef H_FIELD

extern sgcws_api S;

/* Loads the library and resolves every function (exits 2 on failure) and arms a watchdog alarm of
 * `limit_s` seconds so that a hang ends the test as a failure. Call first in main. */
void h_init(const char *test_name, unsigned limit_s);

/* ---- checks ---- */
extern atomic_int h_failures;
extern atomic_int h_checks;
void h_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#define CHECK(cond)                                                                   \
    do {                                                                              \
        atomic_fetch_add(&h_checks, 1);                                               \
        if (!(cond)) h_fail(__FILE__, __LINE__, "CHECK(%s) failed", #cond);           \
    } while (0)

/* Expects a call to return `want`; on a mismatch prints both codes and the thread's errmsg. */
#define CHECK_RC(call, want)                                                                    \
    do {                                                                                        \
        int32_t h_rc_ = (call);                                                                 \
        atomic_fetch_add(&h_checks, 1);                                                         \
        if (h_rc_ != (want))                                                                    \
            h_fail(__FILE__, __LINE__, "%s = %d (%s), want %d; errmsg: %s", #call, h_rc_,       \
                   S.errstr(h_rc_), (want), S.errmsg());                                        \
    } while (0)

#define CHECK_OK(call) CHECK_RC(call, SGCWS_OK)

/* Prints "PASS name (N checks)" or "FAIL name: K of N checks failed" and returns the exit status. */
int h_finish(void);

/* ---- time and waiting (bounds, never assertions about speed) ---- */
int64_t h_now_ms(void);
void h_sleep_ms(int ms);

/* A component as the tests drive it: its handle, its NotifyEvents mode and the handler that gets its
 * events (directly as the neNoSync callback, or from h_pump on the calling thread in queued modes). */
typedef void (*h_handler)(void *user, const sgcws_event *ev);
typedef struct h_comp {
    sgcws_handle h;
    int mode; /* H_NOSYNC, H_ASYNC, H_SYNC */
    h_handler fn;
    void *user;
} h_comp;

enum { H_ASYNC = 0, H_SYNC = 1, H_NOSYNC = 2 };
extern const char *const h_mode_names[3]; /* "neAsynchronous", "neSynchronous", "neNoSync" */

/* Creates a component of `kind` in `mode` with `fn(user, ev)` receiving its events. */
void h_comp_init(h_comp *c, int32_t kind, int mode, h_handler fn, void *user);

/* A server and a client in `mode` with their handlers: the server listens on 127.0.0.1, the client
 * connects to it (sgcws_connect); the server's own OnConnect may still be on its way. */
void h_pair(h_comp *server, h_handler sfn, void *suser, h_comp *client, h_handler cfn, void *cuser, int mode);

/* A handler in front of another that records on which thread and how often it ran: user = h_probe *. */
typedef struct h_probe {
    h_handler inner;
    void *user;
    pthread_t main_thread;
    atomic_long calls, on_main, off_main;
} h_probe;
void h_probe_init(h_probe *p, h_handler inner, void *user);
void h_probe_event(void *probe, const sgcws_event *ev);

typedef struct h_track h_track; /* below */

/* h_pair with an echo server and a tracking client, each behind a probe. */
void h_pair_probed(h_comp *server, h_probe *sp, h_track *st, h_comp *client, h_probe *cp, h_track *ct, int mode);

/* A server of `kind` in `mode` that opts in to the decision event `opt_in` (e.g. "Events.OnHandshake");
 * returns its port on 127.0.0.1. */
int h_decision_server(h_comp *c, int32_t kind, int mode, const char *opt_in, h_handler fn, void *user);

/* Queued modes: one sgcws_poll (up to timeout_ms) whose events go to the handler. Returns the count. */
int h_pump(h_comp *c, int timeout_ms);

/* Waits until pred(arg) is true, pumping the queued components of comps[0..n) meanwhile, at most
 * timeout_ms. Returns 1 when pred became true. */
int h_wait(int (*pred)(void *), void *arg, int timeout_ms, h_comp **comps, int n);

/* Runs fn(arg) on a new thread while this thread pumps comps (so that a blocking peer, e.g. a raw
 * socket, can talk to a component in a queued mode); returns 1 when fn finished within timeout_ms (the
 * thread is then joined; otherwise it is left running and the test fails). */
int h_run_pumping(void (*fn)(void *), void *arg, int timeout_ms, h_comp **comps, int n);

/* Predicate helpers over atomic counters for h_wait. */
typedef struct h_at_least {
    atomic_long *counter;
    long target;
} h_at_least;
int h_pred_at_least(void *at_least);

/* ---- a ready-made event handler ----
 * h_track counts what happened; h_track_event is a handler (user = h_track *), and h_echo_event also
 * echoes every text and binary message back on its connection (a server's echo). */
typedef struct h_track {
    atomic_long connects, disconnects, messages, binaries, errors, events;
    atomic_int last_code;           /* code of the last disconnect */
    atomic_int error_code;          /* code of the last error */
    _Atomic sgcws_handle last_conn; /* connection of the last connect */
} h_track;
void h_track_event(void *track, const sgcws_event *ev);
void h_echo_event(void *track, const sgcws_event *ev);

/* For h_wait: the h_track saw a connect, a disconnect or an error (a connection attempt settled). */
int h_pred_settled(void *track);

/* Waits (pumping comps) until t->field >= target. */
#define H_WAIT_COUNT(t, field, target, timeout_ms, comps, n) \
    h_wait(h_pred_at_least, &(h_at_least){&(t)->field, (target)}, (timeout_ms), (comps), (n))

/* ---- background traffic ----
 * Threads that write small text messages to one handle until stopped or until a call fails with
 * something other than SGCWS_E_QUEUE_FULL (a destroyed handle, a shutdown); that code is recorded. */
typedef struct h_senders {
    sgcws_handle target;
    int n;
    pthread_t threads[8];
    atomic_int stop;
    atomic_long sent;
    atomic_int last_rc; /* the failure that ended a thread, 0 if none */
    atomic_long failed; /* threads that ended on a failure (not by h_senders_stop) */
} h_senders;
void h_senders_start(h_senders *s, sgcws_handle target, int nthreads);
void h_senders_stop(h_senders *s);
/* Waits (bounded) until every thread has ended on a failure of its own; returns 1 if they all did. */
int h_senders_wait_failed(h_senders *s, int timeout_ms);

/* ---- servers and sockets (127.0.0.1 only) ---- */

/* Binds the server to 127.0.0.1 on a free port, starts it and returns the port (0 on failure). */
int h_server_listen(sgcws_handle server);

/* A port nobody listens on (bound to 127.0.0.1:0 then closed). */
int h_free_port(void);

/* Sets a client's URL to ws://127.0.0.1:port/path. */
void h_client_url(sgcws_handle client, int port, const char *path);

/* Raw TCP to 127.0.0.1:port with send/receive timeouts of timeout_ms; -1 on failure. */
int h_tcp_connect(int port, int timeout_ms);

/* Writes all of buf (returns 0 on success). */
int h_send_all(int fd, const void *buf, size_t len);

/* Reads until the peer closes, `until` appears, cap-1 bytes or a timeout; NUL-terminates; returns length. */
size_t h_recv_until(int fd, char *buf, size_t cap, const char *until);

/* Sends a WebSocket upgrade request for `path` with extra header lines (may be "") and reads the
 * response head into resp. Returns the HTTP status, or -1. */
int h_ws_upgrade(int fd, const char *path, const char *extra_headers, char *resp, size_t cap);

/* Encodes a masked client frame; returns its length. */
size_t h_ws_frame(unsigned char *out, int fin, int opcode, const void *payload, size_t len);

/* Reads a string property into a static per-thread buffer ("" on failure). */
const char *h_get_str(sgcws_handle h, const char *name);

/* sgcws_set_str with strlen. */
int32_t h_set_str(sgcws_handle h, const char *name, const char *value);

#endif
