package sgc

import "errors"

// JSON-RPC 2.0 error codes the server replies with.
const (
	CodeParseError     = -32700
	CodeInvalidRequest = -32600
	CodeMethodNotFound = -32601
	CodeInvalidParams  = -32602
	CodeInternalError  = -32603
	CodeServerError    = -32000
)

// Error texts: the JSON-RPC name followed by the spec's meaning, the form the
// product uses for -32601 (its text is kept verbatim).
const (
	msgParseError     = "Parse error. Invalid JSON was received by the server."
	msgInvalidRequest = "Invalid Request. The JSON sent is not a valid Request object."
	msgMethodNotFound = "Method not found. The method does not exist / is not available."
	msgInvalidParams  = "Invalid params. Invalid method parameter(s)."
	msgServerError    = "Server error. Too many pending messages."
)

// Errors returned by the Server and Client methods.
var (
	ErrNotConnected      = errors.New("sgc: not connected")
	ErrUnknownConnection = errors.New("sgc: unknown connection")
	ErrUnknownID         = errors.New("sgc: no pending request with this id")
	ErrInvalidChannel    = errors.New("sgc: invalid channel")
	ErrInvalidMethod     = errors.New("sgc: invalid method name")
	ErrInvalidID         = errors.New("sgc: empty id")
	ErrInvalidLevel      = errors.New("sgc: invalid queue level")
)
