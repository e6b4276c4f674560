/* interop.c - see interop.h. */
#define _GNU_SOURCE
#include "interop.h"

const char *ix_extensions(sgcws_handle connection, char *buf, size_t cap) {
    const char *headers = h_get_str(connection, "HeadersResponse");
    const char *name = "Sec-WebSocket-Extensions:";
    const char *p = strcasestr(headers, name);
    snprintf(buf, cap, "none");
    if (!p) return buf;
    p += strlen(name);
    while (*p == ' ') p++;
    size_t n = strcspn(p, "\r\n");
    snprintf(buf, cap, "%.*s", (int)n, p);
    return buf;
}

void ix_common_options(sgcws_handle component, int deflate, int validate_utf8) {
    CHECK_OK(S.set_bool(component, "Extensions.PerMessage_Deflate.Enabled", deflate));
    CHECK_OK(S.set_bool(component, "Options.ValidateUTF8", validate_utf8));
}
