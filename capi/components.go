package main

/*
#include <stdint.h>
*/
import "C"

import "github.com/sgcws/sgcws/core/engine"

//export sgcws_create
func sgcws_create(kind C.int32_t, handle *C.uint64_t) C.int32_t {
	return call("sgcws_create", func() error {
		if err := out(handle, "out"); err != nil {
			return err
		}
		h, err := engine.Create(engine.Kind(kind))
		if err != nil {
			return err
		}
		addBatch(h)
		*handle = C.uint64_t(h)
		return nil
	})
}

//export sgcws_destroy
func sgcws_destroy(component C.uint64_t) C.int32_t {
	return call("sgcws_destroy", func() error {
		h := uint64(component)
		err := engine.Destroy(h, callbackRunning(h))
		if err == nil {
			dropBatch(h)
		}
		return err
	})
}

//export sgcws_detach
func sgcws_detach(component C.uint64_t) C.int32_t {
	return call("sgcws_detach", func() error {
		h := uint64(component)
		return engine.Detach(h, callbackRunning(h))
	})
}

//export sgcws_kind
func sgcws_kind(h C.uint64_t, kind *C.int32_t) C.int32_t {
	return call("sgcws_kind", func() error {
		if err := out(kind, "kind"); err != nil {
			return err
		}
		k, err := engine.KindOf(uint64(h))
		*kind = C.int32_t(k)
		return err
	})
}
