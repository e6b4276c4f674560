#include "textflag.h"

// See fpu.go. Masks every exception, rounds to nearest, keeps the x87 precision (fpu.h does the same).

// func Enter() (mxcsr uint32, x87 uint16)
TEXT ·Enter(SB), NOSPLIT, $8-6
	STMXCSR mxcsr+0(FP)
	FSTCW   x87+4(FP)
	MOVL    $0x1F80, 0(SP)
	LDMXCSR 0(SP)
	MOVW    x87+4(FP), AX
	ORW     $0x003F, AX
	ANDW    $0xF3FF, AX
	MOVW    AX, 4(SP)
	FLDCW   4(SP)
	RET

// func Leave(mxcsr uint32, x87 uint16)
TEXT ·Leave(SB), NOSPLIT, $0-6
	LDMXCSR mxcsr+0(FP)
	FLDCW   x87+4(FP)
	RET
