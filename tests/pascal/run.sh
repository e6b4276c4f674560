#!/usr/bin/env bash
# Pascal tests: FPC console programs against the real library. One line per case; exit 1 on failure.
# Library: $SGCWS_LIBRARY, else out/<os>-<arch>/libsgcws.so, else built here with go build.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
src="$root/bindings/pascal-shared"
build="${TMPDIR:-/tmp}/sgcws-pascal-tests.$$"
mkdir -p "$build"
source "$root/tests/lib.sh" # lib_spawn, lib_wait_port, lib_stop: processes started here are stopped by PID
trap 'lib_cleanup; rm -rf "$build"' EXIT

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
export SGCWS_LIBRARY="$lib" SGCWS_LIB="$lib" # SGCWS_LIB: the C hosts (tests/c/harness.c)
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

# The generator's test compiles the units it generates for a test component with fpc and runs a
# program decoding its value objects; it skips without fpc, so here a skip is a failure.
if out=$(cd "$root" && go test -count=1 -v ./tools/gen 2>&1) && ! grep -q -- '--- SKIP' <<<"$out"; then
  echo "ok   go test ./tools/gen (generated units compile in both dialects, value objects decode)"
else
  echo "FAIL go test ./tools/gen"; tail -n 20 <<<"$out" | sed 's/^/     /'; fails=$((fails+1))
fi

# The units compile in both dialects (Delphi-mode is the check for bindings/delphi).
compile "$src/sgcWebSocket.pas" -Mdelphi
compile "$src/sgcWebSocket.pas" -Mobjfpc

for t in test_props test_components test_http test_missing_lib test_no_cthreads; do
  compile "$here/$t.pas" && run "$t" 300 "$build/$t"
done

# The component model: the manual's custom sub-protocol example (tests/pascal/custom, compiled as
# the manual's Delphi code) in every mode, and every generated class against sgcws_describe (through
# the package unit, which uses every generated unit).
compile "$here/test_custom_protocol.pas" -Mdelphi -Fu"$here/custom" -Fi"$here/custom" && run test_custom_protocol 300 "$build/test_custom_protocol"
compile "$here/test_registry.pas" -Fu"$root/bindings/lazarus" && run test_registry 60 "$build/test_registry"
compile "$here/test_register_protocol.pas" && run test_register_protocol 120 "$build/test_register_protocol"

# The sgc and Presence protocols (the manual's chapters, its Presence handlers) between Pascal
# servers and clients in every mode; then our Pascal clients against another host of the library,
# the C program tests/protocols/protocol_server.c (stopped by its PID).
for t in test_sgc test_presence; do
  compile "$here/$t.pas" && run "$t" 300 "$build/$t"
done
if compile "$here/test_protocol_peer.pas"; then
  if ! out=$(cc -std=c11 -Wall -Wextra -Werror -O1 -g -pthread -I "$root/include" -I "$root/tests/c" \
      "$root/tests/c/harness.c" "$root/tests/protocols/protocol_server.c" -o "$build/protocol_server" -ldl 2>&1); then
    echo "FAIL cc protocol_server.c"; head -n 5 <<<"$out" | sed 's/^/     /'; fails=$((fails+1))
  else
    lib_spawn "$build/protocol_server.out" "$build/protocol_server"
    spid=$LIB_PID
    if lib_wait_port "$build/protocol_server.out"; then
      run test_protocol_peer 60 "$build/test_protocol_peer" "$LIB_PORT"
    else
      echo "FAIL protocol_server.c did not start: $(head -c 300 "$build/protocol_server.out")"; fails=$((fails+1))
    fi
    lib_stop "$spid"
    if grep -q '^PASS ' "$build/protocol_server.out"; then echo "ok   protocol_server.c: $(grep -m1 '^PASS ' "$build/protocol_server.out")"
    else echo "FAIL protocol_server.c: $(tail -n 3 "$build/protocol_server.out" | tr '\n' ' ')"; fails=$((fails+1)); fi
  fi
fi

# The manual's QuickStart snippets.
if compile "$here/quickstart/quickstart_ws.dpr"; then run quickstart_ws 60 "$build/quickstart_ws" | sed 's/^/     /'; fi
if compile "$here/quickstart/sgcWebSockets_linux.dpr" -Mdelphi; then
  QS_PORT=0 timeout 2 "$build/sgcWebSockets_linux"; rc=$?
  if [ $rc -eq 124 ]; then echo "ok   quickstart Linux server still serving after 2 s"; else echo "FAIL quickstart Linux server exited early ($rc)"; fails=$((fails+1)); fi
fi

# Repeat the neNoSync-server / queued-client echo stress: it once exposed a capi write-barrier bug (Go
# pointer stores into host memory) that corrupted the heap in about 1 run in 5.
if compile "$here/stress_echo.pas"; then
  for i in 1 2 3 4 5; do
    o=$(timeout 60 "$build/stress_echo" 2 0 2>&1 | head -2)
    case "$o" in "got 100000 srv 100000"*) ;; *) echo "FAIL stress_echo run $i: $(echo "$o" | head -1)"; fails=$((fails+1)); break;; esac
  done
  [ $fails -eq 0 ] && echo "ok   stress_echo: 5 x 100k echoes, neNoSync server, neAsynchronous client"
