{ Every generated class against the loaded library's registry (sgcws_describe): its kind, every
  property (name, type, enumeration values, the class a reference holds) and back, every event (a
  published handler with the registry's arguments) and back, the methods it was generated with, and
  the value objects its events carry (registered classes with the registry's fields, and no others).
  Uses the package unit sgcws, so every generated unit is linked and checked without naming it. }
program test_registry;

{$mode objfpc}{$H+}

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  Classes, SysUtils, TypInfo, fpjson, jsonparser, sgcws, sgcWebSocket_Classes, sgcWebSocket_Lib,
  sgcWebSocket_Registered, sgctest;

const
  { Published by the runtime on every registered component (the engine's fixed events). }
  RuntimeEvents: array[0..3] of string = ('OnConnect', 'OnDisconnect', 'OnError', 'OnException');

function PascalType(Obj: TObject; const Path: string; out Info: PPropInfo; out Owner: TObject): Boolean;
var
  rest, seg: string;
  p: Integer;
begin
  Owner := Obj;
  rest := Path;
  Info := nil;
  repeat
    p := Pos('.', rest);
    if p > 0 then
    begin
      seg := Copy(rest, 1, p - 1);
      rest := Copy(rest, p + 1, MaxInt);
    end
    else
    begin
      seg := rest;
      rest := '';
    end;
    Info := GetPropInfo(Owner, seg);
    if (Info = nil) or ((rest <> '') and (Info^.PropType^.Kind <> tkClass)) then
      Exit(False);
    if rest <> '' then
      Owner := GetObjectProp(Owner, Info);
  until rest = '';
  Result := True;
end;

function EnumNames(T: PTypeInfo): string;
var
  td: PTypeData;
  j: Integer;
begin
  td := GetTypeData(T);
  Result := '';
  for j := td^.MinValue to td^.MaxValue do
  begin
    if Result <> '' then
      Result := Result + ',';
    Result := Result + GetEnumName(T, j);
  end;
end;

function Values(P: TJSONObject): string;
var
  arr: TJSONArray;
  j: Integer;
begin
  Result := '';
  arr := P.Get('values', TJSONArray(nil));
  if arr <> nil then
    for j := 0 to arr.Count - 1 do
    begin
      if Result <> '' then
        Result := Result + ',';
      Result := Result + arr.Strings[j];
    end;
end;

procedure CheckProperty(const Cls: string; C: TObject; P: TJSONObject; Refs: TJSONObject; Builtin: Boolean);
var
  name, typ, got: string;
  info: PPropInfo;
  owner, sub: TObject;
  ok: Boolean;
begin
  name := P.Get('name', '');
  typ := P.Get('type', '');
  if Pos('Events.', name) = 1 then
    Exit; { switched by the runtime when a handler is assigned }
  if P.Get('readOnly', False) then
    Exit; { public, not published: no RTTI (the built-ins' are checked by test_props) }
  if not PascalType(C, name, info, owner) then
  begin
    Check(False, Cls + '.' + name + ' is published');
    Exit;
  end;
  got := '';
  case info^.PropType^.Kind of
    tkBool: got := 'Boolean';
    tkInteger, tkInt64: got := 'Integer';
    tkAString, tkSString, tkLString, tkUString, tkWString: got := 'String';
    tkEnumeration: got := 'Enum';
    tkClass:
      begin
        sub := GetObjectProp(owner, info);
        if sub is TStrings then
          got := 'Strings'
        else
          got := 'class ' + GetTypeData(info^.PropType)^.ClassType.ClassName;
      end;
  end;
  if (Refs <> nil) and (Refs.IndexOfName(name) >= 0) then
  begin
    ok := got = 'class ' + Refs.Get(name, '');
    typ := 'a reference to ' + Refs.Get(name, '');
  end
  else if typ = 'Enum' then
    ok := (got = 'Enum') and (EnumNames(info^.PropType) = Values(P)) and
      SameText(info^.PropType^.Name, P.Get('enumType', ''))
  else
    ok := got = typ;
  Check(ok, Cls + '.' + name + ': ' + typ, 'Pascal: ' + got);
end;

{ Every published property (walked through the groups) is in the description. }
procedure CheckBack(const Cls, Prefix: string; Obj: TObject; Props, Events: TJSONArray; var Missing: string);
var
  list: PPropList;
  n, i, j: Integer;
  name: string;
  found: Boolean;
  sub: TObject;
begin
  n := GetPropList(Obj, list);
  try
    for i := 0 to n - 1 do
    begin
      name := Prefix + list^[i]^.Name;
      if (Prefix = '') and ((name = 'Name') or (name = 'Tag')) then
        Continue;
      found := False;
      if list^[i]^.PropType^.Kind = tkMethod then
      begin
        for j := 0 to High(RuntimeEvents) do
          found := found or (name = RuntimeEvents[j]);
        for j := 0 to Events.Count - 1 do
          found := found or SameText(Events.Objects[j].Get('name', ''), name);
        if not found and (Events.Count > 0) then
          Missing := Missing + ' ' + name;
        Continue;
      end;
      if list^[i]^.PropType^.Kind = tkClass then
      begin
        sub := GetObjectProp(Obj, list^[i]);
        if (sub <> nil) and not (sub is TStrings) and not (sub is TComponent) then
        begin
          CheckBack(Cls, name + '.', sub, Props, Events, Missing);
          Continue;
        end;
      end;
      for j := 0 to Props.Count - 1 do
        found := found or SameText(Props.Objects[j].Get('name', ''), name);
      if not found then
        Missing := Missing + ' ' + name;
    end;
  finally
    FreeMem(list);
  end;
end;

procedure CheckEvent(const Cls: string; C: TObject; E: TJSONObject);
var
  info: PPropInfo;
  name: string;
  want: Integer;
begin
  name := E.Get('name', '');
  info := GetPropInfo(C, name);
  want := E.Get('args', TJSONArray(nil)).Count + 1; { Connection (or Sender) first }
  { Free Pascal counts the hidden Self of a method pointer, Delphi does not }
  Check((info <> nil) and (info^.PropType^.Kind = tkMethod) and
    (GetTypeData(info^.PropType)^.ParamCount - {$IFDEF FPC}1{$ELSE}0{$ENDIF} = want),
    Format('%s.%s: a handler of %d parameters', [Cls, name, want]));
end;

{ "Broadcast(Text: String; Exclude: String = ''; Include: String = '')", as the generator writes. }
function MethodText(M: TJSONObject): string;
var
  ps: TJSONArray;
  p: TJSONObject;
  j: Integer;
begin
  Result := M.Get('name', '') + '(';
  ps := M.Get('params', TJSONArray(nil));
  for j := 0 to ps.Count - 1 do
  begin
    p := ps.Objects[j];
    if j > 0 then
      Result := Result + '; ';
    Result := Result + p.Get('name', '') + ': ' + p.Get('type', '');
    if p.IndexOfName('default') >= 0 then
      if p.Get('type', '') = 'String' then
        Result := Result + ' = ''' + p.Get('default', '') + ''''
      else
        Result := Result + ' = ' + p.Get('default', '');
  end;
  Result := Result + ')';
  if M.Get('result', 'None') <> 'None' then
    Result := Result + ': ' + M.Get('result', '');
end;

function GeneratedMethods(C: TsgcWSComponent): string;
begin
  Result := '';
  if C is TsgcWSComponent_Registered then
    Result := TsgcWSComponent_Registered(C).GeneratedMethods;
end;

var
  CheckedObjects: TStringList;

{ A value object: its class is registered (GetClass) and publishes exactly the registry's fields. }
procedure CheckObject(O: TJSONObject);
var
  name, field, want: string;
  cls: TPersistentClass;
  fields: TJSONArray;
  info: PPropInfo;
  kind: TTypeKind;
  i: Integer;
begin
  name := O.Get('name', '');
  if CheckedObjects.IndexOf(name) >= 0 then
    Exit;
  CheckedObjects.Add(name);
  cls := GetClass(name);
  Check((cls <> nil) and cls.InheritsFrom(TsgcWSObject), name + ': a generated value object');
  if cls = nil then
    Exit;
  fields := O.Get('fields', TJSONArray(nil));
  for i := 0 to fields.Count - 1 do
  begin
    field := fields.Objects[i].Get('name', '');
    want := fields.Objects[i].Get('type', '');
    info := GetPropInfo(cls, field);
    kind := tkUnknown;
    if info <> nil then
      kind := info^.PropType^.Kind;
    Check(((want = 'String') and (kind in [tkAString, tkUString])) or
      ((want = 'Integer') and (kind in [tkInteger, tkInt64])) or ((want = 'Boolean') and (kind = tkBool)),
      Format('%s.%s: %s', [name, field, want]));
  end;
  Check(GetTypeData(cls.ClassInfo)^.PropCount = fields.Count, Format('%s: publishes %d fields, no others', [name, fields.Count]));
end;

procedure CheckClass(D: TJSONObject);
var
  name, missing, want: string;
  cls: TsgcWSComponentClass;
  c: TsgcWSComponent;
  props, events, methods, objects: TJSONArray;
  refs: TJSONObject;
  i: Integer;
  builtin: Boolean;
begin
  name := D.Get('name', '');
  builtin := D.Get('builtin', False);
  cls := SgcFindComponentClass(name);
  if cls = nil then
  begin
    if builtin then
      Note(name + ': a runtime object (no component class)')
    else
      Check(False, name + ': a generated class exists (is its unit in the package?)');
    Exit;
  end;
  Check(cls.LibraryKind = D.Get('kind', 0), Format('%s: kind %d', [name, D.Get('kind', 0)]));
  props := D.Get('properties', TJSONArray(nil));
  events := D.Get('events', TJSONArray(nil));
  methods := D.Get('methods', TJSONArray(nil));
  refs := D.Get('refs', TJSONObject(nil));
  objects := D.Get('objects', TJSONArray(nil));
  if objects <> nil then
    for i := 0 to objects.Count - 1 do
      CheckObject(objects.Objects[i]);
  c := cls.Create(nil);
  try
    for i := 0 to props.Count - 1 do
      CheckProperty(name, c, props.Objects[i], refs, builtin);
    for i := 0 to events.Count - 1 do
      CheckEvent(name, c, events.Objects[i]);
    missing := '';
    CheckBack(name, '', c, props, events, missing);
    Check(missing = '', name + ': every published property and handler is in the registry', 'not there:' + missing);
    if not builtin then
    begin
      want := '';
      for i := 0 to methods.Count - 1 do
      begin
        if i > 0 then
          want := want + sLineBreak;
        want := want + MethodText(methods.Objects[i]);
      end;
      Check(GeneratedMethods(c) = want, Format('%s: its %d methods are the library''s', [name, methods.Count]),
        'generated: ' + GeneratedMethods(c) + ' | library: ' + want);
    end;
  finally
    c.Free;
  end;
end;

var
  all: TJSONData;
  i: Integer;
begin
  CheckedObjects := TStringList.Create;
  try
    all := GetJSON(SgcDescribe(0));
    try
      Check(all.Count > 0, 'sgcws_describe(0) lists the components');
      for i := 0 to all.Count - 1 do
        CheckClass(TJSONObject(all.Items[i]));
    finally
      all.Free;
    end;
  except
    on E: Exception do
      Check(False, 'unexpected exception', E.ClassName + ': ' + E.Message);
  end;
  CheckedObjects.Free;
  ExitCode := FinishTests;
end.
