package props

import (
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
)

var notifyValues = []string{"neAsynchronous", "neSynchronous", "neNoSync"}

// fields is storage for a Set with every type registered.
type fields struct {
	active  bool
	port    int64
	host    string
	params  []string
	notify  int
	proto   string
	changes []string
}

func newTestSet(f *fields) *Set {
	s := NewSet()
	s.SetOwner("TsgcWebSocketClient")
	s.Bool("Active", &f.active, false, "connects when true").
		Int("Port", &f.port, 80, 0, 65535, "TCP port").
		String("Host", &f.host, "localhost", "server host").
		Strings("Options.Parameters", &f.params, []string{"a=1"}, "query parameters").
		Enum("NotifyEvents", &f.notify, 0, notifyValues, "delivery mode").
		Func(Info{Name: "Protocol", Type: String, Doc: "negotiated"},
			func() (any, error) { return f.proto, nil }, nil)
	return s
}

func code(err error) ErrCode {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

func TestDefaultsAndList(t *testing.T) {
	var f fields
	s := newTestSet(&f)
	if f.port != 80 || f.host != "localhost" || f.active || f.notify != 0 || !reflect.DeepEqual(f.params, []string{"a=1"}) {
		t.Fatalf("defaults not stored: %+v", f)
	}
	list := s.List()
	var names []string
	for _, in := range list {
		names = append(names, in.Name)
	}
	want := []string{"Active", "Port", "Host", "Options.Parameters", "NotifyEvents", "Protocol"}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("List order = %v", names)
	}
	if !list[5].ReadOnly || list[4].Type != Enum || !reflect.DeepEqual(list[4].Values, notifyValues) {
		t.Fatalf("Info wrong: %+v %+v", list[4], list[5])
	}
	text := ListText(list)
	wantText := "Active\tBoolean\tFalse\t\n" +
		"Port\tInteger\t80\t\n" +
		"Host\tString\tlocalhost\t\n" +
		"Options.Parameters\tStrings\ta=1\t\n" +
		"NotifyEvents\tEnum\tneAsynchronous\tneAsynchronous,neSynchronous,neNoSync\n" +
		"Protocol\tString\t\t\n"
	if text != wantText {
		t.Fatalf("ListText =\n%q\nwant\n%q", text, wantText)
	}
}

func TestListTextEscapes(t *testing.T) {
	got := ListText([]Info{{Name: "X", Type: Strings, Default: "a\tb\nc\\d\r"}})
	if got != "X\tStrings\ta\\tb\\nc\\\\d\\r\t\n" {
		t.Fatalf("got %q", got)
	}
}

