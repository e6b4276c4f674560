package sgc

import (
	"errors"
	"time"

	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
)

// What the two components' registry entries share: the QoS group, the enumerations, the
// parameter and event helpers, and the mapping of the logic's errors to status codes.

// Declared while the package's variables are initialised, before any init registers a class.
var _ = declareEnums()

var (
	qosValues   = []string{"qosLevel0", "qosLevel1", "qosLevel2"}
	queueValues = []string{"queueLevel0", "queueLevel1", "queueLevel2"}
)

func declareEnums() bool {
	registry.Enum("TwsQoS", qosValues...)
	registry.Enum("TwsQueue", queueValues...)
	return true
}

// qosFields holds the QoS group of either component.
type qosFields struct {
	level             int
	interval, timeout int64
}

func (q *qosFields) register(ps *props.Set) {
	ps.Enum("QoS.Level", &q.level, 0, qosValues, "quality of service of the messages sent")
	ps.Int("QoS.Interval", &q.interval, 60, 1, 1<<31-1, "seconds between retransmission checks")
	ps.Int("QoS.Timeout", &q.timeout, 300, 1, 1<<31-1, "seconds before an unacknowledged message is sent again")
}

func (q *qosFields) config() QoS {
	return QoS{Level: QoSLevel(q.level), Interval: time.Duration(q.interval) * time.Second,
		Timeout: time.Duration(q.timeout) * time.Second}
}

func strParam(name string, def any) registry.Param {
	return registry.Param{Name: name, Type: registry.String, Default: def, Const: true}
}

func queueParam() registry.Param {
	return registry.Param{Name: "Queue", Type: registry.Int, Default: 0, Values: queueValues}
}

// ev builds an event with the manual's Connection first; Var arguments make it a decision.
func ev(name string, id int32, args ...registry.Param) *registry.Event {
	e := &registry.Event{Name: name, ID: id, Conn: true, Args: args}
	for _, a := range args {
		e.Decision = e.Decision || a.Var
	}
	return e
}

func varBool(name string) registry.Param {
	return registry.Param{Name: name, Type: registry.Bool, Var: true}
}

// connHandle is the engine's handle of a connection the protocol was given.
func connHandle(c Conn) uint64 {
	if rc, ok := c.(registry.Conn); ok {
		return rc.Handle()
	}
	return 0
}

// method wraps a Run that only reports an error.
func method(name, doc string, params []registry.Param, run func(inst registry.Instance, a []registry.Value) error) *registry.Method {
	return &registry.Method{Name: name, Doc: doc, Params: params,
		Run: func(inst registry.Instance, a []registry.Value) (registry.Value, error) {
			return registry.Value{}, sgcErr(run(inst, a))
		}}
}

// sgcErr classifies the logic's errors for the ABI.
func sgcErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrNotConnected):
		return registry.Errorf(registry.ErrState, "%v", err)
	}
	var be *registry.BindError
	if errors.As(err, &be) {
		return err
	}
	return registry.Errorf(registry.ErrValue, "%v", err)
}
