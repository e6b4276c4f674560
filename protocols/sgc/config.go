package sgc

import "time"

// Protocol is the WebSocket sub-protocol of the sgc protocol.
const Protocol = "esegece.com"

// Defaults of the manual (QoS) and of this package (limits).
const (
	DefaultQoSInterval     = 60 * time.Second
	DefaultQoSTimeout      = 300 * time.Second
	DefaultMaxMessageSize  = 1 << 20
	DefaultMaxPending      = 1000
	DefaultMaxQueue        = 1000
	DefaultMaxQueueChannel = 10000
)

// QoS is the QoS property group. Messages tracked for retransmission are
// re-sent at every tick (every Interval) once older than Timeout.
type QoS struct {
	Level    QoSLevel
	Interval time.Duration
	Timeout  time.Duration
}

// RPCAuthentication is the server's RPCAuthentication property group.
// Methods entries are "method" (allowed to everyone) or "method=user"
// (allowed to that user only); anything else goes to OnRPCAuthentication.
type RPCAuthentication struct {
	Enabled bool
	Methods []string
}

// ServerConfig configures a Server. Zero numeric fields take the defaults,
// so ServerConfig{} equals DefaultServerConfig().
type ServerConfig struct {
	RPCAuthentication RPCAuthentication
	UseMatchesMasks   bool // Delphi MatchesMask wildcards instead of a trailing '*'
	QoS               QoS

	Protocol         string // answer to sgc@protocol; default Protocol
	MaxMessageSize   int    // inbound text limit in bytes; negative = unlimited
	MaxPending       int    // per connection: QoS entries, QoS 2 messages, transaction messages, RPCs
	MaxQueue         int    // queueLevel2 messages kept per channel (oldest dropped)
	MaxQueueChannels int    // channels with a queue; further channels are not stored

	// Multicast, when set, writes one text to many connections at once (the engine encodes it
	// once); nil writes to each in turn.
	Multicast func(conns []Conn, text string)

	// Now supplies the time. nil means time.Now and a background ticker
	// calling Tick every QoS.Interval; when set, no ticker runs and the
	// caller drives Tick (tests).
	Now func() time.Time
}

// ClientConfig configures a Client. Zero numeric fields take the defaults.
type ClientConfig struct {
	QoS   QoS
	Queue bool // hold inbound messages unprocessed until SetQueue(false)

	MaxMessageSize int // inbound text limit; negative = unlimited
	MaxPending     int // QoS entries tracked and messages held by Queue

	NewID func() string    // ids of outgoing messages; nil = random
	Now   func() time.Time // as ServerConfig.Now
}

// DefaultServerConfig returns the manual's defaults.
func DefaultServerConfig() ServerConfig {
	var c ServerConfig
	c.normalize()
	return c
}

// DefaultClientConfig returns the manual's defaults.
func DefaultClientConfig() ClientConfig {
	var c ClientConfig
	c.normalize()
	return c
}

func (q *QoS) normalize() {
	if !q.Level.valid() {
		q.Level = QoSLevel0
	}
	if q.Interval <= 0 {
		q.Interval = DefaultQoSInterval
	}
	if q.Timeout <= 0 {
		q.Timeout = DefaultQoSTimeout
	}
}

func (c *ServerConfig) normalize() {
	c.QoS.normalize()
	if c.Protocol == "" {
		c.Protocol = Protocol
	}
	if c.MaxMessageSize == 0 {
		c.MaxMessageSize = DefaultMaxMessageSize
	}
	if c.MaxPending <= 0 {
		c.MaxPending = DefaultMaxPending
	}
	if c.MaxQueue <= 0 {
		c.MaxQueue = DefaultMaxQueue
	}
	if c.MaxQueueChannels <= 0 {
		c.MaxQueueChannels = DefaultMaxQueueChannel
	}
	c.RPCAuthentication.Methods = append([]string(nil), c.RPCAuthentication.Methods...)
}

func (c *ClientConfig) normalize() {
	c.QoS.normalize()
	if c.MaxMessageSize == 0 {
		c.MaxMessageSize = DefaultMaxMessageSize
	}
	if c.MaxPending <= 0 {
		c.MaxPending = DefaultMaxPending
	}
}

func tooLarge(text string, limit int) bool { return limit > 0 && len(text) > limit }
