// Command wirepeer is the scripted golden-wire peer of tests/jsclient.
//
// It is a TEST FIXTURE of our browser JavaScript clients (protocols/js), not a server and not a
// stand-in for the sgcws server: it knows nothing but a fixed conversation per case. For each
// case it plays the server side of the wire exactly as the protocol inventory (§2.2, §11.4,
// §14.4) writes it: it checks that every message the page's JS sends is byte-exact the canonical
// JSON our JS defines, and it sends every server->client shape so the page can check that the JS
// raises the right event with the right fields. Tests against the real server belong elsewhere.
//
//	wirepeer [-addr 127.0.0.1:0]      prints "PORT n" once it listens
//
// HTTP surface (all on the one port):
//
//	GET  /<name>.js               the embedded protocols/js files
//	GET  /wire/<case>             a WebSocket (or, without Upgrade, an SSE) conversation
//	GET  /sgc/auth/url/...        the URL-authentication conversations
//	POST /sgc/xhr/<guid>          SSE client->server messages
//	GET  /peer/verdict/<case>     {"done":bool,"steps":[{"name","ok","why"}]} of the case's last run
//
// Every mismatch is also printed on stdout as "MISMATCH case/step: why"; a WebSocket
// conversation that hits one is closed with code 4000, a finished one with 4001 "script done".
package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gorilla/websocket"
	"github.com/sgcws/sgcws/protocols/js"
)

const stepTimeout = 5 * time.Second

// --- verdicts ---

type stepResult struct {
	Name string `json:"name"`
	OK   bool   `json:"ok"`
	Why  string `json:"why,omitempty"`
}

type verdict struct {
	mu    sync.Mutex
	steps []stepResult
	done  chan struct{}
}

type peer struct {
	mu       sync.Mutex
	verdicts map[string]*verdict
	sse      map[string]chan string // connection GUID -> POST bodies
}

func (p *peer) newVerdict(name string) *verdict {
	v := &verdict{done: make(chan struct{})}
	p.mu.Lock()
	p.verdicts[name] = v
	p.mu.Unlock()
	return v
}

