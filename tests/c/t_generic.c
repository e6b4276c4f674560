/* The generic path through the real library, in every delivery mode: a host-written protocol
 * (TsgcWSProtocol_Server_Base / _Client_Base) on both ends, methods called by name (sgcws_invoke),
 * registered events read through sgcws_args and by name, the registry's description, and every
 * kind of bad input answered with its code. */
#include <stdlib.h>

#include "harness.h"
#include "sgcws_components.h"

#define SRV_MSG SGCWS_EV_TsgcWSProtocol_Server_Base_OnMessage
#define CLI_MSG SGCWS_EV_TsgcWSProtocol_Client_Base_OnMessage

static sgcws_value str(const char *name, const char *s) {
    sgcws_value v = {0};
    v.type = SGCWS_T_STRING;
    v.data = s;
    v.len = (int64_t)strlen(s);
    v.name = name;
    return v;
}

typedef struct side {
    sgcws_handle proto;
    atomic_long connects, disconnects, messages;
    char last[256];
    _Atomic sgcws_handle stale_args; /* the arguments handle of an event already released */
} side;

/* The server protocol echoes every message back through WriteData(Guid, Text). */
static void on_server_proto(void *user, const sgcws_event *ev) {
    side *s = user;
    if (ev->kind == SGCWS_EV_CONNECT) atomic_fetch_add(&s->connects, 1);
    if (ev->kind == SGCWS_EV_DISCONNECT) atomic_fetch_add(&s->disconnects, 1);
    if (ev->kind != SRV_MSG) return;
    CHECK(ev->struct_size >= offsetof(sgcws_event, args) + sizeof ev->args && ev->args != 0);
    sgcws_value vals[4];
    int32_t n = -1;
    CHECK_RC(S.args(ev->args, vals, 0, &n), SGCWS_E_BUFFER); /* asks for the count */
    CHECK(n == 1);
    CHECK_OK(S.args(ev->args, vals, 4, &n));
    CHECK(n == 1 && vals[0].type == SGCWS_T_STRING && strcmp(vals[0].name, "Text") == 0);
    char text[128];
    int32_t len = 0;
    CHECK_OK(S.get_str(ev->args, "text", text, sizeof text, &len)); /* by name, any case */
    CHECK(len == vals[0].len && memcmp(text, vals[0].data, (size_t)len) == 0);
    CHECK_RC(S.set_str(ev->args, "Text", "x", 1), SGCWS_E_READONLY); /* not a decision */
    CHECK_RC(S.get_int(ev->args, "Text", &(int64_t){0}), SGCWS_E_TYPE);
    CHECK_RC(S.get_str(ev->args, "Nope", text, sizeof text, &len), SGCWS_E_PROPERTY);
    char reply[160];
    snprintf(reply, sizeof reply, "echo:%.*s", (int)vals[0].len, vals[0].data);
    sgcws_value args[2] = {str(NULL, h_get_str(ev->connection, "Guid")), str(NULL, reply)};
    sgcws_value res = {0};
    res.type = 99;
    CHECK_OK(S.invoke(s->proto, "WriteData", args, 2, &res));
    CHECK(res.type == SGCWS_T_NONE);
    atomic_store(&s->stale_args, ev->args);
    atomic_fetch_add(&s->messages, 1);
}

static void on_client_proto(void *user, const sgcws_event *ev) {
    side *s = user;
    if (ev->kind == SGCWS_EV_CONNECT) atomic_fetch_add(&s->connects, 1);
    if (ev->kind != CLI_MSG) return;
    sgcws_value v;
    int32_t n = 0;
    CHECK_OK(S.args(ev->args, &v, 1, &n));
    CHECK(n == 1 && v.len < (int64_t)sizeof s->last);
    memcpy(s->last, v.data, (size_t)v.len);
    s->last[v.len] = 0;
    atomic_fetch_add(&s->messages, 1);
}

static void run(int mode) {
    h_track st = {0};
    side ss = {0}, cs = {0};
    h_comp server, sproto, client, cproto;
    h_comp_init(&server, SGCWS_SERVER, mode, h_track_event, &st);
    h_comp_init(&sproto, SGCWS_KIND_TsgcWSProtocol_Server_Base, mode, on_server_proto, &ss);
    ss.proto = sproto.h;
    CHECK_OK(h_set_str(sproto.h, "Protocol", "echo.sgcws"));
    CHECK_OK(S.set_int(sproto.h, "Server", (int64_t)server.h));
    int port = h_server_listen(server.h);

    h_track ct = {0};
    h_comp_init(&client, SGCWS_CLIENT, mode, h_track_event, &ct);
    h_comp_init(&cproto, SGCWS_KIND_TsgcWSProtocol_Client_Base, mode, on_client_proto, &cs);
    cs.proto = cproto.h;
    CHECK_OK(h_set_str(cproto.h, "Protocol", "echo.sgcws"));
    CHECK_OK(S.set_int(cproto.h, "Client", (int64_t)client.h));
    h_client_url(client.h, port, "/");
    CHECK_OK(S.start(client.h));
    h_comp *all[] = {&server, &sproto, &client, &cproto};
    CHECK(H_WAIT_COUNT(&cs, connects, 1, 10000, all, 4));
    CHECK(strcmp(h_get_str(client.h, "Protocol"), "echo.sgcws") == 0);

    sgcws_value hello = str("text", "hello, protocol"); /* by name */
    CHECK_OK(S.invoke(cproto.h, "writedata", &hello, 1, NULL));
    CHECK(H_WAIT_COUNT(&cs, messages, 1, 10000, all, 4));
    CHECK(strcmp(cs.last, "echo:hello, protocol") == 0);
    CHECK(atomic_load(&ss.messages) == 1 && atomic_load(&ss.connects) == 1);
    CHECK(atomic_load(&st.messages) == 0); /* the protocol's, not the server's */
    CHECK(atomic_load(&st.connects) == 1);

    /* The event was handled: its arguments are gone, with a clear code. */
    if (mode != H_NOSYNC) h_pump(&sproto, 0); /* releases the batch that held it */
    sgcws_value v;
    int32_t n = 0;
    CHECK_RC(S.args(atomic_load(&ss.stale_args), &v, 1, &n), SGCWS_E_HANDLE);

    S.destroy(client.h);
    CHECK(H_WAIT_COUNT(&ss, disconnects, 1, 10000, all, 2));
    S.destroy(cproto.h);
    S.destroy(sproto.h);
    S.destroy(server.h);
}

