package props

import "strings"

// ListText renders infos as the C ABI's introspection text: one line per
// property, "Name\tType\tDefault\tValues\n", Values comma-separated. Tabs,
// line breaks and backslashes inside fields are escaped as \t, \n, \r and
// \\ so every property stays on one line.
func ListText(infos []Info) string {
	var b strings.Builder
	for _, in := range infos {
		b.WriteString(escapeField(in.Name))
		b.WriteByte('\t')
		b.WriteString(in.Type.String())
		b.WriteByte('\t')
		b.WriteString(escapeField(in.Default))
		b.WriteByte('\t')
		for i, v := range in.Values {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(escapeField(v))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

var fieldEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

func escapeField(s string) string {
	if !strings.ContainsAny(s, "\\\t\n\r") {
		return s
	}
	return fieldEscaper.Replace(s)
}
