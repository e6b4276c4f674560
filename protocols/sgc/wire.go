package sgc

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Reserved method names.
const (
	mMessage        = "sgc@message"
	mBroadcast      = "sgc@broadcast"
	mPublish        = "sgc@publish"
	mEvent          = "sgc@event"
	mSubscribe      = "sgc@subscribe"
	mUnsubscribe    = "sgc@unsubscribe"
	mUnsubscribeAll = "sgc@unsubscribe_all"
	mSession        = "sgc@session"
	mAck            = "sgc@acknowledgment"
	mPubrec         = "sgc@pubrec"
	mPubrel         = "sgc@pubrel"
	mTransaction    = "sgc@transaction"
	mCommit         = "sgc@commit"
	mRollback       = "sgc@rollback"
	mProtocol       = "sgc@protocol"
	reservedPrefix  = "sgc@"
)

func reserved(method string) bool { return strings.HasPrefix(method, reservedPrefix) }

// msgID is a message id. Ids are opaque strings; a numeric id is echoed as
// the same JSON number it arrived as.
type msgID struct {
	s   string
	num bool
}

func strID(s string) msgID { return msgID{s: s} }

func (id msgID) append(b []byte) []byte {
	if id.num {
		return append(b, id.s...)
	}
	return appendString(b, id.s)
}

// The encoders below write the canonical form: keys in the order of the
// inventory's §11.4, no insignificant whitespace.

const head = `{"jsonrpc":"2.0",`

func tail(b []byte, id *msgID) string {
	if id != nil {
		b = append(b, `,"id":`...)
		b = id.append(b)
	}
	return string(append(b, '}'))
}

func encSession(guid string, qos QoSLevel) string {
	b := append([]byte(head), `"result":{"method":"sgc@session","message":`...)
	b = appendString(b, guid)
	b = append(b, `},"qos":`...)
	b = appendString(b, qos.String())
	id := strID(guid)
	return tail(b, &id)
}

// encResultMethod writes {"result":{"method":M}} with an optional id, the
// shape of acknowledgment and pubrec.
func encResultMethod(method string, id msgID) string {
	b := append([]byte(head), `"result":{"method":`...)
	b = appendString(b, method)
	b = append(b, '}')
	return tail(b, &id)
}

func encAck(id msgID) string    { return encResultMethod(mAck, id) }
func encPubrec(id msgID) string { return encResultMethod(mPubrec, id) }

// encConfirm writes a subscribe/unsubscribe confirmation; id is nil when
// the server itself subscribed the connection.
func encConfirm(method, channel string, id *msgID) string {
	b := append([]byte(head), `"result":{"method":`...)
	b = appendString(b, method)
	b = append(b, `,"channel":`...)
	b = appendString(b, channel)
	b = append(b, '}')
	return tail(b, id)
}

// encChannelMessage writes sgc@event (publish) and sgc@message (broadcast).
func encChannelMessage(method, channel, text string) string {
	b := append([]byte(head), `"result":{"method":`...)
	b = appendString(b, method)
	b = append(b, `,"channel":`...)
	b = appendString(b, channel)
	b = append(b, `,"message":`...)
	b = appendString(b, text)
	return tail(append(b, '}'), nil)
}

func encEvent(channel, text string) string     { return encChannelMessage(mEvent, channel, text) }
func encBroadcast(channel, text string) string { return encChannelMessage(mMessage, channel, text) }

func encRPCResult(result string, qos QoSLevel, id msgID) string {
	b := append([]byte(head), `"result":`...)
	b = appendResultValue(b, result)
	b = append(b, `,"qos":`...)
	b = appendString(b, qos.String())
	return tail(b, &id)
}

// encRPCError writes an error reply; id nil becomes "id":null, as JSON-RPC
// requires when the request's id could not be read.
func encRPCError(code int, message, data string, qos QoSLevel, id *msgID) string {
	b := append([]byte(head), `"error":{"code":`...)
	b = strconv.AppendInt(b, int64(code), 10)
	b = append(b, `,"message":`...)
	b = appendString(b, message)
	if data != "" {
		b = append(b, `,"data":`...)
		b = appendString(b, data)
	}
	b = append(b, `},"qos":`...)
	b = appendString(b, qos.String())
	if id == nil {
		return string(append(b, `,"id":null}`...))
	}
	return tail(b, id)
}

// reqParams are the params of the client's reserved requests. Fields are
// written in the order channel, message, qos, queue; has* selects them.
type reqParams struct {
	channel    string
	hasChannel bool
	message    string
	qos        QoSLevel // written when > 0
	queue      QueueLevel
}

func (p *reqParams) append(b []byte) []byte {
	b = append(b, '{')
	if p.hasChannel {
		b = append(b, `"channel":`...)
		b = appendString(b, p.channel)
		b = append(b, ',')
	}
	b = append(b, `"message":`...)
	b = appendString(b, p.message)
	if p.qos > QoSLevel0 {
		b = append(b, `,"qos":`...)
		b = appendString(b, p.qos.String())
	}
	if p.queue > QueueLevel0 {
		b = append(b, `,"queue":`...)
		b = appendString(b, p.queue.String())
	}
	return append(b, '}')
}

// encRequest writes a client request. p nil omits params; raw is used
// instead of p for RPC/notify params (nil: omitted).
func encRequest(method string, p *reqParams, raw []byte, id *msgID) string {
	b := append([]byte(head), `"method":`...)
	b = appendString(b, method)
	switch {
	case p != nil:
		b = append(b, `,"params":`...)
		b = p.append(b)
	case raw != nil:
		b = append(b, `,"params":`...)
		b = append(b, raw...)
	}
	return tail(b, id)
}

// rpcParams is the params value of RPC/Notify: structured JSON (object or
// array) is sent compacted as is, other text as a JSON string, "" omitted.
func rpcParams(params string) []byte {
	if params == "" {
		return nil
	}
	if raw := structured(params); raw != nil {
		return raw
	}
	return appendString(nil, params)
}

// appendResultValue writes an RPC result: structured JSON raw, other text as
// a string. An object carrying a reserved "method" would be taken for a
// protocol message by clients, so it goes as a string.
func appendResultValue(b []byte, result string) []byte {
	if raw := structured(result); raw != nil && !looksReserved(raw) {
		return append(b, raw...)
	}
	return appendString(b, result)
}

// structured returns text compacted when it is a JSON object or array.
func structured(text string) []byte {
	t := strings.TrimSpace(text)
	if t == "" || (t[0] != '{' && t[0] != '[') {
		return nil
	}
	var buf bytes.Buffer
	if json.Compact(&buf, []byte(t)) != nil {
		return nil
	}
	return buf.Bytes()
}

func looksReserved(raw []byte) bool {
	var o map[string]json.RawMessage
	if json.Unmarshal(raw, &o) != nil {
		return false
	}
	var m string
	return json.Unmarshal(o["method"], &m) == nil && reserved(m)
}

// appendString writes s as a JSON string. Unlike encoding/json it does not
// escape <, > and &, so the output is the canonical form byte for byte;
// invalid UTF-8 becomes \ufffd, and U+2028/U+2029 are escaped for JS.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			case '\b':
				b = append(b, `\b`...)
			case '\f':
				b = append(b, `\f`...)
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, `\u202`...)
			b = append(b, hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
