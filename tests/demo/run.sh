#!/usr/bin/env bash
# The chat demo end to end, for both servers: the Pascal one (demo/pascal/chat_server.lpr, what
# demo/run.sh starts) and the C one (demo/chat_server.c, its fallback). Each is started on a free port;
# the page is fetched with curl; two python websockets clients check that a message from one is
# broadcast to the other; for the Pascal server, two Pascal console clients (demo/pascal/chat_client.lpr)
# must see each other's lines too; then it is stopped with SIGTERM and must stop cleanly.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source tests/lib.sh
lib_init
export SGCWS_LIB="${SGCWS_LIB:-$root/out/linux-amd64/libsgcws.so}"
export SGCWS_LIBRARY="${SGCWS_LIBRARY:-$SGCWS_LIB}"
mkdir -p build/demo

# check_server PREFIX EXTRA CMD...: runs the common checks on the server CMD (which takes the port as
# its last argument); EXTRA (a function name, or "") runs more checks while it serves ($LIB_PORT set).
check_server() {
    local p="$1" extra="$2" out pid page cout
    shift 2
    out="$LIB_TMP/$p.out"
    SGCWS_DEMO_WWW="$root/demo/www" lib_spawn "$out" "$@" 0
    pid=$LIB_PID
    if ! lib_wait_port "$out" '^sgcws chat demo: open http://127.0.0.1:\([0-9]*\)/$'; then
        lib_fail "$p-start" "no address printed: $(head -c 300 "$out")"
    else
        lib_pass "$p-start"
        page="$(curl -s -m 10 "http://127.0.0.1:$LIB_PORT/")"
        if grep -q '<title>sgcws chat</title>' <<<"$page" && grep -q 'new WebSocket' <<<"$page"; then
            lib_pass "$p-page"
        else
            lib_fail "$p-page" "GET / gave: $(head -c 200 <<<"$page")"
        fi
        if cout="$(timeout -k 5 40 /usr/bin/python3 tests/demo/chat_check.py "$LIB_PORT" 2>&1)"; then
            lib_pass "$p-broadcast"
        else
            lib_fail "$p-broadcast" "$(tail -n 3 <<<"$cout" | tr '\n' ' ')"
        fi
        [ -n "$extra" ] && "$extra" "$p"
    fi
    lib_stop "$pid"
    if [ "$LIB_STATUS" -eq 0 ] && grep -q 'sgcws chat demo: stopping' "$out"; then
        lib_pass "$p-clean-stop"
    else
        lib_fail "$p-clean-stop" "exit status $LIB_STATUS after SIGTERM: $(grep -m1 -i 'fatal\|panic\|error' "$out")"
    fi
}

# wait_line FILE TEXT: waits (15 s at most) for a line equal to TEXT in FILE.
wait_line() {
    local i
    for ((i = 0; i < 150; i++)); do
        grep -qxF -- "$2" "$1" && return 0
        sleep 0.1
    done
    return 1
}

# Two Pascal console clients: b stays connected reading a fifo, a sends one line from a pipe and exits
# at the end of its input once its own line came back; b must print a's line, and exit 0 at its EOF.
pascal_clients() {
    local p="$1" client=build/demo/pascal/chat_client outa="$LIB_TMP/$1-a.out" outb="$LIB_TMP/$1-b.out"
    local fifo="$LIB_TMP/$1-b.in" hello="hello from a $RANDOM$RANDOM" pidb rc
    mkfifo "$fifo"
    exec 7<>"$fifo"
    # not lib_spawn: an asynchronous command's stdin is /dev/null unless redirected on that command
    "$client" "$LIB_PORT" --name b <"$fifo" >"$outb" 2>&1 7>&- &
    pidb=$!
    LIB_PIDS+=("$pidb")
    echo "b ready" >&7
    if ! wait_line "$outb" "b: b ready"; then
        lib_fail "$p-console-client" "b did not see its own line: $(head -c 300 "$outb")"
    else
        printf '%s\n' "$hello" | timeout -k 5 30 "$client" "$LIB_PORT" --name a >"$outa" 2>&1
        rc=$?
        if [ $rc -ne 0 ] || ! grep -qxF "a: $hello" "$outa"; then
            lib_fail "$p-console-client" "a (exit $rc): $(head -c 300 "$outa")"
        elif ! wait_line "$outb" "a: $hello"; then
            lib_fail "$p-console-client" "b did not receive a's line: $(head -c 300 "$outb")"
        else
            lib_pass "$p-console-client"
        fi
    fi
    exec 7>&-   # b's end of input: it closes and exits
    for ((rc = 0; rc < 100; rc++)); do kill -0 "$pidb" 2>/dev/null || break; sleep 0.1; done
    lib_stop "$pidb"
    if [ "$LIB_STATUS" -eq 0 ]; then lib_pass "$p-console-client-eof"
    else lib_fail "$p-console-client-eof" "b exit status $LIB_STATUS at the end of its input"; fi
}

if [ ! -f "$SGCWS_LIB" ]; then
    lib_fail demo "library $SGCWS_LIB not found (run ./build.sh build)"
else
    # The Pascal server and client (FPC installed when missing; a failure to install fails the cases).
    command -v fpc >/dev/null 2>&1 || tools/install-pascal.sh >/dev/null 2>&1
    mkdir -p build/demo/pascal/units
    built=1
    for p in chat_server chat_client; do
        if ! command -v fpc >/dev/null 2>&1; then
            lib_fail "pascal-demo-compile" "fpc not installed (tools/install-pascal.sh failed)"; built=0; break
        elif ! cout=$(fpc -O1 -Fubindings/pascal-shared -Fibindings/pascal-shared -FUbuild/demo/pascal/units \
                -FEbuild/demo/pascal -vew "demo/pascal/$p.lpr" 2>&1); then
            lib_fail "pascal-demo-compile" "$p: $(grep -i 'error\|fatal' <<<"$cout" | head -3 | tr '\n' ' ')"; built=0
        fi
    done
    if [ $built -eq 1 ]; then
        lib_pass pascal-demo-compile
        check_server pascal-demo pascal_clients build/demo/pascal/chat_server
    fi

    # The C server (demo/run.sh's fallback).
    if ! cc -std=c11 -Wall -Wextra -Werror -O1 -I include demo/chat_server.c -o build/demo/chat_server -ldl; then
        lib_fail demo "chat_server does not compile"
    else
        check_server demo "" build/demo/chat_server
    fi
fi
lib_summary
