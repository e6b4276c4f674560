#!/usr/bin/env bash
# Our browser JavaScript clients (protocols/js: sgcWebSockets.js, esegece.com.js,
# presence.esegece.com.js) in headless Chromium (Debian `chromium`, driven by npm `puppeteer-core`
# in tests/.deps; both installed here when missing), against the scripted golden-wire peer
# tests/jsclient/wirepeer (a test fixture of the JS, not the sgcws server), then against the real
# library: tests/protocols/protocol_server.c with the sgc and Presence protocols and our C sgc
# client (suite sgcws: sessions, pub/sub between the browser and the C client, RPC result and error,
# Presence members joining, refused, publishing, listing and leaving).
#   go-test/protocols/js   the embed.go unit test
#   serve/<file>           each file served with 200 + application/javascript; charset=utf-8, as on disk
#   <case>/...             driver.js cases: the page's own checks (page/...), the events it raised for
#                          each server->client shape (s2c/...), and the peer's byte-exact checks of every
#                          client->server message (peer/c2s/..., peer/handshake/...)
# One line per case, then "N passed, M failed"; non-zero on failure; 77 only when Chromium cannot be
# installed. Everything on 127.0.0.1; every process started here is stopped by PID on exit.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
source tests/lib.sh
lib_init
CUR_PIDFILE="" # Chromium's PID file while the driver runs
cleanup() {
    local pid
    pid="$([ -n "$CUR_PIDFILE" ] && cat "$CUR_PIDFILE" 2>/dev/null)"
    lib_cleanup # the driver first (it closes its browser on TERM), then the peer
    [ -n "$pid" ] && lib_stop_chromium "$pid"
}
trap cleanup EXIT
export NODE_PATH="$root/tests/.deps/node_modules"

# Dependencies, only when missing.
if [ ! -x /usr/bin/chromium ] && ! lib_apt_install chromium; then
    echo "SKIP jsclient: apt-get install chromium failed, no Chromium here"
    lib_summary
    exit 77
fi
if ! lib_chromium_deps jsclient; then
    lib_summary
    exit
fi

# The Go side: embed.go's unit test, then the peer.
if out="$(timeout -k 5 120 go test -count=1 ./protocols/js/ 2>&1)"; then
    lib_pass go-test/protocols/js
else
    lib_fail go-test/protocols/js "$(tail -n 5 <<<"$out" | tr '\n' ' ' | head -c 400)"
fi
peer="$LIB_TMP/wirepeer"
if ! out="$(timeout -k 5 180 go build -o "$peer" ./tests/jsclient/wirepeer 2>&1)"; then
    lib_fail "build wirepeer" "$(head -c 400 <<<"$out")"
    lib_summary
    exit
fi
pout="$LIB_TMP/wirepeer.out"
lib_spawn "$pout" "$peer" -addr 127.0.0.1:0
ppid=$LIB_PID
if ! lib_wait_port "$pout"; then
    lib_fail wirepeer "did not start: $(head -c 300 "$pout")"
    lib_summary
    exit
fi

# run_driver SUITE PORT: the driver (bounded) against 127.0.0.1:PORT with a fresh Chromium profile;
# its lines become cases.
run_driver() {
    local suite="$1" port="$2" profile dout dpid drc cpid line
    profile="$(mktemp -d "$LIB_TMP/profile.XXXXXX")"
    dout="$LIB_TMP/driver-$suite.out"
    CUR_PIDFILE="$profile.pid"
    SGCWS_BROWSER_PROFILE="$profile" SGCWS_BROWSER_PIDFILE="$CUR_PIDFILE" \
        timeout -k 5 90 node "$here/driver.js" --base "http://127.0.0.1:$port" --suite "$suite" >"$dout" 2>&1 &
    dpid=$!
    LIB_PIDS+=("$dpid")
    wait "$dpid"
    drc=$?
    cpid="$(cat "$CUR_PIDFILE" 2>/dev/null)"
    [ -n "$cpid" ] && lib_stop_chromium "$cpid"
    CUR_PIDFILE=""
    while IFS= read -r line; do
        case "$line" in
        "OK "*) lib_pass "$suite/${line#OK }" ;;
        "BAD "*) line="${line#BAD }" && lib_fail "$suite/${line%%: *}" "${line#*: }" ;;
        "INFO "*) echo "    ${line#INFO }" ;;
        esac
    done <"$dout"
    if [ "$drc" -ne 0 ] && ! grep -q '^BAD ' "$dout"; then
        lib_fail "$suite/driver" "exit $drc: $(tail -n 4 "$dout" | tr '\n' ' ' | head -c 400)"
    fi
}

run_driver wirepeer "$LIB_PORT"
lib_stop "$ppid"
if grep -q '^panic\|^fatal' "$pout"; then
    lib_fail wirepeer/clean "$(grep -m2 '^panic\|^fatal' "$pout" | tr '\n' ' ')"
fi

# The same JS against the real thing: tests/protocols/protocol_server.c (the library's HTTP server
# with the sgc and Presence protocols attached, serving the JS files itself) and our C sgc client
# (tests/protocols/sgc_client.c), which answers the browser on channel "chat".
export SGCWS_LIB="${SGCWS_LIB:-$root/out/linux-amd64/libsgcws.so}"
hosts="$LIB_TMP/hosts"
mkdir -p "$hosts"
cflags=(-std=c11 -Wall -Wextra -Werror -O1 -g -pthread -I include -I tests/c)
if [ ! -f "$SGCWS_LIB" ]; then
    lib_fail sgcws "library $SGCWS_LIB not found (run ./build.sh native)"
elif ! out="$(cc "${cflags[@]}" tests/c/harness.c tests/protocols/protocol_server.c -o "$hosts/server" -ldl 2>&1 &&
    cc "${cflags[@]}" tests/c/harness.c tests/protocols/sgc_client.c -o "$hosts/client" -ldl 2>&1)"; then
    lib_fail sgcws/build-hosts "$(head -c 400 <<<"$out")"
else
    sout="$LIB_TMP/server.out" cout="$LIB_TMP/client.out"
    lib_spawn "$sout" "$hosts/server"
    spid=$LIB_PID
    if ! lib_wait_port "$sout"; then
        lib_fail sgcws/server "did not start: $(head -c 300 "$sout")"
    else
        sport=$LIB_PORT
        lib_spawn "$cout" timeout -k 5 90 "$hosts/client" "$sport"
        cpid=$LIB_PID
        for ((i = 0; i < 150; i++)); do grep -q '^READY' "$cout" && break; sleep 0.1; done
        run_driver sgcws "$sport"
        wait "$cpid"
        if grep -q '^PASS ' "$cout"; then lib_pass "sgcws/c-client: $(grep '^PASS ' "$cout")"; else lib_fail sgcws/c-client "$(tail -n 5 "$cout" | tr '\n' ' ')"; fi
        lib_stop "$spid"
        if grep -q '^PASS ' "$sout"; then lib_pass sgcws/server-clean-shutdown; else lib_fail sgcws/server "$(tail -n 5 "$sout" | tr '\n' ' ')"; fi
    fi
fi
lib_summary
