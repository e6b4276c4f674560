package props

import (
	"strings"
	"testing"
)

func FuzzParseWSURL(f *testing.F) {
	for _, s := range []string{"ws://h", "wss://[::1]:443/p?q", "http://a:b@c", "ws://h:99999", "ws:/x", "ws://h/#f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		host, port, _, path, err := ParseWSURL(s)
		if err != nil {
			return
		}
		if host == "" || port < 1 || port > 65535 || !strings.HasPrefix(path, "/") {
			t.Fatalf("%q accepted as host %q port %d path %q", s, host, port, path)
		}
	})
}

// FuzzSetString throws arbitrary names and values at a Set with every type
// registered: it must never panic, and a successful set must read back.
func FuzzSetString(f *testing.F) {
	for _, s := range [][2]string{{"Port", "1"}, {"notifyevents", "neNoSync"}, {"Options.Parameters", "a\r\nb\r"}, {"Protocol", "x"}, {"", ""}, {"Active", "true"}} {
		f.Add(s[0], s[1], int64(len(s[1])))
	}
	f.Fuzz(func(t *testing.T, name, value string, n int64) {
		var fl fields
		s := newTestSet(&fl)
		_ = s.SetInt(name, n)
		_ = s.SetBool(name, n%2 == 0)
		_ = s.SetText(name, value)
		if err := s.SetString(name, value); err == nil {
			in, _ := s.Info(name)
			got, err := s.GetString(name)
			if err != nil {
				t.Fatalf("GetString after SetString(%q): %v", name, err)
			}
			if in.Type == String && got != value {
				t.Fatalf("round trip %q → %q", value, got)
			}
		}
		_, _ = s.GetInt(name)
		_, _ = s.GetBool(name)
		_, _ = s.GetText(name)
	})
}
