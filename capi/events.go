package main

/*
#include <stdint.h>
*/
import "C"

import (
	"unsafe"

	"github.com/sgcws/sgcws/core/engine"
)

//export sgcws_set_callback
func sgcws_set_callback(component C.uint64_t, cb, user unsafe.Pointer) C.int32_t {
	return call("sgcws_set_callback", func() error {
		if cb == nil {
			return engine.SetCallback(uint64(component), nil)
		}
		return engine.SetCallback(uint64(component), eventCallback(cb, user))
	})
}

//export sgcws_set_wake
func sgcws_set_wake(component C.uint64_t, cb, user unsafe.Pointer) C.int32_t {
	return call("sgcws_set_wake", func() error {
		if cb == nil {
			return engine.SetWake(uint64(component), nil)
		}
		return engine.SetWake(uint64(component), wakeCallback(cb, user, uint64(component)))
	})
}

//export sgcws_poll
func sgcws_poll(component C.uint64_t, list unsafe.Pointer, max, timeoutMs C.int32_t, count *C.int32_t) C.int32_t {
	return call("sgcws_poll", func() error {
		err := out(count, "count")
		if err == nil && (list == nil || max <= 0) {
			err = badArg("events is NULL or max %d is below 1", max)
		}
		d, derr := millis(timeoutMs)
		if err == nil {
			err = derr
		}
		if err != nil {
			return err
		}
		*count = 0
		h := uint64(component)
		evs, err := engine.Poll(h, int(max), d)
		if err != nil {
			return err
		}
		n, err := fillBatch(h, evs, list)
		*count = C.int32_t(n)
		return err
	})
}

//export sgcws_release
func sgcws_release(component C.uint64_t) C.int32_t {
	return call("sgcws_release", func() error { return engine.Release(uint64(component)) })
}

//export sgcws_done
func sgcws_done(reply C.uint64_t) C.int32_t {
	return call("sgcws_done", func() error { return engine.Done(uint64(reply)) })
}

//export sgcws_waitable
func sgcws_waitable(component C.uint64_t, waitable *C.intptr_t) C.int32_t {
	return call("sgcws_waitable", func() error {
		if err := out(waitable, "waitable"); err != nil {
			return err
		}
		w, err := engine.Waitable(uint64(component))
		*waitable = C.intptr_t(w)
		return err
	})
}
