/* OnHandshake in every delivery mode: the host adds a response header through reply."Headers"; a raw
 * socket sees it in the 101 response and the request headers are readable in the event. */
#include <unistd.h>

#include "harness.h"

typedef struct hs_server {
    h_track track;
    atomic_long asked;
    atomic_int saw_request_header; /* HeadersRequest carried the client's X-Probe */
} hs_server;

static void on_server(void *user, const sgcws_event *ev) {
    hs_server *s = user;
    if (ev->kind == SGCWS_EV_HANDSHAKE) {
        CHECK(ev->reply != 0);
        if (strstr(h_get_str(ev->reply, "HeadersRequest"), "probe-42")) atomic_store(&s->saw_request_header, 1);
        CHECK_OK(h_set_str(ev->reply, "Headers", "X-Sgcws-Test: added-by-host"));
        atomic_fetch_add(&s->asked, 1);
    }
    h_track_event(&s->track, ev);
}

typedef struct raw_peer {
    int port, status;
    char resp[2048];
} raw_peer;

static void raw_upgrade(void *arg) {
    raw_peer *p = arg;
    int fd = h_tcp_connect(p->port, 10000);
    p->status = fd < 0 ? -1 : h_ws_upgrade(fd, "/", "X-Probe: probe-42\r\n", p->resp, sizeof p->resp);
    if (fd >= 0) close(fd);
}

int main(void) {
    h_init("handshake_decision", 90);
    for (int mode = 0; mode < 3; mode++) {
        hs_server s = {0};
        h_comp server;
        raw_peer p = {.port = h_decision_server(&server, SGCWS_SERVER, mode, "Events.OnHandshake", on_server, &s)};
        h_comp *all[] = {&server};
        CHECK(h_run_pumping(raw_upgrade, &p, 20000, all, 1));
        CHECK(p.status == 101);
        CHECK(strstr(p.resp, "X-Sgcws-Test: added-by-host\r\n") != NULL);
        CHECK(atomic_load(&s.asked) == 1);
        CHECK(atomic_load(&s.saw_request_header) == 1);
        CHECK_OK(S.destroy(server.h));
        if (atomic_load(&h_failures)) printf("  failures so far, after mode %s\n", h_mode_names[mode]);
    }
    return h_finish();
}
