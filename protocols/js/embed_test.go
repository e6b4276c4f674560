package js

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestNames(t *testing.T) {
	want := []string{"esegece.com.js", "presence.esegece.com.js", "sgcWebSockets.js"}
	if got := Names(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Names() = %q, want %q", got, want)
	}
}

func TestFileServesEveryName(t *testing.T) {
	for _, name := range Names() {
		disk, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, asked := range []string{name, "/" + name} {
			body, ctype, ok := File(asked)
			if !ok {
				t.Fatalf("File(%q) not found", asked)
			}
			if ctype != "application/javascript; charset=utf-8" {
				t.Errorf("File(%q) content type %q", asked, ctype)
			}
			if !bytes.Equal(body, disk) {
				t.Errorf("File(%q) differs from the file on disk", asked)
			}
		}
		// Each file documents its decisions in its header comment.
		body, _, _ := File(name)
		if !bytes.HasPrefix(body, []byte("/*\n * "+name+" - ")) || !bytes.Contains(body[:bytes.Index(body, []byte("*/"))], []byte("Decisions")) {
			t.Errorf("%s: no header comment with the decisions", name)
		}
	}
}

func TestFileCopies(t *testing.T) {
	a, _, _ := File("sgcWebSockets.js")
	a[0] = 'X'
	b, _, _ := File("sgcWebSockets.js")
	if b[0] == 'X' {
		t.Fatal("File returns shared bytes")
	}
}

func TestFileRejects(t *testing.T) {
	for _, name := range []string{"", "/", "embed.go", "/embed.go", "embed_test.go", "sgcwebsockets.js",
		"../js/sgcWebSockets.js", "js/sgcWebSockets.js", "//sgcWebSockets.js", "sgcWebSockets.js/", ".", "*.js"} {
		if body, ctype, ok := File(name); ok || body != nil || ctype != "" {
			t.Errorf("File(%q) = %d bytes, %q, %v; want nothing", name, len(body), ctype, ok)
		}
	}
}

func TestPlainText(t *testing.T) {
	// Our files are plain ES2017 text: UTF-8, no CR, no minified single-line blobs.
	for _, name := range Names() {
		body, _, _ := File(name)
		if bytes.ContainsRune(body, '\r') {
			t.Errorf("%s has CR line ends", name)
		}
		for i, line := range strings.Split(string(body), "\n") {
			if len(line) > 220 {
				t.Errorf("%s:%d: line of %d characters", name, i+1, len(line))
			}
		}
	}
}
