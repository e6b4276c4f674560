package props

import (
	"strconv"
	"strings"
)

// splitLines splits a TStrings text the way Delphi's TStrings.SetTextStr
// does: CR, LF and CRLF end an item, and a trailing line break does not add
// an empty item. Empty text gives an empty (nil) list.
func splitLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i])
		s = s[i:]
		if s[0] == '\r' {
			s = s[1:]
		}
		if len(s) > 0 && s[0] == '\n' {
			s = s[1:]
		}
	}
	return out
}

// joinLines is the GetString form of a Strings property.
func joinLines(items []string) string { return strings.Join(items, "\n") }

// formatBool uses Pascal's spelling, as hosts display it.
func formatBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

func formatInt(v int64) string { return strconv.FormatInt(v, 10) }

func cloneStrings(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return append([]string(nil), s...)
}
