{ sgcWebSocket_Registered - the runtime of the registered components (protocols, APIs, ...), whose
  classes tools/gen generates from the library's registry (sgcWebSocket_Protocol_Base_Server, ...):

  - methods are called by name (sgcws_invoke) with typed arguments (TsgcArg);
  - registered events (kind >= 100) arrive in every NotifyEvents mode like the fixed ones; their
    arguments are read at once (sgcws_args, TsgcEventArgs) and handed to the generated
    DoRegisteredEvent, which calls the DoEvent<Name> methods; a decision event's var arguments are
    written back after the handler and the answer is given (sgcws_done) when it returns;
  - the engine's OnConnect/OnDisconnect reach a protocol component for the connections of its
    sub-protocol, with its own connection objects (TsgcWSComponent keeps them);
  - a property holding another component (Server, Client) passes that component's handle and
    forgets it when the component is freed (SetReference, ReferenceFreed);
  - the manual's value objects that events carry (TsgcWSPresenceMember, ...) derive from
    TsgcWSObject, their lists from TsgcWSObjectList: the generated dispatch builds them from the
    argument text before the handler and frees them after it. }
unit sgcWebSocket_Registered;

{$I sgcws.inc}

interface

uses
  Classes, SysUtils, sgcWebSocket_Types, sgcWebSocket_Lib, sgcWebSocket_Catalogue, sgcWebSocket_Classes;

