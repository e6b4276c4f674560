package engine

import (
	"net/url"
	"strings"
)

// originAllowed applies SecurityOptions.OriginsAllowed: an empty list allows every origin; an entry
// matches exactly (case-insensitively) or, ending in ":*", matches that scheme and host on any port
// (the manual's "http://127.0.0.1:*").
func originAllowed(allowed []string, origin string) bool {
	empty := true
	for _, a := range allowed {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		empty = false
		if strings.EqualFold(a, origin) {
			return true
		}
		if base, ok := strings.CutSuffix(a, ":*"); ok {
			u, err := url.Parse(origin)
			if err == nil && u.Host != "" && strings.EqualFold(base, u.Scheme+"://"+u.Hostname()) {
				return true
			}
		}
	}
	return empty
}
