package main

/*
#include <stdint.h>
*/
import "C"

import "github.com/sgcws/sgcws/core/engine"

//export sgcws_set_bool
func sgcws_set_bool(h C.uint64_t, prop *C.char, value C.int32_t) C.int32_t {
	return call("sgcws_set_bool", func() error {
		n, err := name(prop, "name")
		if err != nil {
			return err
		}
		return engine.SetBool(uint64(h), n, value != 0)
	})
}

//export sgcws_set_int
func sgcws_set_int(h C.uint64_t, prop *C.char, value C.int64_t) C.int32_t {
	return call("sgcws_set_int", func() error {
		n, err := name(prop, "name")
		if err != nil {
			return err
		}
		return engine.SetInt(uint64(h), n, int64(value))
	})
}

//export sgcws_set_str
func sgcws_set_str(h C.uint64_t, prop *C.char, value *C.char, length C.int32_t) C.int32_t {
	return call("sgcws_set_str", func() error {
		n, err := name(prop, "name")
		if err != nil {
			return err
		}
		v, err := text(value, length, "value")
		if err != nil {
			return err
		}
		return engine.SetString(uint64(h), n, v)
	})
}

//export sgcws_get_bool
func sgcws_get_bool(h C.uint64_t, prop *C.char, value *C.int32_t) C.int32_t {
	return call("sgcws_get_bool", func() error {
		n, err := name(prop, "name")
		if err == nil {
			err = out(value, "value")
		}
		if err != nil {
			return err
		}
		v, err := engine.GetBool(uint64(h), n)
		if err == nil {
			*value = 0
			if v {
				*value = 1
			}
		}
		return err
	})
}

//export sgcws_get_int
func sgcws_get_int(h C.uint64_t, prop *C.char, value *C.int64_t) C.int32_t {
	return call("sgcws_get_int", func() error {
		n, err := name(prop, "name")
		if err == nil {
			err = out(value, "value")
		}
		if err != nil {
			return err
		}
		v, err := engine.GetInt(uint64(h), n)
		if err == nil {
			*value = C.int64_t(v)
		}
		return err
	})
}

//export sgcws_get_str
func sgcws_get_str(h C.uint64_t, prop *C.char, buf *C.char, capacity C.int32_t, length *C.int32_t) C.int32_t {
	return call("sgcws_get_str", func() error {
		n, err := name(prop, "name")
		if err != nil {
			return err
		}
		v, err := engine.GetString(uint64(h), n)
		if err != nil {
			return err
		}
		return copyOut(v, buf, capacity, length)
	})
}

//export sgcws_properties
func sgcws_properties(kind C.int32_t, buf *C.char, capacity C.int32_t, length *C.int32_t) C.int32_t {
	return call("sgcws_properties", func() error {
		v, err := engine.Properties(engine.Kind(kind))
		if err != nil {
			return err
		}
		return copyOut(v, buf, capacity, length)
	})
}
