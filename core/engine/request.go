package engine

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/handles"
	"github.com/sgcws/sgcws/core/props"
)

// request is the reply object of a decision event (OnHandshake, OnAuthentication,
// OnUnknownProtocol) or an HTTP request (OnCommandGet/OnCommandOther). Every kind of answer is
// registered on every request so that one property list describes KindRequest.
type request struct {
	h     uint64
	owner *component
	ev    *events.Event
	f     requestFields

	// The property set is built on first use: most requests are answered by
	// the default or by a few properties, and building ~25 of them per HTTP
	// request was a quarter of the server's CPU.
	psMu sync.Mutex
	ps   atomic.Pointer[props.Set]

	mu         sync.Mutex // excludes host writes from finish
	finished   bool
	unanswered atomic.Bool // NoSync without a callback: nobody answered
	touched    atomic.Bool // a ResponseInfo.* property was written
}

// requestFields holds the values; read-only ones are filled before the handle is published.
type requestFields struct {
	headers, headersRequest []string
	user, password          string
	authenticated           bool
	protocol                string
	accept                  bool
	in                      struct {
		command, document, query, version, contentText, contentType string
		remoteIP, authUser, authPass, host                          string
		remotePort                                                  int64
		headers                                                     []string
	}
	out struct {
		responseNo               int64
		contentText, contentType string
		fileName, authRealm      string
		customHeaders            []string
	}
}

// newRequest builds a request; fill sets the read-only values before it is published.
func newRequest(owner *component, fill func(f *requestFields)) *request {
	r := &request{owner: owner}
	r.f.out.responseNo, r.f.out.contentType = defaultResponseNo, defaultContentType
	fill(&r.f)
	r.h = tab.Add(handles.Kind(KindRequest), r)
	owner.own(r.h)
	return r
}

// propSet returns the request's properties, building them on first use.
func (r *request) propSet() *props.Set {
	if ps := r.ps.Load(); ps != nil {
		return ps
	}
	r.psMu.Lock()
	defer r.psMu.Unlock()
	if ps := r.ps.Load(); ps != nil {
		return ps
	}
	ps := requestPropSet(&r.f)
	ps.OnChange(func(name string) {
		if strings.HasPrefix(name, "ResponseInfo.") {
			r.touched.Store(true)
		}
	})
	r.ps.Store(ps)
	return ps
}

func ro(ps *props.Set, name string, typ props.Type, get func() any) {
	ps.Func(props.Info{Name: name, Type: typ}, func() (any, error) { return get(), nil }, nil)
}

const (
	defaultResponseNo  = 200
	defaultContentType = "text/html; charset=utf-8"
)

func requestPropSet(f *requestFields) *props.Set {
	ps := props.NewSet()
	ps.SetOwner("request")
	// Decision answers.
	ps.Strings("Headers", &f.headers, nil, "OnHandshake: headers to send (client: request, server: extra response headers)")
	ro(ps, "HeadersRequest", props.Strings, func() any { return f.headersRequest })
	ro(ps, "User", props.String, func() any { return f.user })
	ro(ps, "Password", props.String, func() any { return f.password })
	ps.Bool("Authenticated", &f.authenticated, false, "OnAuthentication: accept the credentials")
	ro(ps, "Protocol", props.String, func() any { return f.protocol })
	ps.Bool("Accept", &f.accept, false, "OnUnknownProtocol: accept without a sub-protocol")
	// HTTP request.
	in := &f.in
	ro(ps, "RequestInfo.Command", props.String, func() any { return in.command })
	ro(ps, "RequestInfo.Document", props.String, func() any { return in.document })
	ro(ps, "RequestInfo.QueryParams", props.String, func() any { return in.query })
	ro(ps, "RequestInfo.Version", props.String, func() any { return in.version })
	ro(ps, "RequestInfo.Headers", props.Strings, func() any { return in.headers })
	ro(ps, "RequestInfo.ContentText", props.String, func() any { return in.contentText })
	ro(ps, "RequestInfo.ContentType", props.String, func() any { return in.contentType })
	ro(ps, "RequestInfo.RemoteIP", props.String, func() any { return in.remoteIP })
	ro(ps, "RequestInfo.RemotePort", props.Int, func() any { return in.remotePort })
	ro(ps, "RequestInfo.AuthUsername", props.String, func() any { return in.authUser })
	ro(ps, "RequestInfo.AuthPassword", props.String, func() any { return in.authPass })
	ro(ps, "RequestInfo.Host", props.String, func() any { return in.host })
	out := &f.out
	ps.Int("ResponseInfo.ResponseNo", &out.responseNo, defaultResponseNo, 100, 999, "HTTP status")
	ps.String("ResponseInfo.ContentText", &out.contentText, "", "response body")
	ps.String("ResponseInfo.ContentType", &out.contentType, defaultContentType, "")
	ps.Strings("ResponseInfo.CustomHeaders", &out.customHeaders, nil, "\"Name: value\" per line")
	ps.String("ResponseInfo.FileName", &out.fileName, "", "serve this file")
	ps.String("ResponseInfo.AuthRealm", &out.authRealm, "", "non-empty: 401 with this Basic realm")
	return ps
}

func (r *request) handle() uint64               { return r.h }
func (r *request) bind(ev *events.Event)        { r.ev = ev }
func (r *request) unansweredFlag() *atomic.Bool { return &r.unanswered }
func (r *request) ownerComp() *component        { return r.owner }

// finish freezes the answer: writes after this fail.
func (r *request) finish() {
	r.mu.Lock()
	r.finished = true
	r.mu.Unlock()
}

func (r *request) isFinished() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.finished
}

// seq is the sequence number of the request's event (for Done).
func (r *request) seq() uint64 {
	if r.ev == nil {
		return 0
	}
	return r.ev.Seq
}

// answer reads the request's fields after finish; no writer can run any more.
func (r *request) answer() *requestFields {
	r.psMu.Lock() // no property set is built meanwhile (building writes the defaults again)
	defer r.psMu.Unlock()
	if ps := r.ps.Load(); ps != nil {
		ps.RLock()
		defer ps.RUnlock()
	}
	cp := r.f
	return &cp
}
