// Command capi is the C ABI of sgcws: the only package main, the only cgo and the only exports of
// the library built with -buildmode=c-shared (libsgcws.so, sgcws.dll, libsgcws.dylib). Each function
// of include/sgcws.h is one //export here that converts its arguments and calls the same-named
// function of core/engine; everything else is the boundary rules below.
//
// Every export runs its body through guarded/call (guard.go):
//   - FPU: exceptions are masked on entry and the caller's MXCSR and x87 control word restored on
//     return (internal/fpu, Go assembly, a few ns; a cgo helper pair would cost tens). The mask is set
//     in the export's body, so the runtime's cgocallback prologue (and, on a thread's first call, its
//     M set-up) still runs with the host's state: a small window, not seen to trap in tests. Masking before any Go code would need a C
//     wrapper per export, which would put a second, internal name per function into the DLL's export
//     table (the Go linker exports every //export name): the contract is exactly the header's names.
//   - Panics are recovered into SGCWS_E_INTERNAL with a message naming the export.
//   - Pointers and lengths are checked (NULL out-pointers, negative lengths: SGCWS_E_ARG) and every
//     inbound buffer is copied before the engine sees it (args.go).
//   - The calling thread's last error (sgcws_errmsg) is set on failure and cleared on success. It
//     lives in C thread-local storage (lasterr.c): it belongs to the host's OS thread, which goroutines
//     are not. sgcws_errstr, sgcws_errmsg, sgcws_abi_version and sgcws_version leave it alone.
//
// The //export files include only <stdint.h>, not sgcws.h: cgo writes its own prototypes without
// const, which would conflict with the header's. tools/checkexports compares Go's generated
// prototypes with the header's, type by type, after every build.
//
// Calls into host code go through the C trampolines (trampoline.c), which save and restore the FPU
// state around the host function (a Pascal runtime resets it on every new thread) and mark the
// component as "in a callback" on this thread (callctx.c). From that mark the blocking exports learn
// insideCallback (SGCWS_E_IN_CALLBACK instead of a deadlock) and sgcws_detach/sgcws_destroy learn that
// they must not wait for the callback they are called from.
//
// Event records: in neNoSync the record is built on the trampoline's stack and the payload passed as
// a cgo argument (valid during the callback, nothing allocated). For sgcws_poll each component owns C
// memory for its records and one arena for its payloads, reused from poll to poll (batch.go); payloads
// are copied there rather than pinned, so C never holds a Go pointer. struct_size is sizeof(sgcws_event)
// and layout.go pins the layout at compile time.
//
// At load time (loadguard.c) a C constructor masks FPU exceptions while the Go runtime starts and then
// gives the loading thread its state back; on Windows it also pins the DLL so that FreeLibrary can
// never unmap it. No other Go-built library may be loaded into the same process.
//
// Build with ./build.sh (out/<goos>-<goarch>/); tests/abi/run.sh checks this package end to end.
package main
