/* interop.h - what the interop host programs share (on top of tests/c/harness.h). */
#ifndef SGCWS_INTEROP_H
#define SGCWS_INTEROP_H

#include "harness.h"

/* The Sec-WebSocket-Extensions value negotiated on a connection (from its HeadersResponse), or "none". */
const char *ix_extensions(sgcws_handle connection, char *buf, size_t cap);

/* Options both hosts take: permessage-deflate and strict UTF-8 validation. */
void ix_common_options(sgcws_handle component, int deflate, int validate_utf8);

#endif
