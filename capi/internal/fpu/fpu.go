//go:build amd64 || 386

// Package fpu is the FPU guard of capi's exports: mask every floating-point exception on entry,
// give the caller its state back on return.
//
// It is Go assembly, not a C helper: a cgo call costs tens of nanoseconds and passes through the
// scheduler, these cost a few. (It is its own package because a cgo package cannot hold Go
// assembly.) capi/fpu.h is the C twin for the trampolines and the load guard; both set the same
// state: every exception masked, round to nearest, the x87 precision kept.
package fpu

// Enter saves the caller's MXCSR and x87 control word and masks every exception.
func Enter() (mxcsr uint32, x87 uint16)

// Leave restores what Enter saved.
func Leave(mxcsr uint32, x87 uint16)
