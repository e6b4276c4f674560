/* scratch.c - per-thread memory for the strings sgcws_invoke and sgcws_args hand out.
 *
 * Like the last error, it belongs to the calling OS thread, so a result stays valid however the
 * library's goroutines move, until the same thread's next sgcws_invoke or sgcws_args. It only
 * grows (to the largest result the thread has seen) and is never freed: a thread that ends leaks
 * its buffer, which is small next to a thread's stack. */
#include <stdlib.h>
#include "capi.h"

static __thread char *scratch_buf;
static __thread size_t scratch_cap;

char *sgcws_scratch(size_t n) {
    if (n > scratch_cap) {
        size_t cap = scratch_cap ? scratch_cap : 256;
        while (cap < n) cap *= 2;
        char *p = realloc(scratch_buf, cap);
        if (p == NULL) return NULL;
        scratch_buf = p;
        scratch_cap = cap;
    }
    return scratch_buf;
}