func TestTypedAccessCaseInsensitive(t *testing.T) {
	var f fields
	s := newTestSet(&f)
	if err := s.SetInt("port", 8080); err != nil {
		t.Fatal(err)
	}
	if err := s.SetString("HOST", "example.com"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetBool("active", true); err != nil {
		t.Fatal(err)
	}
	if f.port != 8080 || f.host != "example.com" || !f.active {
		t.Fatalf("storage not updated: %+v", f)
	}
	if v, err := s.GetInt("PORT"); err != nil || v != 8080 {
		t.Fatalf("GetInt = %v %v", v, err)
	}
	if v, err := s.GetString("host"); err != nil || v != "example.com" {
		t.Fatalf("GetString = %v %v", v, err)
	}
	if v, err := s.GetBool("Active"); err != nil || !v {
		t.Fatalf("GetBool = %v %v", v, err)
	}
	if in, ok := s.Info("options.parameters"); !ok || in.Name != "Options.Parameters" {
		t.Fatalf("Info = %+v %v", in, ok)
	}
}

func TestEnum(t *testing.T) {
	var f fields
	s := newTestSet(&f)
	if err := s.SetString("NotifyEvents", "NENOSYNC"); err != nil {
		t.Fatal(err)
	}
	if f.notify != 2 {
		t.Fatalf("stored %d", f.notify)
	}
	if v, _ := s.GetString("NotifyEvents"); v != "neNoSync" {
		t.Fatalf("GetString = %q", v)
	}
	if err := s.SetInt("NotifyEvents", 1); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.GetInt("NotifyEvents"); v != 1 {
		t.Fatalf("GetInt = %d", v)
	}
	err := s.SetString("NotifyEvents", "neFoo")
	if code(err) != ErrValue || err.Error() != `property "NotifyEvents": unknown value "neFoo" (neAsynchronous, neSynchronous, neNoSync)` {
		t.Fatalf("err = %v", err)
	}
	err = s.SetInt("NotifyEvents", 3)
	if code(err) != ErrValue || err.Error() != `property "NotifyEvents": 3 out of range 0..2` {
		t.Fatalf("err = %v", err)
	}
	if f.notify != 1 {
		t.Fatal("failed set changed the value")
	}
}

func TestStrings(t *testing.T) {
	var f fields
	s := newTestSet(&f)
	cases := []struct {
		in   string
		want []string
	}{
		{"a\nb", []string{"a", "b"}},
		{"a\r\nb\r\n", []string{"a", "b"}},
		{"a\n\nb\n", []string{"a", "", "b"}},
		{"a\rb", []string{"a", "b"}},
		{"\n", []string{""}},
		{"", nil},
	}
	for _, c := range cases {
		if err := s.SetString("Options.Parameters", c.in); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(f.params, c.want) {
			t.Fatalf("%q → %q, want %q", c.in, f.params, c.want)
		}
		got, _ := s.GetString("Options.Parameters")
		if got != strings.Join(c.want, "\n") {
			t.Fatalf("GetString = %q", got)
		}
	}
}

func TestErrors(t *testing.T) {
	var f fields
	s := newTestSet(&f)
	cases := []struct {
		err  error
		code ErrCode
		msg  string
	}{
		{s.SetInt("Foo", 1), ErrUnknown, `unknown property "Foo" for TsgcWebSocketClient`},
		{s.SetString("port", "x"), ErrType, `property "Port" is Integer, not String`},
		{s.SetBool("Port", true), ErrType, `property "Port" is Integer, not Boolean`},
		{s.SetInt("Host", 1), ErrType, `property "Host" is String, not Integer`},
		{s.SetInt("Port", 70000), ErrValue, `property "Port": 70000 out of range 0..65535`},
		{s.SetInt("Port", -1), ErrValue, `property "Port": -1 out of range 0..65535`},
		{s.SetString("Protocol", "chat"), ErrReadOnly, `property "Protocol" is read-only`},
	}
	for _, c := range cases {
		if c.err == nil || code(c.err) != c.code || c.err.Error() != c.msg {
			t.Errorf("got %v (code %d), want %q (code %d)", c.err, code(c.err), c.msg, c.code)
		}
	}
	if _, err := s.GetBool("Port"); code(err) != ErrType {
		t.Errorf("GetBool on Integer: %v", err)
	}
	if _, err := s.GetString("Active"); code(err) != ErrType {
		t.Errorf("GetString on Boolean: %v", err)
	}
	if _, err := s.GetInt("Nope"); code(err) != ErrUnknown {
		t.Errorf("GetInt unknown: %v", err)
	}
	if f.port != 80 {
		t.Fatal("a failed set changed Port")
	}
}

func TestFreeze(t *testing.T) {
	var f fields
	s := newTestSet(&f)
	s.Freeze("Port", "host")
	err := s.SetInt("port", 1)
	if code(err) != ErrState || err.Error() != "cannot change Port while Active" {
		t.Fatalf("err = %v", err)
	}
	if err := s.SetBool("Active", false); err != nil {
		t.Fatalf("unfrozen property refused: %v", err)
	}
	s.Unfreeze()
	if err := s.SetInt("Port", 1); err != nil {
		t.Fatal(err)
	}
	s.Freeze("Port")
	s.Unfreeze("PORT")
	if err := s.SetInt("Port", 2); err != nil {
		t.Fatal(err)
	}
}

func TestOnChangeMayCascade(t *testing.T) {
	var f fields
	s := newTestSet(&f)
	var url string
	s.Func(Info{Name: "URL", Type: String},
		func() (any, error) { return url, nil },
		func(v any) error {
			h, p, _, _, err := ParseWSURL(v.(string))
			if err != nil {
				return err
			}
			url = v.(string)
			// Dependent properties are set from OnChange, outside locks.
			_, _ = h, p
			return nil
		})
	s.OnChange(func(name string) {
		f.changes = append(f.changes, name)
		if name == "URL" {
			h, p, _, _, _ := ParseWSURL(url)
			if err := s.SetString("Host", h); err != nil {
				t.Error(err)
			}
			if err := s.SetInt("Port", int64(p)); err != nil {
				t.Error(err)
			}
		}
	})
	if err := s.SetString("url", "wss://example.com:8443/chat"); err != nil {
		t.Fatal(err)
	}
	if f.host != "example.com" || f.port != 8443 {
		t.Fatalf("cascade failed: %+v", f)
	}
	if !reflect.DeepEqual(f.changes, []string{"URL", "Host", "Port"}) {
		t.Fatalf("changes = %v", f.changes)
	}
	err := s.SetString("URL", "ftp://x")
	if code(err) != ErrValue || !strings.Contains(err.Error(), `property "URL"`) {
		t.Fatalf("setter error not wrapped: %v", err)
	}
	if len(f.changes) != 3 {
		t.Fatal("OnChange called after a failed set")
	}
}

func TestFuncTypes(t *testing.T) {
	s := NewSet()
	var b bool
	var i int64
	var e int
	var ss []string
	s.Func(Info{Name: "B", Type: Bool}, func() (any, error) { return b, nil }, func(v any) error { b = v.(bool); return nil }).
		Func(Info{Name: "I", Type: Int}, func() (any, error) { return int(i), nil }, func(v any) error { i = v.(int64); return nil }).
		Func(Info{Name: "E", Type: Enum, Values: []string{"x", "y"}}, func() (any, error) { return e, nil }, func(v any) error { e = v.(int); return nil }).
		Func(Info{Name: "S", Type: Strings}, func() (any, error) { return ss, nil }, func(v any) error { ss = v.([]string); return nil }).
		Func(Info{Name: "Bad", Type: Int}, func() (any, error) { return "oops", nil }, nil)
	if err := s.SetBool("b", true); err != nil || !b {
		t.Fatal(err)
	}
	if err := s.SetInt("i", 5); err != nil || i != 5 {
		t.Fatal(err)
	}
	if v, err := s.GetInt("I"); err != nil || v != 5 {
		t.Fatal(v, err)
	}
	if err := s.SetString("e", "Y"); err != nil || e != 1 {
		t.Fatal(err)
	}
	if v, _ := s.GetString("E"); v != "y" {
		t.Fatal(v)
	}
	if err := s.SetString("S", "p\nq\n"); err != nil || !reflect.DeepEqual(ss, []string{"p", "q"}) {
		t.Fatal(err, ss)
	}
	if _, err := s.GetInt("Bad"); code(err) != ErrValue {
		t.Fatalf("wrong getter type not reported: %v", err)
	}
}

func TestSetTextGetText(t *testing.T) {
	var f fields
	s := newTestSet(&f)
	for _, c := range [][2]string{{"Active", "true"}, {"Port", " 443"}, {"Host", "h"}, {"NotifyEvents", "neSynchronous"}, {"Options.Parameters", "x\ny"}} {
		if err := s.SetText(c[0], c[1]); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range [][2]string{{"Active", "True"}, {"Port", "443"}, {"Host", "h"}, {"NotifyEvents", "neSynchronous"}, {"Options.Parameters", "x\ny"}} {
		if v, err := s.GetText(c[0]); err != nil || v != c[1] {
			t.Fatalf("GetText(%s) = %q %v", c[0], v, err)
		}
	}
	if err := s.SetText("Active", "yes"); code(err) != ErrValue {
		t.Fatal(err)
	}
	if err := s.SetText("Port", "x"); code(err) != ErrValue {
		t.Fatal(err)
	}
}

func TestRegistrationPanics(t *testing.T) {
	var i int64
	var e int
	for name, fn := range map[string]func(){
		"duplicate":   func() { NewSet().Int("A", &i, 0, 0, 1, "").Int("a", &i, 0, 0, 1, "") },
		"range":       func() { NewSet().Int("A", &i, 5, 0, 1, "") },
		"enum":        func() { NewSet().Enum("A", &e, 3, []string{"x"}, "") },
		"freeze":      func() { NewSet().Freeze("Nope") },
		"func no get": func() { NewSet().Func(Info{Name: "F", Type: Bool}, nil, nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			fn()
		}()
	}
}

// TestConcurrentReadWhileSetting: a running component reads fields under
// Lock while a host sets them; run with -race.
func TestConcurrentReadWhileSetting(t *testing.T) {
	var f fields
	s := newTestSet(&f)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 1000; i++ {
			_ = s.SetInt("Port", int64(i))
			_ = s.SetString("Options.Parameters", "a\nb")
			_ = s.SetString("NotifyEvents", "neNoSync")
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 1000; i++ {
			s.RLock()
			_, _, _ = f.port, len(f.params), f.notify
			s.RUnlock()
			_, _ = s.GetString("Options.Parameters")
			_, _ = s.GetInt("Port")
		}
	}()
	wg.Wait()
}
