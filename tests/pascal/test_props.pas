{ Every published property of the components exists in the library's list (sgcws_properties) with the
  same type (and, for enumerations, the same value names in the same order); prints the library
  properties the classes do not publish. }
program test_props;

{$mode objfpc}{$H+}

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  Classes, SysUtils, TypInfo, sgcWebSocket, sgcWebSocket_Classes, sgcWebSocket_Lib, sgctest;

var
  Lib: TStringList;   { Name -> Type<TAB>Default<TAB>Values }
  Seen: TStringList;

function LibType(const Name: string; out Values: string): string;
var
  i: Integer;
  parts: TStringList;
begin
  Result := '';
  Values := '';
  for i := 0 to Lib.Count - 1 do
    if SameText(Lib.Names[i], Name) then
    begin
      parts := TStringList.Create;
      try
        parts.StrictDelimiter := True;
        parts.Delimiter := #9;
        parts.DelimitedText := Lib.ValueFromIndex[i];
        Result := parts[0];
        if parts.Count > 2 then
          Values := parts[2];
      finally
        parts.Free;
      end;
      Exit;
    end;
end;

procedure Walk(const Cls, Prefix: string; Obj: TObject);
var
  list: PPropList;
  n, i, j: Integer;
  pi: PPropInfo;
  name, want, got, values, names: string;
  td: PTypeData;
  sub: TObject;
begin
  n := GetPropList(Obj, list);
  try
    for i := 0 to n - 1 do
    begin
      pi := list^[i];
      name := Prefix + pi^.Name;
      if (Prefix = '') and ((pi^.Name = 'Name') or (pi^.Name = 'Tag')) then
        Continue;
      case pi^.PropType^.Kind of
        tkMethod:
          Continue;
        tkBool:
          want := 'Boolean';
        tkInteger, tkInt64:
          want := 'Integer';
        tkAString, tkSString, tkLString, tkUString, tkWString:
          want := 'String';
        tkEnumeration:
          want := 'Enum';
        tkClass:
          begin
            sub := GetObjectProp(Obj, pi);
            if sub is TStrings then
              want := 'Strings'
            else
            begin
              Walk(Cls, name + '.', sub);
              Continue;
            end;
          end;
      else
        want := '?';
      end;
      got := LibType(name, values);
      Seen.Add(name);
      if want = 'Enum' then
      begin
        td := GetTypeData(pi^.PropType);
        names := '';
        for j := td^.MinValue to td^.MaxValue do
        begin
          if names <> '' then
            names := names + ',';
          names := names + GetEnumName(pi^.PropType, j);
        end;
        Check((got = 'Enum') and (names = values), Cls + '.' + name + ': Enum ' + names,
          'library: ' + got + ' ' + values);
      end
      else
        Check(got = want, Cls + '.' + name + ': ' + want, 'library: "' + got + '"');
    end;
  finally
    FreeMem(list);
  end;
end;

procedure CheckClass(Kind: Integer; C: TComponent; const Extra: array of string);
var
  i: Integer;
  missing: string;
  nm: string;
begin
  Lib.Text := SgcPropertyList(Kind);
  { Name<TAB>rest -> Name=rest }
  for i := 0 to Lib.Count - 1 do
    if Pos(#9, Lib[i]) > 0 then
      Lib[i] := Copy(Lib[i], 1, Pos(#9, Lib[i]) - 1) + '=' + Copy(Lib[i], Pos(#9, Lib[i]) + 1, MaxInt);
  Seen.Clear;
  Walk(C.ClassName, '', C);
  for i := 0 to High(Extra) do
    Seen.Add(Extra[i]);
  missing := '';
  for i := 0 to Lib.Count - 1 do
  begin
    nm := Lib.Names[i];
    if (nm <> '') and (Seen.IndexOf(nm) < 0) then
      missing := missing + ' ' + nm;
  end;
  Check(missing = '', C.ClassName + ': every library property is published or handled by the unit',
    'not exposed:' + missing);
  C.Free;
end;

begin
  Lib := TStringList.Create;
  Seen := TStringList.Create;
  Seen.CaseSensitive := False;
  try
    try
      { public read-only ones and the Events.* switches the units set from the assigned handlers }
      CheckClass(SGCWS_CLIENT, TsgcWebSocketClient.Create(nil),
        ['Connected', 'Protocol', 'Events.OnHandshake']);
      CheckClass(SGCWS_SERVER, TsgcWebSocketServer.Create(nil),
        ['Count', 'ListenAddresses', 'Events.OnHandshake', 'Events.OnAuthentication', 'Events.OnUnknownProtocol']);
      CheckClass(SGCWS_HTTP_SERVER, TsgcWebSocketHTTPServer.Create(nil),
        ['Count', 'ListenAddresses', 'Events.OnHandshake', 'Events.OnAuthentication', 'Events.OnUnknownProtocol',
         'Events.OnCommandGet', 'Events.OnCommandOther']);
    except
      on E: Exception do
        Check(False, 'unexpected exception', E.ClassName + ': ' + E.Message);
    end;
  finally
    Lib.Free;
    Seen.Free;
  end;
  ExitCode := FinishTests;
end.
