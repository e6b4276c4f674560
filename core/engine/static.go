package engine

import (
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
)

// docRoots holds the DocumentRoot directories a session has opened: opening one per request cost
// as much as serving the file. They stay open until the session ends, when no request runs any more;
// a new DocumentRoot value opens a new one. (A directory deleted and recreated under the same name
// while the server runs is therefore only seen after a restart.)
type docRoots struct {
	mu   sync.Mutex
	dir  string
	root *os.Root
	old  []*os.Root
}

// get returns the open root for dir, or nil when dir is empty or cannot be opened.
func (d *docRoots) get(dir string) *os.Root {
	if dir == "" {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.root != nil && d.dir == dir {
		return d.root
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil
	}
	if d.root != nil {
		d.old = append(d.old, d.root) // requests may still be reading through it
	}
	d.dir, d.root = dir, root
	return root
}

func (d *docRoots) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, r := range append(d.old, d.root) {
		if r != nil {
			r.Close()
		}
	}
	d.root, d.old = nil, nil
}

// serveFromRoot serves the request path from root and reports whether it did. os.Root confines every
// lookup to its directory, so neither ".." nor a symlink pointing outside can escape it: such paths
// are not served (the caller answers 404).
func serveFromRoot(w http.ResponseWriter, r *http.Request, root *os.Root) bool {
	if root == nil {
		return false
	}
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
