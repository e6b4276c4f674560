package registry

import "github.com/sgcws/sgcws/core/props"

// NotifyValues are the manual's NotifyEvents values, in ordinal order (the engine's Mode).
var NotifyValues = []string{"neAsynchronous", "neSynchronous", "neNoSync"}

// Starter is implemented by instances with the manual's Active/Start/Stop.
type Starter interface {
	Start() error
	Stop() error
}

// standard holds the properties every registered component has besides its own.
type standard struct {
	notify   int
	decision int64
	switches []bool
}

// NewInstance makes an instance of c (host nil: for listing only) and adds the properties every
// registered component has: NotifyEvents, DecisionTimeout, and the Boolean switch
// "Events.<Name>" of each decision event (off: the event is not raised and its default applies).
func NewInstance(c *Class, host Host) Instance {
	inst := c.New(host)
	ps := inst.Props()
	st := &standard{}
	ps.Enum("NotifyEvents", &st.notify, 0, NotifyValues, "event delivery mode")
	ps.Int("DecisionTimeout", &st.decision, 10000, 0, 1<<31-1, "ms a decision event may take; 0 = 10000")
	n := 0
	for _, e := range c.Events {
		if e.Decision {
			n++
		}
	}
	st.switches = make([]bool, n)
	i := 0
	for _, e := range c.Events {
		if e.Decision {
			ps.Bool("Events."+e.Name, &st.switches[i], false, "raise the "+e.Name+" decision event")
			i++
		}
	}
	ps.SetOwner(c.Name)
	return inst
}

// Properties lists the class's properties, from an instance made for listing.
func (c *Class) Properties() []props.Info {
	if c.List != nil {
		return c.List()
	}
	return NewInstance(c, nil).Props().List()
}
