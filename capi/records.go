package main

/*
#include "capi.h"
*/
import "C"

import (
	"unsafe"

	"github.com/sgcws/sgcws/core/events"
)

// fillRecord sets every field of rec but data and user_data, whose memory depends on the delivery.
func fillRecord(rec *C.sgcws_event, ev *events.Event) {
	rec.struct_size = C.uint32_t(unsafe.Sizeof(*rec))
	rec.kind = C.int32_t(ev.Kind)
	rec.component = C.sgcws_handle(ev.Component)
	rec.connection = C.sgcws_handle(ev.Connection)
	rec.reply = C.sgcws_handle(ev.Reply)
	rec.data_len = C.int64_t(len(ev.Data))
	rec.code = C.int32_t(ev.Code)
	rec.flags = C.uint32_t(ev.Flags)
	rec.offset = C.int64_t(ev.Offset)
	rec.args = C.sgcws_handle(ev.Args)
}

// eventCallback adapts the host's sgcws_event_cb for the engine (neNoSync). The record is built on
// the trampoline's C stack and the payload is passed as a call argument, so nothing is allocated,
// copied or pinned per event, and the record is valid exactly during the callback.
func eventCallback(cb, user unsafe.Pointer) func(*events.Event) {
	fn := C.sgcws_event_cb(cb)
	return func(ev *events.Event) {
		var rec C.sgcws_event
		fillRecord(&rec, ev)
		var data *C.char
		if len(ev.Data) > 0 {
			data = (*C.char)(unsafe.Pointer(&ev.Data[0]))
		}
		C.sgcws_call_event(fn, user, &rec, data, C.uintptr_t(ev.UserData))
	}
}

// wakeCallback adapts the host's sgcws_wake_cb for the engine (queued modes).
func wakeCallback(cb, user unsafe.Pointer, component uint64) func() {
	fn := C.sgcws_wake_cb(cb)
	return func() { C.sgcws_call_wake(fn, user, C.sgcws_handle(component)) }
}
