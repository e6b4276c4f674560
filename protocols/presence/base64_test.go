package presence

import (
	"testing"
	"unicode/utf8"
)

func TestEncodeField(t *testing.T) {
	cases := []struct {
		in   string
		on   bool
		want string
	}{
		{"Jöhn", true, "sgc@b64:SsO2aG4="},
		{"Hello", true, "sgc@b64:SGVsbG8="},
		{"", true, ""},
		{"Hello", false, "Hello"},
		{"sgc@b64:aGk=", false, "sgc@b64:c2djQGI2NDphR2s9"}, // literal prefix is protected
		{"sgc@b64:aGk=", true, "sgc@b64:c2djQGI2NDphR2s9"},
		{"a\xffb", true, "sgc@b64:Ye+/vWI="}, // invalid UTF-8 sent as U+FFFD
	}
	for _, c := range cases {
		if got := encodeField(c.in, c.on); got != c.want {
			t.Errorf("encodeField(%q, %v) = %q, want %q", c.in, c.on, got, c.want)
		}
	}
}

func TestDecodeField(t *testing.T) {
	cases := []struct{ in, want string }{
		{"sgc@b64:SsO2aG4=", "Jöhn"},
		{"sgc@b64:5pel5pysIOODgeODo+ODg+ODiA==", "日本 チャット"},
		{"sgc@b64:SsO2aG4", "Jöhn"},                  // unpadded
		{"sgc@b64:SvZobg==", "Jöhn"},                 // btoa of Latin-1 bytes
		{"sgc@b64:c2djQGI2NDphR2s9", "sgc@b64:aGk="}, // one layer only
		{"sgc@b64:%%%", "sgc@b64:%%%"},               // not base64: kept
		{"sgc@b64:", ""},
		{"plain", "plain"},
		{"SGVsbG8=", "SGVsbG8="}, // no prefix, not decoded
	}
	for _, c := range cases {
		if got := decodeField(c.in); got != c.want {
			t.Errorf("decodeField(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestBase64RoundTrip(t *testing.T) {
	for _, s := range []string{"", "a", "Jöhn", "日本", "sgc@b64:", "sgc@b64:x", "\x00\x01", "🙂 emoji"} {
		for _, on := range []bool{false, true} {
			if got := decodeField(encodeField(s, on)); got != s {
				t.Errorf("round trip %q on=%v: %q", s, on, got)
			}
		}
	}
}

func FuzzBase64Field(f *testing.F) {
	f.Add("Jöhn", true)
	f.Add("sgc@b64:aGk=", false)
	f.Fuzz(func(t *testing.T, s string, on bool) {
		if !utf8.ValidString(s) {
			return // invalid input is sent as U+FFFD, tested above
		}
		if got := decodeField(encodeField(s, on)); got != s {
			t.Fatalf("round trip %q on=%v: %q", s, on, got)
		}
		if d := decodeField(s); !utf8.ValidString(d) {
			t.Fatalf("decodeField(%q) is not UTF-8", s)
		}
	})
}
