/* sgcws_errmsg is per thread: a failure on thread A leaves thread B's message unchanged. */
#include <pthread.h>

#include "harness.h"

static sgcws_handle comp;
static atomic_int step; /* 0: B fails; 1: A fails; 2: B checks; 3: done */

static void wait_step(int s) {
    int64_t end = h_now_ms() + 10000;
    while (atomic_load(&step) != s && h_now_ms() < end) h_sleep_ms(1);
    CHECK(atomic_load(&step) == s);
}

static void *thread_b(void *arg) {
    (void)arg;
    CHECK_RC(S.set_int(comp, "BetaProperty", 1), SGCWS_E_PROPERTY);
    atomic_store(&step, 1);
    wait_step(2);
    CHECK(strstr(S.errmsg(), "BetaProperty") != NULL);
    CHECK(strstr(S.errmsg(), "AlphaProperty") == NULL);
    atomic_store(&step, 3);
    return NULL;
}

int main(void) {
    h_init("errmsg_per_thread", 30);
    CHECK_OK(S.create(SGCWS_SERVER, &comp));
    pthread_t b;
    CHECK(pthread_create(&b, NULL, thread_b, NULL) == 0);
    wait_step(1);
    CHECK(S.errmsg()[0] == 0); /* B's failure is not A's */
    CHECK_RC(S.set_int(comp, "AlphaProperty", 1), SGCWS_E_PROPERTY);
    atomic_store(&step, 2);
    wait_step(3);
    CHECK(strstr(S.errmsg(), "AlphaProperty") != NULL);
    pthread_join(b, NULL);
    CHECK_OK(S.destroy(comp));
    return h_finish();
}
