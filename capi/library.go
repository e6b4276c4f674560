package main

/*
#include <stdint.h>
*/
import "C"

import (
	"sync"

	"github.com/sgcws/sgcws/core/engine"
)

// The static strings handed out by sgcws_errstr and sgcws_version: made once, never freed.
var (
	staticOnce sync.Once
	codeTexts  map[engine.Code]*C.char
	unknownErr *C.char
	versionStr *C.char
)

func statics() {
	staticOnce.Do(func() {
		codeTexts = map[engine.Code]*C.char{}
		for c := engine.OK; c >= engine.ETLS; c-- {
			codeTexts[c] = C.CString(c.Text())
		}
		unknownErr = C.CString(engine.Code(1).Text())
		versionStr = C.CString(engine.Version)
	})
}

// The four introspection exports leave the last error alone, so that a host may write
// printf("%s: %s", sgcws_errstr(rc), sgcws_errmsg()) in either evaluation order.

//export sgcws_errstr
func sgcws_errstr(code C.int32_t) *C.char {
	return guarded("sgcws_errstr", nil, func() *C.char {
		statics()
		if t, ok := codeTexts[engine.Code(code)]; ok {
			return t
		}
		return unknownErr
	})
}

//export sgcws_errmsg
func sgcws_errmsg() *C.char {
	return guarded("sgcws_errmsg", nil, lastError)
}

//export sgcws_abi_version
func sgcws_abi_version() C.int32_t {
	return guarded("sgcws_abi_version", C.int32_t(engine.EInternal), func() C.int32_t {
		return engine.ABIVersion
	})
}

//export sgcws_version
func sgcws_version() *C.char {
	return guarded("sgcws_version", nil, func() *C.char {
		statics()
		return versionStr
	})
}

//export sgcws_shutdown
func sgcws_shutdown() C.int32_t {
	return call("sgcws_shutdown", func() error {
		if err := engine.Shutdown(callbackDepth() > 0); err != nil {
			return err
		}
		dropAllBatches()
		return nil
	})
}

//export sgcws_stats
func sgcws_stats(handles, goroutines *C.int64_t) C.int32_t {
	return call("sgcws_stats", func() error {
		h, g := engine.Stats()
		if handles != nil {
			*handles = C.int64_t(h)
		}
		if goroutines != nil {
			*goroutines = C.int64_t(g)
		}
		return nil
	})
}
