package main

/*
#include <stdlib.h>
#include "capi.h"
*/
import "C"

import (
	"sync"
	"unsafe"

	"github.com/sgcws/sgcws/core/engine"
	"github.com/sgcws/sgcws/core/events"
)

// A batch is the C memory behind one component's sgcws_poll results: an array of records and one
// arena holding every payload of the batch. Both are reused from poll to poll and grow as needed, so
// a steady stream costs no allocation. Payloads are copied into C memory rather than pinned in Go
// memory: then C never holds a Go pointer, there is no pin to forget to release when the batch ends,
// and the cost is one memcpy per payload.
type batch struct {
	mu      sync.Mutex
	recs    *C.sgcws_event
	nrecs   int
	arena   unsafe.Pointer
	narena  int
	dropped bool
}

var (
	batchesMu sync.Mutex
	batches   = map[uint64]*batch{}
)

func addBatch(component uint64) {
	batchesMu.Lock()
	batches[component] = &batch{}
	batchesMu.Unlock()
}

// dropBatch frees a destroyed component's memory, waiting for a poll that is still filling it.
func dropBatch(component uint64) {
	batchesMu.Lock()
	b := batches[component]
	delete(batches, component)
	batchesMu.Unlock()
	if b != nil {
		b.free()
	}
}

func dropAllBatches() {
	batchesMu.Lock()
	all := batches
	batches = map[uint64]*batch{}
	batchesMu.Unlock()
	for _, b := range all {
		b.free()
	}
}

func (b *batch) free() {
	b.mu.Lock()
	defer b.mu.Unlock()
	C.free(unsafe.Pointer(b.recs))
	C.free(b.arena)
	b.recs, b.nrecs, b.arena, b.narena, b.dropped = nil, 0, nil, 0, true
}

// fillBatch turns the events of one engine.Poll into records in the component's memory and stores
// pointers to them in the host's array list (const sgcws_event *list[len(evs)]).
func fillBatch(component uint64, evs []*events.Event, list unsafe.Pointer) (int, error) {
	batchesMu.Lock()
	b := batches[component]
	batchesMu.Unlock()
	if b == nil {
		return 0, engine.Errorf(engine.EHandle, "component %d was destroyed", component)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.dropped {
		return 0, engine.Errorf(engine.EHandle, "component %d was destroyed", component)
	}
	size := 0
	for _, ev := range evs {
		size += len(ev.Data)
	}
	b.reserve(len(evs), size)
	recs := unsafe.Slice(b.recs, len(evs))
	arena := unsafe.Slice((*byte)(b.arena), b.narena)
	ptrs := unsafe.Slice((*uintptr)(list), len(evs))
	off := 0
	for i, ev := range evs {
		r := &recs[i]
		fillRecord(r, ev)
		data := uintptr(0)
		if n := copy(arena[off:], ev.Data); n > 0 {
			data = uintptr(unsafe.Pointer(&arena[off]))
			off += n
		}
		storeWord(unsafe.Pointer(&r.data), data)
		storeWord(unsafe.Pointer(&r.user_data), ev.UserData)
		ptrs[i] = uintptr(unsafe.Pointer(r))
	}
	return len(evs), nil
}

// storeWord writes a pointer-sized value into C memory without a Go write barrier. A typed pointer
// store into C memory makes the garbage collector inspect the slot's old contents, which are host
// garbage (an uninitialised array, a malloc'd record) and may look like a Go heap pointer: the
// runtime then dies with "found bad pointer in Go heap".
func storeWord(dst unsafe.Pointer, v uintptr) { *(*uintptr)(dst) = v }

// reserve makes room for n records and size payload bytes. The old contents need not survive: the
// previous batch was released by the poll that is filling this one. An arena much larger than what
// is needed is given back, so one huge message does not pin memory for the component's lifetime.
func (b *batch) reserve(n, size int) {
	if n > b.nrecs {
		C.free(unsafe.Pointer(b.recs))
		b.nrecs = max(n, 2*b.nrecs, 16)
		b.recs = (*C.sgcws_event)(C.malloc(C.size_t(b.nrecs) * C.size_t(unsafe.Sizeof(C.sgcws_event{}))))
	}
	const keep = 1 << 20
	if size > b.narena || (b.narena > keep && size < b.narena/4) {
		C.free(b.arena)
		b.narena = max(size, min(2*b.narena, size+keep), 4096)
		b.arena = C.malloc(C.size_t(b.narena))
	}
}
