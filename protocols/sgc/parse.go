package sgc

import (
	"bytes"
	"encoding/json"
)

// envelope is one decoded JSON-RPC message, in any key order. Keys are
// matched exactly (encoding/json struct decoding would fold case).
type envelope struct {
	method    string
	hasMethod bool
	id        msgID
	hasID     bool
	params    json.RawMessage // nil when absent
	result    json.RawMessage
	err       json.RawMessage
	qos       json.RawMessage // top level, as the server writes it
}

// wireError is an envelope-level failure; id is set when it could be read.
type wireError struct {
	code   int
	msg    string
	detail string
	id     *msgID
}

func parseEnvelope(text string) (*envelope, *wireError) {
	data := []byte(text)
	if !json.Valid(data) {
		return nil, &wireError{code: CodeParseError, msg: msgParseError}
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil || m == nil {
		return nil, invalid("not a JSON object", nil)
	}
	e := &envelope{params: m["params"], result: m["result"], err: m["error"], qos: m["qos"]}
	if isNull(e.err) {
		e.err = nil // "error":null beside a result (JSON-RPC 1.0 style) is no error
	}
	if raw, ok := m["id"]; ok {
		id, has, ok := parseID(raw)
		if !ok {
			return nil, invalid("id must be a string or a number", nil)
		}
		e.id, e.hasID = id, has
	}
	var idp *msgID
	if e.hasID {
		idp = &e.id
	}
	var v string
	if json.Unmarshal(m["jsonrpc"], &v) != nil || v != "2.0" {
		return nil, invalid(`jsonrpc must be "2.0"`, idp)
	}
	if raw, ok := m["method"]; ok {
		if json.Unmarshal(raw, &e.method) != nil || e.method == "" {
			return nil, invalid("method must be a non-empty string", idp)
		}
		e.hasMethod = true
	} else if e.result == nil && e.err == nil {
		return nil, invalid("no method, result or error", idp)
	}
	return e, nil
}

func invalid(detail string, id *msgID) *wireError {
	return &wireError{code: CodeInvalidRequest, msg: msgInvalidRequest, detail: detail, id: id}
}

// parseID reads an id. null counts as no id (a notification).
func parseID(raw json.RawMessage) (id msgID, has, ok bool) {
	raw = bytes.TrimSpace(raw)
	switch {
	case isNull(raw):
		return msgID{}, false, true
	case len(raw) > 0 && raw[0] == '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return msgID{}, false, false
		}
		return strID(s), true, true
	case len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9'):
		return msgID{s: string(raw), num: true}, true, true
	}
	return msgID{}, false, false
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// valueText is the text of a message/params/result value: a JSON string's
// contents, or the JSON text of any other value.
func valueText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	}
	return string(raw)
}

// object decodes raw as a JSON object; absent or null give an empty one.
func object(raw json.RawMessage) (map[string]json.RawMessage, bool) {
	if raw == nil || isNull(raw) {
		return map[string]json.RawMessage{}, true
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil || m == nil {
		return nil, false
	}
	return m, true
}

// str decodes an optional string field; ok is false for a non-string.
func str(m map[string]json.RawMessage, key string) (s string, has, ok bool) {
	raw, present := m[key]
	if !present || isNull(raw) {
		return "", false, true
	}
	if json.Unmarshal(raw, &s) != nil {
		return "", false, false
	}
	return s, true, true
}

// levels reads qos and queue leniently: unknown names mean level 0.
func levels(params map[string]json.RawMessage, top json.RawMessage) (QoSLevel, QueueLevel) {
	var q, u string
	if raw, ok := params["qos"]; ok {
		_ = json.Unmarshal(raw, &q)
	} else if top != nil {
		_ = json.Unmarshal(top, &q)
	}
	_ = json.Unmarshal(params["queue"], &u)
	qos, _ := ParseQoSLevel(q)
	queue, _ := ParseQueueLevel(u)
	return qos, queue
}

// request is an inbound client request, as the server processes, stores
// (QoS 2) and queues (transactions) it.
type request struct {
	method string
	id     msgID
	hasID  bool
	qos    QoSLevel
	queue  QueueLevel

	// reserved methods
	channel    string
	hasChannel bool
	message    string

	// RPC and notifications
	params string

	bad string // why the params are invalid; reported with -32602
}

func (r *request) idp() *msgID {
	if r.hasID {
		return &r.id
	}
	return nil
}

func newRequest(e *envelope) *request {
	r := &request{method: e.method, id: e.id, hasID: e.hasID}
	if !reserved(e.method) {
		if e.params != nil {
			r.params = valueText(e.params)
		}
		var q string
		if json.Unmarshal(e.qos, &q) == nil {
			r.qos, _ = ParseQoSLevel(q)
		}
		return r
	}
	p, ok := object(e.params)
	if !ok {
		r.bad = "params must be an object"
		r.qos, _ = levels(nil, e.qos)
		return r
	}
	r.qos, r.queue = levels(p, e.qos)
	if r.channel, r.hasChannel, ok = str(p, "channel"); !ok {
		r.bad = "channel must be a string"
	}
	if raw, present := p["message"]; present && !isNull(raw) {
		r.message = valueText(raw)
	}
	return r
}
