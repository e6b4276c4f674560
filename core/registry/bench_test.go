package registry

import "testing"

// The generic path's own cost: finding a method by name and binding four arguments.
func BenchmarkMethodAndBind(b *testing.B) {
	c := benchClass()
	args := []Value{StringValue("hello"), StringValue("news"), IntValue(1), DoubleValue(2)}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m := c.Method("Publish")
		if _, err := Bind(m, args); err != nil {
			b.Fatal(err)
		}
	}
}

var benchOnce *Class

// benchClass registers the benchmarks' class once (the benchmark function runs several times).
func benchClass() *Class {
	if benchOnce == nil {
		benchOnce = &Class{Name: "TBench", Kind: 250, New: func(Host) Instance { return nil }, Methods: []*Method{testMethod}}
		Register(benchOnce)
	}
	return benchOnce
}
