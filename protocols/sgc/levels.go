package sgc

import "strconv"

// QoSLevel is the manual's TmcQoSLevel: qosLevel0 (at most once), qosLevel1
// (at least once) and qosLevel2 (exactly once).
type QoSLevel int

const (
	QoSLevel0 QoSLevel = iota
	QoSLevel1
	QoSLevel2
)

// String returns the wire name, e.g. "qosLevel1".
func (l QoSLevel) String() string {
	if l < QoSLevel0 || l > QoSLevel2 {
		return "QoSLevel(" + strconv.Itoa(int(l)) + ")"
	}
	return "qosLevel" + strconv.Itoa(int(l))
}

func (l QoSLevel) valid() bool { return l >= QoSLevel0 && l <= QoSLevel2 }

// ParseQoSLevel maps a wire name to its level; ok is false for anything else.
func ParseQoSLevel(s string) (l QoSLevel, ok bool) {
	switch s {
	case "qosLevel0":
		return QoSLevel0, true
	case "qosLevel1":
		return QoSLevel1, true
	case "qosLevel2":
		return QoSLevel2, true
	}
	return QoSLevel0, false
}

// QueueLevel is the server-side persistence of a published message:
// queueLevel0 (not stored), queueLevel1 (last message per channel) and
// queueLevel2 (every message per channel, bounded by MaxQueue).
type QueueLevel int

const (
	QueueLevel0 QueueLevel = iota
	QueueLevel1
	QueueLevel2
)

// String returns the wire name, e.g. "queueLevel2".
func (l QueueLevel) String() string {
	if l < QueueLevel0 || l > QueueLevel2 {
		return "QueueLevel(" + strconv.Itoa(int(l)) + ")"
	}
	return "queueLevel" + strconv.Itoa(int(l))
}

func (l QueueLevel) valid() bool { return l >= QueueLevel0 && l <= QueueLevel2 }

// ParseQueueLevel maps a wire name to its level; ok is false for anything else.
func ParseQueueLevel(s string) (l QueueLevel, ok bool) {
	switch s {
	case "queueLevel0":
		return QueueLevel0, true
	case "queueLevel1":
		return QueueLevel1, true
	case "queueLevel2":
		return QueueLevel2, true
	}
	return QueueLevel0, false
}
