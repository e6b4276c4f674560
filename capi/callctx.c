/* callctx.c - which components have a callback running on the calling thread.
 *
 * The trampolines push the component before calling host code and pop it after. Exports read it to
 * refuse blocking calls from inside a callback (they would deadlock) and to let sgcws_detach and
 * sgcws_destroy skip waiting for the very callback they are called from. Callbacks nest only when host
 * code in a callback calls an export that raises an event synchronously, so a short stack suffices;
 * deeper levels are still counted. */
#include "capi.h"

#define CB_MAX 8

static __thread int cb_depth;
static __thread sgcws_handle cb_stack[CB_MAX];

void sgcws_cb_push(sgcws_handle component) {
    if (cb_depth < CB_MAX)
        cb_stack[cb_depth] = component;
    cb_depth++;
}

void sgcws_cb_pop(void) { cb_depth--; }

int sgcws_cb_depth(void) { return cb_depth; }

int sgcws_cb_running(sgcws_handle component) {
    int n = cb_depth < CB_MAX ? cb_depth : CB_MAX;
    for (int i = 0; i < n; i++)
        if (cb_stack[i] == component)
            return 1;
    return 0;
}