func (p *peer) serveVerdict(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/peer/verdict/")
	deadline := time.After(8 * time.Second)
	var v *verdict
	for v == nil { // the case may not have reached the peer yet
		p.mu.Lock()
		v = p.verdicts[name]
		p.mu.Unlock()
		if v == nil {
			select {
			case <-deadline:
				http.Error(w, "no such conversation", http.StatusNotFound)
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
	done := true
	select {
	case <-v.done:
	case <-deadline:
		done = false
	}
	v.mu.Lock()
	body, _ := json.Marshal(struct {
		Done  bool         `json:"done"`
		Steps []stepResult `json:"steps"`
	}{done, append([]stepResult{}, v.steps...)})
	v.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

// --- the conversation engine ---

// wire is one client connection, WebSocket or SSE.
type wire interface {
	sendText(text string) error
	sendBinary(b []byte) error
	// next returns the next client message: binary is false for text.
	next(timeout time.Duration) (data []byte, binary bool, err error)
}

type abort struct{}

type script struct {
	name string
	v    *verdict
	w    wire
}

func (s *script) record(step string, ok bool, why string) {
	s.v.mu.Lock()
	s.v.steps = append(s.v.steps, stepResult{step, ok, why})
	s.v.mu.Unlock()
	if !ok {
		fmt.Printf("MISMATCH %s/%s: %s\n", s.name, step, why)
	}
}

// check records a step; a failed one ends the conversation.
func (s *script) check(step string, ok bool, why string) {
	s.record(step, ok, why)
	if !ok {
		panic(abort{})
	}
}

func (s *script) send(text string) {
	if err := s.w.sendText(text); err != nil {
		s.check("send", false, err.Error())
	}
}

func (s *script) sendBinary(b []byte) {
	if err := s.w.sendBinary(b); err != nil {
		s.check("send", false, err.Error())
	}
}

// expect: the next client message is the text want, byte for byte.
func (s *script) expect(step, want string) {
	got, bin, err := s.w.next(stepTimeout)
	switch {
	case err != nil:
		s.check(step, false, fmt.Sprintf("want %q, got %v", want, err))
	case bin:
		s.check(step, false, fmt.Sprintf("want text %q, got binary % x", want, got))
	default:
		s.check(step, string(got) == want, fmt.Sprintf("want %s, got %s", want, got))
	}
}

func (s *script) expectBinary(step string, want []byte) {
	got, bin, err := s.w.next(stepTimeout)
	switch {
	case err != nil:
		s.check(step, false, fmt.Sprintf("want binary % x, got %v", want, err))
	case !bin:
		s.check(step, false, fmt.Sprintf("want binary % x, got text %q", want, got))
	default:
		s.check(step, string(got) == string(want), fmt.Sprintf("want % x, got % x", want, got))
	}
}

// --- WebSocket ---

type wsWire struct{ c *websocket.Conn }

func (w *wsWire) sendText(text string) error {
	w.c.SetWriteDeadline(time.Now().Add(stepTimeout))
	return w.c.WriteMessage(websocket.TextMessage, []byte(text))
}

func (w *wsWire) sendBinary(b []byte) error {
	w.c.SetWriteDeadline(time.Now().Add(stepTimeout))
	return w.c.WriteMessage(websocket.BinaryMessage, b)
}

func (w *wsWire) next(timeout time.Duration) ([]byte, bool, error) {
	w.c.SetReadDeadline(time.Now().Add(timeout))
	kind, data, err := w.c.ReadMessage()
	return data, kind == websocket.BinaryMessage, err
}

func (w *wsWire) closeWith(code int, reason string) {
	if len(reason) > 120 {
		reason = reason[:120]
	}
	w.c.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(time.Second))
}

// expectClose: the client closes with code (and reason, when not "-").
func (s *script) expectClose(step string, code int, reason string) {
	_, _, err := s.w.next(stepTimeout)
	var ce *websocket.CloseError
	if !errors.As(err, &ce) {
		s.check(step, false, fmt.Sprintf("want close %d, got %v", code, err))
	}
	s.check(step, ce.Code == code && (reason == "-" || ce.Text == reason), fmt.Sprintf("want close %d %q, got %d %q", code, reason, ce.Code, ce.Text))
}

// finish: the peer closes with 4001 "script done"; any message the client sends before its
// close reply is one the script did not expect.
func (s *script) finish() {
	ws := s.w.(*wsWire)
	ws.closeWith(4001, "script done")
	for {
		got, _, err := s.w.next(stepTimeout)
		if err != nil {
			var ce *websocket.CloseError
			s.record("close-4001-answered", errors.As(err, &ce) && ce.Code == 4001, fmt.Sprint(err))
			return
		}
		s.record("no-unexpected-messages", false, fmt.Sprintf("unexpected %s", got))
	}
}

func (p *peer) serveWS(w http.ResponseWriter, r *http.Request, name, proto string, run func(*script)) {
	v := p.newVerdict(name)
	defer close(v.done)
	offered := strings.Join(websocket.Subprotocols(r), ",")
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	if proto != "" {
		up.Subprotocols = []string{proto}
	}
	c, err := up.Upgrade(w, r, nil)
	s := &script{name: name, v: v}
	if err != nil {
		s.record("handshake", false, err.Error())
		return
	}
	defer c.Close()
	// Answer a client's close with its own code and reason, so the page's close event shows both.
	c.SetCloseHandler(func(code int, text string) error {
		c.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
		return nil
	})
	ws := &wsWire{c}
	s.w = ws
	defer func() {
		if x := recover(); x != nil {
			if _, ok := x.(abort); !ok {
				s.record("peer", false, fmt.Sprint("panic: ", x))
			}
			ws.closeWith(4000, "mismatch")
			for { // let the client answer, so the page sees a clean 4000 rather than 1006
				if _, _, err := ws.next(2 * time.Second); err != nil {
					break
				}
			}
		}
	}()
	if proto == "" {
		s.check("handshake/no-subprotocol-offered", offered == "", fmt.Sprintf("offered %q", offered))
	} else {
		s.check("handshake/subprotocol-offered", offered == proto, fmt.Sprintf("offered %q, want %q", offered, proto))
	}
	run(s)
}

// --- Server-Sent Events ---

type sseWire struct {
	w     http.ResponseWriter
	f     http.Flusher
	posts chan string
	ctx   <-chan struct{}
}

func (w *sseWire) sendText(text string) error {
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		b.WriteString("data: " + line + "\n")
	}
	b.WriteString("\n")
	if _, err := io.WriteString(w.w, b.String()); err != nil {
		return err
	}
	w.f.Flush()
	return nil
}

func (w *sseWire) sendBinary([]byte) error { return errors.New("SSE carries text only") }

func (w *sseWire) next(timeout time.Duration) ([]byte, bool, error) {
	select {
	case body := <-w.posts:
		return []byte(body), false, nil
	case <-w.ctx:
		return nil, false, errors.New("event stream closed by the client")
	case <-time.After(timeout):
		return nil, false, errors.New("timeout")
	}
}

// serveSSE: the event stream whose first message is guid; POSTs to /sgc/xhr/<guid> feed next().
func (p *peer) serveSSE(w http.ResponseWriter, r *http.Request, name, guid string, run func(*script)) {
	v := p.newVerdict(name)
	defer close(v.done)
	s := &script{name: name, v: v}
	f, ok := w.(http.Flusher)
	if !ok {
		s.record("handshake", false, "no flusher")
		return
	}
	sw := &sseWire{w: w, f: f, posts: make(chan string, 64), ctx: r.Context().Done()}
	s.w = sw
	p.mu.Lock()
	p.sse[guid] = sw.posts
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		delete(p.sse, guid)
		p.mu.Unlock()
	}()
	defer func() {
		if x := recover(); x != nil {
			if _, ok := x.(abort); !ok {
				s.record("peer", false, fmt.Sprint("panic: ", x))
			}
		}
	}()
	accept := r.Header.Get("Accept")
	s.check("handshake/accept-event-stream", strings.Contains(accept, "text/event-stream") && r.Header.Get("Upgrade") == "",
		fmt.Sprintf("Accept %q, Upgrade %q", accept, r.Header.Get("Upgrade")))
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	s.send(guid)
	run(s)
}

// awaitClientClose: the page closes its EventSource (the request's context ends).
func (s *script) awaitClientClose(step string) {
	sw := s.w.(*sseWire)
	select {
	case <-sw.ctx:
		s.record(step, true, "")
	case body := <-sw.posts:
		s.check(step, false, fmt.Sprintf("unexpected POST %q", body))
	case <-time.After(stepTimeout):
		s.check(step, false, "the event stream stayed open")
	}
}

func (p *peer) servePost(w http.ResponseWriter, r *http.Request) {
	guid := strings.TrimPrefix(r.URL.Path, "/sgc/xhr/")
	p.mu.Lock()
	posts := p.sse[guid]
	p.mu.Unlock()
	if r.Method != http.MethodPost || posts == nil {
		http.Error(w, "unknown connection", http.StatusNotFound)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	select {
	case posts <- string(body):
	default:
		http.Error(w, "too many messages", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func b64(s string) string { return "sgc@b64:" + base64.StdEncoding.EncodeToString([]byte(s)) }

// --- routing ---

func (p *peer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if body, ctype, ok := js.File(r.URL.Path); ok && r.Method == http.MethodGet {
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "no-store")
		w.Write(body)
		return
	}
	switch {
	case strings.HasPrefix(r.URL.Path, "/peer/verdict/"):
		p.serveVerdict(w, r)
		return
	case strings.HasPrefix(r.URL.Path, "/sgc/xhr/"):
		p.servePost(w, r)
		return
	}
	isWS := websocket.IsWebSocketUpgrade(r)
	switch key := r.RequestURI; {
	case key == "/wire/generic" && isWS:
		p.serveWS(w, r, "generic", "", scriptGeneric)
	case key == "/wire/proto" && isWS:
		p.serveWS(w, r, "generic-protocol", "esegece.com", func(s *script) { s.expectClose("c2s/close-4321-bye", 4321, "bye") })
	case key == "/wire/reject":
		v := p.newVerdict("generic-rejected")
		(&script{name: "generic-rejected", v: v}).record("handshake/rejected-403", isWS, "not a WebSocket upgrade")
		close(v.done)
		http.Error(w, "rejected by the script", http.StatusForbidden)
	case key == "/sgc/auth/url/u/p" && isWS:
		p.serveWS(w, r, "auth-ws", "", func(s *script) {
			s.send("authenticated u p")
			s.expectClose("c2s/close-1000", 1000, "")
		})
	case key == "/sgc/auth/url/al%20ice/p%2Fw%C3%BC" && isWS:
		p.serveWS(w, r, "auth-escaped", "", func(s *script) {
			s.send("authenticated al ice p/wü")
			s.expectClose("c2s/close-1000", 1000, "")
		})
	case key == "/sgc/auth/url/u/p/esegece.com" && !isWS:
		p.serveSSE(w, r, "auth-sse", "GUID-AUTH-SSE", func(s *script) {
			s.send("authenticated u p")
			s.awaitClientClose("c2s/client-closed-stream")
		})
	case key == "/wire/sse" && !isWS:
		p.serveSSE(w, r, "sse", "GUID-SSE-1", scriptSSE)
	case key == "/wire/fallback" && !isWS:
		p.serveSSE(w, r, "sse-fallback", "GUID-FB-1", func(s *script) {
			s.expect("c2s/xhr-post", "via sse")
			s.send("ack via sse")
			s.awaitClientClose("c2s/client-closed-stream")
		})
	case key == "/wire/sgc" && isWS:
		p.serveWS(w, r, "sgc", "esegece.com", scriptSgc)
	case key == "/wire/sgc-b64" && isWS:
		p.serveWS(w, r, "sgc-b64", "esegece.com", scriptSgcBase64)
	case key == "/wire/sgc-manual-pubrel" && isWS:
		p.serveWS(w, r, "sgc-manual-pubrel", "esegece.com", func(s *script) {
			s.send(`{"jsonrpc":"2.0","result":{"method":"sgc@pubrec"},"id":"P9"}`)
			s.expect("c2s/pubrel-by-the-page", `{"jsonrpc":"2.0","method":"sgc@pubrel","params":{"channel":"","message":""},"id":"P9"}`)
			s.finish()
		})
	case key == "/wire/sgc-prefix" && isWS:
		p.serveWS(w, r, "sgc-prefix", "x.esegece.com", func(s *script) { s.expectClose("c2s/close-1000", 1000, "") })
	case key == "/wire/sgc-upper" && isWS:
		p.serveWS(w, r, "sgc-SGCWS", "esegece.com", func(s *script) { s.expectClose("c2s/close-1000", 1000, "") })
	case key == "/wire/sgc-sse/esegece.com" && !isWS:
		p.serveSSE(w, r, "sgc-sse", "GUID-SGC-SSE", func(s *script) {
			s.send(`{"jsonrpc":"2.0","result":{"method":"sgc@session","message":"GUID-SGC-SSE"},"qos":"qosLevel0","id":"GUID-SGC-SSE"}`)
			s.expect("c2s/subscribe", `{"jsonrpc":"2.0","method":"sgc@subscribe","params":{"channel":"news","message":""},"id":"id1"}`)
			s.send(`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"news","message":"over sse"}}`)
			s.awaitClientClose("c2s/client-closed-stream")
		})
	case key == "/wire/presence" && isWS:
		p.serveWS(w, r, "presence", "presence.esegece.com", scriptPresence)
	case key == "/wire/presence-b64" && isWS:
		p.serveWS(w, r, "presence-b64", "presence.esegece.com", scriptPresenceBase64)
	default:
		http.NotFound(w, r)
	}
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wirepeer:", err)
		os.Exit(1)
	}
	p := &peer{verdicts: map[string]*verdict{}, sse: map[string]chan string{}}
	srv := &http.Server{Handler: p, ReadHeaderTimeout: 5 * time.Second}
	fmt.Printf("PORT %d\n", ln.Addr().(*net.TCPAddr).Port)
	go func() {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, syscall.SIGTERM, os.Interrupt)
		<-sig
		srv.Close()
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, "wirepeer:", err)
		os.Exit(1)
	}
}
