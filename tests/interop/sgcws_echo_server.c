/* sgcws_echo_server - an echo server (TsgcWebSocketServer, neNoSync) for the interop tests.
 *
 *   sgcws_echo_server [--port N] [--deflate] [--validate-utf8] [--tls CERT KEY] [--limit SECONDS]
 *
 * Binds 127.0.0.1 (port 0 = a free one), prints "PORT n", then "CONNECT ext=<Sec-WebSocket-Extensions
 * or none>" per connection and "DISCONNECT code=n" per disconnect. Echoes every message as it came
 * (text as text, binary as binary). Runs until SIGTERM or SIGINT, at most --limit seconds (600). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>

#include "harness.h"
#include "interop.h"

static volatile sig_atomic_t stop;
static void on_signal(int sig) { (void)sig, stop = 1; }

static void on_event(void *user, const sgcws_event *ev) {
    if (ev->kind == SGCWS_EV_CONNECT) {
        char ext[256];
        printf("CONNECT ext=%s\n", ix_extensions(ev->connection, ext, sizeof ext));
    } else if (ev->kind == SGCWS_EV_DISCONNECT) {
        printf("DISCONNECT code=%d\n", ev->code);
    } else if (ev->kind == SGCWS_EV_ERROR) {
        printf("ERROR code=%d %.*s\n", ev->code, (int)ev->data_len, ev->data ? ev->data : "");
    }
    h_echo_event(user, ev);
}

int main(int argc, char **argv) {
    int port = 0, deflate = 0, validate = 0, limit = 600;
    const char *cert = NULL, *key = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--port") && i + 1 < argc) port = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--deflate")) deflate = 1;
        else if (!strcmp(argv[i], "--validate-utf8")) validate = 1;
        else if (!strcmp(argv[i], "--tls") && i + 2 < argc) cert = argv[++i], key = argv[++i];
        else if (!strcmp(argv[i], "--limit") && i + 1 < argc) limit = atoi(argv[++i]);
        else return fprintf(stderr, "usage: %s [--port N] [--deflate] [--validate-utf8] [--tls CERT KEY] [--limit SECONDS]\n", argv[0]), 2;
    }
    h_init("sgcws_echo_server", (unsigned)limit);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    h_track t = {0};
    h_comp server;
    h_comp_init(&server, SGCWS_SERVER, H_NOSYNC, on_event, &t);
    ix_common_options(server.h, deflate, validate);
    if (cert) {
        CHECK_OK(S.set_bool(server.h, "SSL", 1));
        CHECK_OK(h_set_str(server.h, "SSLOptions.CertFile", cert));
        CHECK_OK(h_set_str(server.h, "SSLOptions.KeyFile", key));
    }
    char binding[32];
    snprintf(binding, sizeof binding, "127.0.0.1:%d", port);
    CHECK_OK(h_set_str(server.h, "Bindings", binding));
    CHECK_OK(S.start(server.h));
    const char *addr = h_get_str(server.h, "ListenAddresses");
    const char *colon = strrchr(addr, ':');
    if (atomic_load(&h_failures) || !colon) return h_finish();
    printf("PORT %d\n", atoi(colon + 1));
    while (!stop) h_sleep_ms(20);
    CHECK_OK(S.destroy(server.h));
    return h_finish();
}
