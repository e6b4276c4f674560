package main

import (
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/sgcws/sgcws/core/engine"
	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/registry"
)

// The header's numbers are the ABI; the Go constants must say the same.
func TestHeaderConstants(t *testing.T) {
	src, err := os.ReadFile("../include/sgcws.h")
	if err != nil {
		t.Fatal(err)
	}
	defines := map[string]int64{}
	re := regexp.MustCompile(`(?m)^#define\s+(SGCWS_[A-Z0-9_]+)\s+(-?\d+)u?\b`)
	for _, m := range re.FindAllStringSubmatch(string(src), -1) {
		v, _ := strconv.ParseInt(m[2], 10, 64)
		defines[m[1]] = v
	}
	want := map[string]int64{
		"SGCWS_ABI_VERSION": engine.ABIVersion,
		"SGCWS_CLIENT":      int64(engine.KindClient), "SGCWS_SERVER": int64(engine.KindServer),
		"SGCWS_HTTP_SERVER": int64(engine.KindHTTPServer), "SGCWS_CONNECTION": int64(engine.KindConnection),
		"SGCWS_REQUEST": int64(engine.KindRequest), "SGCWS_ARGS": int64(engine.KindArgs),
		"SGCWS_E_METHOD": int64(engine.EMethod),
		"SGCWS_T_NONE":   int64(registry.None), "SGCWS_T_BOOL": int64(registry.Bool),
		"SGCWS_T_INT": int64(registry.Int), "SGCWS_T_DOUBLE": int64(registry.Double),
		"SGCWS_T_STRING": int64(registry.String), "SGCWS_T_BYTES": int64(registry.Bytes),
		"SGCWS_T_HANDLE": int64(registry.Handle),
		"SGCWS_TEXT":     int64(engine.TypeText), "SGCWS_BINARY": int64(engine.TypeBinary),
		"SGCWS_FLAG_FINAL": int64(events.FlagFinal), "SGCWS_FLAG_BINARY": int64(events.FlagBinary),
		"SGCWS_OK": int64(engine.OK), "SGCWS_E_INTERNAL": int64(engine.EInternal),
		"SGCWS_E_HANDLE": int64(engine.EHandle), "SGCWS_E_ARG": int64(engine.EArg),
		"SGCWS_E_PROPERTY": int64(engine.EProperty), "SGCWS_E_TYPE": int64(engine.EType),
		"SGCWS_E_VALUE": int64(engine.EValue), "SGCWS_E_READONLY": int64(engine.EReadOnly),
		"SGCWS_E_STATE": int64(engine.EState), "SGCWS_E_CLOSED": int64(engine.EClosed),
		"SGCWS_E_TIMEOUT": int64(engine.ETimeout), "SGCWS_E_CONNECT": int64(engine.EConnect),
		"SGCWS_E_LISTEN": int64(engine.EListen), "SGCWS_E_QUEUE_FULL": int64(engine.EQueueFull),
		"SGCWS_E_TOO_BIG": int64(engine.ETooBig), "SGCWS_E_IN_CALLBACK": int64(engine.EInCallback),
		"SGCWS_E_BUFFER": int64(engine.EBuffer), "SGCWS_E_SHUTDOWN": int64(engine.EShutdown),
		"SGCWS_E_UNSUPPORTED": int64(engine.EUnsupported), "SGCWS_E_TLS": int64(engine.ETLS),
		"SGCWS_EV_CONNECT": int64(events.EvConnect), "SGCWS_EV_DISCONNECT": int64(events.EvDisconnect),
		"SGCWS_EV_MESSAGE": int64(events.EvMessage), "SGCWS_EV_BINARY": int64(events.EvBinary),
		"SGCWS_EV_FRAGMENTED": int64(events.EvFragmented), "SGCWS_EV_ERROR": int64(events.EvError),
		"SGCWS_EV_EXCEPTION": int64(events.EvException), "SGCWS_EV_HANDSHAKE": int64(events.EvHandshake),
		"SGCWS_EV_AUTHENTICATION": int64(events.EvAuthentication),
		"SGCWS_EV_HTTP_REQUEST":   int64(events.EvHTTPRequest), "SGCWS_EV_STARTUP": int64(events.EvStartup),
		"SGCWS_EV_SHUTDOWN": int64(events.EvShutdown), "SGCWS_EV_UNKNOWN_PROTOCOL": int64(events.EvUnknownProtocol),
	}
	for name, v := range want {
		got, ok := defines[name]
		if !ok {
			t.Errorf("%s is not defined in sgcws.h", name)
		} else if got != v {
			t.Errorf("%s is %d in sgcws.h, %d in Go", name, got, v)
		}
	}
	for name := range defines {
		if _, ok := want[name]; !ok {
			t.Errorf("%s in sgcws.h has no Go counterpart checked here: add it", name)
		}
	}
}
