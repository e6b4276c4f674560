/* lasterr.c - the last error message of each OS thread.
 *
 * It lives in C thread-local storage because the host's threads are what sgcws_errmsg is about:
 * goroutines move between threads, a C TLS slot does not. A fixed buffer needs no allocation and
 * nothing to free when a thread ends; longer messages are cut at a UTF-8 character boundary. */
#include <string.h>
#include "capi.h"

#define ERR_CAP 1024

static __thread char err_buf[ERR_CAP];

void sgcws_err_set(const char *msg, size_t len) {
    if (len >= ERR_CAP) {
        len = ERR_CAP - 1;
        while (len > 0 && ((unsigned char)msg[len] & 0xC0) == 0x80) /* don't split a character */
            len--;
    }
    memcpy(err_buf, msg, len);
    err_buf[len] = 0;
}

void sgcws_err_clear(void) { err_buf[0] = 0; }

const char *sgcws_err_get(void) { return err_buf; }
