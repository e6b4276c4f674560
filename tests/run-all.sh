#!/usr/bin/env bash
# Everything the CI runs, in order: test dependencies, go vet, the Go tests under the race detector
# (core and the protocol components),
# the library build, the C host tests, the interop tests, and every other tests/*/run.sh and
# tools/check-exports.sh / tools/wine-smoke.sh that exist. Each is one suite; the last line is
# "N passed, M failed, K skipped" (suites; a suite exits 77 when it cannot run here) and the exit status is non-zero if any suite failed.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export SGCWS_LIB="${SGCWS_LIB:-$root/out/linux-amd64/libsgcws.so}"
passed=0 failed=0 skipped=0 results=()

# suite NAME LIMIT_SECONDS CMD...: runs CMD with its output shown, bounded in time.
suite() {
    local name="$1" limit="$2"
    shift 2
    echo "=== $name"
    local start=$SECONDS
    timeout -k 10 "$limit" "$@"
    local rc=$?
    local took=$((SECONDS - start))
    if [ $rc -eq 0 ]; then
        results+=("PASS $name (${took}s)")
        passed=$((passed + 1))
    elif [ $rc -eq 77 ]; then # the suite could not run here: reported, never counted as passed
        results+=("SKIPPED $name (${took}s)")
        skipped=$((skipped + 1))
    else
        [ $rc -eq 124 ] && echo "(timed out after ${limit}s)"
        results+=("FAIL $name (exit $rc, ${took}s)")
        failed=$((failed + 1))
    fi
}

build_library() {
    if [ -x ./build.sh ]; then
        ./build.sh build
    else
        mkdir -p "$(dirname "$SGCWS_LIB")"
        go build -buildmode=c-shared -o "$SGCWS_LIB" ./capi
    fi
}
export -f build_library

suite install-test-deps 900 tools/install-test-deps.sh
suite "go vet" 300 go vet ./...
suite "go test -race core" 600 go test -race -count=1 ./core/...
suite "go test -race protocols" 600 go test -race -count=1 ./protocols/...
suite "go test conformance fuzzer" 300 go test -count=1 ./tests/conformance/...
if compgen -G "capi/*_test.go" >/dev/null; then
    suite "go test capi" 300 go test -count=1 ./capi
fi
suite "build library" 600 bash -c build_library
suite "generated files up to date (tools/gen -check)" 300 go run ./tools/gen -check
suite tests/c 600 tests/c/run.sh
suite tests/interop 600 tests/interop/run.sh
for tool in tools/check-exports.sh tools/wine-smoke.sh; do
    [ -x "$tool" ] && suite "$tool" 600 "$tool"
done
for runner in tests/*/run.sh; do
    case "$runner" in tests/c/run.sh | tests/interop/run.sh) continue ;; esac
    [ -x "$runner" ] && suite "$runner" 600 "$runner"
done

echo "=== summary"
printf '%s\n' "${results[@]}"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
