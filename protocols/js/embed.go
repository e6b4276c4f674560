// Package js holds the browser JavaScript clients an sgcws server serves: sgcWebSockets.js (the
// generic client), esegece.com.js (sgc default protocol) and presence.esegece.com.js (Presence).
// They are our own files, written from the documented API; the decisions each one makes are in
// its header comment.
//
// The HTTP server serves them at "/" + name with ContentType:
//
//	if body, ctype, ok := js.File(r.URL.Path); ok { w.Header().Set("Content-Type", ctype); w.Write(body) }
package js

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

// ContentType is the Content-Type the files are served with.
const ContentType = "application/javascript; charset=utf-8"

//go:embed *.js
var files embed.FS

// File returns the content of the JavaScript file name ("sgcWebSockets.js" or the request path
// "/sgcWebSockets.js") and its content type; ok is false for any other name. The names are
// case-sensitive and flat: a name with a directory part never matches. The content is a fresh
// copy the caller may keep or change.
func File(name string) (content []byte, contentType string, ok bool) {
	name = strings.TrimPrefix(name, "/")
	if name == "" || strings.Contains(name, "/") || !strings.HasSuffix(name, ".js") {
		return nil, "", false
	}
	b, err := files.ReadFile(name) // embed.FS copies the bytes
	if err != nil {
		return nil, "", false
	}
	return b, ContentType, true
}

// Names returns the file names, sorted, without a leading "/".
func Names() []string {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}
