package main

/*
#include <stdint.h>
*/
import "C"

import (
	"unsafe"

	"github.com/sgcws/sgcws/core/engine"
)

//export sgcws_write
func sgcws_write(h C.uint64_t, typ C.int32_t, data unsafe.Pointer, length C.int64_t, fragmentSize C.int32_t) C.int32_t {
	return call("sgcws_write", func() error {
		b, err := borrowedBytes(data, int64(length), "data")
		if err == nil {
			err = nonNegative(fragmentSize, "fragment_size")
		}
		if err != nil {
			return err
		}
		return engine.Write(uint64(h), int32(typ), b, int(fragmentSize))
	})
}

//export sgcws_write_to
func sgcws_write_to(server C.uint64_t, guid *C.char, typ C.int32_t, data unsafe.Pointer, length C.int64_t) C.int32_t {
	return call("sgcws_write_to", func() error {
		g, err := name(guid, "guid")
		if err != nil {
			return err
		}
		b, err := borrowedBytes(data, int64(length), "data")
		if err != nil {
			return err
		}
		return engine.WriteTo(uint64(server), g, int32(typ), b)
	})
}

//export sgcws_broadcast
func sgcws_broadcast(server C.uint64_t, typ C.int32_t, data unsafe.Pointer, length C.int64_t,
	channel, protocol, exclude, include *C.char) C.int32_t {
	return call("sgcws_broadcast", func() error {
		b, err := borrowedBytes(data, int64(length), "data")
		if err != nil {
			return err
		}
		return engine.Broadcast(uint64(server), int32(typ), b,
			optName(channel), optName(protocol), optName(exclude), optName(include))
	})
}

//export sgcws_ping
func sgcws_ping(h C.uint64_t, data unsafe.Pointer, length C.int32_t) C.int32_t {
	return call("sgcws_ping", func() error {
		b, err := borrowedBytes(data, int64(length), "data")
		if err != nil {
			return err
		}
		return engine.Ping(uint64(h), b)
	})
}

//export sgcws_close
func sgcws_close(h C.uint64_t, code C.int32_t) C.int32_t {
	return call("sgcws_close", func() error { return engine.Close(uint64(h), int32(code)) })
}

//export sgcws_drop
func sgcws_drop(h C.uint64_t, code C.int32_t) C.int32_t {
	return call("sgcws_drop", func() error { return engine.Drop(uint64(h), int32(code)) })
}
