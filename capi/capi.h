/* capi.h - the C helpers of capi, declared once for the C files and the cgo preambles.
 *
 * None of them is exported: on ELF they are hidden (the Go linker exports every global symbol of a
 * c-shared library), on Windows only the Go //export functions reach the export table. */
#ifndef SGCWS_CAPI_H
#define SGCWS_CAPI_H

#include <stddef.h>
#include <stdint.h>
#include "../include/sgcws.h"

#if defined(__ELF__)
#define SGCWS_INTERNAL __attribute__((visibility("hidden")))
#else
#define SGCWS_INTERNAL
#endif

/* lasterr.c: the calling thread's last error message. */
SGCWS_INTERNAL void sgcws_err_set(const char *msg, size_t len);
SGCWS_INTERNAL void sgcws_err_clear(void);
SGCWS_INTERNAL const char *sgcws_err_get(void);

/* scratch.c: the calling thread's memory for sgcws_invoke/sgcws_args strings (NULL if out of memory). */
SGCWS_INTERNAL char *sgcws_scratch(size_t n);

/* callctx.c: which components' callbacks run on the calling thread. */
SGCWS_INTERNAL void sgcws_cb_push(sgcws_handle component);
SGCWS_INTERNAL void sgcws_cb_pop(void);
SGCWS_INTERNAL int sgcws_cb_depth(void);
SGCWS_INTERNAL int sgcws_cb_running(sgcws_handle component);

/* trampoline.c: calls into host code, FPU-guarded and marked as "inside a callback of component". */
SGCWS_INTERNAL void sgcws_call_event(sgcws_event_cb cb, void *user, const sgcws_event *rec,
                                     const char *data, uintptr_t user_data);
SGCWS_INTERNAL void sgcws_call_wake(sgcws_wake_cb cb, void *user, sgcws_handle component);

#endif
