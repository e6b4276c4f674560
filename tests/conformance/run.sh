#!/usr/bin/env bash
# The Autobahn-equivalent conformance catalogue against the library as users get it, both directions:
#   server: wsconform's fuzzing client against our TsgcWebSocketServer (tests/interop/sgcws_echo_server)
#   client: our TsgcWebSocketClient (host/autobahn_client) against wsconform's fuzzing server
# Both hosts are C programs that load the shared library. Reports go to out/conformance/{server,client}
# (report.json, index.json, summary.md) and out/conformance/summary.md holds both tables.
#
#   tests/conformance/run.sh          the CI selection: groups 1-7 and 10, and the first cases of 12 and 13
#   tests/conformance/run.sh --all    the whole catalogue, 1.1.1 to 13.7.18 (./build.sh conformance)
#   tests/conformance/run.sh --cases '12.*,13.1.*'   any selection
# Fails when any case is FAILED or UNIMPLEMENTED.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
source tests/lib.sh
lib_init
export SGCWS_LIB="${SGCWS_LIB:-$root/out/linux-amd64/libsgcws.so}"

# The CI selection: every group but 9, and of each compression subgroup (12.1-12.5, 13.1-13.7) its
# first four cases (1000 messages of 16 B to 1 KiB: every negotiated parameter set, in seconds).
cases="1.*,2.*,3.*,4.*,5.*,6.*,7.*,10.*"
for sub in 12.{1..5} 13.{1..7}; do cases+=",$sub.1,$sub.2,$sub.3,$sub.4"; done
case "${1:-}" in
--all) cases="" ;;
--cases) cases="$2" ;;
"") ;;
*) echo "usage: $0 [--all | --cases LIST]" >&2 && exit 2 ;;
esac

bin="$root/build/conformance"
out="$root/out/conformance"
mkdir -p "$bin" "$out"
if [ ! -f "$SGCWS_LIB" ]; then
    lib_fail conformance "library $SGCWS_LIB not found (run ./build.sh build)"
    lib_summary
    exit
fi
cflags=(-std=c11 -Wall -Wextra -Werror -O1 -pthread -I include -I tests/c -I tests/interop)
common=(tests/interop/interop.c tests/c/harness.c -ldl)
if ! go build -o "$bin/wsconform" ./tests/conformance/cmd/wsconform ||
    ! cc "${cflags[@]}" tests/interop/sgcws_echo_server.c "${common[@]}" -o "$bin/sgcws_echo_server" ||
    ! cc "${cflags[@]}" tests/conformance/host/autobahn_client.c "${common[@]}" -o "$bin/autobahn_client"; then
    lib_fail "build conformance hosts" "does not compile"
    lib_summary
    exit
fi
selection=(-cases "$cases")

# Our server under the fuzzing client.
lib_spawn "$LIB_TMP/server.out" "$bin/sgcws_echo_server" --validate-utf8 --deflate --limit 7200
if lib_wait_port "$LIB_TMP/server.out"; then
    if "$bin/wsconform" client -addr "127.0.0.1:$LIB_PORT" -agent sgcws-server "${selection[@]}" -out "$out/server"; then
        lib_pass "conformance: TsgcWebSocketServer"
    else
        lib_fail "conformance: TsgcWebSocketServer" "see the cases above and $out/server/report.json"
    fi
else
    lib_fail "conformance: TsgcWebSocketServer" "echo server did not start: $(tail -n 3 "$LIB_TMP/server.out")"
fi
lib_stop "$LIB_PID"

# Our client under the fuzzing server.
lib_spawn "$LIB_TMP/fuzzer.out" "$bin/wsconform" server "${selection[@]}" -out "$out/client"
fuzzer=$LIB_PID
if lib_wait_port "$LIB_TMP/fuzzer.out"; then
    "$bin/autobahn_client" "$LIB_PORT" --agent sgcws-client --deflate --limit 7200
    host=$?
    # The fuzzing server exits by itself once it has written the report: 0 when the gate passed.
    for ((i = 0; i < 100; i++)); do kill -0 "$fuzzer" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$fuzzer" 2>/dev/null; then
        lib_stop "$fuzzer"
        status="still running"
    else
        wait "$fuzzer"
        status=$?
    fi
    cat "$LIB_TMP/fuzzer.out"
    if [ "$host" -eq 0 ] && [ "$status" = 0 ]; then
        lib_pass "conformance: TsgcWebSocketClient"
    else
        lib_fail "conformance: TsgcWebSocketClient" "host exit $host, fuzzer: $status; see $out/client/report.json"
    fi
else
    lib_fail "conformance: TsgcWebSocketClient" "fuzzing server did not start: $(tail -n 3 "$LIB_TMP/fuzzer.out")"
fi

{
    echo "# Conformance (Autobahn-equivalent catalogue), $(date -u +%Y-%m-%d)"
    for side in server client; do
        [ -f "$out/$side/summary.md" ] && printf '\n## %s\n\n' "$side" && cat "$out/$side/summary.md"
    done
} >"$out/summary.md"
lib_summary
