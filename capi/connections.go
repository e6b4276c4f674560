package main

/*
#include <stdint.h>
*/
import "C"

import (
	"unsafe"

	"github.com/sgcws/sgcws/core/engine"
)

//export sgcws_subscribe
func sgcws_subscribe(conn C.uint64_t, channel *C.char) C.int32_t {
	return call("sgcws_subscribe", func() error {
		ch, err := name(channel, "channel")
		if err != nil {
			return err
		}
		return engine.Subscribe(uint64(conn), ch)
	})
}

//export sgcws_unsubscribe
func sgcws_unsubscribe(conn C.uint64_t, channel *C.char) C.int32_t {
	return call("sgcws_unsubscribe", func() error {
		ch, err := name(channel, "channel")
		if err != nil {
			return err
		}
		return engine.Unsubscribe(uint64(conn), ch)
	})
}

//export sgcws_subscribed
func sgcws_subscribed(conn C.uint64_t, channel *C.char, result *C.int32_t) C.int32_t {
	return call("sgcws_subscribed", func() error {
		ch, err := name(channel, "channel")
		if err == nil {
			err = out(result, "result")
		}
		if err != nil {
			return err
		}
		yes, err := engine.Subscribed(uint64(conn), ch)
		*result = 0
		if yes {
			*result = 1
		}
		return err
	})
}

//export sgcws_connections
func sgcws_connections(server C.uint64_t, handles *C.uint64_t, capacity C.int32_t, count *C.int32_t) C.int32_t {
	return call("sgcws_connections", func() error {
		err := out(count, "count")
		if err == nil {
			err = nonNegative(capacity, "cap")
		}
		if err == nil && handles == nil && capacity > 0 {
			err = badArg("out is NULL with cap %d", capacity)
		}
		if err != nil {
			return err
		}
		list, err := engine.Connections(uint64(server))
		if err != nil {
			return err
		}
		dst := unsafe.Slice(handles, int(capacity))
		for i := range min(len(dst), len(list)) {
			dst[i] = C.uint64_t(list[i])
		}
		*count = C.int32_t(len(list))
		return nil
	})
}

//export sgcws_find_connection
func sgcws_find_connection(server C.uint64_t, guid *C.char, conn *C.uint64_t) C.int32_t {
	return call("sgcws_find_connection", func() error {
		g, err := name(guid, "guid")
		if err == nil {
			err = out(conn, "out")
		}
		if err != nil {
			return err
		}
		h, err := engine.FindConnection(uint64(server), g)
		*conn = C.uint64_t(h)
		return err
	})
}

//export sgcws_set_data
func sgcws_set_data(conn C.uint64_t, data unsafe.Pointer) C.int32_t {
	return call("sgcws_set_data", func() error { return engine.SetData(uint64(conn), uintptr(data)) })
}

//export sgcws_get_data
func sgcws_get_data(conn C.uint64_t, data *C.uintptr_t) C.int32_t {
	return call("sgcws_get_data", func() error {
		if err := out(data, "data"); err != nil {
			return err
		}
		v, err := engine.GetData(uint64(conn))
		*data = C.uintptr_t(v)
		return err
	})
}
