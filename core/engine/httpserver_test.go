package engine

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sgcws/sgcws/core/events"
)

func httpDo(t *testing.T, method, url string, hdr map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader("body!"))
	must(t, err)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	tr := &http.Transport{DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr, Timeout: waitLimit}).Do(req)
	must(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	must(t, err)
	return resp, string(b)
}

func TestHTTPServer(t *testing.T) {
	root := t.TempDir()
	must(t, os.WriteFile(filepath.Join(root, "index.html"), []byte("<h1>index</h1>"), 0o644))
	must(t, os.WriteFile(filepath.Join(root, "data.txt"), []byte("0123456789"), 0o644))
	outside := t.TempDir()
	must(t, os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644))
	_ = os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(root, "link.txt"))

	srv, addr := newServerOn(t, KindHTTPServer, func(h uint64) {
		must(t, SetString(h, "DocumentRoot", root))
		must(t, SetBool(h, "Events.OnCommandGet", true))
		must(t, SetInt(h, "DecisionTimeout", 300))
	})
	base := "http://" + addr
	stall := false
	newCollector(t, srv, "neAsynchronous", func(ev *events.Event) {
		if ev.Kind != events.EvHTTPRequest {
			return
		}
		doc, _ := GetString(ev.Reply, "RequestInfo.Document")
		switch {
		case stall:
			time.Sleep(600 * time.Millisecond)
		case doc == "/api":
			cmd, _ := GetString(ev.Reply, "RequestInfo.Command")
			q, _ := GetString(ev.Reply, "RequestInfo.QueryParams")
			body, _ := GetString(ev.Reply, "RequestInfo.ContentText")
			must(t, SetString(ev.Reply, "ResponseInfo.ContentText", cmd+" "+q+" "+body))
			must(t, SetString(ev.Reply, "ResponseInfo.ContentType", "text/plain"))
			must(t, SetString(ev.Reply, "ResponseInfo.CustomHeaders", "X-Api: 1"))
			must(t, SetInt(ev.Reply, "ResponseInfo.ResponseNo", 201))
		case doc == "/private":
			must(t, SetString(ev.Reply, "ResponseInfo.AuthRealm", "zone"))
		}
	})
	resp, body := httpDo(t, "POST", base+"/api?a=1", nil)
	if resp.StatusCode != 201 || body != "POST a=1 body!" || resp.Header.Get("X-Api") != "1" {
		t.Fatalf("answered request: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	if !strings.HasPrefix(resp.Header.Get("Server"), "sgcws") {
		t.Fatalf("Server header %q", resp.Header.Get("Server"))
	}
	resp, _ = httpDo(t, "GET", base+"/private", nil)
	if resp.StatusCode != 401 || !strings.Contains(resp.Header.Get("Www-Authenticate"), "zone") {
		t.Fatalf("AuthRealm: %d %v", resp.StatusCode, resp.Header)
	}
	// Untouched → DocumentRoot.
	resp, body = httpDo(t, "GET", base+"/", nil)
	if resp.StatusCode != 200 || body != "<h1>index</h1>" {
		t.Fatalf("index: %d %q", resp.StatusCode, body)
	}
	resp, body = httpDo(t, "GET", base+"/data.txt", map[string]string{"Range": "bytes=2-4"})
	if resp.StatusCode != 206 || body != "234" {
		t.Fatalf("range: %d %q", resp.StatusCode, body)
	}
	lm := resp.Header.Get("Last-Modified")
	resp, _ = httpDo(t, "GET", base+"/data.txt", map[string]string{"If-Modified-Since": lm})
	if resp.StatusCode != 304 {
		t.Fatalf("If-Modified-Since: %d", resp.StatusCode)
	}
	for _, p := range []string{"/missing", "/../" + filepath.Base(outside) + "/secret.txt", "/link.txt", "/%2e%2e/etc/passwd"} {
		resp, body = httpDo(t, "GET", base+p, nil)
		if resp.StatusCode != 404 || strings.Contains(body, "secret") {
			t.Fatalf("%s: %d %q", p, resp.StatusCode, body)
		}
	}
	// No answer in time → 503.
	stall = true
	resp, _ = httpDo(t, "GET", base+"/slow", nil)
	if resp.StatusCode != 503 {
		t.Fatalf("decision timeout: %d", resp.StatusCode)
	}
}

func TestPlainServerAnswersHTTPWith400(t *testing.T) {
	_, addr := newServerOn(t, KindServer, nil)
	resp, _ := httpDo(t, "GET", "http://"+addr+"/", nil)
	if resp.StatusCode != 400 {
		t.Fatalf("status %d", resp.StatusCode)
	}
}

func TestHTTPServerWebSocketSamePort(t *testing.T) {
	srv, addr := newServerOn(t, KindHTTPServer, nil)
	newCollector(t, srv, "neNoSync", echo)
	cli := newClientTo(t, "ws://"+addr)
	cc := newCollector(t, cli, "neNoSync", nil)
	must(t, Connect(cli, 5*time.Second, false))
	must(t, Write(cli, TypeText, []byte("x"), 0))
	if ev := cc.next(events.EvMessage); string(ev.Data) != "x" {
		t.Fatal("no echo")
	}
	resp, _ := httpDo(t, "GET", "http://"+addr+"/nothing", nil)
	if resp.StatusCode != 404 {
		t.Fatalf("status %d", resp.StatusCode)
	}
}

