#!/usr/bin/env bash
# Builds the library if needed, compiles the chat demo and runs it in the foreground.
#   demo/run.sh [PORT] [--any]      (default 8080 on 127.0.0.1; Ctrl-C stops it)
# The server is the Pascal one (demo/pascal/chat_server.lpr, on the sgcws units), compiled with Free
# Pascal, which is installed when missing (tools/install-pascal.sh). Only if FPC cannot be installed
# does it fall back to the C server (demo/chat_server.c). Both print "sgcws chat demo: open <address>".
# The console client: build/demo/pascal/chat_client [PORT | URL] [--name NAME].
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export SGCWS_LIB="${SGCWS_LIB:-$root/out/linux-amd64/libsgcws.so}"
if [ ! -f "$SGCWS_LIB" ]; then
    if [ -x ./build.sh ]; then
        ./build.sh build
    else
        mkdir -p "$(dirname "$SGCWS_LIB")"
        go build -buildmode=c-shared -o "$SGCWS_LIB" ./capi
    fi
fi
export SGCWS_DEMO_WWW="${SGCWS_DEMO_WWW:-$root/demo/www}"
mkdir -p build/demo

if ! command -v fpc >/dev/null 2>&1; then
    tools/install-pascal.sh >&2 || true
fi
if command -v fpc >/dev/null 2>&1; then
    mkdir -p build/demo/pascal/units
    for p in chat_server chat_client; do
        if ! out=$(fpc -O1 -Fubindings/pascal-shared -Fibindings/pascal-shared -FUbuild/demo/pascal/units \
                -FEbuild/demo/pascal -vew "demo/pascal/$p.lpr" 2>&1); then
            echo "$out" >&2
            echo "demo: demo/pascal/$p.lpr does not compile" >&2
            exit 1
        fi
    done
    export SGCWS_LIBRARY="${SGCWS_LIBRARY:-$SGCWS_LIB}"
    exec build/demo/pascal/chat_server "$@"
fi

echo "demo: Free Pascal cannot be installed; starting the C chat server instead" >&2
cc -std=c11 -Wall -Wextra -O2 -I include demo/chat_server.c -o build/demo/chat_server -ldl
exec build/demo/chat_server "$@"
