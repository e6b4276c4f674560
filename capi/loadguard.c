/* loadguard.c - what must happen while the library is being loaded, before any export is called.
 *
 * 1. The Go runtime starts from its own constructor, on a thread created there that inherits the
 *    loading thread's FPU state. A Pascal host loads us with FPU exceptions unmasked, and the runtime
 *    must not start like that. load_begin (priority 101: before every unprioritised constructor, Go's
 *    included) masks them; load_end (unprioritised, linked after Go's object, so it runs after Go's
 *    constructor has created that thread) gives the loading thread its state back.
 *    tests/abi/smoke.c checks both halves: the host's state survives loading, and the runtime works.
 *    On Windows the order differs (mingw runs .ctors backwards, so load_end runs before Go's
 *    constructor) and it does not matter: Go's constructor starts the runtime with CreateThread,
 *    and Windows gives every new thread the default, masked, FPU state instead of the creator's.
 * 2. A Go library can never be unloaded. On Windows FreeLibrary would unmap the code under running Go
 *    threads; pinning the module makes FreeLibrary harmless. (On ELF the Go linker sets NODELETE.) */
#include "capi.h"
#include "fpu.h"

#ifdef _WIN32
#include <windows.h>
#endif

static sgcws_fpu host_fpu;

__attribute__((constructor(101))) static void load_begin(void) {
    host_fpu = sgcws_fpu_mask();
#ifdef _WIN32
    HMODULE self;
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS,
                       (LPCWSTR)(void *)&load_begin, &self);
#endif
}

__attribute__((constructor)) static void load_end(void) { sgcws_fpu_restore(host_fpu); }
