package handles

// Kind classifies the object behind a handle. The caller defines the values;
// 0 is invalid and never appears in a handle.
type Kind uint8

// Handle is the opaque value handed to hosts. 0 is never a valid handle, so
// hosts can use it as "none".
type Handle = uint64

const (
	kindShift = 56
	seqMask   = 1<<kindShift - 1
)

// KindOf returns the kind encoded in h without consulting any table; it says
// nothing about whether h is live.
func KindOf(h Handle) Kind { return Kind(h >> kindShift) }

func makeHandle(kind Kind, seq uint64) Handle { return uint64(kind)<<kindShift | seq }
