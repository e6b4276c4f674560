/* protocol_server.c - a TsgcWebSocketHTTPServer carrying the sgc and Presence protocols, for the
 * cross-peer protocol tests (run.sh): our browser JS, our C clients and our Pascal programs talk
 * to it. Prints "PORT n" once listening; runs until SIGTERM. Everything goes through the generic
 * path: the RPC "GetTime" is answered with RPCResult, "Fail" with RPCError; OnBeforeNewMember
 * refuses the member "Spam"; every protocol event is printed as "EVENT <component> <kind>". */
#include <signal.h>
#include <unistd.h>

#include "harness.h"
#include "sgcws_components.h"

static sgcws_handle sgc, presence;
static volatile sig_atomic_t stop;

static sgcws_value str(const char *s, int64_t len) {
    sgcws_value v = {.type = SGCWS_T_STRING, .data = s, .len = len < 0 ? (int64_t)strlen(s) : len};
    return v;
}

static void on_sgc(void *user, const sgcws_event *ev) {
    (void)user;
    printf("EVENT sgc %d\n", ev->kind);
    fflush(stdout);
    if (ev->kind != SGCWS_EV_TsgcWSPServer_sgc_OnRPC) return;
    sgcws_value a[3];
    int32_t n = 0;
    if (S.args(ev->args, a, 3, &n) != SGCWS_OK || n != 3) return;
    char id[128];
    snprintf(id, sizeof id, "%.*s", (int)a[0].len, a[0].data);
    int fail = a[1].len == 4 && memcmp(a[1].data, "Fail", 4) == 0;
    if (fail) {
        sgcws_value args[4] = {str(id, -1), {.type = SGCWS_T_INT, .i = -32000}, str("it failed", -1), str("on purpose", -1)};
        CHECK_OK(S.invoke(sgc, "RPCError", args, 4, NULL));
    } else {
        sgcws_value args[2] = {str(id, -1), str("{\"time\":\"12:00:00\"}", -1)};
        CHECK_OK(S.invoke(sgc, "RPCResult", args, 2, NULL));
    }
}

static void on_presence(void *user, const sgcws_event *ev) {
    (void)user;
    printf("EVENT presence %d\n", ev->kind);
    fflush(stdout);
    if (ev->kind != SGCWS_EV_TsgcWSPServer_Presence_OnBeforeNewMember) return;
    char member[512];
    int32_t len = 0;
    if (S.get_str(ev->args, "aMember", member, sizeof member, &len) != SGCWS_OK) return;
    /* The member object's fields: ID <TAB> Name <TAB> Info. */
    const char *name = strchr(member, '\t');
    if (name && strncmp(name + 1, "Spam\t", 5) == 0) CHECK_OK(S.set_bool(ev->args, "Accept", 0));
}

static void on_server(void *user, const sgcws_event *ev) { (void)user, (void)ev; }
static void on_term(int sig) { (void)sig, stop = 1; }

int main(void) {
    h_init("protocol_server", 600);
    signal(SIGTERM, on_term);
    signal(SIGINT, on_term);
    h_comp server, psgc, ppres;
    h_comp_init(&server, SGCWS_HTTP_SERVER, H_NOSYNC, on_server, NULL);
    h_comp_init(&psgc, SGCWS_KIND_TsgcWSPServer_sgc, H_NOSYNC, on_sgc, NULL);
    h_comp_init(&ppres, SGCWS_KIND_TsgcWSPServer_Presence, H_NOSYNC, on_presence, NULL);
    sgc = psgc.h, presence = ppres.h;
    CHECK_OK(S.set_int(sgc, "Server", (int64_t)server.h));
    CHECK_OK(S.set_int(presence, "Server", (int64_t)server.h));
    CHECK_OK(S.set_bool(presence, "Events.OnBeforeNewMember", 1));
    int port = h_server_listen(server.h);
    printf("PORT %d\n", port);
    fflush(stdout);
    while (!stop) h_sleep_ms(20);
    CHECK_OK(S.shutdown());
    return h_finish();
}
