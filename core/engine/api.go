package engine

// This file is the Go mirror of include/sgcws.h: one function per ABI function, taking Go values.
// capi/ converts C arguments, guards the FPU and recovers panics, and calls exactly these. Everything
// the ABI promises is implemented and tested here, in plain Go, under the race detector.

import (
	"time"

	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/registry"
)

// Kind is a handle kind; the values are ABI (SGCWS_CLIENT ... SGCWS_REQUEST).
type Kind int32

const (
	KindClient     Kind = 1
	KindServer     Kind = 2
	KindHTTPServer Kind = 3
	KindConnection Kind = 4
	KindRequest    Kind = 5
	KindArgs       Kind = 6 // the arguments of a registered event (SGCWS_ARGS)
)

// Message types of Write/Broadcast (SGCWS_TEXT, SGCWS_BINARY).
const (
	TypeText   int32 = 1
	TypeBinary int32 = 2
)

// ABIVersion must equal SGCWS_ABI_VERSION in include/sgcws.h.
const ABIVersion = 1

// Version is the library version (sgcws_version).
const Version = "0.1.0"

// The functions below are the ABI in Go terms. Blocking calls take insideCallback, which capi derives
// from a thread-local flag it sets around every host callback, so that they fail with EInCallback
// instead of deadlocking.

// Create makes a component (KindClient, KindServer, KindHTTPServer) with the manual's defaults.
func Create(kind Kind) (uint64, error) { return create(kind) }

// Destroy detaches, stops and releases a component. fromOwnCallback: called from inside one of this
// component's own callbacks (capi knows from its thread-local record of the running callback).
func Destroy(h uint64, fromOwnCallback bool) error { return destroy(h, fromOwnCallback) }

// KindOf reports the kind of a live handle.
func KindOf(h uint64) (Kind, error) { return kindOf(h) }

// Property access by the manual's names, on components, connections and requests.
func SetBool(h uint64, name string, v bool) error     { return setBool(h, name, v) }
func SetInt(h uint64, name string, v int64) error     { return setInt(h, name, v) }
func SetString(h uint64, name string, v string) error { return setString(h, name, v) }
func GetBool(h uint64, name string) (bool, error)     { return getBool(h, name) }
func GetInt(h uint64, name string) (int64, error)     { return getInt(h, name) }
func GetString(h uint64, name string) (string, error) { return getString(h, name) }

// Properties lists a kind's properties as props.ListText does.
func Properties(kind Kind) (string, error) { return properties(kind) }

// Invoke calls a method of a registered component by name (sgcws_invoke). insideCallback is
// asked only for a blocking method (capi's answer is a call into C, not free).
func Invoke(h uint64, method string, args []registry.Value, insideCallback func() bool) (registry.Value, error) {
	return invoke(h, method, args, insideCallback)
}

// EventArgs reads the arguments of a registered event (sgcws_args).
func EventArgs(args uint64) ([]registry.Value, error) { return eventArgValues(args) }

// Describe renders the registry's JSON description of a kind, or of every kind (0).
func Describe(kind Kind) (string, error) { return describe(kind) }

// Connect is the client's blocking Connect(Timeout).
func Connect(h uint64, timeout time.Duration, insideCallback bool) error {
	return connect(h, timeout, insideCallback)
}

// DisconnectWait is the client's blocking Disconnect(Timeout).
func DisconnectWait(h uint64, timeout time.Duration, insideCallback bool) error {
	return disconnectWait(h, timeout, insideCallback)
}

// Start and Stop are the manual's non-blocking Start/Stop (and Active := True/False).
func Start(h uint64) error { return start(h) }
func Stop(h uint64) error  { return stop(h) }

// The sends (Write, WriteTo, Broadcast, Ping) never keep data after they return: the C ABI passes
// the host's own buffer without copying it.

// Write sends a message on a client or a connection; it never blocks.
func Write(h uint64, typ int32, data []byte, fragmentSize int) error {
	return write(h, typ, data, fragmentSize)
}

// WriteTo is the server's WriteData(Guid, ...).
func WriteTo(server uint64, guid string, typ int32, data []byte) error {
	return writeTo(server, guid, typ, data)
}

// Broadcast is the server's Broadcast(Message, Channel, Protocol, Exclude, Include).
func Broadcast(server uint64, typ int32, data []byte, channel, protocol, exclude, include string) error {
	return broadcast(server, typ, data, channel, protocol, exclude, include)
}

// Ping pings a client's connection, a connection, or every connection of a server.
func Ping(h uint64, data []byte) error { return ping(h, data) }

// Close starts the closing handshake with code; Drop drops the TCP connection now.
func Close(h uint64, code int32) error { return closeConn(h, code) }
func Drop(h uint64, code int32) error  { return drop(h, code) }

// Channels.
func Subscribe(conn uint64, channel string) error               { return subscribe(conn, channel) }
func Unsubscribe(conn uint64, channel string) error             { return unsubscribe(conn, channel) }
func Subscribed(conn uint64, channel string) (bool, error)      { return subscribed(conn, channel) }
func Connections(server uint64) ([]uint64, error)               { return connections(server) }
func FindConnection(server uint64, guid string) (uint64, error) { return findConnection(server, guid) }

// The connection's host-owned Data slot.
func SetData(conn uint64, data uintptr) error { return setData(conn, data) }
func GetData(conn uint64) (uintptr, error)    { return getData(conn) }

// Event delivery.
func SetCallback(h uint64, fn func(*events.Event)) error { return setCallback(h, fn) }
func SetWake(h uint64, fn func()) error                  { return setWake(h, fn) }
func Poll(h uint64, max int, timeout time.Duration) ([]*events.Event, error) {
	return poll(h, max, timeout)
}
func Release(h uint64) error             { return release(h) }
func Done(reply uint64) error            { return done(reply) }
func Waitable(h uint64) (uintptr, error) { return waitable(h) }
func Detach(h uint64, fromOwnCallback bool) error {
	return detach(h, fromOwnCallback)
}

// Shutdown stops everything; safe to call twice.
func Shutdown(insideCallback bool) error { return shutdown(insideCallback) }

// Stats reports live handles and goroutines for leak checks.
func Stats() (handles int64, goroutines int64) { return stats() }
