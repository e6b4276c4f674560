# tests/lib.sh - shell helpers shared by the test runners (source it).
#   lib_init                 temp dir in $LIB_TMP; every process started by lib_spawn is stopped on exit
#   lib_spawn OUT CMD...     starts CMD in the background (stdout+stderr to OUT); its PID in $LIB_PID
#   lib_wait_port OUT [RE]   waits (15 s at most) for a "PORT n" line in OUT (or a line matching the sed
#                            regex RE whose \1 is the port); sets $LIB_PORT
#   lib_stop PID             stops one process we started (TERM, then KILL after 5 s); its exit status
#                            in $LIB_STATUS (143 = ended by the TERM)
#   lib_pass NAME / lib_fail NAME WHY / lib_summary   one line per case, then "N passed, M failed"
#   lib_make_cert DIR        self-signed cert.pem/key.pem with subjectAltName IP:127.0.0.1
#   lib_free_port            a free TCP port on 127.0.0.1
#   lib_chromium_deps NAME   Debian chromium and node, and npm puppeteer-core in tests/.deps, when missing;
#                            returns 1 after a "NAME-deps" failure line when they cannot be installed
#   lib_stop_chromium PID    stops a Chromium that puppeteer started detached (its process group)

LIB_PIDS=()
LIB_PASSED=0
LIB_FAILED=0

lib_init() {
    LIB_TMP="$(mktemp -d)"
    trap lib_cleanup EXIT
    trap 'exit 130' INT TERM
}

lib_cleanup() {
    local pid
    for pid in "${LIB_PIDS[@]}"; do lib_stop "$pid"; done
    [ -n "${LIB_TMP:-}" ] && rm -rf "$LIB_TMP"
}

lib_spawn() {
    local out="$1"
    shift
    "$@" >"$out" 2>&1 &
    LIB_PID=$!
    LIB_PIDS+=("$LIB_PID")
}

lib_wait_port() {
    local out="$1" re="${2:-^PORT \([0-9]*\)$}" i
    LIB_PORT=""
    for ((i = 0; i < 150; i++)); do
        LIB_PORT="$(sed -n "s|$re|\1|p" "$out" | head -n1)"
        [ -n "$LIB_PORT" ] && return 0
        sleep 0.1
    done
    return 1
}

lib_stop() {
    local pid="$1" i
    LIB_STATUS=0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null
    LIB_STATUS=$?
    return 0
}

lib_pass() {
    echo "PASS $1"
    LIB_PASSED=$((LIB_PASSED + 1))
}

lib_fail() {
    echo "FAIL $1: $2"
    LIB_FAILED=$((LIB_FAILED + 1))
}

lib_summary() {
    echo "$LIB_PASSED passed, $LIB_FAILED failed"
    [ "$LIB_FAILED" -eq 0 ]
}

lib_make_cert() {
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
        -addext "subjectAltName=IP:127.0.0.1" \
        -keyout "$1/key.pem" -out "$1/cert.pem" >/dev/null 2>&1
}

lib_free_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

lib_apt_install() {
    local apt=(apt-get -o DPkg::Lock::Timeout=900 -y -q) try
    export DEBIAN_FRONTEND=noninteractive
    for try in 1 2; do
        timeout -k 10 900 "${apt[@]}" update >/dev/null &&
            timeout -k 10 900 "${apt[@]}" install --no-install-recommends "$@" >/dev/null && return 0
        sleep 5
    done
    return 1
}

lib_chromium_deps() {
    local name="$1" deps missing=()
    deps="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.deps"
    command -v node >/dev/null || missing+=(nodejs npm)
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    if ((${#missing[@]})) && ! lib_apt_install "${missing[@]}"; then
        lib_fail "$name-deps" "apt-get install ${missing[*]} failed"
        return 1
    fi
    if [ ! -f "$deps/node_modules/puppeteer-core/package.json" ]; then
        mkdir -p "$deps"
        if ! timeout -k 10 600 npm install --silent --no-audit --no-fund --prefix "$deps" puppeteer-core >/dev/null 2>&1; then
            lib_fail "$name-deps" "npm install puppeteer-core failed"
            return 1
        fi
    fi
}

# Chromium is launched detached by puppeteer (process group = its PID); when the node script did not
# close it, TERM then KILL that group.
lib_stop_chromium() {
    local pid="$1" i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < 30; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
}
