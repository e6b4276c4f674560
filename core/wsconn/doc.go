// Package wsconn runs one live WebSocket connection (RFC 6455, optionally
// with permessage-deflate, RFC 7692) in either role, plus the opening
// handshakes for both roles.
//
// Concurrency contract:
//
//   - Run is the reader loop. Call it once, from one goroutine; all Handler
//     callbacks are made from it, sequentially, and OnClose is the last one,
//     made exactly once. Byte slices passed to callbacks are only valid
//     during the call.
//   - WriteText, WriteBinary, WritePrepared, Ping, Close, Disconnect and the
//     counters are safe for concurrent use from any goroutine, including
//     from inside callbacks. Writes never block on the socket. When no
//     writer is active, the caller encodes the message and makes one
//     non-blocking write itself (plain TCP on Unix: no goroutine hand-over
//     on the request/response path); otherwise, and for whatever the socket
//     did not take, the payload goes into a FIFO queue that a drain goroutine
//     (started when the queue becomes non-empty, exiting when it is empty
//     again) encodes, compresses, masks and writes. Messages from one
//     goroutine are sent in call order; there is no ordering between
//     goroutines.
//   - Compressed messages and fragment events: a compressed message is
//     inflated once it is complete. With FrgOnlyFragmented or FrgAll it is
//     then reported as a single OnFragmented call with offset 0 and
//     final=true carrying the whole decompressed message (the per-frame
//     wire fragmentation of compressed messages is not visible).
//     Uncompressed messages get one OnFragmented call per frame.
//   - Closing: Close queues a close frame and arms a CloseTimeout timer that
//     drops the TCP connection if the peer does not complete the handshake.
//     When a close frame arrives, it is echoed, the server drops TCP at once
//     and the client waits (bounded) for the server to drop it. Protocol
//     violations send a close frame with the matching code, call OnError,
//     and end the connection; OnClose then reports the code that was sent.
//     A connection that ends without a received close frame reports 1006.
package wsconn
