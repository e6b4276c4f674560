package main

/*
#include <stdint.h>
*/
import "C"

import (
	"strconv"
	"unsafe"

	"github.com/sgcws/sgcws/core/engine"
	"github.com/sgcws/sgcws/core/registry"
)

// The generic path: methods by name, event arguments, the registry's description. Values cross as
// sgcws_value records; inbound names and data are the host's memory, lent to the method for the
// call (a method copies what it keeps: registry.Method), outbound ones go into the calling thread's
// scratch memory (scratch.c).

//export sgcws_invoke
func sgcws_invoke(h C.uint64_t, method *C.char, args unsafe.Pointer, nargs C.int32_t, result unsafe.Pointer) C.int32_t {
	return call("sgcws_invoke", func() error {
		m, err := borrowedName(method, "method")
		if err == nil {
			err = nonNegative(nargs, "nargs")
		}
		if err == nil && args == nil && nargs > 0 {
			err = badArg("args is NULL with nargs %d", nargs)
		}
		if err != nil {
			return err
		}
		var small [8]registry.Value // most calls: no allocation for the argument list
		in := small[:0]
		if int(nargs) > len(small) {
			in = make([]registry.Value, 0, int(nargs))
		}
		in = in[:int(nargs)]
		for i := range in {
			if in[i], err = valueFromC(args, i); err != nil {
				return err
			}
		}
		res, err := engine.Invoke(uint64(h), m, in, func() bool { return callbackDepth() > 0 })
		if err != nil || result == nil {
			return err
		}
		return resultToC(result, res)
	})
}

//export sgcws_args
func sgcws_args(h C.uint64_t, list unsafe.Pointer, capacity C.int32_t, count *C.int32_t) C.int32_t {
	return call("sgcws_args", func() error {
		err := out(count, "count")
		if err == nil {
			err = nonNegative(capacity, "cap")
		}
		if err == nil && list == nil && capacity > 0 {
			err = badArg("out is NULL with cap %d", capacity)
		}
		if err != nil {
			return err
		}
		vals, err := engine.EventArgs(uint64(h))
		if err != nil {
			return err
		}
		*count = C.int32_t(len(vals))
		if len(vals) > int(capacity) {
			return &argError{engine.EBuffer, "out holds " + strconv.Itoa(int(capacity)) + " values, the event has " + strconv.Itoa(len(vals))}
		}
		// One scratch block for every string of the event, so all stay valid together.
		size := 0
		for _, v := range vals {
			size += len(v.Data) + len(v.Name) + 1
		}
		block, err := scratch(size)
		if err != nil {
			return err
		}
		off := 0
		for i, v := range vals {
			off = valueToC(list, i, v, block, off)
		}
		return nil
	})
}

//export sgcws_describe
func sgcws_describe(kind C.int32_t, buf *C.char, capacity C.int32_t, length *C.int32_t) C.int32_t {
	return call("sgcws_describe", func() error {
		s, err := engine.Describe(engine.Kind(kind))
		if err != nil {
			return err
		}
		return copyOut(s, buf, capacity, length)
	})
}
