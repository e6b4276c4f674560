package main

/*
#include "capi.h"
*/
import "C"

import (
	"math"
	"strconv"
	"unsafe"

	"github.com/sgcws/sgcws/core/engine"
	"github.com/sgcws/sgcws/core/registry"
)

// Conversions between sgcws_value records and registry.Value for the generic path (generic.go).

// valueFromC converts the i-th record of the host's array.
func valueFromC(array unsafe.Pointer, i int) (registry.Value, error) {
	r := &unsafe.Slice((*C.sgcws_value)(array), i+1)[i]
	v := registry.Value{Type: registry.Type(r._type), Int: int64(r.i), Float: float64(r.d)}
	if r.name != nil {
		v.Name, _ = borrowedName(r.name, "")
	}
	switch v.Type {
	case registry.Bool, registry.Int, registry.Handle, registry.Double:
	case registry.String, registry.Bytes:
		b, err := borrowedBytes(unsafe.Pointer(r.data), int64(r.len), "data")
		if err != nil {
			return v, badArg("args[%d]: %v", i, err)
		}
		v.Data = b
	default:
		return v, badArg("args[%d].type %d is not an SGCWS_T_* value type", i, int32(r._type))
	}
	return v, nil
}

// resultToC fills the host's result record, its text in the thread's scratch memory.
func resultToC(result unsafe.Pointer, v registry.Value) error {
	block, err := scratch(len(v.Data) + 1)
	if err != nil {
		return err
	}
	valueToC(result, 0, registry.Value{Type: v.Type, Int: v.Int, Float: v.Float, Data: v.Data}, block, 0)
	return nil
}

// valueToC writes v into the i-th record of array, copying its data and name into block at off;
// returns the next offset.
func valueToC(array unsafe.Pointer, i int, v registry.Value, block []byte, off int) int {
	r := &unsafe.Slice((*C.sgcws_value)(array), i+1)[i]
	r._type = C.int32_t(v.Type)
	r.reserved = 0
	r.i = C.int64_t(v.Int)
	r.d = C.double(v.Float)
	r.len = C.int64_t(len(v.Data))
	data := uintptr(0)
	if len(v.Data) > 0 {
		data = uintptr(unsafe.Pointer(&block[off]))
		off += copy(block[off:], v.Data)
	}
	storeWord(unsafe.Pointer(&r.data), data)
	name := uintptr(0)
	if v.Name != "" {
		name = uintptr(unsafe.Pointer(&block[off]))
		off += copy(block[off:], v.Name)
		block[off] = 0
		off++
	}
	storeWord(unsafe.Pointer(&r.name), name)
	return off
}

// scratch is the calling thread's scratch memory, at least n bytes.
func scratch(n int) ([]byte, error) {
	if n == 0 {
		n = 1
	}
	if n > math.MaxInt32 {
		return nil, &argError{engine.ETooBig, "result of " + strconv.Itoa(n) + " bytes is too large"}
	}
	p := C.sgcws_scratch(C.size_t(n))
	if p == nil {
		return nil, &argError{engine.EInternal, "out of memory for a result of " + strconv.Itoa(n) + " bytes"}
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(p)), n), nil
}
