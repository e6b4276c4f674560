#!/usr/bin/env bash
# Pascal tests: FPC console programs against the real library. One line per case; exit 1 on failure.
# Library: $SGCWS_LIBRARY, else out/<os>-<arch>/libsgcws.so, else built here with go build.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
src="$root/bindings/pascal-shared"
build="${TMPDIR:-/tmp}/sgcws-pascal-tests.$$"
mkdir -p "$build"
trap 'rm -rf "$build"' EXIT

if ! command -v fpc >/dev/null 2>&1; then
  "$root/tools/install-pascal.sh" >/dev/null || { echo "FAIL pascal: cannot install fpc"; exit 1; }
fi
lib="${SGCWS_LIBRARY:-${SGCWS_LIB:-}}"
[ -n "$lib" ] && [ ! -f "$lib" ] && lib=""
if [ -z "$lib" ]; then
  lib="$root/out/linux-amd64/libsgcws.so"
  if [ ! -f "$lib" ]; then
    lib="$build/libsgcws.so"
    (cd "$root" && nice go build -buildmode=c-shared -o "$lib" ./capi) || { echo "FAIL pascal: cannot build the library"; exit 1; }
  fi
fi
export SGCWS_LIBRARY="$lib"
fails=0

compile() { # file [extra fpc args]
  local f="$1"; shift
  local out
  if ! out=$(fpc -O1 "$@" -Fu"$src" -Fi"$src" -Fu"$here" -FU"$build" -FE"$build" -vew "$f" 2>&1); then
    echo "FAIL compile $(basename "$f")"; echo "$out" | grep -i "error\|fatal" | sed 's/^/     /'
    fails=$((fails+1)); return 1
  fi
  echo "ok   compile $(basename "$f") $*"
}
run() { # name timeout cmd...
  local t="$2"; shift 2
  timeout "$t" "$@"; local rc=$?
  [ $rc -eq 0 ] || { echo "FAIL $(basename "$1") exited with $rc"; fails=$((fails+1)); }
}

# The units compile in both dialects (Delphi-mode is the check for bindings/delphi).
compile "$src/sgcWebSocket.pas" -Mdelphi
compile "$src/sgcWebSocket.pas" -Mobjfpc

for t in test_props test_components test_http test_missing_lib test_no_cthreads; do
  compile "$here/$t.pas" && run "$t" 300 "$build/$t"
done

# The manual's QuickStart snippets.
if compile "$here/quickstart/quickstart_ws.dpr"; then run quickstart_ws 60 "$build/quickstart_ws" | sed 's/^/     /'; fi
if compile "$here/quickstart/sgcWebSockets_linux.dpr" -Mdelphi; then
  QS_PORT=0 timeout 2 "$build/sgcWebSockets_linux"; rc=$?
  if [ $rc -eq 124 ]; then echo "ok   quickstart Linux server still serving after 2 s"; else echo "FAIL quickstart Linux server exited early ($rc)"; fails=$((fails+1)); fi
fi

# Repeat the neNoSync-server / queued-client echo stress (see bindings/lazarus/README.md, known issues).
if compile "$here/stress_echo.pas"; then
  for i in 1 2 3 4 5; do
    o=$(timeout 60 "$build/stress_echo" 2 0 2>&1 | head -2)
    case "$o" in "got 100000 srv 100000"*) ;; *) echo "FAIL stress_echo run $i: $(echo "$o" | head -1)"; fails=$((fails+1)); break;; esac
  done
  [ $fails -eq 0 ] && echo "ok   stress_echo: 5 x 100k echoes, neNoSync server, neAsynchronous client"
fi

# Lazarus package builds with lazbuild, when installed.
if command -v lazbuild >/dev/null 2>&1; then
  if out=$(lazbuild "$root/bindings/lazarus/sgcws.lpk" 2>&1); then echo "ok   lazbuild sgcws.lpk"; else echo "FAIL lazbuild sgcws.lpk"; echo "$out" | tail -5; fails=$((fails+1)); fi
fi

[ $fails -eq 0 ] && echo "pascal: all passed" || echo "pascal: $fails failed"
[ $fails -eq 0 ]
