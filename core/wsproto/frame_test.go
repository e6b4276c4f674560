package wsproto

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"testing"
)

func TestHeaderRoundTrip(t *testing.T) {
	lengths := []int64{0, 1, 125, 126, 127, 0xffff, 0x10000, 1 << 40}
	for _, l := range lengths {
		for _, masked := range []bool{false, true} {
			h := Header{Fin: true, Rsv1: l%2 == 0, Opcode: OpBinary, Masked: masked, Length: l}
			if masked {
				h.MaskKey = [4]byte{1, 2, 3, 4}
			}
			b := AppendHeader(nil, h)
			want := 2 + 4*btoi(masked)
			switch {
			case l > 0xffff:
				want += 8
			case l > 125:
				want += 2
			}
			if len(b) != want || h.Size() != want {
				t.Fatalf("len %d: encoded %d bytes, Size %d, want %d", l, len(b), h.Size(), want)
			}
			got, err := ReadHeader(bufio.NewReader(bytes.NewReader(b)))
			if err != nil {
				t.Fatalf("len %d: %v", l, err)
			}
			if got != h {
				t.Fatalf("round trip: got %+v want %+v", got, h)
			}
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestReadHeaderMalformed(t *testing.T) {
	cases := map[string][]byte{
		"reserved opcode 3":      {0x83, 0x00},
		"reserved opcode 7":      {0x87, 0x00},
		"reserved control 11":    {0x8b, 0x00},
		"reserved control 15":    {0x8f, 0x00},
		"fragmented ping":        {0x09, 0x00},
		"fragmented close":       {0x08, 0x00},
		"ping 126":               {0x89, 126, 0x00, 126},
		"pong 64-bit":            {0x8a, 127, 0, 0, 0, 0, 0, 1, 0, 0},
		"16-bit len < 126":       {0x82, 126, 0x00, 125},
		"64-bit len <= 0xffff":   {0x82, 127, 0, 0, 0, 0, 0, 0, 0xff, 0xff},
		"64-bit len msb":         {0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 0},
		"64-bit len msb, masked": {0x82, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4},
	}
	for name, b := range cases {
		_, err := ReadHeader(bufio.NewReader(bytes.NewReader(b)))
		var pe *ProtocolError
		if !errors.As(err, &pe) || pe.Code != CloseProtocolError {
			t.Errorf("%s: got %v, want protocol error 1002", name, err)
		}
	}
}

func TestReadHeaderTruncated(t *testing.T) {
	if _, err := ReadHeader(bufio.NewReader(bytes.NewReader(nil))); err != io.EOF {
		t.Fatalf("empty: %v", err)
	}
	full := AppendHeader(nil, Header{Fin: true, Opcode: OpText, Masked: true, Length: 70000, MaskKey: [4]byte{9, 9, 9, 9}})
	for i := 1; i < len(full); i++ {
		_, err := ReadHeader(bufio.NewReader(bytes.NewReader(full[:i])))
		if err != io.ErrUnexpectedEOF {
			t.Fatalf("truncated at %d: %v", i, err)
		}
	}
}

func TestReadHeaderConsumesExactly(t *testing.T) {
	h := Header{Fin: true, Opcode: OpText, Masked: true, MaskKey: [4]byte{1, 2, 3, 4}, Length: 3}
	b := append(AppendHeader(nil, h), 'a', 'b', 'c')
	br := bufio.NewReader(bytes.NewReader(b))
	if _, err := ReadHeader(br); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(br)
	if string(rest) != "abc" {
		t.Fatalf("rest %q", rest)
	}
}

func TestOpcode(t *testing.T) {
	for _, op := range []Opcode{OpClose, OpPing, OpPong} {
		if !op.IsControl() {
			t.Errorf("%v should be control", op)
		}
	}
	for _, op := range []Opcode{OpContinuation, OpText, OpBinary} {
		if op.IsControl() {
			t.Errorf("%v should not be control", op)
		}
	}
}
