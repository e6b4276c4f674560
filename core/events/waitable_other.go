//go:build !unix && !windows

package events

import "errors"

// waitable is unavailable here (e.g. wasm); Waitable returns NoWaitable and
// hosts use the wake callback or Poll with a timeout instead.
type waitable struct{}

func newWaitable() (*waitable, error) { return nil, errors.New("events: no waitable on this platform") }
func (w *waitable) handle() uintptr   { return NoWaitable }
func (w *waitable) set()              {}
func (w *waitable) clear()            {}
func (w *waitable) close()            {}
