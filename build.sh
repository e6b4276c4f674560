#!/usr/bin/env bash
# build.sh - build, cross-build, test, demo, bench.
#
#   ./build.sh [build]   the library for this platform into out/<goos>-<goarch>/, then the Windows DLLs
#   ./build.sh native    only the library for this platform
#   ./build.sh windows   only the Windows DLLs (out/windows-amd64/, out/windows-386/)
#   ./build.sh test|demo|bench [args]   run tests/run-all.sh, demo/run.sh, bench/run.sh
#   ./build.sh conformance [args]       the whole conformance catalogue, both directions (slow groups
#                                       9, 12 and 13 included; the test command runs the others)
#   ./build.sh gen [-check]             regenerate what comes from the component registry (tools/gen)
#
# A command is a function named cmd_<name>; add one to add a command. Builds are skipped when no
# source changed since the last one (FORCE=1 rebuilds).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
OUT="$ROOT/out"
GEN="$ROOT/build"   # Go's generated export headers, for tools/checkexports
APT=(apt-get -o DPkg::Lock::Timeout=900 -y -q)

log() { printf '%s\n' "build.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# up_to_date FILE: FILE exists and is newer than every source of the library.
up_to_date() {
	[[ -z "${FORCE:-}" && -e "$1" ]] || return 1
	[[ -z "$(find capi core include go.mod go.sum -newer "$1" -type f -print -quit)" ]]
}

# go_shared OUTFILE GOOS GOARCH CC [EXTLDFLAGS]: one c-shared build of ./capi.
go_shared() {
	local out=$1 goos=$2 goarch=$3 cc=$4 extld=${5:-}
	local gen="$GEN/$goos-$goarch"
	mkdir -p "$(dirname "$out")" "$gen"
	CGO_ENABLED=1 GOOS=$goos GOARCH=$goarch CC=$cc \
		go build -buildmode=c-shared -trimpath -ldflags "-s -w${extld:+ -extldflags '$extld'}" \
		-o "$gen/$(basename "$out")" ./capi
	mv "$gen/$(basename "$out")" "$out"
	mv "$gen/$(basename "${out%.*}").h" "$gen/exports.h" # Go's view of the exports, not the contract
	cp include/sgcws.h include/sgcws_components.h "$(dirname "$out")/"
}

build_native() {
	local goos goarch lib
	goos=$(go env GOOS) goarch=$(go env GOARCH)
	case $goos in
	darwin) lib=libsgcws.dylib ;;
	windows) lib=sgcws.dll ;;
	*) lib=libsgcws.so ;;
	esac
	local out="$OUT/$goos-$goarch/$lib"
	if up_to_date "$out"; then return; fi
	log "building $out"
	go_shared "$out" "$goos" "$goarch" "${CC:-gcc}"
	go run ./tools/checkexports -so "$out" -cgo "$GEN/$goos-$goarch/exports.h" >/dev/null
}

need_mingw() {
	command -v x86_64-w64-mingw32-gcc >/dev/null && command -v i686-w64-mingw32-gcc >/dev/null && return
	log "installing gcc-mingw-w64"
	DEBIAN_FRONTEND=noninteractive "${APT[@]}" install gcc-mingw-w64 >/dev/null ||
		{ "${APT[@]}" update >/dev/null && DEBIAN_FRONTEND=noninteractive "${APT[@]}" install gcc-mingw-w64 >/dev/null; }
}

# build_windows GOARCH TRIPLET
build_windows() {
	local goarch=$1 triplet=$2 dir="$OUT/windows-$1"
	if up_to_date "$dir/sgcws.dll"; then return; fi
	log "building $dir/sgcws.dll"
	mkdir -p "$dir"
	# Absolute paths: the Go linker runs gcc in a temporary directory.
	go_shared "$dir/sgcws.dll" windows "$goarch" "$triplet-gcc" \
		"-static-libgcc -Wl,--output-def,$dir/sgcws.def -Wl,--out-implib,$dir/libsgcws.dll.a"
	verify_windows "$dir" "$triplet"
}

# verify_windows DIR TRIPLET: no runtime DLL the host would have to ship, exports == the header.
verify_windows() {
	local dir=$1 triplet=$2 imports
	imports=$("$triplet-objdump" -p "$dir/sgcws.dll" | awk '/DLL Name:/ {print $3}')
	if grep -Eiq 'libgcc|libwinpthread|libstdc' <<<"$imports"; then
		die "$dir/sgcws.dll depends on a MinGW runtime DLL: $(tr '\n' ' ' <<<"$imports")"
	fi
	go run ./tools/checkexports -def "$dir/sgcws.def" -cgo "$GEN/windows-${dir##*-}/exports.h" >/dev/null
}

cmd_native() { build_native; }

cmd_windows() {
	need_mingw
	build_windows amd64 x86_64-w64-mingw32
	build_windows 386 i686-w64-mingw32
}

cmd_build() {
	cmd_native
	cmd_windows
	log "done: $(cd "$OUT" && ls -d */ | tr -d / | tr '\n' ' ')"
}

# run_script PATH ARGS...: the commands other parts of the project own.
run_script() {
	local script=$1
	shift
	[[ -x "$script" ]] || die "$script is missing (or not executable)"
	exec "$script" "$@"
}

cmd_test() { run_script tests/run-all.sh "$@"; }
cmd_gen() { exec go run ./tools/gen "$@"; }
cmd_demo() { run_script demo/run.sh "$@"; }
cmd_bench() { run_script bench/run.sh "$@"; }
cmd_conformance() {
	cmd_native
	run_script tests/conformance/run.sh "${@:---all}"
}

main() {
	local cmd=${1:-build}
	[[ $# -gt 0 ]] && shift
	declare -F "cmd_$cmd" >/dev/null || die "unknown command \"$cmd\" (build, native, windows, test, demo, bench, conformance, gen)"
	"cmd_$cmd" "$@"
}

main "$@"
