/* fpu.h - save, mask and restore the floating-point control state (MXCSR and x87 control word).
 *
 * Pascal runtimes unmask FPU exceptions; Go code must run with them masked or an Inf/NaN kills the
 * process. These helpers are used by the C side of capi (callback trampolines, load-time guard); the
 * exports use the Go-assembly twin in fpu_*.s. Both set the same state: every exception masked,
 * round to nearest, no flush-to-zero. */
#ifndef SGCWS_CAPI_FPU_H
#define SGCWS_CAPI_FPU_H

#include <stdint.h>

typedef struct {
    uint32_t mxcsr;
    uint16_t x87cw;
} sgcws_fpu;

#define SGCWS_MXCSR_GO 0x1F80u /* all SSE exceptions masked, round to nearest */
#define SGCWS_X87_MASK 0x003Fu /* the six x87 exception mask bits */
#define SGCWS_X87_RC   0x0C00u /* x87 rounding control (00 = nearest) */

static inline sgcws_fpu sgcws_fpu_save(void) {
    sgcws_fpu s = {0, 0};
#if defined(__x86_64__) || defined(__i386__)
    __asm__ __volatile__("stmxcsr %0" : "=m"(s.mxcsr));
    __asm__ __volatile__("fnstcw %0" : "=m"(s.x87cw));
#endif
    return s;
}

static inline void sgcws_fpu_restore(sgcws_fpu s) {
#if defined(__x86_64__) || defined(__i386__)
    __asm__ __volatile__("ldmxcsr %0" : : "m"(s.mxcsr));
    __asm__ __volatile__("fldcw %0" : : "m"(s.x87cw));
#else
    (void)s;
#endif
}

/* The state Go needs, derived from s: x87 keeps its precision control (Windows uses 53 bits). */
static inline sgcws_fpu sgcws_fpu_go(sgcws_fpu s) {
    sgcws_fpu g;
    g.mxcsr = SGCWS_MXCSR_GO;
    g.x87cw = (uint16_t)((s.x87cw | SGCWS_X87_MASK) & ~SGCWS_X87_RC);
    return g;
}

/* Saves the caller's state and switches to Go's; returns what to restore. */
static inline sgcws_fpu sgcws_fpu_mask(void) {
    sgcws_fpu s = sgcws_fpu_save();
    sgcws_fpu_restore(sgcws_fpu_go(s));
    return s;
}

#endif
