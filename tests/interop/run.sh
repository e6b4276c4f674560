#!/usr/bin/env bash
# Interop with independent peers: python websockets, Node ws (each as client of our server and as server
# for our client, plain and TLS, with and without permessage-deflate), and Autobahn|Python sending
# malformed frames to our server. One line per case, then "N passed, M failed"; non-zero on failure.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
source tests/lib.sh
lib_init
export SGCWS_LIB="${SGCWS_LIB:-$root/out/linux-amd64/libsgcws.so}"
export NODE_PATH="$root/tests/.deps/node_modules"
PY=/usr/bin/python3
bin="$root/build/interop"
mkdir -p "$bin"

if [ ! -f "$SGCWS_LIB" ]; then
    lib_fail interop "library $SGCWS_LIB not found (run ./build.sh build)"
    lib_summary
    exit
fi
for prog in sgcws_echo_server sgcws_client_check; do
    if ! cc -std=c11 -Wall -Wextra -Werror -O1 -pthread -I include -I tests/c -I tests/interop \
        "tests/interop/$prog.c" tests/interop/interop.c tests/c/harness.c -o "$bin/$prog" -ldl; then
        lib_fail "build $prog" "does not compile"
        lib_summary
        exit
    fi
done
lib_make_cert "$LIB_TMP" || lib_fail "tls certificate" "openssl failed"
cert="$LIB_TMP/cert.pem"
key="$LIB_TMP/key.pem"

# check_ext DEFLATE TEXT: with deflate, TEXT must name permessage-deflate; without, it must not.
check_ext() {
    if [ "$1" = deflate ]; then
        grep -q 'permessage-deflate' <<<"$2"
    else
        ! grep -q 'permessage-deflate' <<<"$2"
    fi
}

# judge NAME RC OUTPUT DEFLATE EXT_REPORT...: passes when the peer program exited 0 and every side's
# report of the negotiated extensions agrees with DEFLATE.
judge() {
    local name="$1" rc="$2" output="$3" defl="$4" report
    shift 4
    if [ "$rc" -ne 0 ]; then
        lib_fail "$name" "exit $rc: $(tail -n 4 <<<"$output" | tr '\n' ' ')"
        return
    fi
    for report in "$@"; do
        if [ -z "$report" ] || ! check_ext "$defl" "$report"; then
            lib_fail "$name" "extensions reported: '$report'"
            return
        fi
    done
    lib_pass "$name"
}

# start_server NAME OUT CMD...: starts a server that prints "PORT n"; sets $LIB_PORT and $spid, or
# records NAME as failed and returns 1.
start_server() {
    local name="$1" out="$2"
    shift 2
    lib_spawn "$out" "$@"
    spid=$LIB_PID
    lib_wait_port "$out" && return 0
    lib_fail "$name" "server did not start: $(head -c 300 "$out")"
    lib_stop "$spid"
    return 1
}

# Their client -> our server.
their_client() { # peer tls deflate
    local peer="$1" tls="$2" defl="$3" name="$1-client->sgcws-server/$2/$3"
    local sargs=() cargs=() scheme=ws out="$LIB_TMP/server.out" cout
    [ "$tls" = tls ] && sargs+=(--tls "$cert" "$key") && cargs+=(--ca "$cert") && scheme=wss
    [ "$defl" = deflate ] && sargs+=(--deflate) && cargs+=(--deflate)
    start_server "$name" "$out" "$bin/sgcws_echo_server" "${sargs[@]}" || return
    local url="$scheme://127.0.0.1:$LIB_PORT/"
    if [ "$peer" = python ]; then
        cout="$(timeout -k 5 60 "$PY" tests/interop/peer_python_client.py "$url" "${cargs[@]}" 2>&1)"
    else
        cout="$(timeout -k 5 60 node tests/interop/peer_node_client.js "$url" "${cargs[@]}" 2>&1)"
    fi
    local rc=$?
    lib_stop "$spid"
    judge "$name" $rc "$cout" "$defl" "$(grep '^EXT ' <<<"$cout")" "$(grep '^CONNECT ' "$out")"
}

# Our client -> their server.
our_client() { # peer tls deflate
    local peer="$1" tls="$2" defl="$3" name="sgcws-client->$1-server/$2/$3"
    local sargs=() cargs=(--big --count 100) scheme=ws out="$LIB_TMP/peer.out" cout
    [ "$tls" = tls ] && sargs+=(--tls "$cert" "$key") && cargs+=(--ca "$cert") && scheme=wss
    [ "$defl" = deflate ] && sargs+=(--deflate) && cargs+=(--deflate --expect-ext permessage-deflate)
    local peer_server=("$PY" tests/interop/peer_python_server.py)
    [ "$peer" = node ] && peer_server=(node tests/interop/peer_node_server.js)
    start_server "$name" "$out" "${peer_server[@]}" "${sargs[@]}" || return
    cout="$(timeout -k 5 60 "$bin/sgcws_client_check" "$scheme://127.0.0.1:$LIB_PORT/" "${cargs[@]}" 2>&1)"
    local rc=$?
    lib_stop "$spid"
    judge "$name" $rc "$cout" "$defl" "$(grep '^EXT ' <<<"$cout")" "$(grep '^EXT ' "$out")"
}

for peer in python node; do
    for tls in plain tls; do
        for defl in nodeflate deflate; do
            their_client "$peer" "$tls" "$defl"
            our_client "$peer" "$tls" "$defl"
        done
    done
done

# Autobahn|Python: malformed frames -> the close code our server answers with.
if start_server autobahn-malformed "$LIB_TMP/autobahn-server.out" "$bin/sgcws_echo_server" --validate-utf8; then
    for spec in opcode3:1002 rsv:1002 unmasked:1002 utf8:1007 code999:1002 ping126:1002 len63:1002; do
        case="${spec%%:*}" want="${spec##*:}"
        cout="$(timeout -k 5 30 "$PY" tests/interop/peer_autobahn_malformed.py "$LIB_PORT" "$case" 2>&1)"
        got="$(sed -n 's/^CLOSE //p' <<<"$cout")"
        if [ "$got" = "$want" ]; then
            lib_pass "autobahn-malformed/$case->$want"
        else
            lib_fail "autobahn-malformed/$case->$want" "got '${got:-nothing}': $(tail -n 2 <<<"$cout" | tr '\n' ' ')"
        fi
    done
    lib_stop "$spid"
fi

lib_summary
