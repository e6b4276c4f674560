#!/usr/bin/env bash
# tests/abi/run.sh - the ABI checks: event layout on every target compiler, exports == header, header
# constants == Go constants, the FPU guard, and the C smoke test against the built library.
# WINE=1 also runs the smoke test against the Windows DLL under Wine (tools/wine-smoke.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
"$ROOT/build.sh" build

for cc in gcc x86_64-w64-mingw32-gcc i686-w64-mingw32-gcc; do
	"$cc" -std=c11 -fsyntax-only tests/abi/layout.c
done
echo "PASS layout: sgcws_event (80 bytes) and sgcws_value with the documented offsets (gcc, mingw64, mingw32)"

go run ./tools/checkexports -so out/linux-amd64/libsgcws.so -def out/windows-amd64/sgcws.def \
	-def out/windows-386/sgcws.def -cgo build/linux-amd64/exports.h \
	-cgo build/windows-amd64/exports.h -cgo build/windows-386/exports.h
go test ./capi/...

bin="$(mktemp -d)"
trap 'rm -rf "$bin"' EXIT
gcc -std=gnu11 -O1 -Wall -Wextra -Werror -o "$bin/smoke" tests/abi/smoke.c -ldl
timeout 120 "$bin/smoke" "$ROOT/out/linux-amd64/libsgcws.so"

if [[ -n "${WINE:-}" ]]; then
	tools/wine-smoke.sh
fi
