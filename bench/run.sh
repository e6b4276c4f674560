#!/usr/bin/env bash
# bench/run.sh - builds what the benchmarks need and runs them (./build.sh bench calls it).
# Writes bench/results/latest.md and latest.svg and prints the table. Arguments go to `wsbench all`
# (e.g. -quick, -rounds 5, -dur 3s). Not part of the tests: numbers on a shared machine are noisy,
# which is why every scenario is reported as a ratio against a baseline run interleaved with it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bin="$root/build/bench"
mkdir -p "$bin"

./build.sh native
lib="$root/out/$(go env GOOS)-$(go env GOARCH)/libsgcws.so"

if [ ! -f tests/.deps/node_modules/ws/package.json ]; then
    echo "bench: installing Node ws into tests/.deps" >&2
    npm install --silent --prefix tests/.deps ws@8 >/dev/null
fi

cc -std=c11 -Wall -Wextra -Werror -O2 -pthread -I include -I tests/c \
    bench/c/cabi.c tests/c/harness.c -o "$bin/cabi" -ldl
go build -o "$bin/wsbench" ./bench/cmd/wsbench

SGCWS_LIB="$lib" "$bin/wsbench" all -root "$root" -cabi "$bin/cabi" "$@"
