/* layout.c - the sgcws_event and sgcws_value layouts every binding relies on, asserted by each
 * target's C compiler (run.sh compiles it with gcc, x86_64-w64-mingw32-gcc and i686-w64-mingw32-gcc).
 * sgcws_event has the same offsets on 32 and 64 bits: data_len and args are 8-aligned, so a 4-byte
 * pointer is followed by padding. sgcws_value has its integers first; only its two trailing
 * pointers (and so its size) follow the word size.
 * capi/layout.go asserts the same numbers for the struct capi fills. */
#include <stddef.h>
#include "../../include/sgcws.h"

#define AT(field, off) _Static_assert(offsetof(sgcws_event, field) == (off), #field " is not at " #off)

AT(struct_size, 0);
AT(kind, 4);
AT(component, 8);
AT(connection, 16);
AT(reply, 24);
AT(data, 32);
AT(data_len, 40);
AT(code, 48);
AT(flags, 52);
AT(offset, 56);
AT(user_data, 64);
AT(args, 72);
_Static_assert(sizeof(sgcws_event) == 80, "sizeof(sgcws_event) is not 80");

#define VAT(field, off) _Static_assert(offsetof(sgcws_value, field) == (off), #field " is not at " #off)
VAT(i, 0);
VAT(d, 8);
VAT(len, 16);
VAT(type, 24);
VAT(reserved, 28);
VAT(data, 32);
VAT(name, 32 + sizeof(void *));
_Static_assert(sizeof(sgcws_value) == 32 + 2 * sizeof(void *), "sizeof(sgcws_value) is not 32 + 2 pointers");
_Static_assert(sizeof(sgcws_handle) == 8, "sgcws_handle is not 64 bits");
