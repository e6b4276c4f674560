/* sgcws_client_check - our client (TsgcWebSocketClient, neNoSync) against an independent echo server.
 *
 *   sgcws_client_check URL [--count N] [--deflate] [--ca FILE] [--big] [--expect-ext TEXT]
 *
 * Connects (wss:// verifies the server against FILE), sends N text and N binary messages (and with
 * --big a 100 KB repetitive text), checks that every echo comes back once, in order, byte for byte,
 * prints "EXT <negotiated extensions or none>" and with --expect-ext fails unless they contain TEXT. */
#define _GNU_SOURCE
#include <stdlib.h>

#include "interop.h"

typedef struct msg {
    int type;
    char *data;
    size_t len;
} msg;

static msg *msgs;
static int total;
static atomic_long received, mismatched;
static char ext[256] = "none";

static void on_event(void *user, const sgcws_event *ev) {
    if (ev->kind == SGCWS_EV_CONNECT) ix_extensions(ev->connection, ext, sizeof ext);
    if (ev->kind == SGCWS_EV_MESSAGE || ev->kind == SGCWS_EV_BINARY) {
        long k = atomic_fetch_add(&received, 1);
        int type = ev->kind == SGCWS_EV_MESSAGE ? SGCWS_TEXT : SGCWS_BINARY;
        if (k >= total || msgs[k].type != type || msgs[k].len != (size_t)ev->data_len ||
            memcmp(msgs[k].data, ev->data, msgs[k].len) != 0)
            atomic_fetch_add(&mismatched, 1);
    }
    h_track_event(user, ev);
}

static void add(int type, size_t len, const char *fmt, int i) {
    msg *m = &msgs[total++];
    m->type = type;
    m->len = len;
    m->data = malloc(len + 32);
    int n = snprintf(m->data, len + 32, fmt, i);
    if (len > (size_t)n) /* pad a big message with a repetitive pattern */
        for (size_t k = (size_t)n; k < len; k++) m->data[k] = "sgcws interop "[k % 14];
    else
        m->len = (size_t)n;
}

int main(int argc, char **argv) {
    h_init("sgcws_client_check", 120);
    if (argc < 2) return fprintf(stderr, "usage: %s URL [--count N] [--deflate] [--ca FILE] [--big] [--expect-ext TEXT]\n", argv[0]), 2;
    const char *url = argv[1], *ca = NULL, *expect = NULL;
    int count = 100, deflate = 0, big = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--count") && i + 1 < argc) count = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--deflate")) deflate = 1;
        else if (!strcmp(argv[i], "--ca") && i + 1 < argc) ca = argv[++i];
        else if (!strcmp(argv[i], "--big")) big = 1;
        else if (!strcmp(argv[i], "--expect-ext") && i + 1 < argc) expect = argv[++i];
        else return fprintf(stderr, "unknown option %s\n", argv[i]), 2;
    }
    msgs = calloc((size_t)count * 2 + 1, sizeof *msgs);
    for (int i = 0; i < count; i++) {
        add(SGCWS_TEXT, 0, "text-%d", i);
        add(SGCWS_BINARY, 0, "\x01\x02 bin-%d", i);
    }
    if (big) add(SGCWS_TEXT, 100 * 1024, "big-%d ", 0);

    h_track t = {0};
    h_comp client;
    h_comp_init(&client, SGCWS_CLIENT, H_NOSYNC, on_event, &t);
    ix_common_options(client.h, deflate, 0);
    CHECK_OK(h_set_str(client.h, "URL", url));
    if (ca) {
        CHECK_OK(h_set_str(client.h, "TLSOptions.RootCertFile", ca));
        CHECK_OK(S.set_bool(client.h, "TLSOptions.VerifyCertificate", 1));
    }
    CHECK_OK(S.connect(client.h, 10000));
    for (int k = 0; k < total; k++) CHECK_OK(S.write(client.h, msgs[k].type, msgs[k].data, (int64_t)msgs[k].len, 0));
    CHECK(h_wait(h_pred_at_least, &(h_at_least){&received, total}, 30000, NULL, 0));
    CHECK(atomic_load(&received) == total);
    CHECK(atomic_load(&mismatched) == 0);
    printf("EXT %s\n", ext);
    printf("ECHOED %ld of %d, %ld mismatched\n", atomic_load(&received), total, atomic_load(&mismatched));
    if (expect) CHECK(strstr(ext, expect) != NULL);
    CHECK_OK(S.disconnect_wait(client.h, 10000));
    CHECK_OK(S.destroy(client.h));
    return h_finish();
}
