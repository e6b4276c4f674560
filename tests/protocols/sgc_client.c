/* sgc_client.c PORT - our C host with a TsgcWSPClient_sgc against protocol_server.c: subscribes to
 * "chat", prints "READY", answers the first "from-browser" event with a publish of "from-c", checks
 * an RPC result and error of the server, then exits with the harness's verdict. neAsynchronous:
 * the events are drained on this thread, as a GUI host would. */
#include <stdlib.h>

#include "harness.h"
#include "sgcws_components.h"

static sgcws_handle proto;
static atomic_long subscribed, browser_said, rpc_ok, rpc_err;

static int arg_is(const sgcws_event *ev, const char *name, const char *want) {
    char buf[256];
    int32_t len = 0;
    return S.get_str(ev->args, name, buf, sizeof buf, &len) == SGCWS_OK && strcmp(buf, want) == 0;
}

static sgcws_value str(const char *s) {
    sgcws_value v = {.type = SGCWS_T_STRING, .data = s, .len = (int64_t)strlen(s)};
    return v;
}

static void on_proto(void *user, const sgcws_event *ev) {
    (void)user;
    switch (ev->kind) {
    case SGCWS_EV_TsgcWSPClient_sgc_OnSubscription:
        if (arg_is(ev, "Subscription", "chat")) atomic_fetch_add(&subscribed, 1);
        break;
    case SGCWS_EV_TsgcWSPClient_sgc_OnEvent:
        if (arg_is(ev, "Channel", "chat") && arg_is(ev, "Text", "from-browser") && atomic_fetch_add(&browser_said, 1) == 0) {
            sgcws_value args[2] = {str("from-c"), str("chat")};
            CHECK_OK(S.invoke(proto, "Publish", args, 2, NULL));
        }
        break;
    case SGCWS_EV_TsgcWSPClient_sgc_OnRPCResult:
        if (arg_is(ev, "Id", "c1") && arg_is(ev, "Result", "{\"time\":\"12:00:00\"}")) atomic_fetch_add(&rpc_ok, 1);
        break;
    case SGCWS_EV_TsgcWSPClient_sgc_OnRPCError: {
        int64_t code = 0;
        CHECK_OK(S.get_int(ev->args, "ErrorCode", &code));
        if (arg_is(ev, "Id", "c2") && code == -32000 && arg_is(ev, "ErrorMessage", "it failed")) atomic_fetch_add(&rpc_err, 1);
        break;
    }
    }
}

static void on_client(void *user, const sgcws_event *ev) { (void)user, (void)ev; }

int main(int argc, char **argv) {
    h_init("sgc_client", 120);
    if (argc < 2) return 2;
    h_comp client, pc;
    h_comp_init(&client, SGCWS_CLIENT, H_ASYNC, on_client, NULL);
    h_comp_init(&pc, SGCWS_KIND_TsgcWSPClient_sgc, H_ASYNC, on_proto, NULL);
    proto = pc.h;
    CHECK_OK(S.set_int(proto, "Client", (int64_t)client.h));
    h_client_url(client.h, atoi(argv[1]), "/");
    CHECK_OK(S.start(client.h));
    h_comp *all[] = {&client, &pc};
    sgcws_value chat = str("chat");
    int64_t end = h_now_ms() + 10000;
    while (S.invoke(proto, "Subscribe", &chat, 1, NULL) != SGCWS_OK && h_now_ms() < end) h_pump(&pc, 20), h_pump(&client, 0);
    CHECK(h_wait(h_pred_at_least, &(h_at_least){&subscribed, 1}, 10000, all, 2));
    printf("READY\n");
    fflush(stdout);
    CHECK(h_wait(h_pred_at_least, &(h_at_least){&browser_said, 1}, 60000, all, 2));
    sgcws_value rpc1[2] = {str("c1"), str("GetTime")}, rpc2[2] = {str("c2"), str("Fail")};
    CHECK_OK(S.invoke(proto, "RPC", rpc1, 2, NULL));
    CHECK_OK(S.invoke(proto, "RPC", rpc2, 2, NULL));
    CHECK(h_wait(h_pred_at_least, &(h_at_least){&rpc_ok, 1}, 10000, all, 2));
    CHECK(h_wait(h_pred_at_least, &(h_at_least){&rpc_err, 1}, 10000, all, 2));
    S.destroy(pc.h);
    S.destroy(client.h);
    return h_finish();
}
