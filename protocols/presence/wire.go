package presence

import (
	"encoding/json"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Protocol is the WebSocket sub-protocol name of the presence protocol.
const Protocol = "presence.esegece.com"

// Method names. All but the last are the product's; the invitation
// response is ours (see the package doc).
const (
	MethodSession                   = "sgc@presence@session"
	MethodNewMember                 = "sgc@presence@member@new"
	MethodRemoveMember              = "sgc@presence@member@remove"
	MethodAcknowledgment            = "sgc@presence@acknowledgment"
	MethodNewChannelMember          = "sgc@presence@channel@member@new"
	MethodRemoveChannelMember       = "sgc@presence@channel@member@remove"
	MethodPublishMsg                = "sgc@presence@publish@msg"
	MethodErrorMemberChannel        = "sgc@presence@error@member@channel"
	MethodErrorPublishMsg           = "sgc@presence@error@publish@msg"
	MethodGetMembers                = "sgc@presence@get@members"
	MethodSendMembers               = "sgc@presence@send@members"
	MethodChannelInvitation         = "sgc@presence@channel@invitation"
	MethodChannelInvitationResponse = "sgc@presence@channel@invitation@response"
)

// field is one top-level key besides jsonrpc, method and id.
type field uint8

const (
	fMember field = iota
	fChannel
	fMessage
	fError
	fMembers
	fAccept
	nFields
)

// shapes is the key order we emit per method: the Delphi writer's order
// (inventory 14.4). Every key of a shape is always written.
var shapes = map[string][]field{
	MethodSession:                   {fMessage},
	MethodNewMember:                 {fMember},
	MethodRemoveMember:              {fMember},
	MethodAcknowledgment:            {},
	MethodNewChannelMember:          {fMember, fChannel},
	MethodRemoveChannelMember:       {fMember, fChannel},
	MethodPublishMsg:                {fMember, fChannel, fMessage},
	MethodGetMembers:                {fMember, fChannel},
	MethodSendMembers:               {fChannel, fMember, fMembers},
	MethodErrorMemberChannel:        {fError, fChannel, fMember},
	MethodErrorPublishMsg:           {fError, fMessage, fMember, fChannel},
	MethodChannelInvitation:         {fChannel, fMember, fMembers},
	MethodChannelInvitationResponse: {fChannel, fMember, fMembers, fAccept, fError},
}

// packet is one presence message, flat as on the wire. Text is
// message.text and Channel is channel.name.
type packet struct {
	Method  string
	ID      string
	Member  Member
	Channel string
	Text    string
	Error   Error
	Members []Member
	Accept  bool
	has     [nFields]bool // which keys a parsed message carried
}

func (p *packet) present(f field) bool { return p.has[f] }

var errMalformed = errors.New("presence: malformed message")

// parsePacket reads one message. Every string it returns is base64-decoded
// (method and id included). On error the packet still holds what was read
// before the fault, so the caller can answer in the right shape.
func parsePacket(text string) (packet, error) {
	var p packet
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var root map[string]any
	if err := dec.Decode(&root); err != nil || root == nil {
		return p, errMalformed
	}
	if _, err := dec.Token(); err != io.EOF {
		return p, errMalformed // trailing data
	}
	m, ok := root["method"].(string)
	if !ok {
		return p, errMalformed
	}
	p.Method = decodeField(m)
	if id, ok := root["id"].(string); ok {
		p.ID = decodeField(id) // non-string ids are ignored (package doc)
	}
	var err error
	set := func(f field, v any, read func(map[string]any) error) {
		if err != nil || v == nil {
			return
		}
		o, ok := v.(map[string]any)
		if !ok {
			err = errMalformed
			return
		}
		if err = read(o); err == nil {
			p.has[f] = true
		}
	}
	set(fMember, root["member"], func(o map[string]any) (e error) { p.Member, e = readMember(o); return })
	set(fChannel, root["channel"], func(o map[string]any) (e error) { p.Channel, e = str(o["name"]); return })
	set(fMessage, root["message"], func(o map[string]any) (e error) { p.Text, e = str(o["text"]); return })
	set(fError, root["error"], func(o map[string]any) (e error) { p.Error, e = readError(o); return })
	if err != nil {
		return p, err
	}
	if v, ok := root["members"]; ok && v != nil {
		arr, ok := v.([]any)
		if !ok {
			return p, errMalformed
		}
		p.Members = make([]Member, 0, len(arr))
		for _, e := range arr {
			o, ok := e.(map[string]any)
			if !ok {
				return p, errMalformed
			}
			mb, err := readMember(o)
			if err != nil {
				return p, err
			}
			p.Members = append(p.Members, mb)
		}
		p.has[fMembers] = true
	}
	if v, ok := root["accept"]; ok && v != nil {
		b, ok := v.(bool)
		if !ok {
			return p, errMalformed
		}
		p.Accept, p.has[fAccept] = b, true
	}
	return p, nil
}

// str reads an optional string value; null and absent are "".
func str(v any) (string, error) {
	switch s := v.(type) {
	case nil:
		return "", nil
	case string:
		return decodeField(s), nil
	}
	return "", errMalformed
}

func readMember(o map[string]any) (m Member, err error) {
	if m.ID, err = str(o["id"]); err != nil {
		return
	}
	if m.Name, err = str(o["name"]); err != nil {
		return
	}
	m.Info, err = str(o["info"])
	return
}

// readError accepts an integral JSON number, or a (possibly encoded)
// decimal string, as the code.
func readError(o map[string]any) (e Error, err error) {
	switch c := o["code"].(type) {
	case nil:
	case json.Number:
		f, perr := strconv.ParseFloat(string(c), 64)
		if perr != nil || f != math.Trunc(f) || f < math.MinInt32 || f > math.MaxInt32 {
			return e, errMalformed
		}
		e.Code = int(f)
	case string:
		n, perr := strconv.ParseInt(decodeField(c), 10, 32)
		if perr != nil {
			return e, errMalformed
		}
		e.Code = int(n)
	default:
		return e, errMalformed
	}
	e.Text, err = str(o["text"])
	return
}

// encode writes p in its canonical form: the shape's key order, no spaces,
// "id" last when set. With b64 the data strings are base64-encoded;
// jsonrpc, method and id never are.
func (p *packet) encode(b64 bool) string {
	var b strings.Builder
	b.WriteString(`{"jsonrpc":"2.0","method":`)
	writeString(&b, p.Method)
	fields, ok := shapes[p.Method]
	if !ok {
		for f := field(0); f < nFields; f++ {
			if p.has[f] {
				fields = append(fields, f)
			}
		}
	}
	for _, f := range fields {
		switch f {
		case fMember:
			b.WriteString(`,"member":`)
			writeMember(&b, p.Member, b64)
		case fChannel:
			b.WriteString(`,"channel":{"name":`)
			writeString(&b, encodeField(p.Channel, b64))
			b.WriteByte('}')
		case fMessage:
			b.WriteString(`,"message":{"text":`)
			writeString(&b, encodeField(p.Text, b64))
			b.WriteByte('}')
		case fError:
			b.WriteString(`,"error":{"code":`)
			b.WriteString(strconv.Itoa(p.Error.Code))
			b.WriteString(`,"text":`)
			writeString(&b, encodeField(p.Error.Text, b64))
			b.WriteByte('}')
		case fMembers:
			b.WriteString(`,"members":[`)
			for i, m := range p.Members {
				if i > 0 {
					b.WriteByte(',')
				}
				writeMember(&b, m, b64)
			}
			b.WriteByte(']')
		case fAccept:
			b.WriteString(`,"accept":`)
			b.WriteString(strconv.FormatBool(p.Accept))
		}
	}
	if p.ID != "" {
		b.WriteString(`,"id":`)
		writeString(&b, p.ID)
	}
	b.WriteByte('}')
	return b.String()
}

func writeMember(b *strings.Builder, m Member, b64 bool) {
	b.WriteString(`{"id":`)
	writeString(b, encodeField(m.ID, b64))
	b.WriteString(`,"name":`)
	writeString(b, encodeField(m.Name, b64))
	b.WriteString(`,"info":`)
	writeString(b, encodeField(m.Info, b64))
	b.WriteByte('}')
}

// writeString writes s as a JSON string: only '"', '\\' and control
// characters are escaped (no HTML escaping); invalid UTF-8 becomes U+FFFD.
func writeString(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\r':
				b.WriteString(`\r`)
			case c == '\t':
				b.WriteString(`\t`)
			case c == '\b':
				b.WriteString(`\b`)
			case c == '\f':
				b.WriteString(`\f`)
			case c < 0x20:
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xF])
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
}
