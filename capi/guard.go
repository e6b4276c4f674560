package main

/*
#include "capi.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"

	"github.com/sgcws/sgcws/capi/internal/fpu"
	"github.com/sgcws/sgcws/core/engine"
)

// guarded runs the body of one export under the boundary rules: the FPU is masked for the Go code
// and the caller's state restored on return, and a panic never crosses into C: it becomes onPanic,
// with a last-error message naming the export.
func guarded[T any](export string, onPanic T, body func() T) (v T) {
	mxcsr, x87 := fpu.Enter()
	defer func() {
		if p := recover(); p != nil {
			setLastError(fmt.Sprintf("%s: internal error: %v", export, p))
			v = onPanic
		}
		fpu.Leave(mxcsr, x87)
	}()
	return body()
}

// call is guarded for the exports that return a status code; it also maintains the thread's last
// error: cleared on success, set to the error's message on failure.
func call(export string, body func() error) C.int32_t {
	return guarded(export, C.int32_t(engine.EInternal), func() C.int32_t {
		return status(export, body())
	})
}

// status turns an engine or argument error into its code and records its message.
func status(export string, err error) C.int32_t {
	if err == nil {
		C.sgcws_err_clear()
		return C.int32_t(engine.OK)
	}
	var ae *argError
	if errors.As(err, &ae) {
		setLastError(export + ": " + ae.msg)
		return C.int32_t(ae.code)
	}
	setLastError(err.Error())
	return C.int32_t(engine.CodeOf(err))
}

// setLastError stores msg as the calling thread's last error (C copies it before returning).
func setLastError(msg string) {
	C.sgcws_err_set((*C.char)(unsafe.Pointer(unsafe.StringData(msg))), C.size_t(len(msg)))
}
