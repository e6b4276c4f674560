#!/usr/bin/env bash
# A real browser against our servers: headless Chromium (Debian `chromium`, driven by npm
# `puppeteer-core` in tests/.deps; both installed here when missing).
#   chromium->sgcws-echo/deflate    our echo server (tests/interop/sgcws_echo_server.c) with
#                                   permessage-deflate: text, non-ASCII text, 100 KB repetitive text,
#                                   binary (7 B and 70 KB) echoed intact; clean close 1000; the browser
#                                   offered "permessage-deflate; client_max_window_bits" (request header
#                                   seen through the DevTools protocol), ws.extensions and the 101's
#                                   Sec-WebSocket-Extensions agree on permessage-deflate, and the server
#                                   printed that same extension for the connection
#   chromium->sgcws-echo/nodeflate  the same exchange with deflate off: no extension on either side
#   chromium->chat-demo             demo/chat_server.c: two pages load http://127.0.0.1:PORT/, page A
#                                   types a line into the form and presses Enter, page B (and page A)
#                                   show it; screenshot of page B in build/browser-demo.png
# One line per case, then "N passed, M failed"; non-zero on failure. Everything on 127.0.0.1; every
# process started here is stopped by PID on exit.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
source tests/lib.sh
lib_init
CUR_PIDFILE="" # Chromium's PID file while a browser run is under way
cleanup() {
    local pid
    pid="$( [ -n "$CUR_PIDFILE" ] && cat "$CUR_PIDFILE" 2>/dev/null)"
    lib_cleanup # stops the node script first (it closes its browser on TERM), then the servers
    [ -n "$pid" ] && lib_stop_chromium "$pid"
}
trap cleanup EXIT
export SGCWS_LIB="${SGCWS_LIB:-$root/out/linux-amd64/libsgcws.so}"
export NODE_PATH="$root/tests/.deps/node_modules"
deps="$root/tests/.deps"
bin="$root/build/browser"
mkdir -p "$bin"

# Dependencies, only when missing.
if ! lib_chromium_deps browser; then
    lib_summary
    exit
fi

if [ ! -f "$SGCWS_LIB" ]; then
    lib_fail browser "library $SGCWS_LIB not found (run ./build.sh build)"
    lib_summary
    exit
fi
# The echo server exactly as tests/interop/run.sh builds it; the demo as tests/demo/run.sh builds it.
if ! cc -std=c11 -Wall -Wextra -Werror -O1 -pthread -I include -I tests/c -I tests/interop \
    tests/interop/sgcws_echo_server.c tests/interop/interop.c tests/c/harness.c -o "$bin/sgcws_echo_server" -ldl; then
    lib_fail "build sgcws_echo_server" "does not compile"
fi
if ! cc -std=c11 -Wall -Wextra -Werror -O1 -I include demo/chat_server.c -o "$bin/chat_server" -ldl; then
    lib_fail "build chat_server" "does not compile"
fi

# browser MODE URL [SHOT]: runs the puppeteer script (bounded), output in $bout, status in $brc; each
# run gets a fresh Chromium profile.
browser() {
    local profile
    profile="$(mktemp -d "$LIB_TMP/profile.XXXXXX")"
    bout="$LIB_TMP/browser.out"
    local pidfile="$profile.pid" cpid
    CUR_PIDFILE="$pidfile"
    SGCWS_BROWSER_PROFILE="$profile" SGCWS_BROWSER_PIDFILE="$pidfile" \
        timeout -k 5 90 node "$here/browser_check.js" "$@" >"$bout" 2>&1 &
    local bpid=$!
    LIB_PIDS+=("$bpid")
    wait "$bpid"
    brc=$?
    cpid="$(cat "$pidfile" 2>/dev/null)"
    [ -n "$cpid" ] && lib_stop_chromium "$cpid"
    CUR_PIDFILE=""
}

# report PREFIX: one case per "OK name" / "BAD name: why" line of $bout.
report() {
    local prefix="$1" line
    while IFS= read -r line; do
        case "$line" in
        "OK "*) lib_pass "$prefix/${line#OK }" ;;
        "BAD "*) line="${line#BAD }" && lib_fail "$prefix/${line%%: *}" "${line#*: }" ;;
        esac
    done <"$bout"
    if [ "$brc" -ne 0 ] && ! grep -q '^BAD ' "$bout"; then
        lib_fail "$prefix" "browser script exit $brc: $(tail -n 4 "$bout" | tr '\n' ' ' | head -c 400)"
    fi
}

