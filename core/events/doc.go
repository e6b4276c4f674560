// Package events carries component and connection events to the host in the
// three delivery modes of the manual's NotifyEvents property.
//
//   - Asynchronous (neAsynchronous, the default): Emit queues the event and
//     returns; the host drains the queue with Poll from its own (main)
//     thread, typically when Waitable is signalled or the wake callback
//     fires. A full queue (QueueLimit) blocks the emitter: backpressure,
//     never loss.
//   - Synchronous (neSynchronous): like Asynchronous, but Emit returns only
//     once the host has handled the event, i.e. released the batch that held
//     it (next Poll or Release).
//   - NoSync (neNoSync): Emit calls the callback on the emitting goroutine.
//
// Concurrency contract:
//   - Emit and Decide may be called from any number of goroutines. Each
//     connection emits from one goroutine at a time, sequentially, so its
//     events reach the host in emission order in every mode. Callbacks of
//     different connections may run concurrently in NoSync mode.
//   - Poll, Release and Done are the host side: call them from one thread at
//     a time (normally the host's main thread). A batch returned by Poll and
//     the events in it stay valid until the next Poll or Release.
//   - Emit takes ownership of the *Event and its Data: in queued modes they
//     are handed to the host as they are, so an emitter that reuses buffers
//     must copy (see Event.Clone) before emitting, and must not touch the
//     event after Emit or Decide, even after a timed-out Decide.
//   - Detach is the end of the dispatcher's life: afterwards no callback runs
//     and nothing is queued, and every blocked emitter or decider returns
//     false. SetMode, SetCallback, SetWake and SetQueueLimit are meant for
//     configuration before events flow; changing the mode while events are
//     queued may reorder them relative to events emitted afterwards.
package events
