#!/usr/bin/env bash
# Compiles every tests/c/t_*.c against the harness (the library is loaded with dlopen, never linked)
# and runs each against $SGCWS_LIB (default out/linux-amd64/libsgcws.so), bounded by `timeout`.
# Prints one line per program and ends with "N passed, M failed"; exits non-zero on any failure.
# (No valgrind run: valgrind 3.19 dies with SIGILL inside the Go 1.26 runtime, runtime.cputicks.)
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
export SGCWS_LIB="${SGCWS_LIB:-$root/out/linux-amd64/libsgcws.so}"
build="$root/build/tests-c"
mkdir -p "$build"
cflags=(-std=c11 -Wall -Wextra -Werror -O1 -g -pthread -I include -I tests/c)

if [ ! -f "$SGCWS_LIB" ]; then
    echo "FAIL tests/c: library $SGCWS_LIB not found (run ./build.sh build)"
    echo "0 passed, 1 failed"
    exit 1
fi

pass=0 fail=0
if ! cc "${cflags[@]}" -c tests/c/harness.c -o "$build/harness.o"; then
    echo "FAIL harness: does not compile"
    echo "0 passed, 1 failed"
    exit 1
fi
for src in tests/c/t_*.c; do
    name="$(basename "$src" .c)"
    if ! cc "${cflags[@]}" "$src" "$build/harness.o" -o "$build/$name" -ldl; then
        echo "FAIL $name: does not compile"
        fail=$((fail + 1))
        continue
    fi
    out="$(timeout -k 5 180 "$build/$name" 2>&1)"
    rc=$?
    if [ $rc -eq 0 ] && grep -q '^PASS ' <<<"$out"; then
        grep '^PASS ' <<<"$out"
        pass=$((pass + 1))
    else
        echo "FAIL $name: exit $rc"
        sed 's/^/    /' <<<"$out" | tail -n 30
        fail=$((fail + 1))
    fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
