package handles

import (
	"sync"
	"testing"
)

const (
	kindA Kind = 1
	kindB Kind = 2
)

func TestAddGetLookupRemove(t *testing.T) {
	var tab Table // zero value must be usable
	h := tab.Add(kindA, "a")
	if h == 0 {
		t.Fatal("Add returned 0")
	}
	if KindOf(h) != kindA {
		t.Fatalf("KindOf = %d, want %d", KindOf(h), kindA)
	}
	obj, k, ok := tab.Get(h)
	if !ok || obj != "a" || k != kindA {
		t.Fatalf("Get = %v %v %v", obj, k, ok)
	}
	if o, ok := tab.Lookup(h, kindA); !ok || o != "a" {
		t.Fatalf("Lookup right kind = %v %v", o, ok)
	}
	if _, ok := tab.Lookup(h, kindB); ok {
		t.Fatal("Lookup with wrong kind succeeded")
	}
	if _, ok := tab.Lookup(h, 0); ok {
		t.Fatal("Lookup with kind 0 succeeded")
	}
	if tab.Len() != 1 {
		t.Fatalf("Len = %d", tab.Len())
	}
	if !tab.Remove(h) {
		t.Fatal("Remove of live handle returned false")
	}
	if tab.Remove(h) {
		t.Fatal("second Remove returned true")
	}
	if _, _, ok := tab.Get(h); ok {
		t.Fatal("Get after Remove succeeded")
	}
	if _, ok := tab.Lookup(h, kindA); ok {
		t.Fatal("Lookup after Remove succeeded")
	}
	if _, _, ok := tab.Get(0); ok {
		t.Fatal("Get(0) succeeded")
	}
}

func TestHandlesNeverReused(t *testing.T) {
	tab := New()
	seen := map[Handle]bool{}
	for i := 0; i < 1000; i++ {
		k := kindA
		if i%2 == 1 {
			k = kindB
		}
		h := tab.Add(k, i)
		if seen[h] {
			t.Fatalf("handle %#x issued twice", h)
		}
		seen[h] = true
		tab.Remove(h)
	}
	// A stale handle must not find a newer object even with the same kind.
	old := tab.Add(kindA, "old")
	tab.Remove(old)
	newer := tab.Add(kindA, "new")
	if old == newer {
		t.Fatal("handle reused")
	}
	if _, ok := tab.Lookup(old, kindA); ok {
		t.Fatal("stale handle found an object")
	}
}

func TestAddKindZeroPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("Add(0, ...) did not panic")
		}
	}()
	New().Add(0, nil)
}

func TestEachSnapshotAllowsMutation(t *testing.T) {
	tab := New()
	want := map[Handle]int{}
	for i := 0; i < 10; i++ {
		want[tab.Add(kindB, i)] = i
	}
	got := map[Handle]int{}
	tab.Each(func(h Handle, k Kind, obj any) {
		if k != kindB {
			t.Errorf("kind %d", k)
		}
		got[h] = obj.(int)
		tab.Remove(h) // must not deadlock
		tab.Add(kindA, "x")
	})
	if len(got) != len(want) {
		t.Fatalf("visited %d, want %d", len(got), len(want))
	}
	for h, v := range want {
		if got[h] != v {
			t.Fatalf("handle %#x: got %d want %d", h, got[h], v)
		}
	}
	if tab.Len() != 10 {
		t.Fatalf("Len = %d, want 10", tab.Len())
	}
}

func TestConcurrentUse(t *testing.T) {
	tab := New()
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[Handle]bool{}
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				h := tab.Add(kindA, i)
				if o, ok := tab.Lookup(h, kindA); !ok || o != i {
					t.Errorf("Lookup of fresh handle failed")
					return
				}
				mu.Lock()
				dup := seen[h]
				seen[h] = true
				mu.Unlock()
				if dup {
					t.Errorf("duplicate handle %#x", h)
					return
				}
				if i%2 == 0 {
					tab.Remove(h)
				}
				tab.Len()
			}
		}()
	}
	wg.Wait()
	if tab.Len() != 8*250 {
		t.Fatalf("Len = %d, want %d", tab.Len(), 8*250)
	}
}

func BenchmarkGet(b *testing.B) {
	tab := New()
	h := tab.Add(kindA, 1)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			tab.Get(h)
		}
	})
}
