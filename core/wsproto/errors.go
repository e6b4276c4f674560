package wsproto

// ProtocolError is a violation of the protocol by the peer. Code is the
// close code that should be sent when failing the connection.
type ProtocolError struct {
	Code int
	Msg  string
}

func (e *ProtocolError) Error() string { return e.Msg }

func protoErr(msg string) *ProtocolError {
	return &ProtocolError{Code: CloseProtocolError, Msg: msg}
}
