package engine

import (
	"net/http"
	"net/url"
	"strings"
)

// authURLPrefix is the manual's URL authentication form: ws://host:port/sgc/auth/url/user/password.
const authURLPrefix = "/sgc/auth/url/"

// authConfig is a snapshot of a server's Authentication.* properties taken per request.
type authConfig struct {
	enabled bool
	users   []string // "user=password"
	basic   bool
	url     bool
}

// credentials extracts the user and password a request offers through the enabled methods. basic
// reports that they came from the Authorization header (a refusal then gets WWW-Authenticate).
func (a *authConfig) credentials(r *http.Request) (user, pass string, basic, ok bool) {
	if a.basic {
		if u, p, found := r.BasicAuth(); found {
			return u, p, true, true
		}
	}
	if a.url && strings.HasPrefix(r.URL.Path, authURLPrefix) {
		rest := strings.TrimPrefix(r.URL.EscapedPath(), authURLPrefix)
		parts := strings.SplitN(rest, "/", 3)
		if len(parts) >= 2 {
			u, err1 := url.PathUnescape(parts[0])
			p, err2 := url.PathUnescape(parts[1])
			if err1 == nil && err2 == nil {
				return u, p, false, true
			}
		}
	}
	return "", "", false, false
}

// knownUser reports whether user=password is one of the AuthUsers lines.
func (a *authConfig) knownUser(user, pass string) bool {
	for _, line := range a.users {
		u, p, ok := strings.Cut(strings.TrimRight(line, "\r"), "=")
		if ok && u == user && p == pass {
			return true
		}
	}
	return false
}
