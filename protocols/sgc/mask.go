package sgc

import "unicode"

// mask is a compiled Delphi MatchesMask pattern: '*' any run, '?' one
// character, '[a-z]' / '[abc]' / '[!a-z]' one character of (not of) a set.
// Like MatchesMask it ignores case.
type mask struct{ toks []mtok }

type mtok struct {
	kind   byte // '*', '?', '[' or 0 for a literal
	r      rune
	neg    bool
	ranges [][2]rune
}

// compileMask returns nil for a malformed mask (an unclosed or empty set),
// which MatchesMask rejects with EMaskException.
func compileMask(s string) *mask {
	rs := []rune(s)
	m := &mask{}
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; r {
		case '*':
			if n := len(m.toks); n > 0 && m.toks[n-1].kind == '*' {
				continue // "**" is "*"
			}
			m.toks = append(m.toks, mtok{kind: '*'})
		case '?':
			m.toks = append(m.toks, mtok{kind: '?'})
		case '[':
			t := mtok{kind: '['}
			i++
			if i < len(rs) && rs[i] == '!' {
				t.neg = true
				i++
			}
			for ; i < len(rs) && rs[i] != ']'; i++ {
				lo := unicode.ToUpper(rs[i])
				hi := lo
				if i+2 < len(rs) && rs[i+1] == '-' && rs[i+2] != ']' {
					hi = unicode.ToUpper(rs[i+2])
					i += 2
				}
				t.ranges = append(t.ranges, [2]rune{lo, hi})
			}
			if i >= len(rs) || len(t.ranges) == 0 {
				return nil
			}
			m.toks = append(m.toks, t)
		default:
			m.toks = append(m.toks, mtok{r: unicode.ToUpper(r)})
		}
	}
	return m
}

func (t *mtok) one(r rune) bool {
	switch t.kind {
	case '?':
		return true
	case '[':
		for _, g := range t.ranges {
			if r >= g[0] && r <= g[1] {
				return !t.neg
			}
		}
		return t.neg
	}
	return r == t.r
}

// match reports whether s matches. Every token but '*' consumes exactly one
// character, so backtracking to the last '*' only is enough (linear-ish,
// never exponential).
func (m *mask) match(s string) bool {
	rs := []rune(s)
	for i, r := range rs {
		rs[i] = unicode.ToUpper(r)
	}
	toks := m.toks
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(rs) {
		switch {
		case p < len(toks) && toks[p].kind == '*':
			star, mark = p, i
			p++
		case p < len(toks) && toks[p].one(rs[i]):
			p++
			i++
		case star >= 0:
			mark++
			p, i = star+1, mark
		default:
			return false
		}
	}
	for p < len(toks) && toks[p].kind == '*' {
		p++
	}
	return p == len(toks)
}
