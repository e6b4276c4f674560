// Package wsproto holds the pure RFC 6455 primitives used by the rest of
// sgcws: frame headers, masking, close payloads, incremental UTF-8
// validation and handshake helpers.
//
// Concurrency: the package starts no goroutines and keeps no global mutable
// state except the mask-key generator, which is safe for concurrent use.
// A UTF8Validator is a plain value and must not be shared between goroutines
// without external synchronisation.
package wsproto
