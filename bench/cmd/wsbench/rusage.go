package main

import (
	"fmt"
	"syscall"
)

// cpuSeconds is the CPU time (user + sys) this process has used so far: both sides of an in-process
// run, so messages per CPU-second counts the server's and the clients' work together.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return rusageCPU(&ru)
}

func rusageCPU(ru *syscall.Rusage) float64 {
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// maxRSSKiB is this process's peak resident set (Linux reports ru_maxrss in KiB).
func maxRSSKiB() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Maxrss)
}

// needFDs makes sure this process may open n descriptors (1000 connections with both sides in one
// process need ~2000; the usual soft limit is 1024). Go already raises the soft limit to the hard one
// at start-up; this raises it explicitly too and says clearly when the hard limit is too low.
func needFDs(n uint64) error {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return err
	}
	if lim.Cur >= n {
		return nil
	}
	if lim.Max < n {
		return fmt.Errorf("need %d file descriptors, hard limit is %d (raise it: ulimit -Hn)", n, lim.Max)
	}
	lim.Cur = lim.Max
	return syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
}
