package engine

import (
	"time"

	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/registry"
)

func create(kind Kind) (uint64, error) {
	if err := live(); err != nil {
		return 0, err
	}
	switch kind {
	case KindClient:
		return newClient().h, nil
	case KindServer:
		return newServer(KindServer).h, nil
	case KindHTTPServer:
		return newServer(KindHTTPServer).h, nil
	}
	if cls := registry.ByKind(int32(kind)); cls != nil && kind >= registry.FirstKind {
		return newRegistered(cls).h, nil
	}
	return 0, Errorf(EArg, "cannot create a component of kind %d", kind)
}

func destroy(h uint64, fromOwnCallback bool) error {
	c, err := lookupComp(h)
	if err != nil {
		return err
	}
	destroyComp(c, fromOwnCallback, !fromOwnCallback)
	return nil
}

// destroyComp detaches, stops silently and releases every handle of the component.
func destroyComp(c comp, fromOwnCallback, wait bool) {
	b := c.base()
	if b.destroyed.Swap(true) {
		return
	}
	b.detached.Store(true)
	b.disp.Detach(fromOwnCallback)
	c.teardown(wait)
	b.releaseAll()
	tab.Remove(b.h)
	if fromOwnCallback {
		// Close waits for running callbacks, ours included: let it finish after we return.
		goFn(b.disp.Close)
	} else {
		b.disp.Close()
	}
}

func detach(h uint64, fromOwnCallback bool) error {
	c, err := lookupComp(h)
	if err != nil {
		return err
	}
	b := c.base()
	b.detached.Store(true)
	b.disp.Detach(fromOwnCallback)
	// Queued events were dropped: the handles they carried will never be released by a poll.
	b.mu.Lock()
	exp := b.expire
	b.expire = nil
	b.mu.Unlock()
	b.expireNow(exp)
	b.expireDead()
	return nil
}

func setCallback(h uint64, fn func(*events.Event)) error {
	c, err := lookupComp(h)
	if err != nil {
		return err
	}
	if fn == nil {
		c.base().hostCb.Store(nil)
	} else {
		c.base().hostCb.Store(&fn)
	}
	return nil
}

func setWake(h uint64, fn func()) error {
	c, err := lookupComp(h)
	if err != nil {
		return err
	}
	c.base().disp.SetWake(fn)
	return nil
}

// poll releases the previous batch (and the handles that expired with it) and takes the next one.
func poll(h uint64, max int, timeout time.Duration) ([]*events.Event, error) {
	c, err := lookupComp(h)
	if err != nil {
		return nil, err
	}
	b := c.base()
	b.mu.Lock()
	prev := b.expire
	b.expire = nil
	b.mu.Unlock()
	b.expireNow(prev)
	batch := b.disp.Poll(max, timeout)
	var exp []uint64
	for _, ev := range batch {
		exp = expiring(ev, exp)
	}
	b.mu.Lock()
	b.expire = exp
	b.mu.Unlock()
	return batch, nil
}

func release(h uint64) error {
	c, err := lookupComp(h)
	if err != nil {
		return err
	}
	b := c.base()
	b.disp.Release()
	b.mu.Lock()
	prev := b.expire
	b.expire = nil
	b.mu.Unlock()
	b.expireNow(prev)
	return nil
}

func done(reply uint64) error {
	d, err := lookupDecision(reply)
	if err != nil {
		return err
	}
	// Freeze the answer first: the emitter reads it as soon as Done wakes it, so a write the host
	// makes after Done must be refused rather than race into the response.
	d.finish()
	d.ownerComp().disp.Done(d.seq())
	return nil
}

func waitable(h uint64) (uintptr, error) {
	c, err := lookupComp(h)
	if err != nil {
		return 0, err
	}
	w := c.base().disp.Waitable()
	if w == events.NoWaitable {
		return 0, Errorf(EUnsupported, "no waitable object available")
	}
	return w, nil
}

func start(h uint64) error {
	c, err := lookupComp(h)
	if err != nil {
		return err
	}
	return c.start()
}

func stop(h uint64) error {
	c, err := lookupComp(h)
	if err != nil {
		return err
	}
	return c.stop()
}