type
  { One argument of a method call, or its result: the typed value and the bytes it points to. }
  TsgcArg = record
    Value: TsgcwsValue;
    Data: RawByteString;
  end;

  { The arguments of one registered event, copied out of the library when it arrives (strings the
    library hands out live only until the thread's next sgcws_invoke, which a handler may call). }
  TsgcEventArgs = class
  private
    FHandle: TsgcwsHandle;
    FValues: array of TsgcwsValue;
    FData: array of RawByteString;
    FStreams: array of TMemoryStream;
    procedure Check(R: Integer; const aName: string);
  public
    constructor Create(aArgs: TsgcwsHandle);
    destructor Destroy; override;
    function Count: Integer;
    function AsBoolean(i: Integer): Boolean;
    function AsInteger(i: Integer): Integer;
    function AsDouble(i: Integer): Double;
    function AsString(i: Integer): string;
    function AsHandle(i: Integer): TsgcwsHandle;
    { The bytes as a stream, owned by the arguments (valid during the event). }
    function AsStream(i: Integer): TMemoryStream;
    { Decision events: the answer to a var argument, by its name. }
    procedure AnswerBoolean(const aName: string; Value: Boolean);
    procedure AnswerInteger(const aName: string; Value: Int64);
    procedure AnswerString(const aName: string; const Value: string);
    procedure AnswerStream(const aName: string; Value: TStream);
  end;

  { The fields of one value object's text, unescaped, read as TsgcEventArgs reads arguments (a
    missing field is '', 0 or False). }
  TsgcObjectFields = class
  private
    FTexts: array of string;
  public
    constructor Create(const aText: string);
    function Count: Integer;
    function AsString(i: Integer): string;
    function AsInteger(i: Integer): Integer;
    function AsBoolean(i: Integer): Boolean;
  end;

  { Base of the generated value objects of registered events (TsgcWSPresenceMember, ...). The
    library sends one as a line of text: its fields in declared order, TAB-separated, with TAB,
    line breaks and backslashes escaped as \t, \n, \r and \\. An object lives as long as the
    event that carries it. }
  TsgcWSObject = class(TPersistent)
  private
    FData: TObject;
  protected
    { Generated: takes the fields, in declared order. }
    procedure ReadFields(aFields: TsgcObjectFields); virtual;
  public
    constructor Create(const aText: string); virtual;
    { Free for the host's use while the event runs; never freed by the object. }
    property Data: TObject read FData write FData;
  end;
  TsgcWSObjectClass = class of TsgcWSObject;

  { Base of the generated lists of value objects (TsgcWSPresenceMemberList): one object per line of
    the argument text. The list owns its objects. }
  TsgcWSObjectList = class
  private
    FItems: array of TsgcWSObject;
    function GetCount: Integer;
  protected
    function GetObject(Index: Integer): TsgcWSObject;
  public
    constructor Create(aClass: TsgcWSObjectClass; const aText: string);
    destructor Destroy; override;
    property Count: Integer read GetCount;
  end;

  { Base of every generated registered class. }
  TsgcWSComponent_Registered = class(TsgcWSComponent)
  protected
    procedure DoEvent(const E: TsgcwsEvent; Conn: TsgcWSConnection); override;
    { Generated: calls the DoEvent<Name> method of event aId with the typed arguments. }
    procedure DoRegisteredEvent(aId: Integer; aConnection: TsgcWSConnection; aArgs: TsgcEventArgs); virtual;
    { Calls the method aMethod of the library's component; raises EsgcWebSocketException on failure. }
    function Invoke(const aMethod: string; const aArgs: array of TsgcArg): TsgcArg;
    { A property holding another component (Index: its path): the library gets its handle. }
    procedure SetReference(Index: Integer; var aField: TsgcWSComponent; aValue: TsgcWSComponent);
    procedure ReferenceFreed(Index: Integer; var aField: TsgcWSComponent);
    { Called before the component attaches to another one (see TsgcWSProtocol). }
    procedure BeforeReference; virtual;
  public
    { The methods the class was generated with ("Name(Param: Type; ...): Result" per line), for the
      self-check against the loaded library (sgcws_describe). }
    class function GeneratedMethods: string; virtual;
  published
    property OnConnect;
    property OnDisconnect;
    property OnError;
    property OnException;
  end;

  { The manual's protocol base: a subclass sets FProtocol (the sub-protocol name) in its
    constructor; the name reaches the library before the protocol is attached to its Server or
    Client. }
  TsgcWSProtocol = class(TsgcWSComponent_Registered)
  private
    procedure SetProtocol(const Value: string);
  protected
    FProtocol: string;
    procedure BeforeReference; override;
  public
    constructor Create(aOwner: TComponent); override;
  published
    property Protocol: string read FProtocol write SetProtocol;
  end;

function SgcArgBool(Value: Boolean): TsgcArg;
function SgcArgInt(Value: Int64): TsgcArg;
function SgcArgDouble(Value: Double): TsgcArg;
function SgcArgStr(const Value: string): TsgcArg;
function SgcArgStream(Value: TStream): TsgcArg;
function SgcArgHandle(Value: TsgcwsHandle): TsgcArg;

function SgcAsBoolean(const R: TsgcArg): Boolean;
function SgcAsInteger(const R: TsgcArg): Integer;
function SgcAsDouble(const R: TsgcArg): Double;
function SgcAsString(const R: TsgcArg): string;
function SgcAsBytes(const R: TsgcArg): TBytes;
function SgcAsHandle(const R: TsgcArg): TsgcwsHandle;

implementation

function NewArg(aType: Integer): TsgcArg;
begin
  Result.Data := '';
  FillChar(Result.Value, SizeOf(Result.Value), 0);
  Result.Value.typ := aType;
end;

function SgcArgBool(Value: Boolean): TsgcArg;
begin
  Result := NewArg(SGCWS_T_BOOL);
  Result.Value.i := Ord(Value);
end;

function SgcArgInt(Value: Int64): TsgcArg;
begin
  Result := NewArg(SGCWS_T_INT);
  Result.Value.i := Value;
end;

function SgcArgDouble(Value: Double): TsgcArg;
begin
  Result := NewArg(SGCWS_T_DOUBLE);
  Result.Value.d := Value;
end;

function SgcArgStr(const Value: string): TsgcArg;
begin
  Result := NewArg(SGCWS_T_STRING);
  Result.Data := SgcToUTF8(Value);
end;

function SgcArgStream(Value: TStream): TsgcArg;
var
  oldPos: Int64;
begin
  Result := NewArg(SGCWS_T_BYTES);
  if Value = nil then
    Exit;
  SetLength(Result.Data, Value.Size);
  oldPos := Value.Position;
  try
    Value.Position := 0;
    if Length(Result.Data) > 0 then
      Value.ReadBuffer(Result.Data[1], Length(Result.Data));
  finally
    Value.Position := oldPos;
  end;
end;

function SgcArgHandle(Value: TsgcwsHandle): TsgcArg;
begin
  Result := NewArg(SGCWS_T_HANDLE);
  Result.Value.i := Int64(Value);
end;

function SgcAsBoolean(const R: TsgcArg): Boolean;
begin
  Result := R.Value.i <> 0;
end;

function SgcAsInteger(const R: TsgcArg): Integer;
begin
  Result := R.Value.i;
end;

function SgcAsDouble(const R: TsgcArg): Double;
begin
  Result := R.Value.d;
end;

function SgcAsString(const R: TsgcArg): string;
begin
  Result := SgcFromUTF8(PAnsiChar(R.Data), Length(R.Data));
end;

function SgcAsBytes(const R: TsgcArg): TBytes;
begin
  Result := nil;
  SetLength(Result, Length(R.Data));
  if Length(R.Data) > 0 then
    Move(R.Data[1], Result[0], Length(R.Data));
end;

function SgcAsHandle(const R: TsgcArg): TsgcwsHandle;
begin
  Result := TsgcwsHandle(R.Value.i);
end;

{ Value objects }

{ Works on the UTF-8 bytes: the separators and escapes are ASCII, which never occurs inside a
  multi-byte UTF-8 sequence, and each field comes back as the handlers' strings do. }
constructor TsgcObjectFields.Create(const aText: string);
var
  raw, buf: RawByteString;
  i, j, n: Integer;
  c: AnsiChar;

  procedure EndField;
  begin
    SetLength(FTexts, n + 1);
    FTexts[n] := SgcFromUTF8(PAnsiChar(buf), j);
    Inc(n);
    j := 0;
  end;

begin
  inherited Create;
  raw := SgcToUTF8(aText);
  SetLength(buf, Length(raw) + 1);
  n := 0;
  j := 0;
  i := 1;
  while i <= Length(raw) do
  begin
    c := raw[i];
    if (c = '\') and (i < Length(raw)) then
    begin
      Inc(i);
      case raw[i] of
        't': c := #9;
        'n': c := #10;
        'r': c := #13;
      else
        c := raw[i];
      end;
    end
    else if c = #9 then
    begin
      EndField;
      Inc(i);
      Continue;
    end;
    Inc(j);
    buf[j] := c;
    Inc(i);
  end;
  EndField;
end;

function TsgcObjectFields.Count: Integer;
begin
  Result := Length(FTexts);
end;

function TsgcObjectFields.AsString(i: Integer): string;
begin
  Result := '';
  if i < Length(FTexts) then
    Result := FTexts[i];
end;

function TsgcObjectFields.AsInteger(i: Integer): Integer;
begin
  Result := StrToIntDef(AsString(i), 0);
end;

function TsgcObjectFields.AsBoolean(i: Integer): Boolean;
begin
  Result := AsString(i) = 'True';
end;

constructor TsgcWSObject.Create(const aText: string);
var
  fields: TsgcObjectFields;
begin
  inherited Create;
  fields := TsgcObjectFields.Create(aText);
  try
    ReadFields(fields);
  finally
    fields.Free;
  end;
end;

procedure TsgcWSObject.ReadFields(aFields: TsgcObjectFields);
begin
end;

constructor TsgcWSObjectList.Create(aClass: TsgcWSObjectClass; const aText: string);
var
  raw: RawByteString;
  i, start: Integer;
begin
  inherited Create;
  raw := SgcToUTF8(aText);
  if raw = '' then
    Exit;
  start := 1;
  for i := 1 to Length(raw) + 1 do
    if (i > Length(raw)) or (raw[i] = #10) then
    begin
      SetLength(FItems, Length(FItems) + 1);
      FItems[High(FItems)] := aClass.Create(SgcFromUTF8(PAnsiChar(raw) + start - 1, i - start));
      start := i + 1;
    end;
end;

destructor TsgcWSObjectList.Destroy;
var
  i: Integer;
begin
  for i := 0 to High(FItems) do
    FItems[i].Free;
  inherited;
end;

function TsgcWSObjectList.GetCount: Integer;
begin
  Result := Length(FItems);
end;

function TsgcWSObjectList.GetObject(Index: Integer): TsgcWSObject;
begin
  Result := FItems[Index];
end;

{ TsgcEventArgs }

constructor TsgcEventArgs.Create(aArgs: TsgcwsHandle);
var
  n, i: Int32;
  r: Integer;
begin
  inherited Create;
  FHandle := aArgs;
  if aArgs = 0 then
    Exit;
  SetLength(FValues, 8);
  n := 0;
  r := sgcws_args(aArgs, @FValues[0], Length(FValues), n);
  if r = SGCWS_E_BUFFER then
  begin
    SetLength(FValues, n);
    r := sgcws_args(aArgs, @FValues[0], Length(FValues), n);
  end;
  SgcCheck(r, 'sgcws_args');
  SetLength(FValues, n);
  SetLength(FData, n);
  SetLength(FStreams, n);
  for i := 0 to n - 1 do
  begin
    if FValues[i].len > 0 then
      SetString(FData[i], FValues[i].data, FValues[i].len);
    FValues[i].data := nil; { the library's memory: not kept }
    FValues[i].name := nil;
  end;
end;

destructor TsgcEventArgs.Destroy;
var
  i: Integer;
begin
  for i := 0 to High(FStreams) do
    FStreams[i].Free;
  inherited;
end;

function TsgcEventArgs.Count: Integer;
begin
  Result := Length(FValues);
end;

function TsgcEventArgs.AsBoolean(i: Integer): Boolean;
begin
  Result := FValues[i].i <> 0;
end;

function TsgcEventArgs.AsInteger(i: Integer): Integer;
begin
  Result := FValues[i].i;
end;

function TsgcEventArgs.AsDouble(i: Integer): Double;
begin
  Result := FValues[i].d;
end;

function TsgcEventArgs.AsString(i: Integer): string;
begin
  Result := SgcFromUTF8(PAnsiChar(FData[i]), Length(FData[i]));
end;

function TsgcEventArgs.AsHandle(i: Integer): TsgcwsHandle;
begin
  Result := TsgcwsHandle(FValues[i].i);
end;

function TsgcEventArgs.AsStream(i: Integer): TMemoryStream;
begin
  if FStreams[i] = nil then
  begin
    FStreams[i] := TMemoryStream.Create;
    if Length(FData[i]) > 0 then
      FStreams[i].WriteBuffer(FData[i][1], Length(FData[i]));
    FStreams[i].Position := 0;
  end;
  Result := FStreams[i];
end;

{ A stale handle means the event is over (the component was freed in its handler): nothing to do. }
procedure TsgcEventArgs.Check(R: Integer; const aName: string);
begin
  if R <> SGCWS_E_HANDLE then
    SgcCheck(R, aName);
end;

procedure TsgcEventArgs.AnswerBoolean(const aName: string; Value: Boolean);
begin
  Check(sgcws_set_bool(FHandle, PAnsiChar(SgcZ(aName)), Ord(Value)), aName);
end;

procedure TsgcEventArgs.AnswerInteger(const aName: string; Value: Int64);
begin
  Check(sgcws_set_int(FHandle, PAnsiChar(SgcZ(aName)), Value), aName);
end;

procedure TsgcEventArgs.AnswerString(const aName: string; const Value: string);
var
  raw: RawByteString;
begin
  raw := SgcToUTF8(Value);
  Check(sgcws_set_str(FHandle, PAnsiChar(SgcZ(aName)), PAnsiChar(raw), Length(raw)), aName);
end;

procedure TsgcEventArgs.AnswerStream(const aName: string; Value: TStream);
var
  arg: TsgcArg;
begin
  arg := SgcArgStream(Value);
  Check(sgcws_set_str(FHandle, PAnsiChar(SgcZ(aName)), PAnsiChar(arg.Data), Length(arg.Data)), aName);
end;

{ TsgcWSComponent_Registered }

class function TsgcWSComponent_Registered.GeneratedMethods: string;
begin
  Result := '';
end;

procedure TsgcWSComponent_Registered.DoRegisteredEvent(aId: Integer; aConnection: TsgcWSConnection;
  aArgs: TsgcEventArgs);
begin
end;

{ Nothing of Self is touched after the handler: it may have freed the component (whose destructor
  detached it from the library first). }
procedure TsgcWSComponent_Registered.DoEvent(const E: TsgcwsEvent; Conn: TsgcWSConnection);
var
  args: TsgcEventArgs;
  reply: TsgcwsHandle;
begin
  if E.kind < SGCWS_FIRST_EVENT_ID then
  begin
    inherited;
    Exit;
  end;
  reply := E.reply;
  try
    args := TsgcEventArgs.Create(SgcEventArgs(E));
    try
      DoRegisteredEvent(E.kind, Conn, args);
    finally
      args.Free;
    end;
  finally
    if reply <> 0 then
      sgcws_done(reply); { a decision: the var arguments hold the answer now }
  end;
end;

function TsgcWSComponent_Registered.Invoke(const aMethod: string; const aArgs: array of TsgcArg): TsgcArg;
var
  vals: array of TsgcwsValue;
  res: TsgcwsValue;
  i: Integer;
  p: PsgcwsValue;
begin
  CheckHandle;
  SetLength(vals, Length(aArgs));
  for i := 0 to High(aArgs) do
  begin
    vals[i] := aArgs[i].Value;
    vals[i].len := Length(aArgs[i].Data);
    if aArgs[i].Data <> '' then
      vals[i].data := PAnsiChar(aArgs[i].Data);
  end;
  p := nil;
  if Length(vals) > 0 then
    p := @vals[0];
  FillChar(res, SizeOf(res), 0);
  SgcCheck(sgcws_invoke(Handle, PAnsiChar(SgcZ(aMethod)), p, Length(vals), @res), ClassName + '.' + aMethod);
  Result.Value := res;
  Result.Data := '';
  if (res.data <> nil) and (res.len > 0) then
    SetString(Result.Data, res.data, res.len); { valid only until this thread's next call }
  Result.Value.data := nil;
  Result.Value.name := nil;
end;

procedure TsgcWSComponent_Registered.BeforeReference;
begin
end;

procedure TsgcWSComponent_Registered.SetReference(Index: Integer; var aField: TsgcWSComponent;
  aValue: TsgcWSComponent);
var
  h: TsgcwsHandle;
begin
  if aValue = aField then
    Exit;
  BeforeReference;
  h := 0;
  if aValue <> nil then
    h := aValue.Handle;
  SetI64(Index, Int64(h));
  if aField <> nil then
    aField.RemoveFreeNotification(Self);
  aField := aValue;
  if aValue <> nil then
    aValue.FreeNotification(Self);
end;

procedure TsgcWSComponent_Registered.ReferenceFreed(Index: Integer; var aField: TsgcWSComponent);
begin
  aField := nil;
  { the other component's handle is already gone: the library detaches; errors do not matter here }
  if Handle <> 0 then
    sgcws_set_int(Handle, PAnsiChar(SgcZ(SgcPropPaths[Index])), 0);
end;

{ TsgcWSProtocol }

constructor TsgcWSProtocol.Create(aOwner: TComponent);
begin
  inherited Create(aOwner);
  FProtocol := GetPropStr('Protocol'); { the library's default name }
end;

procedure TsgcWSProtocol.SetProtocol(const Value: string);
begin
  FProtocol := Value;
  SetPropStr('Protocol', Value);
end;

procedure TsgcWSProtocol.BeforeReference;
begin
  SetPropStr('Protocol', FProtocol);
end;

end.
