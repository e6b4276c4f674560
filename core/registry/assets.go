package registry

import (
	"strings"
	"sync"
)

// Assets are the files the servers hand to browsers at fixed paths (the manual's built-in
// JavaScript libraries, /sgcWebSockets.js, /esegece.com.js, ..., served while a server's
// Options.JavascriptFiles is True). The package that owns a file registers it from its init.
type Asset struct {
	ContentType string
	Data        []byte
}

var (
	assetsMu sync.RWMutex
	assets   = map[string]Asset{}
)

// RegisterAsset makes data available at path (e.g. "/esegece.com.js").
func RegisterAsset(path, contentType string, data []byte) {
	if !strings.HasPrefix(path, "/") {
		panic("registry: asset path " + path + " does not start with /")
	}
	assetsMu.Lock()
	assets[path] = Asset{ContentType: contentType, Data: data}
	assetsMu.Unlock()
}

// AssetAt finds the asset registered at path.
func AssetAt(path string) (Asset, bool) {
	assetsMu.RLock()
	defer assetsMu.RUnlock()
	a, ok := assets[path]
	return a, ok
}
