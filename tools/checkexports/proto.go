package main

import (
	"regexp"
	"strings"
)

// proto is a C function declaration reduced to what the calling convention sees.
type proto struct {
	ret    string
	params []string
}

// abi renders the declaration with every type reduced to its ABI class: "ptr" for any pointer or
// function pointer (const and names dropped), the integer types by width, sgcws_handle as uint64_t.
func (p proto) abi() string {
	return p.ret + " (" + strings.Join(p.params, ", ") + ")"
}

var (
	comments = regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*`)
	// <return type> <marker>sgcws_name(<params>);  across line breaks.
	declRe = regexp.MustCompile(`(?s)([A-Za-z_][A-Za-z0-9_ \t*]*?)\b(sgcws_[a-z_0-9]+)\s*\(([^)]*)\)\s*;`)
)

// prototypes finds the sgcws_* function declarations of a C header; marker is what precedes the name
// in the header's style ("SGCWS_CALL " for include/sgcws.h, "extern " for Go's generated header).
func prototypes(src, marker string) map[string]proto {
	src = comments.ReplaceAllString(src, " ")
	out := map[string]proto{}
	for _, m := range declRe.FindAllStringSubmatch(src, -1) {
		ret := m[1]
		if i := strings.LastIndexAny(ret, ";}\n"); i >= 0 && marker == "extern " {
			ret = ret[i+1:]
		}
		ret = strings.TrimSpace(strings.ReplaceAll(ret, strings.TrimSpace(marker), ""))
		if strings.Contains(ret, "typedef") || strings.Contains(ret, "(") {
			continue
		}
		p := proto{ret: abiType(ret, false)}
		if params := strings.TrimSpace(m[3]); params != "void" && params != "" {
			for _, prm := range strings.Split(params, ",") {
				p.params = append(p.params, abiType(prm, true))
			}
		}
		out[m[2]] = p
	}
	return out
}

var aliases = map[string]string{
	"sgcws_handle": "uint64_t", "GoUint64": "uint64_t", "GoInt64": "int64_t", "GoInt32": "int32_t",
	"GoUint32": "uint32_t", "GoUintptr": "uintptr_t", "long long": "int64_t",
	"sgcws_event_cb": "ptr", "sgcws_wake_cb": "ptr",
}

// abiType reduces "const char *name" to "ptr", "int32_t kind" to "int32_t".
func abiType(t string, named bool) string {
	t = strings.TrimSpace(strings.ReplaceAll(t, "const ", ""))
	if strings.Contains(t, "*") {
		return "ptr"
	}
	f := strings.Fields(t)
	if named && len(f) > 1 {
		f = f[:len(f)-1]
	}
	t = strings.Join(f, " ")
	if a, ok := aliases[t]; ok {
		return a
	}
	return t
}