static void bad_input(void) {
    sgcws_handle p = 0, srv = 0;
    CHECK_OK(S.create(SGCWS_KIND_TsgcWSProtocol_Server_Base, &p));
    CHECK_OK(S.create(SGCWS_SERVER, &srv));
    sgcws_value two[2] = {str(NULL, "g"), str(NULL, "t")};
    sgcws_value bad = {0};
    bad.type = 42;
    CHECK_RC(S.invoke(p, NULL, two, 2, NULL), SGCWS_E_ARG);
    CHECK_RC(S.invoke(p, "WriteData", NULL, 2, NULL), SGCWS_E_ARG);
    CHECK_RC(S.invoke(p, "WriteData", two, -1, NULL), SGCWS_E_ARG);
    CHECK_RC(S.invoke(p, "NoSuchMethod", two, 2, NULL), SGCWS_E_METHOD);
    CHECK(strstr(S.errmsg(), "NoSuchMethod") != NULL);
    CHECK_RC(S.invoke(p, "WriteData", two, 1, NULL), SGCWS_E_ARG); /* Text missing */
    CHECK(strstr(S.errmsg(), "Text") != NULL);
    CHECK_RC(S.invoke(p, "WriteData", &bad, 1, NULL), SGCWS_E_ARG);
    sgcws_value num = {0};
    num.type = SGCWS_T_INT;
    sgcws_value mixed[2] = {num, str(NULL, "t")};
    CHECK_RC(S.invoke(p, "WriteData", mixed, 2, NULL), SGCWS_E_TYPE);
    sgcws_value nameless_after_named[2] = {str("Guid", "g"), str(NULL, "t")};
    CHECK_RC(S.invoke(p, "WriteData", nameless_after_named, 2, NULL), SGCWS_E_ARG);
    CHECK_RC(S.invoke(p, "WriteData", two, 2, NULL), SGCWS_E_VALUE); /* no connection "g" */
    CHECK_RC(S.invoke(srv, "WriteData", two, 2, NULL), SGCWS_E_METHOD); /* typed calls only */
    CHECK_RC(S.set_int(p, "Server", 12345), SGCWS_E_HANDLE);
    CHECK_RC(S.set_int(p, "Server", (int64_t)p), SGCWS_E_HANDLE); /* not a transport */
    CHECK_OK(S.destroy(p));
    CHECK_RC(S.invoke(p, "WriteData", two, 2, NULL), SGCWS_E_HANDLE);
    CHECK_RC(S.args(p, NULL, 0, &(int32_t){0}), SGCWS_E_HANDLE);
    CHECK_RC(S.args(srv, NULL, 0, &(int32_t){0}), SGCWS_E_HANDLE); /* not an arguments handle */
    CHECK_RC(S.args(srv, NULL, 0, NULL), SGCWS_E_ARG);
    CHECK_OK(S.destroy(srv));

    /* The description: every registered kind, and one at a time. */
    int32_t len = 0;
    CHECK_RC(S.describe(0, NULL, 0, &len), SGCWS_E_BUFFER);
    CHECK(len > 100);
    char *json = malloc((size_t)len + 1);
    CHECK_OK(S.describe(0, json, len + 1, &len));
    CHECK(json[0] == '[' && strstr(json, "\"TsgcWSProtocol_Server_Base\"") && strstr(json, "\"TsgcWebSocketClient\""));
    free(json);
    char one[8192];
    CHECK_OK(S.describe(SGCWS_KIND_TsgcWSProtocol_Client_Base, one, sizeof one, &len));
    CHECK(one[0] == '{' && strstr(one, "\"OnMessage\"") && strstr(one, "\"WriteData\""));
    CHECK_RC(S.describe(99, one, sizeof one, &len), SGCWS_E_ARG);
}

int main(void) {
    h_init("generic", 120);
    for (int mode = 0; mode < 3; mode++) run(mode);
    bad_input();
    return h_finish();
}
