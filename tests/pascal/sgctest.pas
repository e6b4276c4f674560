{ Small test harness for the Pascal tests: one line per case, a failure count for the exit code. }
unit sgctest;

{$mode objfpc}{$H+}

interface

uses
  Classes, SysUtils, SyncObjs, sgcWebSocket, sgcWebSocket_Types, sgcWebSocket_Lib;

type
  { What handlers saw, one line each; thread-safe (neNoSync handlers run on library threads). }
  TTestLog = class
  private
    FLock: TCriticalSection;
    FLines: TStringList;
  public
    constructor Create;
    destructor Destroy; override;
    procedure Add(const S: string);
    function Has(const S: string): Boolean;
    { The lines that start with Prefix. }
    function Count(const Prefix: string): Integer;
    function Text: string;
    { Runs queued events (CheckSynchronize) until the line S is there, or Ms pass. }
    function WaitFor(const S: string; Ms: Integer = 10000): Boolean;
  end;

  TModeTest = procedure(Mode: TwsNotifyEvent);

var
  Failures: Integer = 0;
  Passes: Integer = 0;

procedure Check(Cond: Boolean; const CaseName: string; const Detail: string = '');
{ Runs CheckSynchronize (queued events) for Ms milliseconds. }
procedure Pump(Ms: Integer);
function Elapsed(T0: QWord): QWord;
procedure Note(const S: string);
function FinishTests: Integer;
{ Runs queued events (CheckSynchronize) until Counter reaches Target or Ms pass; True if it did. }
function WaitUntil(var Counter: Integer; Target, Ms: Integer): Boolean;
{ The port of a server's first listener (its Bindings may ask for port 0). }
function ServerPort(S: TsgcWebSocketServer_Base): Integer;
function NotifyName(Mode: TwsNotifyEvent): string;
{ Runs queued events until C is connected (10 s at most). }
function WaitUntilConnected(C: TsgcWebSocketClient): Boolean;
{ Runs each test in every NotifyEvents mode, then checks that the library holds no handle any more
  (the tests free what they made); an exception is a failure. }
procedure RunInEveryMode(const Tests: array of TModeTest);

implementation

constructor TTestLog.Create;
begin
  FLock := TCriticalSection.Create;
  FLines := TStringList.Create;
end;

destructor TTestLog.Destroy;
begin
  FLines.Free;
  FLock.Free;
  inherited;
end;

procedure TTestLog.Add(const S: string);
begin
  FLock.Enter;
  try
    FLines.Add(S);
  finally
    FLock.Leave;
  end;
end;

function TTestLog.Has(const S: string): Boolean;
begin
  FLock.Enter;
  try
    Result := FLines.IndexOf(S) >= 0;
  finally
    FLock.Leave;
  end;
end;

function TTestLog.Count(const Prefix: string): Integer;
var
  i: Integer;
begin
  Result := 0;
  FLock.Enter;
  try
    for i := 0 to FLines.Count - 1 do
      if Copy(FLines[i], 1, Length(Prefix)) = Prefix then
        Inc(Result);
  finally
    FLock.Leave;
  end;
end;

function TTestLog.Text: string;
begin
  FLock.Enter;
  try
    Result := FLines.CommaText;
  finally
    FLock.Leave;
  end;
end;

function TTestLog.WaitFor(const S: string; Ms: Integer): Boolean;
var
  t0: QWord;
begin
  t0 := GetTickCount64;
  while not Has(S) and (Elapsed(t0) < QWord(Ms)) do
    CheckSynchronize(5);
  Result := Has(S);
end;

function NotifyName(Mode: TwsNotifyEvent): string;
const
  Names: array[TwsNotifyEvent] of string = ('neAsynchronous', 'neSynchronous', 'neNoSync');
begin
  Result := Names[Mode];
end;

function WaitUntilConnected(C: TsgcWebSocketClient): Boolean;
var
  t0: QWord;
begin
  t0 := GetTickCount64;
  while not C.Connected and (Elapsed(t0) < 10000) do
    CheckSynchronize(5);
  Result := C.Connected;
end;

procedure Check(Cond: Boolean; const CaseName: string; const Detail: string);
begin
  if Cond then
  begin
    Inc(Passes);
    WriteLn('ok   ', CaseName);
  end
  else
  begin
    Inc(Failures);
    if Detail <> '' then
      WriteLn('FAIL ', CaseName, ' -- ', Detail)
    else
      WriteLn('FAIL ', CaseName);
  end;
  Flush(Output);
end;

procedure Pump(Ms: Integer);
var
  t0: QWord;
begin
  t0 := GetTickCount64;
  repeat
    CheckSynchronize(5);
  until GetTickCount64 - t0 >= QWord(Ms);
end;

function Elapsed(T0: QWord): QWord;
begin
  Result := GetTickCount64 - T0;
end;

procedure Note(const S: string);
begin
  WriteLn('     ', S);
  Flush(Output);
end;

function FinishTests: Integer;
begin
  WriteLn(Format('%d passed, %d failed', [Passes, Failures]));
  Flush(Output);
  if Failures > 0 then
    Result := 1
  else
    Result := 0;
end;

function WaitUntil(var Counter: Integer; Target, Ms: Integer): Boolean;
var
  t0: QWord;
begin
  t0 := GetTickCount64;
  while (Counter < Target) and (Elapsed(t0) < QWord(Ms)) do
    CheckSynchronize(5);
  Result := Counter >= Target;
end;

function ServerPort(S: TsgcWebSocketServer_Base): Integer;
var
  a: string;
begin
  a := S.ListenAddresses.Text;
  a := Trim(a);
  if Pos(#10, a) > 0 then
    a := Copy(a, 1, Pos(#10, a) - 1);
  Result := StrToIntDef(Trim(Copy(a, LastDelimiter(':', a) + 1, 10)), 0);
end;

procedure RunInEveryMode(const Tests: array of TModeTest);
var
  mode: TwsNotifyEvent;
  i: Integer;
  handles: Int64;
begin
  try
    for i := 0 to High(Tests) do
      for mode := Low(TwsNotifyEvent) to High(TwsNotifyEvent) do
        Tests[i](mode);
    Pump(100);
    handles := -1;
    sgcws_stats(@handles, nil);
    Check(handles = 0, 'no handle left after freeing everything', IntToStr(handles));
  except
    on E: Exception do
      Check(False, 'unexpected exception', E.ClassName + ': ' + E.Message);
  end;
end;

end.
