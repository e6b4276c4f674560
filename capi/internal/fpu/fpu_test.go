//go:build amd64 || 386

package fpu

import (
	"math"
	"runtime"
	"testing"
)

// With a Pascal host's state (invalid, zero-divide and overflow unmasked) a division by zero would
// kill the process; inside Enter/Leave it must give +Inf, and Leave must hand the state back.
// zero is a variable so that the compiler cannot fold 1/zero away.
var zero float64

func TestEnterMasksAndLeaveRestores(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	goMXCSR, goX87 := Enter() // Go's own state, to put back at the end
	defer Leave(goMXCSR, goX87)

	const hostMXCSR, hostX87 = 0x1900, 0x1332
	Leave(hostMXCSR, hostX87) // now unmasked, like a Delphi thread
	m, x := Enter()
	inf := 1 / zero
	Leave(m, x)
	if !math.IsInf(inf, 1) {
		t.Fatalf("1/0 = %v under Enter", inf)
	}
	if m&0xFFC0 != hostMXCSR || x&^0x40 != hostX87 { // bit 6 of the x87 word is reserved
		t.Fatalf("Enter saved MXCSR %#x x87 %#x, want %#x %#x", m, x, hostMXCSR, hostX87)
	}
	m2, x2 := Enter()
	if m2&0xFFC0 != hostMXCSR || x2 != x {
		t.Fatalf("Leave restored MXCSR %#x x87 %#x, want %#x %#x", m2, x2, m, x)
	}
}
