package fuzzer

import (
	"slices"
	"time"
)

// CaseResult is one case's report entry (the fields follow Autobahn's per-case report).
type CaseResult struct {
	ID            string              `json:"id"`
	Description   string              `json:"description"`
	Expectation   string              `json:"expectation"`
	Result        Result              `json:"result"` // the folded class the gate uses
	Behavior      Result              `json:"behavior"`
	BehaviorClose Result              `json:"behaviorClose"`
	ResultText    string              `json:"resultText"`
	CloseText     string              `json:"resultClose"`
	DurationMS    int64               `json:"duration"`
	ReportTime    bool                `json:"reportTime"`
	Received      []string            `json:"received"`
	Expected      map[Result][]string `json:"expected"`
	ExpectedClose CloseExpectation    `json:"expectedClose"`
	ClosedByMe    bool                `json:"closedByMe"`
	DroppedByMe   bool                `json:"droppedByMe"`
	WasClean      bool                `json:"wasClean"`
	RemoteCode    int                 `json:"remoteCloseCode"` // -1: none
	RemoteReason  string              `json:"remoteCloseReason"`
	Deflate       string              `json:"permessageDeflate,omitempty"`
	WireIn        int64               `json:"bytesIn"`
	WireOut       int64               `json:"bytesOut"`
}

func eventStrings(evs []Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.String()
	}
	return out
}

// judge classifies the finished case the way Autobahn does, then folds the two classes into one.
func (p *Peer) judge() CaseResult {
	p.mu.Lock()
	defer p.mu.Unlock()
	r := CaseResult{ID: p.c.ID, Description: p.c.Description, Expectation: p.c.Expectation,
		DurationMS: time.Since(p.started).Milliseconds(), ReportTime: p.c.ReportTime,
		Received: eventStrings(p.received), Expected: map[Result][]string{}, ExpectedClose: p.closeExp,
		ClosedByMe: p.closedByMe, DroppedByMe: p.droppedByMe, WasClean: p.closeSent && p.closeReceived,
		RemoteCode: p.remoteCode, RemoteReason: p.remoteReason, WireIn: p.wireIn, WireOut: p.wireOut}
	if p.deflate != nil {
		r.Deflate = p.deflate.summary
	}
	for _, o := range p.outcomes {
		r.Expected[o.class] = eventStrings(o.events)
	}

	r.Behavior, r.ResultText = Failed, "Actual events differ from any expected."
	if p.explicit != "" {
		r.Behavior, r.ResultText = p.explicit, p.explicitText
	} else {
		for _, o := range p.outcomes {
			if matches(p.received, o.events) {
				r.Behavior, r.ResultText = o.class, "Actual events match at least one expected."
				break
			}
		}
	}
	if p.protocolError != "" {
		r.Behavior, r.ResultText = Failed, "Protocol violation by the testee: "+p.protocolError
	}

	e := p.closeExp
	switch {
	case e.ClosedByMe != p.closedByMe && !(p.killed != "" && !e.ClosedByMe):
		r.BehaviorClose, r.CloseText = Failed, "The connection was failed by the wrong endpoint"
	case p.killed != "" && !e.ClosedByMe:
		// Autobahn accepts a connection the fuzzer had to kill here; we do not: the testee must fail it.
		r.BehaviorClose, r.CloseText = Failed, "The testee did not fail the connection: "+p.killed
	case e.RequireClean && !r.WasClean:
		r.BehaviorClose, r.CloseText = Unclean, "The spec requires the connection to be failed cleanly here"
	case p.remoteCode > 0 && !slices.Contains(e.Codes, p.remoteCode):
		r.BehaviorClose, r.CloseText = WrongCode, "The close code should have been one of the expected or empty"
	case p.role == AsServer && p.droppedByMe && p.killed != "":
		r.BehaviorClose, r.CloseText = FailedByClient, "The fuzzing server had to drop TCP: "+p.killed
	case p.role == AsClient && p.killed != "":
		r.BehaviorClose, r.CloseText = FailedByClient, "It is preferred that the server close the TCP connection: "+p.killed
	default:
		r.BehaviorClose, r.CloseText = OK, "Connection was properly closed"
	}

	r.Result = r.Behavior
	if r.BehaviorClose != OK && r.BehaviorClose != Informational && r.Behavior != Unimplemented {
		r.Result = Failed
	}
	return r
}
