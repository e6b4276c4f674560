package wsconn

import (
	"sync"

	"github.com/sgcws/sgcws/core/deflate"
	"github.com/sgcws/sgcws/core/wsproto"
)

// PreparedMessage is a message to broadcast: its server frame is encoded
// once per variant and shared by every connection that can use it.
type PreparedMessage struct {
	op     wsproto.Opcode
	data   []byte
	mu     sync.Mutex
	frames map[prepKey][]byte
}

// prepKey identifies an encoding variant. Only stateless encodings are
// cacheable: uncompressed, or compressed without context takeover.
type prepKey struct {
	compressed  bool
	bits, level int
}

// NewPreparedMessage copies data; encoding happens lazily on first use.
func NewPreparedMessage(op wsproto.Opcode, data []byte) *PreparedMessage {
	return &PreparedMessage{op: op, data: append([]byte(nil), data...)}
}

// WritePrepared queues pm. Client connections and connections compressing
// with context takeover encode it themselves, since their frames are
// unique (masking, shared compression window).
//
// Never inline: a broadcast calls this for every recipient in a row, and
// their drain goroutines write in parallel where one caller would write to
// each socket in turn.
func (c *Conn) WritePrepared(pm *PreparedMessage) error {
	return c.enqueue(outFrame{op: pm.op, pm: pm}, false, false)
}

// preparedVariant returns the cache key this server connection can use, or
// ok=false when it must encode per connection.
func (c *Conn) preparedVariant() (prepKey, bool) {
	p := c.cfg.Deflate
	if p == nil {
		return prepKey{}, true
	}
	if !p.ServerNoContextTakeover {
		return prepKey{}, false
	}
	return prepKey{compressed: true, bits: p.ServerMaxWindowBits, level: c.cfg.DeflateLevel}, true
}

func (pm *PreparedMessage) frame(k prepKey, ok bool) []byte {
	if !ok {
		return nil
	}
	if k.compressed && !worthCompressing(pm.data) {
		k = prepKey{}
	}
	pm.mu.Lock()
	defer pm.mu.Unlock()
	if b, found := pm.frames[k]; found {
		return b
	}
	payload := pm.data
	if k.compressed {
		comp := getStatelessCompressor(k)
		out, err := comp.Compress(nil, pm.data)
		putStatelessCompressor(k, comp)
		if err != nil {
			return nil
		}
		payload = out
	}
	h := wsproto.Header{Fin: true, Rsv1: k.compressed, Opcode: pm.op, Length: int64(len(payload))}
	b := append(wsproto.AppendHeader(make([]byte, 0, wsproto.MaxHeaderSize+len(payload)), h), payload...)
	if pm.frames == nil {
		pm.frames = make(map[prepKey][]byte, 1)
	}
	pm.frames[k] = b
	return b
}

// No-context-takeover compressors are interchangeable per key, so they are
// pooled instead of allocated per prepared message.
var statelessPools sync.Map // prepKey -> *sync.Pool

func getStatelessCompressor(k prepKey) *deflate.Compressor {
	v, _ := statelessPools.LoadOrStore(k, &sync.Pool{})
	if c, _ := v.(*sync.Pool).Get().(*deflate.Compressor); c != nil {
		return c
	}
	return deflate.NewCompressor(k.bits, true, k.level)
}

func putStatelessCompressor(k prepKey, c *deflate.Compressor) {
	if v, ok := statelessPools.Load(k); ok {
		v.(*sync.Pool).Put(c)
	}
}
