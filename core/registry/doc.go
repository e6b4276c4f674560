// Package registry is the component model: every sgcws component is described once, here, by a
// Class (the manual's class name, its ABI kind, properties, methods and events with typed
// arguments), and that description drives everything else:
//
//   - the engine creates instances by kind and dispatches generic method calls and events by name
//     (sgcws_invoke, sgcws_args), so a new component adds no export to include/sgcws.h;
//   - sgcws_describe hands the same description to hosts as JSON, so a binding can check itself
//     against the library it loaded;
//   - tools/gen generates the Pascal and C++ classes, docs/PROPERTIES.md and the C constants from
//     it, so a new component adds no hand-written line to the bindings either.
//
// The package holds only descriptions and the small interfaces between a component's Go code and
// the engine (Host, Instance, the transports of the attach model). It imports nothing of the
// engine: protocol packages depend on it, and the engine implements it.
package registry
