package main

/*
#include <stdint.h>
*/
import "C"

import "github.com/sgcws/sgcws/core/engine"

//export sgcws_connect
func sgcws_connect(client C.uint64_t, timeoutMs C.int32_t) C.int32_t {
	return call("sgcws_connect", func() error {
		d, err := millis(timeoutMs)
		if err != nil {
			return err
		}
		return engine.Connect(uint64(client), d, callbackDepth() > 0)
	})
}

//export sgcws_disconnect_wait
func sgcws_disconnect_wait(client C.uint64_t, timeoutMs C.int32_t) C.int32_t {
	return call("sgcws_disconnect_wait", func() error {
		d, err := millis(timeoutMs)
		if err != nil {
			return err
		}
		return engine.DisconnectWait(uint64(client), d, callbackDepth() > 0)
	})
}

//export sgcws_start
func sgcws_start(component C.uint64_t) C.int32_t {
	return call("sgcws_start", func() error { return engine.Start(uint64(component)) })
}

//export sgcws_stop
func sgcws_stop(component C.uint64_t) C.int32_t {
	return call("sgcws_stop", func() error { return engine.Stop(uint64(component)) })
}