fi

# Independent peers (python websockets, Node ws; installed by tools/install-test-deps.sh): their clients
# against our TsgcWebSocketServer, our TsgcWebSocketClient against their echo servers, plain and deflate.
if compile "$here/test_peers.pas" && "$root/tools/install-test-deps.sh" >/dev/null; then
  export NODE_PATH="$root/tests/.deps/node_modules"
  peers="$root/tests/interop"
  for peer in python node; do
    case $peer in
      python) peer_client=(/usr/bin/python3 "$peers/peer_python_client.py"); peer_server=(/usr/bin/python3 "$peers/peer_python_server.py") ;;
      node) peer_client=(node "$peers/peer_node_client.js"); peer_server=(node "$peers/peer_node_server.js") ;;
    esac
    for ext in "" --deflate; do
      name="$peer${ext:+ deflate}"
      lib_spawn "$build/peer_srv.out" "$build/test_peers" server $ext
      if lib_wait_port "$build/peer_srv.out" && out=$(timeout 60 "${peer_client[@]}" "ws://127.0.0.1:$LIB_PORT/" $ext 2>&1); then
        echo "ok   $name client -> TsgcWebSocketServer ($(grep -m1 '^EXT' <<<"$out"))"
      else
        echo "FAIL $name client -> TsgcWebSocketServer: $(tail -n 2 <<<"${out:-no port}" | tr '\n' ' ')"; fails=$((fails+1))
      fi
      lib_stop "$LIB_PID"
      lib_spawn "$build/peer_peer.out" "${peer_server[@]}" $ext
      if lib_wait_port "$build/peer_peer.out" && out=$(timeout 60 "$build/test_peers" client "ws://127.0.0.1:$LIB_PORT/" $ext 2>&1); then
        echo "ok   TsgcWebSocketClient -> $name server"
      else
        echo "FAIL TsgcWebSocketClient -> $name server:"; sed 's/^/     /' <<<"${out:-no port}" | grep -v '^ *ok' | tail -n 4; fails=$((fails+1))
      fi
      lib_stop "$LIB_PID"
    done
  done
fi

# Lazarus: the package builds with lazbuild, and an LCL program built with lazbuild and run under Xvfb
# gets neAsynchronous events on the LCL main thread without any polling code (tests/pascal/lcl).
# lazbuild and xvfb-run are installed when missing; if that fails, both cases fail.
if ! { command -v lazbuild && command -v xvfb-run; } >/dev/null 2>&1; then
  "$root/tools/install-pascal.sh" --lazarus >/dev/null 2>&1
fi
if ! { command -v lazbuild && command -v xvfb-run; } >/dev/null 2>&1; then
  echo "FAIL lazbuild sgcws.lpk: cannot install lazbuild (tools/install-pascal.sh --lazarus)"
  echo "FAIL lcl main-thread events under xvfb: cannot install lazbuild / xvfb-run"
  fails=$((fails+2))
else
  laz=(lazbuild --pcp="$build/lazarus-config")   # private config: ~/.lazarus is left alone
  if out=$("${laz[@]}" "$root/bindings/lazarus/sgcws.lpk" 2>&1); then echo "ok   lazbuild sgcws.lpk"
  else echo "FAIL lazbuild sgcws.lpk"; echo "$out" | grep -i "error\|fatal" | tail -5 | sed 's/^/     /'; fails=$((fails+1)); fi
  # Built in a copy (no build products in the tree); the copy points at the package by absolute path.
  lcl="$build/lcl"
  cp -r "$here/lcl" "$lcl" && rm -rf "$lcl/lib" "$lcl/lcl_mainthread"
  sed -i "s|\.\./\.\./\.\./bindings/lazarus/sgcws\.lpk|$root/bindings/lazarus/sgcws.lpk|" "$lcl/lcl_mainthread.lpi"
  if poll=$(grep -nE '\b(CheckSynchronize|ProcessMessages|HandleMessage|QueueAsyncCall|AddEventHandler|sgcws_poll)\b' \
      "$here"/lcl/*.lpr "$here"/lcl/*.pas); then
    echo "FAIL lcl main-thread events under xvfb: the program polls: $poll"; fails=$((fails+1))
  elif ! out=$("${laz[@]}" "$lcl/lcl_mainthread.lpi" 2>&1); then
    echo "FAIL lcl main-thread events under xvfb: lazbuild lcl_mainthread.lpi failed"
    echo "$out" | grep -i "error\|fatal" | tail -5 | sed 's/^/     /'; fails=$((fails+1))
  else
    o=$(timeout -k 5 60 xvfb-run -a "$lcl/lcl_mainthread" 2>&1); rc=$?
    if [ $rc -eq 0 ] && grep -q '^ok ' <<<"$o"; then echo "ok   lcl main-thread events under xvfb: $(grep -m1 '^ok ' <<<"$o" | cut -c4-)"
    else echo "FAIL lcl main-thread events under xvfb (exit $rc)"; echo "$o" | tail -5 | sed 's/^/     /'; fails=$((fails+1)); fi
  fi
fi

[ $fails -eq 0 ] && echo "pascal: all passed" || echo "pascal: $fails failed"
[ $fails -eq 0 ]
