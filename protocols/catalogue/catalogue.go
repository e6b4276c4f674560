// Package catalogue links every registered component package: the library (capi) and the
// generator (tools/gen) import it, so both see the same registry. A new component package is one
// line here; everything else about it comes from its registry entry.
package catalogue

import (
	_ "github.com/sgcws/sgcws/core/engine" // the built-in components
	_ "github.com/sgcws/sgcws/protocols/custom"
	_ "github.com/sgcws/sgcws/protocols/js" // the browser clients, served by the servers
	_ "github.com/sgcws/sgcws/protocols/presence"
	_ "github.com/sgcws/sgcws/protocols/sgc"
)
