/* OnCommandGet of TsgcWebSocketHTTPServer in every delivery mode: the host answers with
 * ResponseInfo.ResponseNo / ContentText, checked with curl (an independent HTTP client). */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"

static atomic_long requests;

static void on_server(void *user, const sgcws_event *ev) {
    if (ev->kind == SGCWS_EV_HTTP_REQUEST) {
        atomic_fetch_add(&requests, 1);
        CHECK(strcmp(h_get_str(ev->reply, "RequestInfo.Command"), "GET") == 0);
        char doc[64];
        snprintf(doc, sizeof doc, "%s", h_get_str(ev->reply, "RequestInfo.Document"));
        if (strcmp(doc, "/hello") == 0) {
            CHECK_OK(S.set_int(ev->reply, "ResponseInfo.ResponseNo", 200));
            CHECK_OK(h_set_str(ev->reply, "ResponseInfo.ContentType", "text/plain"));
            CHECK_OK(h_set_str(ev->reply, "ResponseInfo.ContentText", "hello from the host"));
        } else {
            CHECK_OK(S.set_int(ev->reply, "ResponseInfo.ResponseNo", 404));
            CHECK_OK(h_set_str(ev->reply, "ResponseInfo.ContentText", "no such page"));
        }
    }
    h_track_event(user, ev);
}

typedef struct curl_job {
    int port;
    const char *path;
    char out[512];
} curl_job;

/* Runs curl; out = "<status> <body>". */
static void run_curl(void *arg) {
    curl_job *j = arg;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "curl -s -m 10 -w ' %%{http_code}' http://127.0.0.1:%d%s", j->port, j->path);
    j->out[0] = 0;
    FILE *f = popen(cmd, "r");
    if (!f) return;
    size_t n = fread(j->out, 1, sizeof j->out - 1, f);
    j->out[n] = 0;
    pclose(f);
}

static void expect(h_comp *server, int port, const char *path, const char *want) {
    curl_job j = {.port = port, .path = path};
    h_comp *all[] = {server};
    CHECK(h_run_pumping(run_curl, &j, 20000, all, 1));
    if (strcmp(j.out, want) != 0) h_fail(__FILE__, __LINE__, "GET %s gave \"%s\", want \"%s\"", path, j.out, want);
    atomic_fetch_add(&h_checks, 1);
}

int main(void) {
    h_init("http_command_get", 90);
    for (int mode = 0; mode < 3; mode++) {
        h_track t = {0};
        h_comp server;
        int port = h_decision_server(&server, SGCWS_HTTP_SERVER, mode, "Events.OnCommandGet", on_server, &t);
        long before = atomic_load(&requests);
        expect(&server, port, "/hello", "hello from the host 200");
        expect(&server, port, "/other", "no such page 404");
        CHECK(atomic_load(&requests) == before + 2);
        CHECK_OK(S.destroy(server.h));
        if (atomic_load(&h_failures)) printf("  failures so far, after mode %s\n", h_mode_names[mode]);
    }
    return h_finish();
}
