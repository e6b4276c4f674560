// Package fuzzer is sgcws's own equivalent of the Autobahn|Testsuite fuzzing peer: it speaks
// WebSocket with raw frames over TCP, runs one Case per connection against the implementation under
// test (the "testee", an echo server or an echo client), records what the testee sends back and
// classifies the outcome with Autobahn's result classes.
//
// It is written independently of sgcws's engine on purpose (its own frame codec, the standard
// library's compress/flate for permessage-deflate) so that a bug in core/ cannot hide itself.
//
// The model follows Autobahn's published case semantics:
//   - a Case's Run sends frames and states the expected outcomes: Expect(class, events...) for the
//     events the testee should send back, and ExpectClose for who should close and with which codes;
//   - when the received events match an expected outcome and the fuzzer is to close, it sends a close;
//   - when the TCP connection ends (or the case times out and the fuzzer drops it), the case is
//     judged: Behavior from the events, BehaviorClose from the closing handshake.
//
// One deliberate difference: Autobahn reports Behavior and BehaviorClose side by side; our Result
// folds them into one class (a bad close makes the case FAILED), and the CI gate is on that class.
package fuzzer
