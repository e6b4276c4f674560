package events

// Mode is the delivery mode, in the order of the manual's NotifyEvents enum.
type Mode int

// Delivery modes.
const (
	Asynchronous Mode = iota // neAsynchronous: queue and return (default)
	Synchronous              // neSynchronous: queue and wait until handled
	NoSync                   // neNoSync: call the callback on the emitting goroutine
)

// String returns the manual's spelling, e.g. "neAsynchronous".
func (m Mode) String() string {
	switch m {
	case Asynchronous:
		return "neAsynchronous"
	case Synchronous:
		return "neSynchronous"
	case NoSync:
		return "neNoSync"
	}
	return "Mode(" + itoa(int64(m)) + ")"
}
