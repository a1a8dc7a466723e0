/* For tests/windows.rs only: Debian 12's Wine 8 has no bcryptprimitives.dll,
 * whose ProcessPrng Rust's standard library calls for random bytes (hash
 * map seeds), so planlint.exe does not start under it. This stands in for
 * it beside the .exe, with advapi32's RtlGenRandom, which Wine has. Never
 * shipped: Windows 10 and later have the real one. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
