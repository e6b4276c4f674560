{ Small test harness for the Pascal tests: one line per case, a failure count for the exit code. }
unit sgctest;

{$mode objfpc}{$H+}

interface

uses
  Classes, SysUtils, sgcWebSocket;

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

implementation

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

end.
