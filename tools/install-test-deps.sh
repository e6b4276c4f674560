#!/usr/bin/env bash
# Installs what the tests need, only when missing: gcc, curl, openssl, Debian's python3-websockets and
# python3-autobahn (run with /usr/bin/python3), and Node's `ws` into tests/.deps (git-ignored).
# Idempotent and quiet when everything is present.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

apt_install() {
    local apt=(apt-get -o DPkg::Lock::Timeout=900 -y -q)
    echo "install-test-deps: apt-get install $*"
    export DEBIAN_FRONTEND=noninteractive
    if ! { "${apt[@]}" update >/dev/null && "${apt[@]}" install --no-install-recommends "$@" >/dev/null; }; then
        echo "install-test-deps: apt failed, retrying once"
        sleep 5
        "${apt[@]}" update >/dev/null
        "${apt[@]}" install --no-install-recommends "$@" >/dev/null
    fi
}

missing=()
command -v gcc >/dev/null || missing+=(gcc libc6-dev)
command -v curl >/dev/null || missing+=(curl)
command -v openssl >/dev/null || missing+=(openssl)
command -v npm >/dev/null || missing+=(nodejs npm)
/usr/bin/python3 -c 'import websockets' 2>/dev/null || missing+=(python3-websockets)
/usr/bin/python3 -c 'import autobahn, txaio' 2>/dev/null || missing+=(python3-autobahn)
if ((${#missing[@]})); then
    apt_install "${missing[@]}"
fi

deps="$root/tests/.deps"
if [ ! -f "$deps/node_modules/ws/package.json" ]; then
    echo "install-test-deps: npm install ws@8 into tests/.deps"
    mkdir -p "$deps"
    npm install --silent --no-audit --no-fund --prefix "$deps" ws@8 >/dev/null
fi
