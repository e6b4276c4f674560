package sgc

import (
	"crypto/rand"
	"encoding/json"
	"sync"
	"time"
)

// Client is the protocol logic of TsgcWSPClient_sgc on one connection.
// send writes one text frame to the transport; the adapter reports
// Connected, Message and Disconnected. Methods may be called from any
// goroutine and from event handlers.
type Client struct {
	cfg   ClientConfig
	ev    ClientEvents
	send  func(text string) error
	now   func() time.Time
	newID func() string
	tk    *ticker

	mu        sync.Mutex
	connected bool
	qos       QoSLevel
	queue     bool     // the Queue property: hold inbound messages
	draining  bool     // SetQueue(false) is processing held messages
	held      []string // inbound messages held by Queue, at most MaxPending
	subs      map[string]struct{}
	out       outbox // sent messages awaiting acknowledgment (QoS >= 1)
}

// NewClient returns a Client. Without cfg.Now it starts a ticker for QoS
// retransmission; call Close to stop it.
func NewClient(cfg ClientConfig, send func(text string) error, ev ClientEvents) *Client {
	cfg.normalize()
	c := &Client{
		cfg:   cfg,
		ev:    ev,
		send:  send,
		newID: cfg.NewID,
		qos:   cfg.QoS.Level,
		queue: cfg.Queue,
		subs:  map[string]struct{}{},
		out:   outbox{max: cfg.MaxPending},
	}
	if c.newID == nil {
		c.newID = rand.Text
	}
	var real bool
	if c.now, real = clock(cfg.Now); real {
		c.tk = startTicker(cfg.QoS.Interval, c.Tick)
	}
	return c
}

// Close stops the retransmission ticker; idempotent.
func (c *Client) Close() { c.tk.Stop() }

// Connected marks the transport open; the server's sgc@session follows.
func (c *Client) Connected() {
	c.mu.Lock()
	c.connected = true
	c.mu.Unlock()
}

// Disconnected forgets the subscriptions and QoS entries of the connection
// (the server forgets its side too). Messages held by Queue stay.
func (c *Client) Disconnected() {
	c.mu.Lock()
	c.connected = false
	c.subs = map[string]struct{}{}
	c.out.items = nil
	c.mu.Unlock()
}

// Tick retransmits messages unacknowledged for longer than QoS.Timeout.
func (c *Client) Tick() {
	c.mu.Lock()
	var due []string
	if c.connected {
		due = c.out.due(c.now(), c.cfg.QoS.Timeout)
	}
	c.mu.Unlock()
	for _, t := range due {
		c.send(t)
	}
}

// SetQoSLevel changes the QoS level of subsequent messages (the JS
// qoslevel0..2()).
func (c *Client) SetQoSLevel(l QoSLevel) error {
	if !l.valid() {
		return ErrInvalidLevel
	}
	c.mu.Lock()
	c.qos = l
	c.mu.Unlock()
	return nil
}

// QoSLevel returns the current QoS level.
func (c *Client) QoSLevel() QoSLevel {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.qos
}

// SetQueue sets the Queue property. While true, inbound messages are held
// unprocessed (at most MaxPending, further ones dropped); setting it false
// processes them in arrival order.
func (c *Client) SetQueue(on bool) {
	c.mu.Lock()
	c.queue = on
	if on || c.draining {
		c.mu.Unlock()
		return
	}
	c.draining = true
	for len(c.held) > 0 && !c.queue {
		t := c.held[0]
		c.held = c.held[1:]
		c.mu.Unlock()
		c.handle(t)
		c.mu.Lock()
	}
	c.draining = false
	c.mu.Unlock()
}

// Queue returns the Queue property.
func (c *Client) Queue() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.queue
}

// Subscriptions returns the channels the server confirmed, sorted.
func (c *Client) Subscriptions() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return sortedKeys(c.subs)
}

// Message processes one inbound text message.
func (c *Client) Message(text string) {
	c.mu.Lock()
	if c.queue || c.draining {
		if len(c.held) < c.cfg.MaxPending {
			c.held = append(c.held, text)
		}
		c.mu.Unlock()
		return
	}
	c.mu.Unlock()
	c.handle(text)
}

