package engine

import (
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
)

// serveFromRoot serves the request path from dir and reports whether it did. os.Root confines every
// lookup to dir, so neither ".." nor a symlink pointing outside can escape it: such paths are not
// served (the caller answers 404).
func serveFromRoot(w http.ResponseWriter, r *http.Request, dir string) bool {
	if dir == "" {
		return false
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return false
	}
	defer root.Close()
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = "."
	}
	f, err := root.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	if fi.IsDir() {
		idx := path.Join(name, "index.html")
		g, err := root.Open(idx)
		if err != nil {
			return false
		}
		defer g.Close()
		gi, err := g.Stat()
		if err != nil || gi.IsDir() {
			return false
		}
		serveContent(w, r, gi, g)
		return true
	}
	serveContent(w, r, fi, f)
	return true
}

// serveFile serves one named file (ResponseInfo.FileName) and reports whether it existed.
func serveFile(w http.ResponseWriter, r *http.Request, name string) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.IsDir() {
		return false
	}
	serveContent(w, r, fi, f)
	return true
}

// serveContent adds a validator so If-None-Match works as well as If-Modified-Since;
// http.ServeContent does the rest (content type by extension, Range → 206, 304).
func serveContent(w http.ResponseWriter, r *http.Request, fi fs.FileInfo, f *os.File) {
	if w.Header().Get("Etag") == "" {
		w.Header().Set("Etag", fmt.Sprintf(`"%x-%x"`, fi.ModTime().UnixNano(), fi.Size()))
	}
	http.ServeContent(w, r, fi.Name(), fi.ModTime(), f)
}
