package presence

import "github.com/sgcws/sgcws/core/registry"

// The manual's value classes of the Presence events ("TsgcWSPresenceMessage" article), declared once
// for both components. Their fields travel as registry objects (one TAB-separated line each).
var (
	objMember = &registry.Object{Name: "TsgcWSPresenceMember", Doc: "a member: ID, Name and Info given by the client",
		Fields: []registry.Param{{Name: "ID", Type: registry.String}, {Name: "Name", Type: registry.String}, {Name: "Info", Type: registry.String}}}
	objChannel = &registry.Object{Name: "TsgcWSPresenceChannel", Doc: "a channel",
		Fields: []registry.Param{{Name: "Name", Type: registry.String}}}
	objMsg = &registry.Object{Name: "TsgcWSPresenceMsg", Doc: "a published text",
		Fields: []registry.Param{{Name: "Text", Type: registry.String}}}
	objError = &registry.Object{Name: "TsgcWSPresenceError", Doc: "an error: Code and Text",
		Fields: []registry.Param{{Name: "Code", Type: registry.Int}, {Name: "Text", Type: registry.String}}}
)

// Declared while the package's variables are initialised, so before any init registers a class.
var _ = declareObjects()

func declareObjects() bool {
	for _, o := range []*registry.Object{objMember, objChannel, objMsg, objError} {
		registry.DeclareObject(o)
	}
	return true
}

// The arguments the events share, in the manual's names.
var (
	argMember  = registry.Param{Name: "aMember", Type: registry.String, Object: objMember.Name, Const: true}
	argChannel = registry.Param{Name: "aChannel", Type: registry.String, Object: objChannel.Name, Const: true}
	argMsg     = registry.Param{Name: "aMsg", Type: registry.String, Object: objMsg.Name, Const: true}
	argError   = registry.Param{Name: "aError", Type: registry.String, Object: objError.Name, Const: true}
	argMembers = registry.Param{Name: "aMembers", Type: registry.String, Object: objMember.Name, List: true, Const: true}
	argAccept  = registry.Param{Name: "Accept", Type: registry.Bool, Var: true}
)

func encMember(m Member) string     { return registry.EncodeObject(m.ID, m.Name, m.Info) }
func encChannel(name string) string { return registry.EncodeObject(name) }
func encMsg(text string) string     { return registry.EncodeObject(text) }
func encError(e Error) string       { return registry.EncodeObject(e.Code, e.Text) }

func encMembers(ms []Member) string {
	items := make([][]any, len(ms))
	for i, m := range ms {
		items[i] = []any{m.ID, m.Name, m.Info}
	}
	return registry.EncodeObjectList(items)
}

// connHandle is the handle of a connection the engine handed to the protocol.
func connHandle(c Conn) uint64 {
	if rc, ok := c.(registry.Conn); ok {
		return rc.Handle()
	}
	return 0
}

// ev builds an event declaration with the manual's Connection first.
func ev(name string, id int32, args ...registry.Param) *registry.Event {
	e := &registry.Event{Name: name, ID: id, Conn: true, Args: args}
	for _, a := range args {
		e.Decision = e.Decision || a.Var
	}
	return e
}
