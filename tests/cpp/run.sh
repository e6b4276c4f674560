#!/usr/bin/env bash
# tests/cpp/run.sh - the C++ binding (bindings/cpp/sgcws.hpp) tests.
#
#  1. compiles every tests/cpp/t_*.cpp, tests/cpp/chat_server.cpp and bindings/cpp/examples/*.cpp with g++ and
#     clang++ (-std=c++17 -Wall -Wextra -Werror), and the Windows side with x86_64-w64-mingw32-g++ (dynamic
#     loading, and SGCWS_LINK_STATIC_IMPORTS linked against out/windows-amd64's import library);
#  2. runs each test program against the real library ($SGCWS_LIB, default out/linux-amd64/libsgcws.so),
#     bounded by `timeout`: t_node_interop against a Node `ws` server, the chat example against chat_server;
#  3. runs the Windows smoke program under Wine only if tools/wine-smoke.sh exists (else compile+link only).
# Also: the generated classes' compile-time checks (compile_fail.cpp: CASE=0 compiles, every other CASE must
# not), and t_components / win_components for the generated protocol classes; t_sgc and t_presence for the
# sgc and Presence components (value objects), and t_sgc_peer against the C server tests/protocols/protocol_server.c.
#
# Prints one line per case ("PASS name" / "FAIL name: why"), then "N passed, M failed"; exits non-zero on any
# failure. SGCWS_CPP_CLANG_RUN=0 skips running the clang++ builds (they are always compiled).
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
export SGCWS_LIB="${SGCWS_LIB:-$root/out/linux-amd64/libsgcws.so}"
source "$root/tests/lib.sh" # lib_wait_port
build="$root/build/tests-cpp"
mkdir -p "$build/gcc" "$build/clang" "$build/mingw"
flags=(-std=c++17 -Wall -Wextra -Werror -g -pthread -I include -I bindings/cpp -I tests/cpp)

