/* trampoline.c - the only places where the library calls host code.
 *
 * Around each call: the FPU state of this (Go-owned) thread is saved and restored, so whatever the
 * host's runtime does to it (FPC resets it on every new thread) never leaks into Go; and the component
 * is marked as "in a callback" on this thread (callctx.c). The event record is built on this C stack:
 * it is valid for exactly the duration of the callback, and data may point into Go memory because the
 * Go caller passed it as a call argument (cgo keeps it alive and unmoved until we return). */
#include "capi.h"
#include "fpu.h"

void sgcws_call_event(sgcws_event_cb cb, void *user, const sgcws_event *rec, const char *data,
                      uintptr_t user_data) {
    sgcws_event ev = *rec;
    ev.data = ev.data_len > 0 ? data : NULL;
    ev.user_data = (void *)user_data;
    sgcws_fpu saved = sgcws_fpu_save();
    sgcws_cb_push(ev.component);
    cb(user, &ev);
    sgcws_cb_pop();
    sgcws_fpu_restore(saved);
}

void sgcws_call_wake(sgcws_wake_cb cb, void *user, sgcws_handle component) {
    sgcws_fpu saved = sgcws_fpu_save();
    sgcws_cb_push(component);
    cb(user);
    sgcws_cb_pop();
    sgcws_fpu_restore(saved);
}
