/* OnAuthentication in every delivery mode: the host accepts, refuses, or does not answer within
 * DecisionTimeout (then the connection is refused). Credentials travel as HTTP Basic. */
#include "harness.h"

enum { ANSWER, SILENT };

typedef struct auth_server {
    h_comp comp;
    h_track track;
    int policy;
    atomic_long asked;
    _Atomic sgcws_handle held; /* SILENT: the unanswered reply */
} auth_server;

static void on_server(void *user, const sgcws_event *ev) {
    auth_server *s = user;
    if (ev->kind == SGCWS_EV_AUTHENTICATION) {
        CHECK(ev->reply != 0);
        atomic_store(&s->held, ev->reply);
        atomic_fetch_add(&s->asked, 1);
        if (s->policy == ANSWER) {
            int good = strcmp(h_get_str(ev->reply, "User"), "good") == 0 &&
                       strcmp(h_get_str(ev->reply, "Password"), "pw") == 0;
            CHECK_OK(S.set_bool(ev->reply, "Authenticated", good));
        } else if (s->comp.mode == H_NOSYNC) {
            h_sleep_ms(2000); /* far past DecisionTimeout, then a late "yes" that must not count */
            S.set_bool(ev->reply, "Authenticated", 1);
        }
    }
    h_track_event(&s->track, ev);
}

static int server_init(auth_server *s, int mode, int policy) {
    memset(s, 0, sizeof *s);
    s->policy = policy;
    h_comp_init(&s->comp, SGCWS_SERVER, mode, on_server, s);
    CHECK_OK(S.set_bool(s->comp.h, "Authentication.Enabled", 1));
    CHECK_OK(S.set_bool(s->comp.h, "Events.OnAuthentication", 1));
    if (policy == SILENT) CHECK_OK(S.set_int(s->comp.h, "DecisionTimeout", 200));
    return h_server_listen(s->comp.h);
}

/* Starts a client offering `basic` credentials; returns 1 when it connected. */
static int try_client(auth_server *s, int port, const char *basic) {
    h_track ct = {0};
    h_comp c;
    h_comp_init(&c, SGCWS_CLIENT, H_NOSYNC, h_track_event, &ct);
    h_client_url(c.h, port, "/");
    char hdr[128];
    snprintf(hdr, sizeof hdr, "Authorization: Basic %s", basic);
    CHECK_OK(h_set_str(c.h, "Options.Headers", hdr));
    long asked = atomic_load(&s->asked);
    CHECK_OK(S.start(c.h));
    h_comp *srv[] = {&s->comp};
    if (s->policy == SILENT) {
        /* Queued modes: take the event, then stop pumping: the host never answers. */
        CHECK(h_wait(h_pred_at_least, &(h_at_least){&s->asked, asked + 1}, 10000, srv, 1));
        CHECK(h_wait(h_pred_settled, &ct, 15000, NULL, 0));
        if (s->comp.mode != H_NOSYNC) {
            S.set_bool(atomic_load(&s->held), "Authenticated", 1); /* too late */
            CHECK_OK(S.release(s->comp.h));
        }
    } else {
        CHECK(h_wait(h_pred_settled, &ct, 15000, srv, 1));
        CHECK(atomic_load(&s->asked) == asked + 1);
    }
    int connected = atomic_load(&ct.connects) > 0;
    CHECK_OK(S.destroy(c.h));
    return connected;
}

int main(void) {
    h_init("auth_decisions", 150);
    for (int mode = 0; mode < 3; mode++) {
        auth_server s;
        int port = server_init(&s, mode, ANSWER);
        CHECK(try_client(&s, port, "Z29vZDpwdw==") == 1); /* good:pw */
        CHECK(try_client(&s, port, "YmFkOnB3") == 0);     /* bad:pw */
        CHECK_OK(S.destroy(s.comp.h));

        port = server_init(&s, mode, SILENT);
        CHECK(try_client(&s, port, "Z29vZDpwdw==") == 0);
        CHECK_OK(S.destroy(s.comp.h));
        if (atomic_load(&h_failures)) printf("  failures so far, after mode %s\n", h_mode_names[mode]);
    }
    return h_finish();
}
