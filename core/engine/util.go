package engine

import (
	"runtime"
	"sort"
)

func sortStrings(s []string) { sort.Strings(s) }

func numGoroutine() int { return runtime.NumGoroutine() }
