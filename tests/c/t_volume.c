/* 100,000 messages client -> server -> client on one connection, numbered, in neNoSync and in
 * neAsynchronous (batch polling): every echo arrives, once, in order. */
#include <stdlib.h>

#include "harness.h"

enum { COUNT = 100000 };

typedef struct receiver {
    h_track track;
    atomic_long next;      /* the sequence number expected next */
    atomic_long disorder;  /* echoes that were not the expected one */
} receiver;

static void on_client(void *user, const sgcws_event *ev) {
    receiver *r = user;
    if (ev->kind == SGCWS_EV_MESSAGE) {
        char num[24] = {0};
        memcpy(num, ev->data, ev->data_len < 23 ? (size_t)ev->data_len : 23);
        if (atol(num) != atomic_load(&r->next) || ev->data_len > 23) atomic_fetch_add(&r->disorder, 1);
        atomic_fetch_add(&r->next, 1);
    }
    h_track_event(&r->track, ev);
}

static void run(int mode) {
    h_track st = {0};
    receiver r = {0};
    h_comp server, client;
    h_pair(&server, h_echo_event, &st, &client, on_client, &r, mode);
    h_comp *all[] = {&server, &client};

    char msg[24];
    for (int i = 0; i < COUNT; i++) {
        int n = snprintf(msg, sizeof msg, "%d", i);
        int32_t rc;
        while ((rc = S.write(client.h, SGCWS_TEXT, msg, n, 0)) == SGCWS_E_QUEUE_FULL) {
            h_pump(&server, 1);
            h_pump(&client, 1);
        }
        if (rc != SGCWS_OK) {
            CHECK_OK(rc);
            break;
        }
        if (i % 1000 == 999) {
            h_pump(&server, 0);
            h_pump(&client, 0);
        }
    }
    CHECK(H_WAIT_COUNT(&r.track, messages, COUNT, 120000, all, 2));
    CHECK(atomic_load(&r.track.messages) == COUNT);
    CHECK(atomic_load(&st.messages) == COUNT);
    CHECK(atomic_load(&r.disorder) == 0);
    CHECK_OK(S.destroy(client.h));
    CHECK_OK(S.destroy(server.h));
    printf("  %s: %ld echoes, %ld out of order\n", h_mode_names[mode], atomic_load(&r.track.messages),
           atomic_load(&r.disorder));
}

int main(void) {
    h_init("volume_100k_echo", 170);
    run(H_NOSYNC);
    run(H_ASYNC);
    return h_finish();
}
