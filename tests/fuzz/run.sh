#!/usr/bin/env bash
# A short coverage-guided run of every Go fuzz target under core/ and protocols/ (the seed corpora in each package's
# testdata/fuzz already run as regular tests). A crash fails the suite; the failing input is left in
# that package's testdata/fuzz/<Target>/ by `go test`, ready to become a regular test case.
# Each target runs a fixed number of executions (FUZZTIME, default 10000x: a few seconds for the
# slowest target here). A duration (FUZZTIME=30s) works too, but Go 1.26's fuzz coordinator can then
# fail a target with a bare "context deadline exceeded" at the deadline without any failing input
# (golang/go#75804, fixed in Go 1.27): a count has no deadline to race.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source tests/lib.sh
fuzztime="${FUZZTIME:-10000x}"

while IFS=: read -r file target; do
    pkg="./$(dirname "$file")"
    if out="$(timeout -k 10 300 go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg" 2>&1)"; then
        lib_pass "fuzz $pkg $target ($fuzztime)"
    else
        lib_fail "fuzz $pkg $target" "$(grep -m3 -E 'FAIL|panic|Failing input' <<<"$out" | tr '\n' ' ')"
    fi
done < <(grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' core protocols | sed 's/:func /:/' | sort)
lib_summary