echo_case() { # deflate|nodeflate
    local defl="$1" name="chromium->sgcws-echo/$1" out="$LIB_TMP/echo-$1.out" sargs=()
    [ -x "$bin/sgcws_echo_server" ] || return
    [ "$defl" = deflate ] && sargs+=(--deflate)
    lib_spawn "$out" "$bin/sgcws_echo_server" "${sargs[@]}"
    local spid=$LIB_PID
    if ! lib_wait_port "$out"; then
        lib_fail "$name" "server did not start: $(head -c 300 "$out")"
        lib_stop "$spid"
        return
    fi
    browser echo "ws://127.0.0.1:$LIB_PORT/"
    lib_stop "$spid"
    report "$name"
    local bext sext offered answered
    bext="$(sed -n 's/^EXT //p' "$bout")"
    offered="$(sed -n 's/^INFO offered=//p' "$bout")"
    answered="$(sed -n 's/^INFO answered=//p' "$bout")"
    sext="$(sed -n 's/^CONNECT ext=//p' "$out" | head -n1)"
    echo "    browser offered: ${offered:-?}; server answered: ${answered:-?}; ws.extensions: ${bext:-?}; server printed: ${sext:-nothing}"
    if [ "$defl" = deflate ]; then
        # Chromium offers "permessage-deflate; client_max_window_bits"; RFC 7692 lets the server leave
        # client_max_window_bits out of its answer (the client then keeps 15 bits), which ours does.
        if grep -q 'permessage-deflate' <<<"$offered" && grep -q 'client_max_window_bits' <<<"$offered"; then
            lib_pass "$name/browser-offered-deflate+client_max_window_bits"
        else
            lib_fail "$name/browser-offered-deflate+client_max_window_bits" "offered '${offered}'"
        fi
        if [[ "$bext" == permessage-deflate* ]] && [ "$bext" = "$answered" ]; then
            lib_pass "$name/browser-negotiated-deflate"
        else
            lib_fail "$name/browser-negotiated-deflate" "ws.extensions='${bext}', response header '${answered}'"
        fi
        if [[ "$sext" == permessage-deflate* ]] && [ "$sext" = "$bext" ]; then
            lib_pass "$name/server-printed-same-extension"
        else
            lib_fail "$name/server-printed-same-extension" "server printed '${sext}', browser has '${bext}'"
        fi
    else
        if [ "$bext" = none ] && [ "$answered" = none ] && [ "$sext" = none ]; then
            lib_pass "$name/no-extension-either-side"
        else
            lib_fail "$name/no-extension-either-side" "ws.extensions='${bext}', response header '${answered}', server printed '${sext}'"
        fi
    fi
    if grep -q '^ERROR\|FAIL' "$out"; then
        lib_fail "$name/server-clean" "$(grep -m2 '^ERROR\|FAIL' "$out" | tr '\n' ' ')"
    fi
}

demo_case() {
    local name="chromium->chat-demo" out="$LIB_TMP/demo.out" shot="$root/build/browser-demo.png"
    [ -x "$bin/chat_server" ] || return
    rm -f "$shot"
    SGCWS_DEMO_PORT=0 SGCWS_DEMO_WWW="$root/demo/www" lib_spawn "$out" "$bin/chat_server"
    local spid=$LIB_PID
    if ! lib_wait_port "$out" '^sgcws chat demo: open http://127.0.0.1:\([0-9]*\)/$'; then
        lib_fail "$name" "no address printed: $(head -c 300 "$out")"
        lib_stop "$spid"
        return
    fi
    browser demo "http://127.0.0.1:$LIB_PORT/" "$shot"
    lib_stop "$spid"
    report "$name"
    if [ -s "$shot" ] && [ "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
        lib_pass "$name/screenshot"
    else
        lib_fail "$name/screenshot" "no PNG at $shot"
    fi
}

echo "browser: $(/usr/bin/chromium --version 2>/dev/null), puppeteer-core $(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$deps/node_modules/puppeteer-core/package.json")"
echo_case deflate
echo_case nodeflate
demo_case
lib_summary
