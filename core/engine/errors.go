package engine

import (
	"errors"
	"fmt"

	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
)

// Code is a status code of the C ABI. The values are ABI (include/sgcws.h): never renumber.
type Code int32

const (
	OK           Code = 0
	EInternal    Code = -1
	EHandle      Code = -2
	EArg         Code = -3
	EProperty    Code = -4
	EType        Code = -5
	EValue       Code = -6
	EReadOnly    Code = -7
	EState       Code = -8
	EClosed      Code = -9
	ETimeout     Code = -10
	EConnect     Code = -11
	EListen      Code = -12
	EQueueFull   Code = -13
	ETooBig      Code = -14
	EInCallback  Code = -15
	EBuffer      Code = -16
	EShutdown    Code = -17
	EUnsupported Code = -18
	ETLS         Code = -19
	EMethod      Code = -20
)

var codeText = map[Code]string{
	OK:           "success",
	EInternal:    "internal error",
	EHandle:      "invalid, closed or stale handle",
	EArg:         "invalid argument",
	EProperty:    "unknown property",
	EType:        "wrong property type",
	EValue:       "invalid value",
	EReadOnly:    "read-only property",
	EState:       "not allowed in the current state",
	EClosed:      "connection closed",
	ETimeout:     "timed out",
	EConnect:     "could not connect",
	EListen:      "could not listen",
	EQueueFull:   "write queue full",
	ETooBig:      "message too big",
	EInCallback:  "blocking call from inside a callback",
	EBuffer:      "buffer too small",
	EShutdown:    "library shut down",
	EUnsupported: "not supported",
	ETLS:         "TLS certificate or key error",
	EMethod:      "unknown method",
}

// Text is the fixed description of a code (sgcws_errstr).
func (c Code) Text() string {
	if t, ok := codeText[c]; ok {
		return t
	}
	return "unknown status code"
}

// Error is what every engine call returns on failure: a code for the ABI and a message for the host.
type Error struct {
	Code Code
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// Errorf builds an *Error with a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// CodeOf maps any error to its ABI code: *Error keeps its own, property errors map by kind, anything
// else is EInternal.
func CodeOf(err error) Code {
	if err == nil {
		return OK
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var be *registry.BindError
	if errors.As(err, &be) {
		return bindCodes[be.Kind]
	}
	var pe *props.Error
	if errors.As(err, &pe) {
		switch pe.Code {
		case props.ErrUnknown:
			return EProperty
		case props.ErrType:
			return EType
		case props.ErrValue:
			return EValue
		case props.ErrReadOnly:
			return EReadOnly
		case props.ErrState:
			return EState
		}
	}
	return EInternal
}

var bindCodes = map[registry.ErrorKind]Code{
	registry.ErrArg: EArg, registry.ErrType: EType, registry.ErrState: EState, registry.ErrValue: EValue,
	registry.ErrClosed: EClosed, registry.ErrTimeout: ETimeout, registry.ErrUnsupported: EUnsupported,
}
