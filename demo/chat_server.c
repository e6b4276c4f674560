/* chat_server - the manual's "Server Chat" demo as a C host of libsgcws.
 *
 *   chat_server [PORT] [--any]      (PORT also from $SGCWS_DEMO_PORT; default 8080; 0 = any free port)
 *
 * A TsgcWebSocketHTTPServer serves the page in demo/www (DocumentRoot, override with $SGCWS_DEMO_WWW)
 * and, on the same port, broadcasts every text message it receives to every connected client. Events
 * are neAsynchronous: the main loop waits with poll(2) on the library's waitable fd (plus a self-pipe
 * for Ctrl-C) and drains them in batches with sgcws_poll, the way a GUI host would. Binds 127.0.0.1
 * unless --any is given. The library comes from $SGCWS_LIB (default out/linux-amd64/libsgcws.so). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sgcws.h"

/* The few functions this host uses, resolved by name at start (the library is loaded, never linked). */
static struct {
    const char *(*errmsg)(void);
    int32_t (*create)(int32_t, sgcws_handle *);
    int32_t (*destroy)(sgcws_handle);
    int32_t (*shutdown)(void);
    int32_t (*set_str)(sgcws_handle, const char *, const char *, int32_t);
    int32_t (*set_int)(sgcws_handle, const char *, int64_t);
    int32_t (*get_str)(sgcws_handle, const char *, char *, int32_t, int32_t *);
    int32_t (*get_int)(sgcws_handle, const char *, int64_t *);
    int32_t (*start)(sgcws_handle);
    int32_t (*poll)(sgcws_handle, const sgcws_event **, int32_t, int32_t, int32_t *);
    int32_t (*waitable)(sgcws_handle, intptr_t *);
    int32_t (*broadcast)(sgcws_handle, int32_t, const void *, int64_t, const char *, const char *,
                         const char *, const char *);
} lib;

static const char *const names[] = {"errmsg", "create",  "destroy", "shutdown", "set_str",  "set_int",
                                    "get_str", "get_int", "start",   "poll",     "waitable", "broadcast"};

static int load(void) {
    const char *path = getenv("SGCWS_LIB");
    void *h = dlopen(path && *path ? path : "out/linux-amd64/libsgcws.so", RTLD_NOW);
    if (!h) return fprintf(stderr, "chat_server: %s\n", dlerror()), -1;
    void **slot = (void **)&lib;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char sym[64];
        snprintf(sym, sizeof sym, "sgcws_%s", names[i]);
        if (!(slot[i] = dlsym(h, sym))) return fprintf(stderr, "chat_server: missing %s\n", sym), -1;
    }
    return 0;
}

static int must(int32_t rc, const char *what) {
    if (rc != SGCWS_OK) fprintf(stderr, "chat_server: %s failed (%d): %s\n", what, rc, lib.errmsg());
    return rc == SGCWS_OK;
}

static int set_str(sgcws_handle h, const char *name, const char *value) {
    return must(lib.set_str(h, name, value, (int32_t)strlen(value)), name);
}

static int wake_pipe[2];
static void on_signal(int sig) {
    (void)sig;
    ssize_t r = write(wake_pipe[1], "x", 1);
    (void)r;
}

/* One batch of events: text messages are broadcast to everyone, joins and leaves are logged. */
static void handle(sgcws_handle server, const sgcws_event *ev) {
    int64_t count = 0;
    switch (ev->kind) {
    case SGCWS_EV_CONNECT:
    case SGCWS_EV_DISCONNECT:
        lib.get_int(server, "Count", &count);
        printf("%s (%lld connected)\n", ev->kind == SGCWS_EV_CONNECT ? "a client joined" : "a client left",
               (long long)count);
        break;
    case SGCWS_EV_MESSAGE:
        must(lib.broadcast(server, SGCWS_TEXT, ev->data, ev->data_len, NULL, NULL, NULL, NULL), "broadcast");
        break;
    default: break;
    }
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *env_port = getenv("SGCWS_DEMO_PORT");
    long port = env_port && *env_port ? atol(env_port) : 8080;
    int any = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--any")) any = 1;
        else if (argv[i][0] >= '0' && argv[i][0] <= '9') port = atol(argv[i]);
        else return fprintf(stderr, "usage: %s [PORT] [--any]\n", argv[0]), 2;
    }
    const char *www = getenv("SGCWS_DEMO_WWW");
    char root[PATH_MAX];
    if (!realpath(www && *www ? www : "demo/www", root))
        return fprintf(stderr, "chat_server: no document root (set SGCWS_DEMO_WWW)\n"), 1;
    if (load() != 0 || pipe(wake_pipe) != 0) return 1;

    sgcws_handle server = 0;
    char bindings[64];
    snprintf(bindings, sizeof bindings, "127.0.0.1:%ld", port);
    if (!must(lib.create(SGCWS_HTTP_SERVER, &server), "create") ||
        !set_str(server, "NotifyEvents", "neAsynchronous") || !set_str(server, "DocumentRoot", root) ||
        !(any ? must(lib.set_int(server, "Port", port), "Port") : set_str(server, "Bindings", bindings)) ||
        !must(lib.start(server), "start"))
        return 1;
    char addr[256] = "";
    int32_t len = 0;
    lib.get_str(server, "ListenAddresses", addr, sizeof addr, &len);
    const char *colon = strrchr(addr, ':');
    printf("sgcws chat demo: open http://127.0.0.1:%s/\n", colon ? colon + 1 : "?");

    intptr_t fd = -1;
    if (!must(lib.waitable(server, &fd), "waitable")) return 1;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    struct pollfd fds[2] = {{.fd = (int)fd, .events = POLLIN}, {.fd = wake_pipe[0], .events = POLLIN}};
    while (!(fds[1].revents & POLLIN)) {
        if (poll(fds, 2, -1) < 0) continue;
        if (!(fds[0].revents & POLLIN)) continue;
        const sgcws_event *evs[64];
        int32_t n = 0;
        if (!must(lib.poll(server, evs, 64, 0, &n), "poll")) break;
        for (int i = 0; i < n; i++) handle(server, evs[i]);
    }
    printf("sgcws chat demo: stopping\n");
    lib.destroy(server);
    lib.shutdown();
    return 0;
}
