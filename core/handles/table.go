package handles

import "sync"

// Table holds live handles. The zero value is ready to use.
type Table struct {
	mu   sync.RWMutex
	seq  uint64 // last sequence number issued; guarded by mu
	objs map[Handle]any
}

// New returns an empty Table.
func New() *Table { return &Table{} }

// Add registers obj and returns its new handle, which is never 0 and never
// equal to any handle issued before by this Table. kind must not be 0.
func (t *Table) Add(kind Kind, obj any) Handle {
	if kind == 0 {
		// A programming error in the library, not host input.
		panic("handles: Add with kind 0")
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.seq == seqMask {
		// 2^56 handles: unreachable in practice, but reuse would break the
		// "stale handles never match" guarantee, so refuse loudly.
		panic("handles: sequence exhausted")
	}
	t.seq++
	h := makeHandle(kind, t.seq)
	if t.objs == nil {
		t.objs = make(map[Handle]any)
	}
	t.objs[h] = obj
	return h
}

// Get returns the object and kind behind h; ok is false for 0, unknown or
// removed handles.
func (t *Table) Get(h Handle) (obj any, kind Kind, ok bool) {
	t.mu.RLock()
	obj, ok = t.objs[h]
	t.mu.RUnlock()
	if !ok {
		return nil, 0, false
	}
	return obj, KindOf(h), true
}

// Lookup returns the object behind h if h is live and of the given kind.
func (t *Table) Lookup(h Handle, kind Kind) (any, bool) {
	// The kind is in the handle itself: reject mismatches without locking.
	if kind == 0 || KindOf(h) != kind {
		return nil, false
	}
	t.mu.RLock()
	obj, ok := t.objs[h]
	t.mu.RUnlock()
	return obj, ok
}

// Remove forgets h. It reports whether h was live.
func (t *Table) Remove(h Handle) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.objs[h]; !ok {
		return false
	}
	delete(t.objs, h)
	return true
}

// Len returns the number of live handles.
func (t *Table) Len() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return len(t.objs)
}

// Each calls fn for every handle live when Each was called, in no particular
// order. fn runs without the table's lock held, so it may Add or Remove; a
// handle removed during the iteration may still be visited.
func (t *Table) Each(fn func(h Handle, kind Kind, obj any)) {
	type entry struct {
		h   Handle
		obj any
	}
	t.mu.RLock()
	snap := make([]entry, 0, len(t.objs))
	for h, obj := range t.objs {
		snap = append(snap, entry{h, obj})
	}
	t.mu.RUnlock()
	for _, e := range snap {
		fn(e.h, KindOf(e.h), e.obj)
	}
}
