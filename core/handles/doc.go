// Package handles maps opaque 64-bit handles, as seen by C/Delphi hosts, to
// Go objects.
//
// A handle carries its Kind in the top 8 bits and a sequence number in the
// lower 56 bits. Sequence numbers only grow, so a handle value is never
// reused: a stale handle held by a host after Remove can never reach a newer
// object, and a handle of one kind can never be mistaken for another kind.
//
// Concurrency: a Table is safe for concurrent use by any number of
// goroutines. Lookups take a shared read lock only, because they happen on
// every ABI call and every message. Each iterates over a snapshot, so its
// callback may call back into the Table.
package handles
