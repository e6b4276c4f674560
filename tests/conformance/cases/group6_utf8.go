package cases

import (
	"fmt"
	"time"

	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

// Group 6: text messages must be UTF-8. Valid ones (empty, fragmented anywhere, even inside a code
// point) are echoed; invalid ones make the testee fail the connection with 1007, as early as it can.
func utf8Handling() []*fuzzer.Case {
	out := append(validTextEchoes(), invalidTextCases()...)
	out = append(out, failFastCases()...)
	return append(out, utf8VectorCases()...)
}

// greeting is the mixed ASCII/Latin-1 sample of 6.2 and 6.3 ("µ@ßöäüàá" are 2 bytes each).
const greeting = "Hello-µ@ßöäüàá-UTF-8!!"

// invalidAt12 is valid up to byte 11 (kosme) and invalid at byte 12 (0xa0 after 0xed: a surrogate).
const invalidAt12 = kosme + "\xed\xa0\x80" + "edited"

// everyByte splits s into one-byte fragments.
func everyByte(s string) []string {
	out := make([]string, len(s))
	for i := range len(s) { // bytes, not runes
		out[i] = s[i : i+1]
	}
	return out
}

// sendFragments sends one text message whose frames carry the given payloads.
func sendFragments(p *fuzzer.Peer, fragments []string) {
	for i, f := range fragments {
		op := fuzzer.OpContinuation
		if i == 0 {
			op = fuzzer.OpText
		}
		p.SendFrame(fuzzer.Frame{Opcode: op, Payload: []byte(f), Fin: i == len(fragments)-1})
	}
}

// 6.1 and 6.2: valid text, whole or in fragments, comes back as one message and the fuzzer closes.
func validTextEchoes() []*fuzzer.Case {
	table := []struct {
		id, desc  string
		fragments []string
	}{
		{"6.1.1", "Empty text message.", []string{""}},
		{"6.1.2", "Text message in three empty fragments.", []string{"", "", ""}},
		{"6.1.3", "Text message in three fragments, only the middle one non-empty.",
			[]string{"", "middle frame payload", ""}},
		{"6.2.1", "Valid UTF-8 text in one frame: " + greeting, []string{greeting}},
		{"6.2.2", "Valid UTF-8 text in two fragments split between code points: " + greeting,
			[]string{greeting[:15], greeting[15:]}},
		{"6.2.3", "Valid UTF-8 text in one-byte fragments, so most fragments end inside a code point: " + greeting,
			everyByte(greeting)},
		{"6.2.4", fmt.Sprintf("Valid UTF-8 text in one-byte fragments, every code point split: 0x%x", kosme),
			everyByte(kosme)},
	}
	var out []*fuzzer.Case
	for _, t := range table {
		var whole string
		for _, f := range t.fragments {
			whole += f
		}
		out = append(out, &fuzzer.Case{
			ID: t.id, Description: t.desc,
			Expectation: "The text comes back as one message; the fuzzer then closes normally.",
			Run: func(p *fuzzer.Peer) {
				p.Expect(fuzzer.OK, fuzzer.Text(whole))
				p.ExpectCloseByMe()
				sendFragments(p, t.fragments)
			},
		})
	}
	return out
}

// 6.3: a text message that turns invalid at byte 12, whole or in one-byte fragments.
func invalidTextCases() []*fuzzer.Case {
	desc := fmt.Sprintf("Text message that is not UTF-8 (0x%x), ", invalidAt12)
	return []*fuzzer.Case{
		invalidTextCase("6.3.1", desc+"in one frame.", []string{invalidAt12}, time.Second),
		invalidTextCase("6.3.2", desc+"in one-byte fragments.", everyByte(invalidAt12), time.Second),
	}
}

func invalidTextCase(id, desc string, fragments []string, patience time.Duration) *fuzzer.Case {
	return &fuzzer.Case{
		ID: id, Description: desc,
		Expectation: "Nothing is echoed; the testee fails the connection at once with 1007.",
		Run: func(p *fuzzer.Peer) {
			p.Expect(fuzzer.OK)
			p.ExpectFail(1007)
			sendFragments(p, fragments)
			p.KillAfter(patience)
		},
	}
}

// 6.5 onwards: one case per test vector, each payload sent as a single text frame.
func utf8VectorCases() []*fuzzer.Case {
	var out []*fuzzer.Case
	for g, group := range utf8VectorGroups() {
		for v, vec := range group.vectors {
			id := fmt.Sprintf("6.%d.%d", g+5, v+1)
			if !vec.valid {
				desc := fmt.Sprintf("Text message in one frame, not UTF-8 (%s): 0x%x", group.title, vec.payload)
				out = append(out, invalidTextCase(id, desc, []string{string(vec.payload)}, 500*time.Millisecond))
				continue
			}
			out = append(out, &fuzzer.Case{
				ID:          id,
				Description: fmt.Sprintf("Text message in one frame, valid UTF-8 (%s): 0x%x", group.title, vec.payload),
				Expectation: "The text is echoed unchanged; the fuzzer then closes normally.",
				Run: func(p *fuzzer.Peer) {
					p.Expect(fuzzer.OK, fuzzer.Message(vec.payload, false))
					p.ExpectCloseByMe()
					p.SendFrame(fuzzer.Frame{Opcode: fuzzer.OpText, Payload: vec.payload, Fin: true})
					p.KillAfter(500 * time.Millisecond)
				},
			})
		}
	}
	return out
}
