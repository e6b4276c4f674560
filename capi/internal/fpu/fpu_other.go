//go:build !amd64 && !386

// Package fpu is the FPU guard of capi's exports (see fpu.go). Other architectures (arm64) trap on
// no floating-point exception unless a host enables traps, which no supported host runtime does.
package fpu

func Enter() (mxcsr uint32, x87 uint16) { return 0, 0 }
func Leave(mxcsr uint32, x87 uint16)    {}
