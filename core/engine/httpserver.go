package engine

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/sgcws/sgcws/core/events"
)

// maxBody bounds the request body copied into RequestInfo.ContentText.
const maxBody = 32 << 20

// serveHTTP answers a plain HTTP request of TsgcWebSocketHTTPServer: the OnCommandGet /
// OnCommandOther decision when enabled, else (or when the host left ResponseInfo untouched)
// DocumentRoot, else 404.
func (s *server) serveHTTP(ss *session, w http.ResponseWriter, r *http.Request) {
	get := r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodPost
	if (get && s.optIn("Events.OnCommandGet")) || (!get && s.optIn("Events.OnCommandOther")) {
		if s.httpDecision(w, r) {
			return
		}
	}
	if serveFromRoot(w, r, ss.roots.get(s.getString("DocumentRoot"))) {
		return
	}
	http.NotFound(w, r)
}

// httpDecision raises EvHTTPRequest and writes the host's answer; false = fall through.
func (s *server) httpDecision(w http.ResponseWriter, r *http.Request) bool {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(body) > maxBody {
		http.Error(w, "request body too large or unreadable", http.StatusRequestEntityTooLarge)
		return true
	}
	req := newRequest(&s.component, func(f *requestFields) {
		in := &f.in
		in.command = r.Method
		in.document = r.URL.Path
		in.query = r.URL.RawQuery
		in.version = r.Proto
		hdr := r.Header.Clone()
		hdr.Set("Host", r.Host)
		in.headers = splitNonEmpty(headerLines(hdr))
		in.contentText = string(body)
		in.contentType = r.Header.Get("Content-Type")
		in.remoteIP, _ = splitAddrString(r.RemoteAddr)
		_, p := splitAddrString(r.RemoteAddr)
		in.remotePort = int64(p)
		in.authUser, in.authPass, _ = r.BasicAuth()
		in.host = r.Host
	})
	if !s.decide(&events.Event{Kind: events.EvHTTPRequest}, req) {
		http.Error(w, "503 Service Unavailable: the request was not handled in time", http.StatusServiceUnavailable)
		return true
	}
	if !req.touched.Load() {
		return false
	}
	a := req.answer().out
	for _, l := range a.customHeaders {
		if k, v, found := strings.Cut(l, ":"); found {
			w.Header().Add(strings.TrimSpace(k), strings.TrimSpace(v))
		}
	}
	if a.authRealm != "" {
		w.Header().Set("WWW-Authenticate", "Basic realm="+strconv.Quote(a.authRealm))
		http.Error(w, "401 Unauthorized", http.StatusUnauthorized)
		return true
	}
	if a.fileName != "" {
		if serveFile(w, r, a.fileName) {
			return true
		}
		http.NotFound(w, r)
		return true
	}
	if a.contentType != "" {
		w.Header().Set("Content-Type", a.contentType)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(a.contentText)))
	w.WriteHeader(int(a.responseNo))
	if r.Method != http.MethodHead {
		_, _ = io.WriteString(w, a.contentText)
	}
	return true
}
