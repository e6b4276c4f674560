package sgc

import (
	"sort"
	"strings"
)

// chanSpec is a channel name or a wildcard pattern. Without UseMatchesMasks
// the only wildcard is one trailing '*' (a prefix: "news*"); with it, a name
// holding '*', '?' or '[' is a MatchesMask pattern.
type chanSpec struct {
	name    string
	pattern bool
	prefix  string // pattern without masks
	m       *mask  // pattern with masks
}

// parseChannel validates a non-empty channel name.
func parseChannel(name string, masks bool) (chanSpec, bool) {
	c := chanSpec{name: name}
	if name == "" {
		return c, false
	}
	if masks {
		if !strings.ContainsAny(name, "*?[") {
			return c, true
		}
		c.pattern, c.m = true, compileMask(name)
		return c, c.m != nil
	}
	n := strings.IndexByte(name, '*')
	if n < 0 {
		return c, true
	}
	if n != len(name)-1 {
		return c, false // "a*b", "**": a '*' before the end is not legal
	}
	c.pattern, c.prefix = true, name[:n]
	return c, true
}

// matches reports whether the pattern c matches the literal text s.
func (c chanSpec) matches(s string) bool {
	switch {
	case !c.pattern:
		return c.name == s
	case c.m != nil:
		return c.m.match(s)
	}
	return strings.HasPrefix(s, c.prefix)
}

// related reports whether a publish to one reaches a subscription to the
// other: equal names, or either side a pattern matching the other's name
// taken literally.
func related(a, b chanSpec) bool {
	return a.name == b.name || a.pattern && a.matches(b.name) || b.pattern && b.matches(a.name)
}

// eventChannel is the channel named in an event: the publish channel, or
// the subscription when the publish was a pattern (the pattern was expanded).
func eventChannel(pub, sub chanSpec) string {
	if pub.pattern {
		return sub.name
	}
	return pub.name
}

// subIndex maps each subscription (a name or a pattern, stored as given)
// to the connections holding it.
type subIndex struct {
	byName   map[string]*subEntry
	patterns map[string]*subEntry // the pattern entries of byName
}

type subEntry struct {
	spec  chanSpec
	guids map[string]struct{}
}

func newSubIndex() subIndex {
	return subIndex{byName: map[string]*subEntry{}, patterns: map[string]*subEntry{}}
}

// add reports whether the subscription is new for guid.
func (x *subIndex) add(spec chanSpec, guid string) bool {
	e := x.byName[spec.name]
	if e == nil {
		e = &subEntry{spec: spec, guids: map[string]struct{}{}}
		x.byName[spec.name] = e
		if spec.pattern {
			x.patterns[spec.name] = e
		}
	}
	if _, ok := e.guids[guid]; ok {
		return false
	}
	e.guids[guid] = struct{}{}
	return true
}

func (x *subIndex) remove(name, guid string) {
	e := x.byName[name]
	if e == nil {
		return
	}
	delete(e.guids, guid)
	if len(e.guids) == 0 {
		delete(x.byName, name)
		delete(x.patterns, name)
	}
}

// targets returns, for a publish to pub, each subscribed connection with
// the distinct event channels it receives, sorted.
func (x *subIndex) targets(pub chanSpec) map[string][]string {
	out := map[string][]string{}
	seen := map[[2]string]bool{}
	visit := func(e *subEntry) {
		if !related(pub, e.spec) {
			return
		}
		ch := eventChannel(pub, e.spec)
		for g := range e.guids {
			if k := [2]string{g, ch}; !seen[k] {
				seen[k] = true
				out[g] = append(out[g], ch)
			}
		}
	}
	if pub.pattern {
		for _, e := range x.byName {
			visit(e)
		}
	} else {
		if e := x.byName[pub.name]; e != nil {
			visit(e)
		}
		for _, e := range x.patterns {
			visit(e)
		}
	}
	for _, chs := range out {
		sort.Strings(chs)
	}
	return out
}

func (x *subIndex) names() []string {
	out := make([]string, 0, len(x.byName))
	for n := range x.byName {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// guidList splits a comma-separated list of connection Guids.
func guidList(s string) map[string]bool {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	out := map[string]bool{}
	for _, g := range strings.Split(s, ",") {
		if g = strings.TrimSpace(g); g != "" {
			out[g] = true
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
