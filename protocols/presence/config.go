package presence

import "time"

// AckConfig is the manual's Acknowledgment property. Zero numeric fields
// take the defaults below.
type AckConfig struct {
	Enabled    bool
	Interval   time.Duration // how often pending messages are checked (default 60 s)
	Timeout    time.Duration // age after which a message is sent again (default 300 s)
	MaxPending int           // tracked messages per connection; oldest dropped beyond (default 1024)
	MaxResends int           // re-sends of one message before it is dropped (default 10)
}

// ServerConfig holds TsgcWSPServer_Presence's properties plus our limits.
type ServerConfig struct {
	EncodeBase64   bool
	Acknowledgment AckConfig
	MaxMessageSize int   // bytes of one inbound message (default 1 MiB); larger ones get code 12
	MaxInvitations int   // pending invitations per inviter (default 64)
	Clock          Clock // nil: wall clock and a real ticker
}

// PresenceConfig is the client's member data (the manual's Presence property).
type PresenceConfig struct {
	Name, Info string
}

// ClientConfig holds TsgcWSPClient_Presence's properties plus our limits.
type ClientConfig struct {
	EncodeBase64   bool
	Presence       PresenceConfig
	Acknowledgment AckConfig
	MaxMessageSize int   // bytes of one inbound message (default 1 MiB); larger ones are dropped
	Clock          Clock // nil: wall clock and a real ticker
}

const (
	defaultAckInterval    = 60 * time.Second
	defaultAckTimeout     = 300 * time.Second
	defaultMaxPending     = 1024
	defaultMaxResends     = 10
	defaultMaxMessageSize = 1 << 20
	defaultMaxInvitations = 64
)

// DefaultServerConfig returns the manual's defaults: EncodeBase64 off,
// Acknowledgment off.
func DefaultServerConfig() ServerConfig {
	return ServerConfig{
		Acknowledgment: AckConfig{}.withDefaults(),
		MaxMessageSize: defaultMaxMessageSize,
		MaxInvitations: defaultMaxInvitations,
	}
}

// DefaultClientConfig returns the manual's defaults: EncodeBase64 off,
// Acknowledgment off, empty member name and info.
func DefaultClientConfig() ClientConfig {
	return ClientConfig{
		Acknowledgment: AckConfig{}.withDefaults(),
		MaxMessageSize: defaultMaxMessageSize,
	}
}

func (a AckConfig) withDefaults() AckConfig {
	if a.Interval <= 0 {
		a.Interval = defaultAckInterval
	}
	if a.Timeout <= 0 {
		a.Timeout = defaultAckTimeout
	}
	if a.MaxPending <= 0 {
		a.MaxPending = defaultMaxPending
	}
	if a.MaxResends <= 0 {
		a.MaxResends = defaultMaxResends
	}
	return a
}

func (c ServerConfig) withDefaults() ServerConfig {
	c.Acknowledgment = c.Acknowledgment.withDefaults()
	if c.MaxMessageSize <= 0 {
		c.MaxMessageSize = defaultMaxMessageSize
	}
	if c.MaxInvitations <= 0 {
		c.MaxInvitations = defaultMaxInvitations
	}
	return c
}

func (c ClientConfig) withDefaults() ClientConfig {
	c.Acknowledgment = c.Acknowledgment.withDefaults()
	if c.MaxMessageSize <= 0 {
		c.MaxMessageSize = defaultMaxMessageSize
	}
	return c
}
