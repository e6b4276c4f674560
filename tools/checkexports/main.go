// Command checkexports compares the functions declared in include/sgcws.h with what a build exports.
//
//	go run ./tools/checkexports [-header include/sgcws.h] [-so lib.so]... [-def sgcws.def]... [-cgo gen.h]...
//
// -so: the ELF library's dynamic symbols named sgcws_* (the Go runtime's own _cgo_*/x_cgo_* symbols are
// outside that namespace and not compared). -def: a DLL's export list from the linker, which must be
// exactly the header's functions. -cgo: the header Go generates next to a c-shared build; the exports'
// return and parameter types must match the header's in size and kind (capi cannot include sgcws.h
// in its //export files, see capi/doc.go, so this is where a wrong type would be caught).
// Exits 1 with a diff on any mismatch.
package main

import (
	"debug/elf"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	header := flag.String("header", "include/sgcws.h", "the C contract")
	var sos, defs, cgos list
	flag.Var(&sos, "so", "ELF shared library to check (repeatable)")
	flag.Var(&defs, "def", "linker-generated .def file to check (repeatable)")
	flag.Var(&cgos, "cgo", "Go-generated export header to check (repeatable)")
	flag.Parse()

	src, err := os.ReadFile(*header)
	check(err)
	want := prototypes(string(src), "SGCWS_CALL ")
	if len(want) == 0 {
		fail("no sgcws_* functions found in %s", *header)
	}
	bad := false
	for _, so := range sos {
		bad = compare(so, want, elfExports(so)) || bad
	}
	for _, def := range defs {
		bad = compare(def, want, defExports(def)) || bad
	}
	for _, gen := range cgos {
		b, err := os.ReadFile(gen)
		check(err)
		bad = compareTypes(gen, want, prototypes(string(b), "extern ")) || bad
	}
	if bad {
		os.Exit(1)
	}
	fmt.Printf("checkexports: %d functions of %s match %d file(s)\n", len(want), *header, len(sos)+len(defs)+len(cgos))
}

// compare reports names exported but not declared and declared but not exported.
func compare(what string, want map[string]proto, got []string) (bad bool) {
	have := map[string]bool{}
	for _, n := range got {
		have[n] = true
		if _, ok := want[n]; !ok {
			fmt.Printf("%s: exports %s, which include/sgcws.h does not declare\n", what, n)
			bad = true
		}
	}
	for _, n := range sortedKeys(want) {
		if !have[n] {
			fmt.Printf("%s: does not export %s, declared in include/sgcws.h\n", what, n)
			bad = true
		}
	}
	return bad
}

func compareTypes(what string, want, got map[string]proto) (bad bool) {
	bad = compare(what, want, sortedKeys(got))
	for _, n := range sortedKeys(want) {
		g, ok := got[n]
		if ok && g.abi() != want[n].abi() {
			fmt.Printf("%s: %s\n  header: %s\n  export: %s\n", what, n, want[n].abi(), g.abi())
			bad = true
		}
	}
	return bad
}

func elfExports(path string) []string {
	f, err := elf.Open(path)
	check(err)
	defer f.Close()
	syms, err := f.DynamicSymbols()
	check(err)
	var out []string
	for _, s := range syms {
		if strings.HasPrefix(s.Name, "sgcws_") && s.Section != elf.SHN_UNDEF && elf.ST_TYPE(s.Info) == elf.STT_FUNC {
			out = append(out, s.Name)
		}
	}
	return out
}

// defExports reads the EXPORTS section of a .def file: one "name [@ordinal] [DATA]" per line.
func defExports(path string) []string {
	b, err := os.ReadFile(path)
	check(err)
	var out []string
	in := false
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 0 || strings.HasPrefix(f[0], ";"):
		case f[0] == "EXPORTS":
			in = true
		case in:
			out = append(out, strings.SplitN(f[0], "=", 2)[0])
		}
	}
	return out
}

func sortedKeys(m map[string]proto) []string {
	var k []string
	for n := range m {
		k = append(k, n)
	}
	sort.Strings(k)
	return k
}

func check(err error) {
	if err != nil {
		fail("%v", err)
	}
}

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "checkexports: "+format+"\n", a...)
	os.Exit(1)
}
