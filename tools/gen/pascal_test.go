package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
)

// A component with what the catalogue does not have yet (a decision event with var arguments, an
// event without a connection, enumerations, typed results, nested groups, a registered parent,
// value objects and their lists, the manual's var arguments that are not read back) renders into
// a unit that compiles with the runtime, in both FPC dialects; and the generated objects decode
// what registry.EncodeObject writes, escapes and UTF-8 included.
type fakeInstance struct{ ps *props.Set }

func (f *fakeInstance) Props() *props.Set { return f.ps }
func (f *fakeInstance) Close()            {}

var genTestItem = &registry.Object{Name: "TsgcGenTestItem", Doc: "an item", Fields: []registry.Param{
	{Name: "Name", Type: registry.String}, {Name: "Size", Type: registry.Int}, {Name: "Hot", Type: registry.Bool}}}

func registerFakes() {
	registry.Enum("TsgcGenTestLevel", "glLow", "glMid", "glHigh")
	registry.DeclareObject(genTestItem)
	item := registry.Param{Name: "Item", Type: registry.String, Object: genTestItem.Name, Const: true}
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
			{Name: "OnItems", ID: 102, Conn: true, Args: []registry.Param{
				{Name: "Items", Type: registry.String, Object: genTestItem.Name, List: true, Const: true},
				{Name: "Item", Type: registry.String, Object: genTestItem.Name, Ref: true}}},
			{Name: "OnOffer", ID: 103, Decision: true, Args: []registry.Param{item, {Name: "Accept", Type: registry.Bool, Var: true}}},
			{Name: "OnNote", ID: 104, Args: []registry.Param{{Name: "Flag", Type: registry.Bool, Ref: true}}},
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
		"TsgcGenTestItem = class(TsgcWSObject)",
		"    property Size: Integer read FSize write FSize;",
		"  FHot := aFields.AsBoolean(2);",
		"  RegisterClasses([TsgcGenTestItem]);",
		"TsgcGenTestItemList = class(TsgcWSObjectList)",
		"property Item[Index: Integer]: TsgcGenTestItem read GetItem; default;",
		"TsgcWSItemsEvent = procedure(Connection: TsgcWSConnection; const Items: TsgcGenTestItemList;\n" +
			"    var Item: TsgcGenTestItem) of object;",
		"TsgcWSOfferEvent = procedure(Sender: TObject; const Item: TsgcGenTestItem; var Accept: Boolean) of object;",
		"TsgcWSNoteEvent = procedure(Sender: TObject; var Flag: Boolean) of object;",
		"    103: DispatchOffer(aArgs);",
		"  Item := TsgcGenTestItem.Create(aArgs.AsString(0));\n  try\n    DoEventOffer(Item, Accept);\n" +
			"    aArgs.AnswerBoolean('Accept', Accept);\n  finally\n    Item.Free;\n  end;",
		"  Flag := aArgs.AsBoolean(0);\n  DoEventNote(Flag);\nend;",
		"  finally\n    Item.Free;\n    Items.Free;\n  end;",
	} {
		if !strings.Contains(text+write("cat.pas", m.renderCatalogue), want) {
			t.Errorf("generated units lack %q", want)
		}
	}
	if strings.Count(text, "procedure DoEventTick(") != 1 {
		t.Errorf("the child redeclares the parent's DoEventTick")
	}
	if strings.Count(text, "TsgcGenTestItem = class(") != 1 || !strings.Contains(text, "sgcWebSocket_GenTest;") {
		t.Errorf("the object is not declared once, in the first unit, and used by the child's")
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
	decodeObjects(t, fpc, dir)
}

// decodeObjects runs a program that builds the generated objects from registry.EncodeObject's
// text and prints their fields (strings as hex, so every byte counts).
func decodeObjects(t *testing.T, fpc, dir string) {
	items := [][]any{{"a\tb\\c\nd\re", 42, true}, {"héllo ✓", -7, false}, {"", 0, false}, {`trailing\`, 1, true}}
	var want strings.Builder
	for i, it := range items {
		fmt.Fprintf(&want, "item %d %X %d %v\n", i, it[0], it[1], map[bool]string{true: "True", false: "False"}[it[2].(bool)])
	}
	want.WriteString("single 6F6E6C79 0 False\nempty 0\n")
	prog := `program objtest;
{$mode delphi}{$H+}
uses
  {$IFDEF UNIX}cthreads,{$ENDIF} SysUtils, sgcWebSocket_Lib, sgcWebSocket_GenTest;

function FromHex(const H: string): string;
var
  raw: RawByteString;
  i: Integer;
begin
  SetLength(raw, Length(H) div 2);
  for i := 1 to Length(raw) do
    raw[i] := AnsiChar(StrToInt('$' + Copy(H, 2 * i - 1, 2)));
  SetCodePage(raw, CP_UTF8, False);
  Result := raw;
end;

function Hex(const S: string): string;
var
  raw: RawByteString;
  i: Integer;
begin
  raw := SgcToUTF8(S);
  Result := '';
  for i := 1 to Length(raw) do
    Result := Result + IntToHex(Ord(raw[i]), 2);
end;

procedure Show(const Prefix: string; I: TsgcGenTestItem);
begin
  WriteLn(Prefix, ' ', Hex(I.Name), ' ', I.Size, ' ', BoolToStr(I.Hot, True));
end;

var
  L: TsgcGenTestItemList;
  I: TsgcGenTestItem;
  n: Integer;
begin
  L := TsgcGenTestItemList.Create(FromHex('` + fmt.Sprintf("%X", registry.EncodeObjectList(items)) + `'));
  for n := 0 to L.Count - 1 do
    Show('item ' + IntToStr(n), L.Item[n]);
  L.Free;
  I := TsgcGenTestItem.Create('only');
  Show('single', I);
  I.Free;
  L := TsgcGenTestItemList.Create('');
  WriteLn('empty ', L.Count);
  L.Free;
end.
`
	src := filepath.Join(dir, "objtest.pas")
	_ = os.WriteFile(src, []byte(prog), 0o644)
	out := filepath.Join(dir, "out-objtest")
	_ = os.MkdirAll(out, 0o755)
	if b, err := exec.Command(fpc, "-vew", "-Fu"+dir, "-Fi"+dir, "-FU"+out, "-FE"+out, src).CombinedOutput(); err != nil {
		t.Fatalf("fpc objtest: %v\n%s", err, b)
	}
	got, err := exec.Command(filepath.Join(out, "objtest")).CombinedOutput()
	if err != nil || string(got) != want.String() {
		t.Fatalf("objects decoded as\n%s(%v), want\n%s", got, err, want.String())
	}
}
