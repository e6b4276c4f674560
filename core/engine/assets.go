package engine

import (
	"net/http"
	"strconv"

	"github.com/sgcws/sgcws/core/registry"
)

// serveAsset answers GET/HEAD of a registered asset (the built-in JavaScript libraries) while
// Options.JavascriptFiles is True, on both servers: the manual serves them from the plain server
// too. A host's DocumentRoot file of the same name loses to it, as the manual's built-in paths do.
func (s *server) serveAsset(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	a, ok := registry.AssetAt(r.URL.Path)
	if !ok || !s.getBool("Options.JavascriptFiles") {
		return false
	}
	w.Header().Set("Content-Type", a.ContentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(a.Data)))
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		_, _ = w.Write(a.Data)
	}
	return true
}
