package js

import "github.com/sgcws/sgcws/core/registry"

// The files are registered as server assets, served at /<name> while a server's
// Options.JavascriptFiles is True (the manual's default).
func init() {
	for _, name := range Names() {
		data, typ, _ := File(name)
		registry.RegisterAsset("/"+name, typ, data)
	}
}