# The compilers this suite needs, installed once when missing (tools/install-test-deps.sh does not know them).
need=()
command -v g++ >/dev/null || need+=(g++)
command -v clang++ >/dev/null || need+=(clang)
command -v x86_64-w64-mingw32-g++ >/dev/null || need+=(g++-mingw-w64-x86-64)
if ((${#need[@]})); then
    echo "tests/cpp: apt-get install ${need[*]}"
    apt=(apt-get -o DPkg::Lock::Timeout=900 -y -q --no-install-recommends)
    export DEBIAN_FRONTEND=noninteractive
    { "${apt[@]}" update >/dev/null && "${apt[@]}" install "${need[@]}" >/dev/null; } ||
        { sleep 5; "${apt[@]}" update >/dev/null && "${apt[@]}" install "${need[@]}" >/dev/null; } ||
        echo "tests/cpp: could not install ${need[*]}"
fi

pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1"; fail=$((fail + 1)); }

sources=(tests/cpp/t_*.cpp tests/cpp/chat_server.cpp bindings/cpp/examples/*.cpp)

# ---- 1. compile ----------------------------------------------------------------------------------------
compile_all() { # compiler outdir optimisation
    local cxx="$1" out="$2" opt="$3" src name errs=0
    for src in "${sources[@]}"; do
        name="$(basename "$src" .cpp)"
        if ! "$cxx" "${flags[@]}" "$opt" "$src" -o "$out/$name" -ldl 2>"$out/$name.log"; then
            echo "    $cxx $src:" && head -n 20 "$out/$name.log" | sed 's/^/    /'
            errs=$((errs + 1))
        fi
    done
    return $errs
}
# The generated classes turn these mistakes into compile errors (g++ and clang++, -fsyntax-only).
compile_fail() { # compiler
    local cxx="$1" c cases bad=""
    cases=$(grep -o '^#elif CASE == [0-9]*\|^#if CASE == [0-9]*' tests/cpp/compile_fail.cpp | grep -o '[0-9]*$')
    "$cxx" "${flags[@]}" -DCASE=0 -fsyntax-only tests/cpp/compile_fail.cpp 2>"$build/compile_fail.log" ||
        { echo "    CASE=0 does not compile:" && head -n 10 "$build/compile_fail.log" | sed 's/^/    /'; return 1; }
    for c in $cases; do
        "$cxx" "${flags[@]}" -DCASE="$c" -fsyntax-only tests/cpp/compile_fail.cpp >/dev/null 2>&1 && bad="$bad $c"
    done
    [ -z "$bad" ] || { echo "    compiled although wrong: CASE$bad"; return 1; }
    echo "$(wc -w <<<"$cases")"
}

for cxx in g++ clang++; do
    if command -v "$cxx" >/dev/null && n=$(compile_fail "$cxx"); then
        ok "cpp generated classes reject wrong types at compile time with $cxx ($n cases)"
    else
        ko "cpp generated classes reject wrong types at compile time with $cxx"
        echo "$n"
    fi
done

for cxx in g++ clang++; do
    dir=gcc opt=-O1
    [ "$cxx" = clang++ ] && dir=clang opt=-O0
    if ! command -v "$cxx" >/dev/null; then
        ko "cpp compile $cxx: $cxx not installed"
    elif compile_all "$cxx" "$build/$dir" "$opt"; then
        ok "cpp compile $cxx -Wall -Wextra -Werror (${#sources[@]} programs)"
    else
        ko "cpp compile $cxx"
    fi
done

mingw=x86_64-w64-mingw32-g++
windir="$root/out/windows-amd64"
if ! command -v $mingw >/dev/null; then
    ko "cpp compile mingw-w64: $mingw not installed (apt-get install g++-mingw-w64-x86-64)"
else
    wflags=(-std=c++17 -Wall -Wextra -Werror -O1 -I include -I bindings/cpp -static-libgcc -static-libstdc++)
    if $mingw "${wflags[@]}" tests/cpp/win_smoke.cpp -o "$build/mingw/win_smoke.exe" 2>"$build/mingw/dyn.log" &&
        $mingw "${wflags[@]}" tests/cpp/win_components.cpp -o "$build/mingw/win_components.exe" 2>>"$build/mingw/dyn.log" &&
        $mingw "${wflags[@]}" bindings/cpp/examples/chat_client.cpp -o "$build/mingw/chat_client.exe" 2>>"$build/mingw/dyn.log"; then
        ok "cpp compile+link mingw-w64 (dynamic loading: win_smoke.exe, win_components.exe, chat_client.exe)"
    else
        ko "cpp compile+link mingw-w64 (dynamic loading)"
        head -n 20 "$build/mingw/dyn.log" | sed 's/^/    /'
    fi
    implib=""
    for f in "$windir/libsgcws.dll.a" "$windir/sgcws.dll"; do
        [ -f "$f" ] && { implib="$f"; break; }
    done
    if [ -z "$implib" ]; then
        ko "cpp compile+link mingw-w64 SGCWS_LINK_STATIC_IMPORTS: no import library in $windir (run ./build.sh build)"
    elif $mingw "${wflags[@]}" -DSGCWS_LINK_STATIC_IMPORTS tests/cpp/win_smoke.cpp "$implib" \
        -o "$build/mingw/win_smoke_static.exe" 2>"$build/mingw/static.log"; then
        ok "cpp compile+link mingw-w64 SGCWS_LINK_STATIC_IMPORTS against $(basename "$implib")"
    else
        ko "cpp compile+link mingw-w64 SGCWS_LINK_STATIC_IMPORTS"
        head -n 20 "$build/mingw/static.log" | sed 's/^/    /'
    fi
fi

# ---- 2. run against the real library ---------------------------------------------------------------------
if [ ! -f "$SGCWS_LIB" ]; then
    ko "cpp tests: library $SGCWS_LIB not found (run ./build.sh build)"
    echo "$pass passed, $fail failed"
    exit 1
fi

# Runs a test program; its PASS/FAIL lines are the cases. A crash or a non-zero exit without a FAIL line
# is a failure of its own.
run_prog() { # label limit program args...
    local label="$1" limit="$2" prog="$3"
    shift 3
    if [ ! -x "$prog" ]; then
        ko "$label: not built"
        return
    fi
    local out rc p f
    out="$(timeout -k 5 "$limit" "$prog" "$@" 2>&1)"
    rc=$?
    grep -E '^(PASS|FAIL) ' <<<"$out"
    grep -E '^     ' <<<"$out" # informational lines (throughput)
    p=$(grep -c '^PASS ' <<<"$out")
    f=$(grep -c '^FAIL ' <<<"$out")
    pass=$((pass + p))
    fail=$((fail + f))
    if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
        ko "$label: exit $rc without a FAIL line"
        tail -n 20 <<<"$out" | sed 's/^/    /'
    elif [ $rc -ne 0 ]; then
        tail -n 10 <<<"$out" | grep -vE '^(PASS|FAIL) ' | sed 's/^/    /'
    fi
}

printf '#include <stdint.h>\nint32_t sgcws_abi_version(void) { return 99; }\n' >"$build/fake_abi.c"
cc -shared -fPIC -o "$build/fake_abi99.so" "$build/fake_abi.c"
run_prog t_loader 60 "$build/gcc/t_loader" "$build/fake_abi99.so"
for t in t_basic t_delivery t_lifetime t_decisions t_volume t_components t_sgc t_presence; do
    run_prog "$t" 180 "$build/gcc/$t"
done
if [ "${SGCWS_CPP_CLANG_RUN:-1}" = 1 ]; then
    # the clang++ build of the quick programs, its lines prefixed
    for t in t_basic t_lifetime t_components t_sgc t_presence; do
        if [ -x "$build/clang/$t" ]; then
            out="$(timeout -k 5 180 "$build/clang/$t" 2>&1)"
            rc=$?
            if [ $rc -eq 0 ] && ! grep -q '^FAIL ' <<<"$out"; then
                ok "cpp clang++ build of $t ($(grep -c '^PASS ' <<<"$out") cases)"
            else
                ko "cpp clang++ build of $t: exit $rc"
                grep '^FAIL ' <<<"$out" | sed 's/^/    /'
            fi
        fi
    done
fi

# ---- Node ws interop ----
deps="$root/tests/.deps"
if [ ! -f "$deps/node_modules/ws/package.json" ] && command -v npm >/dev/null; then
    mkdir -p "$deps"
    npm install --silent --no-audit --no-fund --prefix "$deps" ws@8 >/dev/null 2>&1
fi
if ! command -v node >/dev/null || [ ! -f "$deps/node_modules/ws/package.json" ]; then
    ko "cpp client vs Node ws: node or ws@8 missing (tools/install-test-deps.sh)"
else
    fifo="$build/node.in"
    rm -f "$fifo" && mkfifo "$fifo"
    node tests/cpp/node_ws_server.js <"$fifo" >"$build/node.port" 2>"$build/node.log" &
    node_pid=$!
    exec 7>"$fifo" # holds node's stdin open; closing it ends node
    port=""
    for _ in $(seq 100); do
        port="$(head -n1 "$build/node.port" 2>/dev/null)"
        [ -n "$port" ] && break
        sleep 0.1
    done
    if [ -z "$port" ]; then
        ko "cpp client vs Node ws: the node server did not start"
        sed 's/^/    /' "$build/node.log" | tail -n 10
    else
        run_prog t_node_interop 90 "$build/gcc/t_node_interop" "$port"
    fi
    exec 7>&-
    sleep 0.2
    kill "$node_pid" 2>/dev/null
    wait "$node_pid" 2>/dev/null
fi

# ---- the sgc and Presence clients against the C protocol server (tests/protocols/protocol_server.c) ----
if cc -std=c11 -Wall -Wextra -Werror -O1 -pthread -I include -I tests/c tests/c/harness.c \
    tests/protocols/protocol_server.c -o "$build/protocol_server" -ldl 2>"$build/protocol_server.log"; then
    "$build/protocol_server" >"$build/protocol_server.out" 2>&1 &
    ps_pid=$!
    lib_wait_port "$build/protocol_server.out"
    if [ -z "$LIB_PORT" ]; then
        ko "cpp protocol clients vs the C protocol server: it did not start"
        tail -n 10 "$build/protocol_server.out" | sed 's/^/    /'
    else
        run_prog t_sgc_peer 90 "$build/gcc/t_sgc_peer" "$LIB_PORT"
    fi
    kill "$ps_pid" 2>/dev/null
    wait "$ps_pid" 2>/dev/null
else
    ko "cpp protocol clients vs the C protocol server: tests/protocols/protocol_server.c does not compile"
    head -n 10 "$build/protocol_server.log" | sed 's/^/    /'
fi

# ---- chat example: against the C++ stand-in server and against the real demo chat server ----
# chat_check NAME PORT: A only listens (its stdin stays open 3 s), B sends two lines; the server
# broadcasts both lines to both clients.
chat_check() {
    local name="$1" url="ws://127.0.0.1:$2/"
    (sleep 3) | timeout -k 5 20 "$build/gcc/chat_client" "$url" --linger 500 >"$build/chatA.out" 2>"$build/chatA.err" &
    local a_pid=$! a_rc b_rc
    sleep 1
    (printf 'hello from B\nsecond line\n'; sleep 0.5) |
        timeout -k 5 20 "$build/gcc/chat_client" "$url" --linger 1000 >"$build/chatB.out" 2>"$build/chatB.err"
    b_rc=$?
    wait "$a_pid"
    a_rc=$?
    if [ $a_rc -eq 0 ] && [ $b_rc -eq 0 ] &&
        grep -qx 'hello from B' "$build/chatA.out" && grep -qx 'second line' "$build/chatA.out" &&
        grep -qx 'hello from B' "$build/chatB.out"; then
        ok "cpp chat_client example vs $name: lines from stdin broadcast to every client"
    else
        ko "cpp chat_client example vs $name (A exit $a_rc, B exit $b_rc)"
        for f in chatA.out chatA.err chatB.out chatB.err; do
            echo "    $f:" && sed 's/^/      /' "$build/$f" | tail -n 5
        done
    fi
}

if [ -x "$build/gcc/chat_server" ] && [ -x "$build/gcc/chat_client" ]; then
    fifo="$build/chat.in"
    rm -f "$fifo" && mkfifo "$fifo"
    "$build/gcc/chat_server" <"$fifo" >"$build/chat.port" 2>"$build/chat_server.log" &
    srv_pid=$!
    exec 8>"$fifo"
    lib_wait_port "$build/chat.port" '^\([0-9][0-9]*\)$'
    port="$LIB_PORT"
    if [ -z "$port" ]; then
        ko "cpp chat_client example: chat_server did not start"
        tail -n 10 "$build/chat_server.log" | sed 's/^/    /'
    else
        chat_check "C++ chat_server" "$port"
    fi
    exec 8>&-
    sleep 0.2
    kill "$srv_pid" 2>/dev/null
    wait "$srv_pid" 2>/dev/null
fi

if [ -x "$build/gcc/chat_client" ] &&
    cc -std=c11 -Wall -Wextra -Werror -O1 -I include demo/chat_server.c -o "$build/demo_chat_server" -ldl; then
    SGCWS_DEMO_WWW="$root/demo/www" "$build/demo_chat_server" 0 >"$build/demo.out" 2>&1 &
    demo_pid=$!
    lib_wait_port "$build/demo.out" '^sgcws chat demo: open http://127.0.0.1:\([0-9]*\)/$'
    port="$LIB_PORT"
    if [ -z "$port" ]; then
        ko "cpp chat_client example: the demo chat server did not start: $(head -c 300 "$build/demo.out")"
    else
        chat_check "demo/chat_server" "$port"
    fi
    kill "$demo_pid" 2>/dev/null
    wait "$demo_pid" 2>/dev/null
else
    ko "cpp chat_client example: demo/chat_server.c does not compile"
fi

# ---- 3. the Windows builds under Wine: only where the repository's Wine harness (tools/wine-smoke.sh,
# tools/wine/processprng.c) exists; the same recipe (fresh prefix, ProcessPrng stub) runs our own programs.
# SGCWS_CPP_WINE=0 skips it (compile+link above still ran).
if [ "${SGCWS_CPP_WINE:-1}" = 1 ] && [ -f tools/wine-smoke.sh ] && [ -f tools/wine/processprng.c ] &&
    [ -f "$windir/sgcws.dll" ] && [ -f "$build/mingw/win_smoke.exe" ] && command -v wine >/dev/null; then
    wdir="$build/wine"
    rm -rf "$wdir" && mkdir -p "$wdir"
    export WINEPREFIX="$wdir/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n,b"
    if timeout 300 wine wineboot -i >/dev/null 2>&1 && [ -d "$WINEPREFIX/drive_c/windows/system32" ] &&
        x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
            tools/wine/processprng.c -ladvapi32 2>/dev/null; then
        cp "$windir/sgcws.dll" "$build/mingw/"win_*.exe "$wdir/"
        for exe in win_smoke.exe win_smoke_static.exe win_components.exe; do
            [ -f "$wdir/$exe" ] || continue
            out="$(cd "$wdir" && timeout -k 5 180 wine "$exe" sgcws.dll 2>&1)"
            rc=$?
            n=$(grep -c '^PASS ' <<<"$out")
            if [ $rc -eq 0 ] && [ "$n" -gt 0 ] && ! grep -q '^FAIL ' <<<"$out"; then
                what="load, properties, errors, moved-from, echo"
                [ "$exe" = win_components.exe ] &&
                    what="CheckComponents, custom sub-protocol, SGCWS_E_METHOD, sgc RPC, Presence member list"
                ok "cpp $exe under Wine ($n checks: $what)"
            else
                ko "cpp $exe under Wine: exit $rc"
                tail -n 10 <<<"$out" | sed 's/^/    /'
            fi
        done
    else
        echo "SKIPPED cpp Windows programs under Wine: no working Wine prefix here (compiled and linked only)"
    fi
    wineserver -k >/dev/null 2>&1 || true
    unset WINEPREFIX WINEDEBUG WINEDLLOVERRIDES
else
    echo "SKIPPED cpp Windows programs under Wine: compiled and linked only (no tools/wine-smoke.sh, DLL or wine)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
