package main

/*
#include "capi.h"
*/
import "C"

// The Go side of callctx.c and lasterr.c: both live in C thread-local storage because they belong
// to the calling OS thread, which Go code cannot name.

// callbackDepth is how many host callbacks run on the calling thread (> 0: inside a callback).
func callbackDepth() int { return int(C.sgcws_cb_depth()) }

// callbackRunning reports whether a callback of component runs on the calling thread.
func callbackRunning(component uint64) bool {
	return C.sgcws_cb_running(C.sgcws_handle(component)) != 0
}

// lastError is the calling thread's last error message.
func lastError() *C.char { return (*C.char)(C.sgcws_err_get()) }
