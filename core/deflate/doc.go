// Package deflate implements the permessage-deflate extension (RFC 7692):
// parameter negotiation for both roles and per-message compression with or
// without context takeover.
//
// Concurrency: negotiation functions are pure and safe for concurrent use.
// A Compressor or Decompressor carries the LZ77 window of one direction of
// one connection and must be used by one goroutine at a time, in message
// order.
package deflate