// handle dispatches one message. Malformed input is ignored: a client has
// nobody to report it to but OnRawMessage, which sees it first.
func (c *Client) handle(text string) {
	if h := c.ev.OnRawMessage; h != nil && h(text) {
		return
	}
	if tooLarge(text, c.cfg.MaxMessageSize) {
		return
	}
	e, werr := parseEnvelope(text)
	if werr != nil {
		return
	}
	switch {
	case e.err != nil && e.result == nil:
		c.ackIfTracked(e)
		c.rpcError(e)
	case e.result != nil && e.err == nil:
		c.result(e)
	case e.hasMethod && e.method == mMessage:
		// the method form of the vendor's server WriteData
		if p, ok := object(e.params); ok {
			if h := c.ev.OnMessage; h != nil {
				h(valueText(p["message"]))
			}
		}
	}
}

// ackIfTracked acknowledges a server message that carries a QoS level >= 1
// and an id (session, RPC result and error).
func (c *Client) ackIfTracked(e *envelope) {
	var q string
	if !e.hasID || json.Unmarshal(e.qos, &q) != nil {
		return
	}
	if l, _ := ParseQoSLevel(q); l > QoSLevel0 {
		c.send(encRequest(mAck, nil, nil, &e.id))
	}
}

func (c *Client) rpcError(e *envelope) {
	m, ok := object(e.err)
	if !ok {
		return
	}
	var code float64
	_ = json.Unmarshal(m["code"], &code)
	if code > 1<<31-1 || code < -1<<31 { // outside int32: not a JSON-RPC code
		code = 0
	}
	msg := valueText(m["message"])
	data := ""
	if raw, has := m["data"]; has && !isNull(raw) {
		data = valueText(raw)
	}
	if h := c.ev.OnRPCError; h != nil {
		h(e.id.s, int(code), msg, data)
	}
}

// result dispatches the result form: a reserved result.method is a protocol
// message, anything else an RPC result.
func (c *Client) result(e *envelope) {
	r, _ := object(e.result)
	method := ""
	if r != nil {
		method, _, _ = str(r, "method")
	}
	if !reserved(method) {
		c.ackIfTracked(e)
		if h := c.ev.OnRPCResult; h != nil {
			h(e.id.s, valueText(e.result))
		}
		return
	}
	channel, _, _ := str(r, "channel")
	message := ""
	if raw, has := r["message"]; has && !isNull(raw) {
		message = valueText(raw)
	}
	switch method {
	case mSession:
		c.ackIfTracked(e)
		if h := c.ev.OnSession; h != nil {
			h(message)
		}
	case mAck:
		c.mu.Lock()
		c.out.remove(e.id.s)
		c.mu.Unlock()
		if h := c.ev.OnAcknowledgment; h != nil {
			h(e.id.s)
		}
	case mPubrec:
		c.pubrec(e)
	case mSubscribe:
		c.mu.Lock()
		c.subs[channel] = struct{}{}
		c.mu.Unlock()
		if h := c.ev.OnSubscription; h != nil {
			h(channel)
		}
	case mUnsubscribe:
		c.unsubscribed([]string{channel})
	case mUnsubscribeAll:
		c.mu.Lock()
		all := sortedKeys(c.subs)
		c.mu.Unlock()
		c.unsubscribed(all)
	case mEvent:
		if h := c.ev.OnEvent; h != nil {
			h(channel, message)
		}
	case mMessage:
		if h := c.ev.OnMessage; h != nil {
			h(message)
		}
	}
}

func (c *Client) unsubscribed(channels []string) {
	c.mu.Lock()
	for _, ch := range channels {
		delete(c.subs, ch)
	}
	c.mu.Unlock()
	if h := c.ev.OnUnSubscription; h != nil {
		for _, ch := range channels {
			h(ch)
		}
	}
}

// pubrec answers with pubrel at once; a tracked message's entry becomes
// the pubrel, retransmitted until the server's acknowledgment.
func (c *Client) pubrec(e *envelope) {
	if !e.hasID {
		return
	}
	text := encPubrel(e.id)
	c.mu.Lock()
	c.out.replace(e.id.s, text, c.now())
	c.mu.Unlock()
	c.send(text)
}

func encPubrel(id msgID) string {
	return encRequest(mPubrel, &reqParams{hasChannel: true}, nil, &id)
}
