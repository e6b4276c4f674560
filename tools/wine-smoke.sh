#!/usr/bin/env bash
# tools/wine-smoke.sh - the ABI smoke test (tests/abi/smoke.c) against the 64-bit sgcws.dll under Wine.
#
# A MinGW-built host LoadLibraryW's out/windows-amd64/sgcws.dll with FPU exceptions unmasked, checks
# sgcws_abi_version, runs a server and clients on 127.0.0.1 (text echo in neNoSync, a message polled in
# neAsynchronous), shuts down and calls FreeLibrary (harmless: the DLL pins itself).
# Prints "PASS wine-smoke ..." or "FAIL wine-smoke ..." (exit 1). When Wine cannot be installed or
# started here it prints "SKIPPED wine-smoke: <why>" and exits 77, which tests/run-all.sh reports as skipped, never as passed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DLL="$ROOT/out/windows-amd64/sgcws.dll"
APT=(apt-get -o DPkg::Lock::Timeout=900 -y -q --no-install-recommends)

skip() { echo "SKIPPED wine-smoke: $*"; exit 77; }

"$ROOT/build.sh" windows
if ! command -v wine >/dev/null && ! [[ -x /usr/lib/wine/wine64 ]]; then
	DEBIAN_FRONTEND=noninteractive "${APT[@]}" install wine wine64 >/dev/null 2>&1 ||
		skip "wine and wine64 could not be installed"
fi
WINE=wine
command -v wine >/dev/null || WINE=/usr/lib/wine/wine64

WORK="$(mktemp -d)"
trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
export WINEPREFIX="$WORK/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n,b"
timeout 300 "$WINE" wineboot -i >/dev/null 2>&1 || skip "a Wine prefix could not be created"
SYS32="$WINEPREFIX/drive_c/windows/system32"
[[ -d "$SYS32" ]] || skip "the Wine prefix has no system32"

x86_64-w64-mingw32-gcc -O2 -shared -o "$SYS32/bcryptprimitives.dll" "$ROOT/tools/wine/processprng.c" -ladvapi32
x86_64-w64-mingw32-gcc -std=gnu11 -O1 -Wall -static-libgcc -o "$WORK/smoke.exe" "$ROOT/tests/abi/smoke.c"
cp "$DLL" "$WORK/"

cd "$WORK"
set +e
out="$(timeout 180 "$WINE" smoke.exe sgcws.dll 2>&1)"
rc=$?
set -e
printf '%s\n' "$out" | grep -v '^PASS smoke' >&2 || true
if [[ $rc -eq 0 ]] && grep -q '^PASS smoke' <<<"$out"; then
	echo "PASS wine-smoke: windows-amd64 sgcws.dll under $("$WINE" --version 2>/dev/null): ${out##*PASS smoke: }"
	exit 0
fi
echo "FAIL wine-smoke: smoke.exe exited $rc"
exit 1
