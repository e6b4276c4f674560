#!/usr/bin/env bash
# The chat demo end to end: start it on a free port, fetch the page with curl, check with two python
# websockets clients that a message from one is broadcast to the other, stop it.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source tests/lib.sh
lib_init
export SGCWS_LIB="${SGCWS_LIB:-$root/out/linux-amd64/libsgcws.so}"
mkdir -p build/demo
if [ ! -f "$SGCWS_LIB" ]; then
    lib_fail demo "library $SGCWS_LIB not found (run ./build.sh build)"
elif ! cc -std=c11 -Wall -Wextra -Werror -O1 -I include demo/chat_server.c -o build/demo/chat_server -ldl; then
    lib_fail demo "chat_server does not compile"
else
    out="$LIB_TMP/demo.out"
    SGCWS_DEMO_WWW="$root/demo/www" lib_spawn "$out" build/demo/chat_server 0
    pid=$LIB_PID
    if ! lib_wait_port "$out" '^sgcws chat demo: open http://127.0.0.1:\([0-9]*\)/$'; then
        lib_fail demo-start "no address printed: $(head -c 300 "$out")"
    else
        lib_pass demo-start
        page="$(curl -s -m 10 "http://127.0.0.1:$LIB_PORT/")"
        if grep -q '<title>sgcws chat</title>' <<<"$page" && grep -q 'new WebSocket' <<<"$page"; then
            lib_pass demo-page
        else
            lib_fail demo-page "GET / gave: $(head -c 200 <<<"$page")"
        fi
        if cout="$(timeout -k 5 40 /usr/bin/python3 tests/demo/chat_check.py "$LIB_PORT" 2>&1)"; then
            lib_pass demo-broadcast
        else
            lib_fail demo-broadcast "$(tail -n 3 <<<"$cout" | tr '\n' ' ')"
        fi
    fi
    lib_stop "$pid"
    if [ "$LIB_STATUS" -eq 0 ] && grep -q 'sgcws chat demo: stopping' "$out"; then
        lib_pass demo-clean-stop
    else
        lib_fail demo-clean-stop "exit status $LIB_STATUS after SIGTERM: $(grep -m1 -i 'fatal\|panic' "$out")"
    fi
fi
lib_summary
