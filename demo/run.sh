#!/usr/bin/env bash
# Builds the library if needed, compiles the chat demo and runs it in the foreground.
#   demo/run.sh [PORT] [--any]      (default 8080 on 127.0.0.1; Ctrl-C stops it)
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
mkdir -p build/demo
cc -std=c11 -Wall -Wextra -O2 -I include demo/chat_server.c -o build/demo/chat_server -ldl
export SGCWS_DEMO_WWW="${SGCWS_DEMO_WWW:-$root/demo/www}"
exec build/demo/chat_server "$@"