// rawGet sends one HTTP/1.1 GET without "Connection: close" and returns the response with its body.
func rawGet(t *testing.T, addr, path string) (*http.Response, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	must(t, err)
	defer c.Close()
	must(t, c.SetDeadline(time.Now().Add(waitLimit)))
	_, err = io.WriteString(c, "GET "+path+" HTTP/1.1\r\nHost: "+addr+"\r\n\r\n")
	must(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	must(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	must(t, err)
	return resp, string(b)
}

func TestHTTPResponseFileName(t *testing.T) {
	file := filepath.Join(t.TempDir(), "report.json")
	must(t, os.WriteFile(file, []byte(`{"a":123456}`), 0o644))
	srv, addr := newServerOn(t, KindHTTPServer, func(h uint64) {
		must(t, SetBool(h, "Events.OnCommandGet", true))
	})
	newCollector(t, srv, "neNoSync", func(ev *events.Event) {
		if ev.Kind != events.EvHTTPRequest {
			return
		}
		name := file
		if doc, _ := GetString(ev.Reply, "RequestInfo.Document"); doc == "/gone" {
			name = file + ".missing"
		}
		must(t, SetString(ev.Reply, "ResponseInfo.FileName", name))
	})
	resp, body := httpDo(t, "GET", "http://"+addr+"/any", nil)
	if resp.StatusCode != 200 || body != `{"a":123456}` || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("file: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	resp, body = httpDo(t, "GET", "http://"+addr+"/any", map[string]string{"Range": "bytes=5-7"})
	if resp.StatusCode != 206 || body != "123" || resp.Header.Get("Content-Range") != "bytes 5-7/12" {
		t.Fatalf("range: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	if resp, _ = httpDo(t, "GET", "http://"+addr+"/gone", nil); resp.StatusCode != 404 {
		t.Fatalf("missing file: %d", resp.StatusCode)
	}
}

func TestHTTPKeepAlive(t *testing.T) {
	root := t.TempDir()
	must(t, os.WriteFile(filepath.Join(root, "index.html"), []byte("hi"), 0o644))
	for _, keep := range []bool{true, false} {
		_, addr := newServerOn(t, KindHTTPServer, func(h uint64) {
			must(t, SetString(h, "DocumentRoot", root))
			must(t, SetBool(h, "KeepAlive", keep))
		})
		resp, body := rawGet(t, addr, "/")
		// resp.Close reports the server's "Connection: close" (ReadResponse consumes the header).
		if body != "hi" || resp.Close == keep {
			t.Fatalf("KeepAlive=%v: Connection: close=%v body %q", keep, resp.Close, body)
		}
	}
}

// TestHTTPDoneIsFinal: Done(reply) in the queued modes sends the answer while the host still holds
// the batch, and later writes to the reply are refused.
func TestHTTPDoneIsFinal(t *testing.T) {
	for _, mode := range []string{"neSynchronous", "neAsynchronous"} {
		t.Run(mode, func(t *testing.T) {
			srv, addr := newServerOn(t, KindHTTPServer, func(h uint64) {
				must(t, SetBool(h, "Events.OnCommandGet", true))
			})
			answered := make(chan struct{})
			lateErr := make(chan error, 1)
			newCollector(t, srv, mode, func(ev *events.Event) {
				if ev.Kind != events.EvHTTPRequest {
					return
				}
				must(t, SetString(ev.Reply, "ResponseInfo.ContentText", "final"))
				must(t, Done(ev.Reply))
				lateErr <- SetString(ev.Reply, "ResponseInfo.ContentText", "late")
				// Hold the batch until the client has the answer.
				select {
				case <-answered:
				case <-time.After(waitLimit):
					t.Error("the response did not arrive before the batch was released")
				}
			})
			resp, body := httpDo(t, "GET", "http://"+addr+"/x", nil)
			close(answered)
			if resp.StatusCode != 200 || body != "final" {
				t.Fatalf("answer %d %q", resp.StatusCode, body)
			}
			wantCode(t, <-lateErr, EHandle)
		})
	}
}

// The session keeps its DocumentRoot open; a new value while running is served from then on.
func TestHTTPDocumentRootChange(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	must(t, os.WriteFile(filepath.Join(a, "f.txt"), []byte("from a"), 0o644))
	must(t, os.WriteFile(filepath.Join(b, "f.txt"), []byte("from b"), 0o644))
	srv, addr := newServerOn(t, KindHTTPServer, func(h uint64) { must(t, SetString(h, "DocumentRoot", a)) })
	for _, want := range []string{"from a", "from a"} {
		if _, body := httpDo(t, "GET", "http://"+addr+"/f.txt", nil); body != want {
			t.Fatalf("got %q, want %q", body, want)
		}
	}
	must(t, SetString(srv, "DocumentRoot", b))
	if _, body := httpDo(t, "GET", "http://"+addr+"/f.txt", nil); body != "from b" {
		t.Fatalf("after the change: got %q, want %q", body, "from b")
	}
}
