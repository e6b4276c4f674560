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
if ! command -v wrk >/dev/null; then # B6 loads the HTTP servers with it
    echo "bench: installing wrk (Debian)" >&2
    apt-get -o DPkg::Lock::Timeout=900 -y -q install wrk >/dev/null ||
        { apt-get update -q >/dev/null && apt-get -o DPkg::Lock::Timeout=900 -y -q install wrk >/dev/null; }
fi

cc -std=c11 -Wall -Wextra -Werror -O2 -pthread -I include -I tests/c \
    bench/c/cabi.c tests/c/harness.c -o "$bin/cabi" -ldl
cc -std=c11 -Wall -Wextra -Werror -O2 -pthread -I include -I tests/c \
    bench/c/generic.c tests/c/harness.c -o "$bin/generic" -ldl
# B5's FPC host (the Pascal components over the same library). Free Pascal is installed when missing;
# when the host cannot be built its variants are skipped (n/a in the table) and the rest still runs.
fpc_args=()
if ! command -v fpc >/dev/null; then
    echo "bench: installing Free Pascal (tools/install-pascal.sh)" >&2
    tools/install-pascal.sh >/dev/null 2>&1 || true
fi
pas="$root/bindings/pascal-shared"
mkdir -p "$bin/fpc-units"
if command -v fpc >/dev/null && fpc_out=$(fpc -O2 -Fu"$pas" -Fi"$pas" -FU"$bin/fpc-units" -o"$bin/fpcbench" \
    bench/pascal/fpcbench.lpr 2>&1); then
    fpc_args=(-fpc "$bin/fpcbench")
else
    echo "bench: SKIPPING B5's FPC variants (fpc-nosync, fpc-async): cannot build bench/pascal/fpcbench.lpr" >&2
    grep -iE "error|fatal" <<<"${fpc_out:-error: no fpc (tools/install-pascal.sh failed)}" | head -5 | sed 's/^/    /' >&2 || true
fi
go build -o "$bin/wsbench" ./bench/cmd/wsbench

SGCWS_LIB="$lib" "$bin/wsbench" all -root "$root" -cabi "$bin/cabi" "${fpc_args[@]}" "$@"

# The generic path (methods and events by name) beside the typed one, same run, medians of rounds.
{
    printf '\n## Generic path vs typed calls (C ABI, medians of 5 interleaved rounds)\n\n'
    printf '| scenario | generic | typed | ratio |\n|---|---:|---:|---:|\n'
    SGCWS_LIB="$lib" "$bin/generic" 5 200000 | grep '^|'
} | tee -a bench/results/latest.md
