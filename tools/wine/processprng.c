/* processprng.c - a stand-in bcryptprimitives.dll for Wine 8.0, which lacks ProcessPrng.
 *
 * The Go runtime (1.22+) takes its random numbers from bcryptprimitives!ProcessPrng; on Wine 8.0 the
 * function is missing and the runtime cannot start. This forwards to RtlGenRandom (exported by
 * advapi32 as SystemFunction036). Test use only: real Windows 10+ has the function. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
