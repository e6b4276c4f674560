{ sgcWebSocket_Lib - internal: dynamic import of the sgcws library (libsgcws.so / sgcws.dll /
  libsgcws.dylib), the C contract of include/sgcws.h in Pascal terms.

  Rules (see include/sgcws.h and bindings/lazarus/README.md):
  - the library is loaded dynamically and never unloaded;
  - every import and every callback type is cdecl;
  - FPU exceptions are masked while the library (and the Go runtime inside it) starts;
  - Free Pascal on Unix: the program must use cthreads first; this unit checks it and raises a clear
    error instead of crashing later, and sets IsMultiThread := True.

  Users normally never call this unit: the components load the library on first use. Set
  SgcwsLibraryPath (or call LoadSgcws(Path)) before creating the first component to choose the file;
  otherwise the environment variable SGCWS_LIBRARY, then the executable's folder, then the system
  loader's search are tried. }
unit sgcWebSocket_Lib;

{$I sgcws.inc}

interface

uses
  {$IFDEF FPC}dynlibs,{$ELSE}{$IFDEF MSWINDOWS}Windows,{$ENDIF}{$ENDIF}
  SysUtils, Math;

const
  SGCWS_ABI_VERSION = 1;

  {$IFDEF MSWINDOWS}
  SGCWS_LIBNAME = 'sgcws.dll';
  {$ELSE}{$IFDEF DARWIN}
  SGCWS_LIBNAME = 'libsgcws.dylib';
  {$ELSE}{$IFDEF MACOS}
  SGCWS_LIBNAME = 'libsgcws.dylib';
  {$ELSE}
  SGCWS_LIBNAME = 'libsgcws.so';
  {$ENDIF}{$ENDIF}{$ENDIF}

  SGCWS_OK = 0;
  SGCWS_E_INTERNAL = -1;
  SGCWS_E_HANDLE = -2;
  SGCWS_E_ARG = -3;
  SGCWS_E_PROPERTY = -4;
  SGCWS_E_TYPE = -5;
  SGCWS_E_VALUE = -6;
  SGCWS_E_READONLY = -7;
  SGCWS_E_STATE = -8;
  SGCWS_E_CLOSED = -9;
  SGCWS_E_TIMEOUT = -10;
  SGCWS_E_CONNECT = -11;
  SGCWS_E_LISTEN = -12;
  SGCWS_E_QUEUE_FULL = -13;
  SGCWS_E_TOO_BIG = -14;
  SGCWS_E_IN_CALLBACK = -15;
  SGCWS_E_BUFFER = -16;
  SGCWS_E_SHUTDOWN = -17;
  SGCWS_E_UNSUPPORTED = -18;
  SGCWS_E_TLS = -19;
  SGCWS_E_METHOD = -20;

  SGCWS_CLIENT = 1;
  SGCWS_SERVER = 2;
  SGCWS_HTTP_SERVER = 3;
  SGCWS_CONNECTION = 4;
  SGCWS_REQUEST = 5;
  { kind 6, SGCWS_ARGS (an event's arguments), is not declared: Pascal would confuse it with sgcws_args }

  SGCWS_TEXT = 1;
  SGCWS_BINARY = 2;

  SGCWS_EV_CONNECT = 1;
  SGCWS_EV_DISCONNECT = 2;
  SGCWS_EV_MESSAGE = 3;
  SGCWS_EV_BINARY = 4;
  SGCWS_EV_FRAGMENTED = 5;
  SGCWS_EV_ERROR = 6;
  SGCWS_EV_EXCEPTION = 7;
  SGCWS_EV_HANDSHAKE = 8;
  SGCWS_EV_AUTHENTICATION = 9;
  SGCWS_EV_HTTP_REQUEST = 10;
  SGCWS_EV_STARTUP = 11;
  SGCWS_EV_SHUTDOWN = 12;
  SGCWS_EV_UNKNOWN_PROTOCOL = 13;

  SGCWS_FLAG_FINAL = 1;
  SGCWS_FLAG_BINARY = 2;

  { Event kinds from here on are the registered events of a component (its "id"). }
  SGCWS_FIRST_EVENT_ID = 100;

  { sgcws_value types. }
  SGCWS_T_NONE = 0;
  SGCWS_T_BOOL = 1;
  SGCWS_T_INT = 2;
  SGCWS_T_DOUBLE = 3;
  SGCWS_T_STRING = 4;
  SGCWS_T_BYTES = 5;
  SGCWS_T_HANDLE = 6;

type
  TsgcwsHandle = UInt64;
  PsgcwsHandle = ^TsgcwsHandle;
  TsgcwsInt32 = Int32;

  { sgcws_event: fields are only ever appended; struct_size says how many bytes are filled. }
  PsgcwsEvent = ^TsgcwsEvent;
  TsgcwsEvent = record
    struct_size: UInt32;
    kind: Int32;
    component: TsgcwsHandle;
    connection: TsgcwsHandle;
    reply: TsgcwsHandle;
    data: PAnsiChar;
    data_len: Int64;
    code: Int32;
    flags: UInt32;
    offset: Int64;
    user_data: Pointer;
    args: TsgcwsHandle; { registered events: their arguments (SGCWS_ARGS), else 0 }
  end;
  PPsgcwsEvent = ^PsgcwsEvent;

  { sgcws_value: a method argument or result, or an event argument. }
  PsgcwsValue = ^TsgcwsValue;
  TsgcwsValue = record
    i: Int64;
    d: Double;
    len: Int64;
    typ: Int32;
    reserved: Int32;
    data: PAnsiChar;
    name: PAnsiChar;
  end;

  TsgcwsEventCb = procedure(user: Pointer; event: PsgcwsEvent); cdecl;
  TsgcwsWakeCb = procedure(user: Pointer); cdecl;

  { Raised for every failure the library reports; Code is the SGCWS_E_* status. }
  EsgcWebSocketException = class(Exception)
  private
    FCode: Integer;
  public
    constructor CreateCode(aCode: Integer; const aMsg: string);
    property Code: Integer read FCode;
  end;

  { Raised when the library cannot be loaded or does not match this binding. }
  EsgcLibraryException = class(EsgcWebSocketException);

var
  { The file to load; empty = the default search (SGCWS_LIBRARY, the executable's folder, the system
    loader). Set it before the first component is created. }
  SgcwsLibraryPath: string = '';

  sgcws_errstr: function(code: Int32): PAnsiChar; cdecl;
  sgcws_errmsg: function: PAnsiChar; cdecl;
  { sgcws_abi_version() (renamed: Pascal identifiers ignore case, so it would clash with SGCWS_ABI_VERSION) }
  sgcws_abi_version_func: function: Int32; cdecl;
  sgcws_version: function: PAnsiChar; cdecl;
  sgcws_shutdown: function: Int32; cdecl;
  sgcws_stats: function(handles, goroutines: PInt64): Int32; cdecl;
  sgcws_create: function(kind: Int32; out h: TsgcwsHandle): Int32; cdecl;
  sgcws_destroy: function(h: TsgcwsHandle): Int32; cdecl;
  sgcws_kind: function(h: TsgcwsHandle; out kind: Int32): Int32; cdecl;
  sgcws_set_bool: function(h: TsgcwsHandle; name: PAnsiChar; value: Int32): Int32; cdecl;
  sgcws_set_int: function(h: TsgcwsHandle; name: PAnsiChar; value: Int64): Int32; cdecl;
  sgcws_set_str: function(h: TsgcwsHandle; name: PAnsiChar; value: PAnsiChar; len: Int32): Int32; cdecl;
  sgcws_get_bool: function(h: TsgcwsHandle; name: PAnsiChar; out value: Int32): Int32; cdecl;
  sgcws_get_int: function(h: TsgcwsHandle; name: PAnsiChar; out value: Int64): Int32; cdecl;
  sgcws_get_str: function(h: TsgcwsHandle; name: PAnsiChar; buf: PAnsiChar; cap: Int32; out len: Int32): Int32; cdecl;
  sgcws_properties: function(kind: Int32; buf: PAnsiChar; cap: Int32; out len: Int32): Int32; cdecl;
  sgcws_connect: function(h: TsgcwsHandle; timeout_ms: Int32): Int32; cdecl;
  sgcws_disconnect_wait: function(h: TsgcwsHandle; timeout_ms: Int32): Int32; cdecl;
  sgcws_start: function(h: TsgcwsHandle): Int32; cdecl;
  sgcws_stop: function(h: TsgcwsHandle): Int32; cdecl;
  sgcws_write: function(h: TsgcwsHandle; typ: Int32; data: Pointer; len: Int64; fragment_size: Int32): Int32; cdecl;
  sgcws_write_to: function(h: TsgcwsHandle; guid: PAnsiChar; typ: Int32; data: Pointer; len: Int64): Int32; cdecl;
  sgcws_broadcast: function(h: TsgcwsHandle; typ: Int32; data: Pointer; len: Int64;
    channel, protocol, exclude, include: PAnsiChar): Int32; cdecl;
  sgcws_ping: function(h: TsgcwsHandle; data: Pointer; len: Int32): Int32; cdecl;
  sgcws_close: function(h: TsgcwsHandle; code: Int32): Int32; cdecl;
  sgcws_drop: function(h: TsgcwsHandle; code: Int32): Int32; cdecl;
  sgcws_subscribe: function(conn: TsgcwsHandle; channel: PAnsiChar): Int32; cdecl;
  sgcws_unsubscribe: function(conn: TsgcwsHandle; channel: PAnsiChar): Int32; cdecl;
  sgcws_subscribed: function(conn: TsgcwsHandle; channel: PAnsiChar; out result: Int32): Int32; cdecl;
  sgcws_connections: function(server: TsgcwsHandle; outp: PsgcwsHandle; cap: Int32; out count: Int32): Int32; cdecl;
  sgcws_find_connection: function(server: TsgcwsHandle; guid: PAnsiChar; out conn: TsgcwsHandle): Int32; cdecl;
  sgcws_set_data: function(conn: TsgcwsHandle; data: Pointer): Int32; cdecl;
  sgcws_get_data: function(conn: TsgcwsHandle; out data: Pointer): Int32; cdecl;
  sgcws_set_callback: function(h: TsgcwsHandle; cb: TsgcwsEventCb; user: Pointer): Int32; cdecl;
  sgcws_set_wake: function(h: TsgcwsHandle; cb: TsgcwsWakeCb; user: Pointer): Int32; cdecl;
  sgcws_poll: function(h: TsgcwsHandle; events: PPsgcwsEvent; max: Int32; timeout_ms: Int32; out count: Int32): Int32; cdecl;
  sgcws_release: function(h: TsgcwsHandle): Int32; cdecl;
  sgcws_done: function(reply: TsgcwsHandle): Int32; cdecl;
  sgcws_waitable: function(h: TsgcwsHandle; out waitable: NativeInt): Int32; cdecl;
  sgcws_detach: function(h: TsgcwsHandle): Int32; cdecl;
  sgcws_invoke: function(h: TsgcwsHandle; method: PAnsiChar; args: PsgcwsValue; nargs: Int32;
    result: PsgcwsValue): Int32; cdecl;
  sgcws_args: function(args: TsgcwsHandle; outp: PsgcwsValue; cap: Int32; out count: Int32): Int32; cdecl;
  sgcws_describe: function(kind: Int32; buf: PAnsiChar; cap: Int32; out len: Int32): Int32; cdecl;

{ Loads the library once (later calls do nothing). Path: empty = SgcwsLibraryPath or the default
  search. Raises EsgcLibraryException naming the path and, on a mismatch, both ABI versions. }
procedure LoadSgcws(const Path: string = '');
function SgcwsLoaded: Boolean;
{ The path the library was loaded from (or tried last). }
function SgcwsLoadedPath: string;

{ Raises EsgcWebSocketException with the library's message when R <> SGCWS_OK. }
procedure SgcCheck(R: Integer; const Context: string = '');
{ The message of the last failure on this thread (sgcws_errmsg), or the fixed text of R. }
function SgcErrorText(R: Integer): string;

{ UTF-8 conversions: wire bytes <-> the user's string type. }
function SgcToUTF8(const S: string): RawByteString;
function SgcFromUTF8(P: PAnsiChar; Len: Integer): string;
{ A NUL-terminated UTF-8 copy (for names and Guids); keep the result alive during the call. }
function SgcZ(const S: string): RawByteString;

{ Typed property access through the one generic path (by the manual's property path). }
procedure SgcSetBool(H: TsgcwsHandle; const Name: string; Value: Boolean);
procedure SgcSetInt(H: TsgcwsHandle; const Name: string; Value: Int64);
procedure SgcSetStr(H: TsgcwsHandle; const Name: string; const Value: string);
procedure SgcSetRaw(H: TsgcwsHandle; const Name: string; const Value: RawByteString);
function SgcGetBool(H: TsgcwsHandle; const Name: string): Boolean;
function SgcGetInt(H: TsgcwsHandle; const Name: string): Int64;
function SgcGetStr(H: TsgcwsHandle; const Name: string): string;
function SgcGetRaw(H: TsgcwsHandle; const Name: string): RawByteString;
{ Same as above but return False instead of raising (stale handles, unknown names). }
function SgcTryGetStr(H: TsgcwsHandle; const Name: string; out Value: string): Boolean;
{ sgcws_properties(kind) as text. }
function SgcPropertyList(Kind: Integer): string;
{ sgcws_describe(kind) as JSON (kind 0: every component). }
function SgcDescribe(Kind: Integer): string;
{ The arguments handle of a registered event (0 when the record predates the field). }
function SgcEventArgs(const E: TsgcwsEvent): TsgcwsHandle;

implementation

{$IFDEF FPC}
type
  TSgcLibHandle = TLibHandle;
{$ELSE}
type
  TSgcLibHandle = HMODULE;
{$ENDIF}

var
  GLib: TSgcLibHandle = 0;
  GLoadedPath: string = '';

constructor EsgcWebSocketException.CreateCode(aCode: Integer; const aMsg: string);
begin
  inherited Create(aMsg);
  FCode := aCode;
end;

function SgcwsLoaded: Boolean;
begin
  Result := GLib <> 0;
end;

function SgcwsLoadedPath: string;
begin
  Result := GLoadedPath;
end;

procedure CheckThreading;
{$IFDEF FPC}{$IFDEF UNIX}
var
  tm: TThreadManager;
{$ENDIF}{$ENDIF}
begin
{$IFDEF FPC}{$IFDEF UNIX}
  { Without the cthreads unit FPC runs with a thread manager that cannot create threads, events or
    critical sections: callbacks from the library's threads would crash later (runtime error 217/232).
    cthreads installs a manager with an InitManager routine; the default one has none. }
  tm.InitManager := nil;
  if not GetThreadManager(tm) or not Assigned(tm.InitManager) then
    raise EsgcLibraryException.CreateCode(SGCWS_E_STATE,
      'sgcws: no thread manager installed. Add the unit cthreads as the FIRST unit of the program''s ' +
      'uses clause ({$IFDEF UNIX}cthreads,{$ENDIF}); the sgcws library calls back from its own threads.');
{$ENDIF}{$ENDIF}
  { FPC makes string reference counts atomic only when IsMultiThread is set. }
  IsMultiThread := True;
end;

function LibOpen(const P: string): TSgcLibHandle;
begin
{$IFDEF FPC}
  Result := LoadLibrary(P);
{$ELSE}
  {$IFDEF MSWINDOWS}
  Result := SafeLoadLibrary(PChar(P));
  {$ELSE}
  Result := LoadLibrary(PChar(P));
  {$ENDIF}
{$ENDIF}
end;

function LibSym(const Name: string): Pointer;
begin
{$IFDEF FPC}
  Result := GetProcedureAddress(GLib, AnsiString(Name));
{$ELSE}
  Result := GetProcAddress(GLib, PChar(Name));
{$ENDIF}
end;

procedure Bind(var F; const Name: string);
begin
  Pointer(F) := LibSym(Name);
  if Pointer(F) = nil then
    raise EsgcLibraryException.CreateCode(SGCWS_E_UNSUPPORTED,
      Format('sgcws: the library "%s" does not export %s (wrong or outdated file?)', [GLoadedPath, Name]));
end;

procedure LoadSgcws(const Path: string);
var
  candidates: array of string;
  tried, p, env: string;
  i: Integer;
  h: TSgcLibHandle;
  oldMask: TFPUExceptionMask;
  abi: Integer;

  procedure Add(const s: string);
  begin
    SetLength(candidates, Length(candidates) + 1);
    candidates[High(candidates)] := s;
  end;

begin
  if GLib <> 0 then
    Exit;
  CheckThreading;
  p := Path;
  if p = '' then
    p := SgcwsLibraryPath;
  if p <> '' then
    Add(p)
  else
  begin
    env := GetEnvironmentVariable('SGCWS_LIBRARY');
    if env <> '' then
      Add(env);
    Add(ExtractFilePath(ParamStr(0)) + SGCWS_LIBNAME);
    Add(SGCWS_LIBNAME);
  end;
  h := 0;
  tried := '';
  { The Go runtime starts while the library loads: keep FPU exceptions masked meanwhile. }
  oldMask := GetExceptionMask;
  SetExceptionMask([exInvalidOp, exDenormalized, exZeroDivide, exOverflow, exUnderflow, exPrecision]);
  try
    for i := 0 to High(candidates) do
    begin
      if (i < High(candidates)) or (p <> '') then
        if (ExtractFilePath(candidates[i]) <> '') and not FileExists(candidates[i]) then
        begin
          tried := tried + sLineBreak + '  ' + candidates[i] + ' (not found)';
          Continue;
        end;
      h := LibOpen(candidates[i]);
      if h <> 0 then
      begin
        GLoadedPath := candidates[i];
        Break;
      end;
      tried := tried + sLineBreak + '  ' + candidates[i] + ' (cannot be loaded)';
    end;
  finally
    SetExceptionMask(oldMask);
  end;
  if h = 0 then
    raise EsgcLibraryException.CreateCode(SGCWS_E_UNSUPPORTED,
      'sgcws: cannot load the sgcws library ' + SGCWS_LIBNAME + '; tried:' + tried + sLineBreak +
      'Set SgcwsLibraryPath (unit sgcWebSocket_Lib) or the SGCWS_LIBRARY environment variable, or put the ' +
      'library next to the executable.');
  GLib := h; { never unloaded: a Go runtime cannot be unloaded }
  try
    Bind(sgcws_abi_version_func, 'sgcws_abi_version');
    abi := sgcws_abi_version_func();
    if abi <> SGCWS_ABI_VERSION then
      raise EsgcLibraryException.CreateCode(SGCWS_E_UNSUPPORTED,
        Format('sgcws: the library "%s" has ABI version %d but these units need ABI version %d',
          [GLoadedPath, abi, SGCWS_ABI_VERSION]));
    Bind(sgcws_errstr, 'sgcws_errstr');
    Bind(sgcws_errmsg, 'sgcws_errmsg');
    Bind(sgcws_version, 'sgcws_version');
    Bind(sgcws_shutdown, 'sgcws_shutdown');
    Bind(sgcws_stats, 'sgcws_stats');
    Bind(sgcws_create, 'sgcws_create');
    Bind(sgcws_destroy, 'sgcws_destroy');
    Bind(sgcws_kind, 'sgcws_kind');
    Bind(sgcws_set_bool, 'sgcws_set_bool');
    Bind(sgcws_set_int, 'sgcws_set_int');
    Bind(sgcws_set_str, 'sgcws_set_str');
    Bind(sgcws_get_bool, 'sgcws_get_bool');
    Bind(sgcws_get_int, 'sgcws_get_int');
    Bind(sgcws_get_str, 'sgcws_get_str');
    Bind(sgcws_properties, 'sgcws_properties');
    Bind(sgcws_connect, 'sgcws_connect');
    Bind(sgcws_disconnect_wait, 'sgcws_disconnect_wait');
    Bind(sgcws_start, 'sgcws_start');
    Bind(sgcws_stop, 'sgcws_stop');
    Bind(sgcws_write, 'sgcws_write');
    Bind(sgcws_write_to, 'sgcws_write_to');
    Bind(sgcws_broadcast, 'sgcws_broadcast');
    Bind(sgcws_ping, 'sgcws_ping');
    Bind(sgcws_close, 'sgcws_close');
    Bind(sgcws_drop, 'sgcws_drop');
    Bind(sgcws_subscribe, 'sgcws_subscribe');
    Bind(sgcws_unsubscribe, 'sgcws_unsubscribe');
    Bind(sgcws_subscribed, 'sgcws_subscribed');
    Bind(sgcws_connections, 'sgcws_connections');
    Bind(sgcws_find_connection, 'sgcws_find_connection');
    Bind(sgcws_set_data, 'sgcws_set_data');
    Bind(sgcws_get_data, 'sgcws_get_data');
    Bind(sgcws_set_callback, 'sgcws_set_callback');
    Bind(sgcws_set_wake, 'sgcws_set_wake');
    Bind(sgcws_poll, 'sgcws_poll');
    Bind(sgcws_release, 'sgcws_release');
    Bind(sgcws_done, 'sgcws_done');
    Bind(sgcws_waitable, 'sgcws_waitable');
    Bind(sgcws_detach, 'sgcws_detach');
    Bind(sgcws_invoke, 'sgcws_invoke');
    Bind(sgcws_args, 'sgcws_args');
    Bind(sgcws_describe, 'sgcws_describe');
  except
    GLib := 0; { stays mapped; a later LoadSgcws may try another file }
    raise;
  end;
end;

function SgcErrorText(R: Integer): string;
var
  p: PAnsiChar;
begin
  Result := '';
  if GLib = 0 then
    Exit('sgcws error ' + IntToStr(R));
  p := sgcws_errmsg();
  if (p <> nil) and (p^ <> #0) then
    Result := SgcFromUTF8(p, StrLen(p))
  else
  begin
    p := sgcws_errstr(R);
    if p <> nil then
      Result := SgcFromUTF8(p, StrLen(p));
  end;
  if Result = '' then
    Result := 'sgcws error ' + IntToStr(R);
end;

procedure SgcCheck(R: Integer; const Context: string);
var
  msg: string;
begin
  if R = SGCWS_OK then
    Exit;
  msg := SgcErrorText(R);
  if Context <> '' then
    msg := Context + ': ' + msg;
  raise EsgcWebSocketException.CreateCode(R, msg);
end;

function SgcToUTF8(const S: string): RawByteString;
{$IFNDEF UNICODE}
var
  cp: TSystemCodePage;
{$ENDIF}
begin
{$IFDEF UNICODE}
  Result := UTF8Encode(S);
{$ELSE}
  { FPC, string = AnsiString. Lazarus and Free Pascal on Unix use UTF-8 in AnsiStrings, so a string in
    CP_UTF8, CP_NONE or the default code page while that is UTF-8 or unresolved (0: no widestring
    manager, the usual console program) passes as is. A string in an explicit other code page
    (e.g. 1252 in a Windows console program) is converted. }
  cp := StringCodePage(S);
  if cp = CP_ACP then
    cp := DefaultSystemCodePage;
  if (S = '') or (cp = CP_UTF8) or (cp = CP_NONE) or (cp = 0) then
    Result := S
  else
    Result := UTF8Encode(UnicodeString(S));
  if Result <> '' then
    SetCodePage(Result, CP_UTF8, False);
{$ENDIF}
end;

function SgcFromUTF8(P: PAnsiChar; Len: Integer): string;
{$IFDEF UNICODE}
var
  raw: RawByteString;
{$ENDIF}
begin
  if (P = nil) or (Len <= 0) then
    Exit('');
{$IFDEF UNICODE}
  SetString(raw, P, Len);
  SetCodePage(raw, CP_UTF8, False);
  Result := UTF8ToString(raw);
{$ELSE}
  SetString(Result, P, Len);
  SetCodePage(RawByteString(Result), CP_UTF8, False);
{$ENDIF}
end;

function SgcZ(const S: string): RawByteString;
begin
  Result := SgcToUTF8(S);
  { a RawByteString is always NUL-terminated; '' gives a pointer to #0 through PAnsiChar() below }
end;

function ZPtr(const S: RawByteString): PAnsiChar; inline;
begin
  if S = '' then
    Result := ''
  else
    Result := PAnsiChar(S);
end;

procedure SgcSetBool(H: TsgcwsHandle; const Name: string; Value: Boolean);
begin
  SgcCheck(sgcws_set_bool(H, ZPtr(SgcZ(Name)), Ord(Value)));
end;

procedure SgcSetInt(H: TsgcwsHandle; const Name: string; Value: Int64);
begin
  SgcCheck(sgcws_set_int(H, ZPtr(SgcZ(Name)), Value));
end;

procedure SgcSetRaw(H: TsgcwsHandle; const Name: string; const Value: RawByteString);
begin
  SgcCheck(sgcws_set_str(H, ZPtr(SgcZ(Name)), ZPtr(Value), Length(Value)));
end;

procedure SgcSetStr(H: TsgcwsHandle; const Name: string; const Value: string);
begin
  SgcSetRaw(H, Name, SgcToUTF8(Value));
end;

function SgcGetBool(H: TsgcwsHandle; const Name: string): Boolean;
var
  v: Int32;
begin
  v := 0;
  SgcCheck(sgcws_get_bool(H, ZPtr(SgcZ(Name)), v));
  Result := v <> 0;
end;

function SgcGetInt(H: TsgcwsHandle; const Name: string): Int64;
begin
  Result := 0;
  SgcCheck(sgcws_get_int(H, ZPtr(SgcZ(Name)), Result));
end;

function TryGetRaw(H: TsgcwsHandle; const Name: string; out Value: RawByteString; out R: Integer): Boolean;
var
  buf: array[0..511] of AnsiChar;
  n: Int32;
  z: RawByteString;
begin
  Value := '';
  z := SgcZ(Name);
  n := 0;
  R := sgcws_get_str(H, ZPtr(z), @buf[0], SizeOf(buf), n);
  if R = SGCWS_OK then
    SetString(Value, PAnsiChar(@buf[0]), n)
  else
    while R = SGCWS_E_BUFFER do
    begin
      SetLength(Value, n + 1);
      R := sgcws_get_str(H, ZPtr(z), PAnsiChar(Value), n + 1, n);
      if R = SGCWS_OK then
        SetLength(Value, n);
    end;
  if R <> SGCWS_OK then
    Value := '';
  Result := R = SGCWS_OK;
end;

function SgcGetRaw(H: TsgcwsHandle; const Name: string): RawByteString;
var
  r: Integer;
begin
  if not TryGetRaw(H, Name, Result, r) then
    SgcCheck(r);
end;

function SgcGetStr(H: TsgcwsHandle; const Name: string): string;
var
  raw: RawByteString;
begin
  raw := SgcGetRaw(H, Name);
  Result := SgcFromUTF8(PAnsiChar(raw), Length(raw));
end;

function SgcTryGetStr(H: TsgcwsHandle; const Name: string; out Value: string): Boolean;
var
  raw: RawByteString;
  r: Integer;
begin
  Result := TryGetRaw(H, Name, raw, r);
  if Result then
    Value := SgcFromUTF8(PAnsiChar(raw), Length(raw))
  else
    Value := '';
end;

type
  TSgcTextCall = function(kind: Int32; buf: PAnsiChar; cap: Int32; out len: Int32): Int32; cdecl;

{ A text the library copies into a buffer: asks for the length, then fetches it. }
function LibText(F: TSgcTextCall; Kind: Integer; const Name: string): string;
var
  raw: RawByteString;
  n: Int32;
  r: Integer;
begin
  n := 0;
  r := F(Kind, nil, 0, n);
  if (r <> SGCWS_OK) and (r <> SGCWS_E_BUFFER) then
    SgcCheck(r, Name);
  SetLength(raw, n + 1);
  SgcCheck(F(Kind, PAnsiChar(raw), n + 1, n), Name);
  SetLength(raw, n);
  Result := SgcFromUTF8(PAnsiChar(raw), Length(raw));
end;

function SgcPropertyList(Kind: Integer): string;
begin
  LoadSgcws;
  Result := LibText(sgcws_properties, Kind, 'sgcws_properties');
end;

function SgcDescribe(Kind: Integer): string;
begin
  LoadSgcws;
  Result := LibText(sgcws_describe, Kind, 'sgcws_describe');
end;

function SgcEventArgs(const E: TsgcwsEvent): TsgcwsHandle;
begin
  if E.struct_size >= SizeOf(TsgcwsEvent) then
    Result := E.args
  else
    Result := 0;
end;

end.
