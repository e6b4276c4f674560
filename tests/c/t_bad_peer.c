/* Misbehaving peers and refused connections: connection refused (SGCWS_E_CONNECT), a message over
 * Options.MaxMessageSize (the sender is closed with 1009), invalid UTF-8 text with
 * Options.ValidateUTF8 (closed with 1007, seen on the wire by a raw socket), a peer that vanishes in the
 * middle of a frame (the server reports 1006). */
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"

static void refused(void) {
    sgcws_handle c = 0;
    CHECK_OK(S.create(SGCWS_CLIENT, &c));
    h_client_url(c, h_free_port(), "/");
    CHECK_RC(S.connect(c, 10000), SGCWS_E_CONNECT);
    CHECK(S.errmsg()[0] != 0);
    CHECK_OK(S.destroy(c));
}

static void too_big(void) {
    h_track st = {0}, ct = {0};
    h_comp server, client;
    h_comp_init(&server, SGCWS_SERVER, H_NOSYNC, h_echo_event, &st);
    CHECK_OK(S.set_int(server.h, "Options.MaxMessageSize", 1000));
    h_comp_init(&client, SGCWS_CLIENT, H_NOSYNC, h_track_event, &ct);
    h_client_url(client.h, h_server_listen(server.h), "/");
    CHECK_OK(S.connect(client.h, 10000));
    static char payload[5000];
    memset(payload, 'z', sizeof payload);
    CHECK_OK(S.write(client.h, SGCWS_TEXT, payload, 999, 0)); /* under the limit: echoed */
    CHECK(H_WAIT_COUNT(&ct, messages, 1, 10000, NULL, 0));
    CHECK_OK(S.write(client.h, SGCWS_BINARY, payload, sizeof payload, 0));
    CHECK(H_WAIT_COUNT(&ct, disconnects, 1, 10000, NULL, 0));
    CHECK(atomic_load(&ct.last_code) == 1009);
    CHECK(atomic_load(&st.binaries) == 0);
    CHECK_OK(S.destroy(client.h));
    CHECK_OK(S.destroy(server.h));
}

/* An upgraded raw socket to a fresh NoSync server configured by `prop` (a Boolean set to True). */
static int raw_client(h_comp *server, h_track *st, const char *prop) {
    h_comp_init(server, SGCWS_SERVER, H_NOSYNC, h_track_event, st);
    if (prop) CHECK_OK(S.set_bool(server->h, prop, 1));
    int fd = h_tcp_connect(h_server_listen(server->h), 10000);
    CHECK(fd >= 0);
    char resp[1024];
    CHECK(fd >= 0 && h_ws_upgrade(fd, "/", "", resp, sizeof resp) == 101);
    CHECK(H_WAIT_COUNT(st, connects, 1, 10000, NULL, 0));
    return fd;
}

static void bad_utf8(void) {
    h_track st = {0};
    h_comp server;
    int fd = raw_client(&server, &st, "Options.ValidateUTF8");
    unsigned char frame[64];
    size_t n = h_ws_frame(frame, 1, 1, "ok \xff\xfe bad", 10);
    CHECK(h_send_all(fd, frame, n) == 0);
    unsigned char in[64] = {0};
    size_t got = h_recv_until(fd, (char *)in, sizeof in, NULL); /* until the server closes */
    /* A close frame (opcode 8, unmasked) whose status code is 1007. */
    CHECK(got >= 4 && (in[0] & 0x0f) == 8 && in[1] >= 2 && (in[2] << 8 | in[3]) == 1007);
    CHECK(H_WAIT_COUNT(&st, disconnects, 1, 10000, NULL, 0));
    CHECK(atomic_load(&st.messages) == 0);
    close(fd);
    CHECK_OK(S.destroy(server.h));
}

static void vanished(void) {
    h_track st = {0};
    h_comp server;
    int fd = raw_client(&server, &st, NULL);
    unsigned char frame[256];
    char payload[200];
    memset(payload, 'v', sizeof payload);
    size_t n = h_ws_frame(frame, 1, 2, payload, sizeof payload);
    CHECK(h_send_all(fd, frame, n / 2) == 0); /* half a frame, then gone */
    close(fd);
    CHECK(H_WAIT_COUNT(&st, disconnects, 1, 10000, NULL, 0));
    CHECK(atomic_load(&st.last_code) == 1006);
    CHECK(atomic_load(&st.binaries) == 0);
    CHECK_OK(S.destroy(server.h));
}

int main(void) {
    h_init("bad_peers", 90);
    refused();
    too_big();
    bad_utf8();
    vanished();
    return h_finish();
}
