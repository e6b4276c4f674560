package engine

import (
	"time"

	"github.com/sgcws/sgcws/core/handles"
)

// shutdownWait bounds how long Shutdown waits for the engine's goroutines.
const shutdownWait = 5 * time.Second

func shutdown(insideCallback bool) error {
	if insideCallback {
		return Errorf(EInCallback, "Shutdown is not allowed inside a callback")
	}
	downMu.Lock()
	if isDown {
		downMu.Unlock()
		return nil
	}
	isDown = true
	downMu.Unlock()
	var comps []comp
	tab.Each(func(h uint64, _ handles.Kind, obj any) {
		if c, ok := obj.(comp); ok {
			comps = append(comps, c)
		}
	})
	for _, c := range comps {
		destroyComp(c, false, true)
	}
	// Anything left (handles of components destroyed concurrently) goes too.
	tab.Each(func(h uint64, _ handles.Kind, _ any) { tab.Remove(h) })
	if !workers.wait(shutdownWait) {
		return Errorf(ETimeout, "shutdown: some connections did not finish within %v", shutdownWait)
	}
	return nil
}

// resetForTest makes the engine usable again after Shutdown; tests only.
func resetForTest() {
	downMu.Lock()
	isDown = false
	downMu.Unlock()
}
