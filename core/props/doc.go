// Package props implements the component properties that hosts set and read
// by name (the manual's property path, e.g. "Options.Parameters"), with
// typed access, validation and introspection.
//
// Names match case-insensitively, as Pascal users expect, and are always
// reported in their canonical spelling.
//
// Concurrency: a Set is safe for concurrent use; a component may be read
// while it runs. Setters of bound properties take the Set's lock, so the
// owning component can read several bound fields consistently between Lock
// and Unlock (or RLock and RUnlock). Setters replace a Strings slice, never
// modify it in place, so a slice read under the lock may be kept afterwards.
// Func getters and setters and OnChange callbacks run without the lock held:
// they may call back into the Set and must do their own synchronisation.
// Registration (NewSet, Bool, Int, ...) is meant to happen before the Set
// is shared; it panics on programming errors such as duplicate names.
package props
