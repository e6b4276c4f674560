/* autobahn_client - our client (TsgcWebSocketClient, neNoSync) as the testee of a fuzzing server that
 * speaks Autobahn's protocol (tests/conformance/cmd/wsconform server, or Autobahn's own).
 *
 *   autobahn_client PORT [--agent NAME] [--deflate] [--limit SECONDS]
 *
 * Asks ws://127.0.0.1:PORT/getCaseCount for the number of cases, then for each case connects to
 * /runCase?case=N&agent=NAME and echoes every message as it came (text as text, binary as binary) until
 * the fuzzer ends the connection, then asks /updateReports. Options.ValidateUTF8 is on (the manual's
 * default is off; the catalogue tests a validating endpoint); --deflate enables permessage-deflate. */
#define _GNU_SOURCE
#include <stdlib.h>

#include "harness.h"
#include "interop.h"

static h_comp client;
static h_track track;
static char count_text[32];

static void on_event(void *user, const sgcws_event *ev) {
    if (ev->kind == SGCWS_EV_MESSAGE && count_text[0] == '?')
        snprintf(count_text, sizeof count_text, "%.*s", (int)ev->data_len, ev->data);
    else if (ev->kind == SGCWS_EV_MESSAGE || ev->kind == SGCWS_EV_BINARY) {
        int type = ev->kind == SGCWS_EV_MESSAGE ? SGCWS_TEXT : SGCWS_BINARY;
        int32_t rc = S.write(client.h, type, ev->data, ev->data_len, 0);
        /* The fuzzer may close while we echo: that is the case's business, not a host failure. */
        if (rc != SGCWS_OK && rc != SGCWS_E_CLOSED)
            h_fail(__FILE__, __LINE__, "echo write: %d %s", rc, S.errmsg());
    }
    h_track_event(user, ev);
}

/* Connects to path and waits until the fuzzer has closed the connection, at most limit_ms. */
static int visit(int port, const char *path, int limit_ms) {
    long before = atomic_load(&track.disconnects);
    h_client_url(client.h, port, path);
    int32_t rc = S.connect(client.h, 10000);
    if (rc != SGCWS_OK) {
        fprintf(stderr, "autobahn_client: %s: connect: %s (%s)\n", path, S.errstr(rc), S.errmsg());
        return 0;
    }
    if (!H_WAIT_COUNT(&track, disconnects, before + 1, limit_ms, NULL, 0)) {
        fprintf(stderr, "autobahn_client: %s: still connected after %d ms\n", path, limit_ms);
        S.disconnect_wait(client.h, 5000);
        return 0;
    }
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 2) return fprintf(stderr, "usage: %s PORT [--agent NAME] [--deflate] [--limit SECONDS]\n", argv[0]), 2;
    int port = atoi(argv[1]), deflate = 0, limit = 3600;
    const char *agent = "sgcws";
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--agent") && i + 1 < argc) agent = argv[++i];
        else if (!strcmp(argv[i], "--deflate")) deflate = 1;
        else if (!strcmp(argv[i], "--limit") && i + 1 < argc) limit = atoi(argv[++i]);
        else return fprintf(stderr, "unknown option %s\n", argv[i]), 2;
    }
    h_init("autobahn_client", (unsigned)limit);
    h_comp_init(&client, SGCWS_CLIENT, H_NOSYNC, on_event, &track);
    ix_common_options(client.h, deflate, 1);

    count_text[0] = '?';
    CHECK(visit(port, "/getCaseCount", 10000));
    int cases = atoi(count_text);
    CHECK(cases > 0);
    char path[256];
    for (int n = 1; n <= cases; n++) {
        snprintf(path, sizeof path, "/runCase?case=%d&agent=%s", n, agent);
        visit(port, path, 600000); /* the fuzzer bounds each case itself and judges it */
    }
    snprintf(path, sizeof path, "/updateReports?agent=%s", agent);
    CHECK(visit(port, path, 10000));
    CHECK_OK(S.destroy(client.h));
    return h_finish();
}
