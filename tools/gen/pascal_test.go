package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
)

// A component with what the catalogue does not have yet (a decision event with var arguments, an
// event without a connection, enumerations, typed results, nested groups, a registered parent)
// renders into a unit that compiles with the runtime, in both FPC dialects.
type fakeInstance struct{ ps *props.Set }

func (f *fakeInstance) Props() *props.Set { return f.ps }
func (f *fakeInstance) Close()            {}

func registerFakes() {
	registry.Enum("TsgcGenTestLevel", "glLow", "glMid", "glHigh")
	run := func(registry.Instance, []registry.Value) (registry.Value, error) { return registry.Value{}, nil }
	newInst := func(registry.Host) registry.Instance {
		f := &fakeInstance{ps: props.NewSet()}
		var s string
		var n int64
		var b bool
		var e int
		f.ps.String("Protocol", &s, "gen.test", "")
		f.ps.Int("Server", &n, 0, 0, 1<<62, "")
		f.ps.Bool("QoS.Enabled", &b, true, "")
		f.ps.Enum("QoS.Level", &e, 1, []string{"glLow", "glMid", "glHigh"}, "")
		f.ps.Int("QoS.Retry.Interval", &n, 5, 0, 100, "")
		return f
	}
	base := &registry.Class{Name: "TsgcGenTest_Base", Kind: 250, Unit: "sgcWebSocket_GenTest", Doc: "a generator test",
		New: newInst, Refs: map[string]string{"Server": "TsgcWebSocketServer"},
		Events: []*registry.Event{
			{Name: "OnSubscribe", ID: 100, Conn: true, Decision: true, Args: []registry.Param{
				{Name: "Channel", Type: registry.String, Const: true}, {Name: "Accept", Type: registry.Bool, Var: true},
				{Name: "Level", Type: registry.Int, Values: []string{"glLow", "glMid", "glHigh"}, Var: true}}},
			{Name: "OnTick", ID: 101, Args: []registry.Param{{Name: "Count", Type: registry.Int}, {Name: "Ratio", Type: registry.Double}}},
		},
		Methods: []*registry.Method{
			{Name: "Publish", Result: registry.Int, Run: run, Params: []registry.Param{
				{Name: "Text", Type: registry.String}, {Name: "Level", Type: registry.Int, Values: []string{"glLow", "glMid", "glHigh"}, Default: 2},
				{Name: "Data", Type: registry.Bytes, Default: []byte{}}, {Name: "Ratio", Type: registry.Double, Default: 0.5}}},
			{Name: "Ready", Result: registry.Bool, Run: run},
		}}
	registry.Register(base)
	registry.Register(&registry.Class{Name: "TsgcGenTest_Child", Kind: 251, Unit: "sgcWebSocket_GenTest_Child",
		Parent: "TsgcGenTest_Base", Doc: "a subclass", New: newInst, Refs: base.Refs, Events: base.Events,
		Methods: append(base.Methods, &registry.Method{Name: "Extra", Run: run, Result: registry.String})})
}

func TestPascalGeneratedUnitsCompile(t *testing.T) {
	t.Chdir("../..") // the generator reads bindings/pascal-shared/sgcWebSocket_Types.pas
	registerFakes()
	m, err := pasBuild()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	shared, _ := filepath.Glob(pasDir + "*")
	for _, f := range shared {
		data, _ := os.ReadFile(f)
		_ = os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644)
	}
	write := func(name string, render func() ([]byte, error)) string {
		data, err := render()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		_ = os.WriteFile(filepath.Join(dir, name), data, 0o644)
		return string(data)
	}
	write("sgcWebSocket_Catalogue.pas", m.renderCatalogue)
	var text string
	for _, u := range m.units {
		u := u
		text += write(u.name+".pas", func() ([]byte, error) { return m.renderUnit(u) })
	}
	for _, want := range []string{
		"TsgcGenTest_Child = class(TsgcGenTest_Base)", // the parent's members are not repeated
		"procedure DoEventSubscribe(aConnection: TsgcWSConnection; const Channel: string;",
		"aArgs.AnswerInteger('Level', Ord(Level));",
		"SetEventSwitch('Events.OnSubscribe', Assigned(Value));",
		"TsgcWSTickEvent = procedure(Sender: TObject; Count: Integer; Ratio: Double) of object;",
		"function Publish(const aText: string; aLevel: TsgcGenTestLevel = glHigh; aData: TStream = nil;",
		"property Level: TsgcGenTestLevel index piQoS_Level",
		"TsgcGenTestLevel = (glLow, glMid, glHigh);",
		"function Extra: string;",
	} {
		if !strings.Contains(text+write("cat.pas", m.renderCatalogue), want) {
			t.Errorf("generated units lack %q", want)
		}
	}
	if strings.Count(text, "procedure DoEventTick(") != 1 {
		t.Errorf("the child redeclares the parent's DoEventTick")
	}
	fpc, err := exec.LookPath("fpc")
	if err != nil {
		t.Skip("fpc not installed: generated units not compiled")
	}
	for _, mode := range []string{"-Mdelphi", "-Mobjfpc"} {
		out := filepath.Join(dir, "out"+mode)
		_ = os.MkdirAll(out, 0o755)
		cmd := exec.Command(fpc, mode, "-vew", "-Fu"+dir, "-Fi"+dir, "-FU"+out, filepath.Join(dir, "sgcWebSocket_GenTest_Child.pas"))
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("fpc %s: %v\n%s", mode, err, b)
		}
	}
}
