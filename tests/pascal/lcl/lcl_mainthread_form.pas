{ The form of lcl_mainthread (created in code, no .lfm). See lcl_mainthread.lpr. }
unit lcl_mainthread_form;

{$mode objfpc}{$H+}

interface

uses
  Classes, SysUtils, Forms, ExtCtrls, sgcWebSocket;

const
  MESSAGES = 200;       { client -> server, each echoed back }
  GUARD_MS = 20000;

type
  TMainForm = class(TForm)
  private
    FServer: TsgcWebSocketServer;
    FClient: TsgcWebSocketClient;
    FGuard: TTimer;
    FCalls, FOffThread: Integer;   { handler calls, of which not on the main thread }
    FSrvConnects, FSrvMsgs, FSrvDisconnects: Integer;
    FCliConnects, FCliMsgs, FCliDisconnects, FOrderErrors: Integer;
    FFinished: Boolean;
    procedure OnMain(const Where: string);
    procedure Finish(Code: Integer; const Why: string);
    procedure CheckDone;
    procedure GuardTimer(Sender: TObject);
    procedure SrvConnect(Connection: TsgcWSConnection);
    procedure SrvMessage(Connection: TsgcWSConnection; const AText: string);
    procedure SrvDisconnect(Connection: TsgcWSConnection; Code: Integer);
    procedure CliConnect(Connection: TsgcWSConnection);
    procedure CliMessage(Connection: TsgcWSConnection; const AText: string);
    procedure CliDisconnect(Connection: TsgcWSConnection; Code: Integer);
    procedure AnyError(Connection: TsgcWSConnection; const Error: string);
    procedure AnyException(Connection: TsgcWSConnection; E: Exception);
  public
    constructor CreateNew(AOwner: TComponent; Num: Integer = 0); override;
  end;

var
  MainForm: TMainForm;

implementation

procedure Say(const S: string);
begin
  WriteLn(S);
  Flush(Output);
end;

constructor TMainForm.CreateNew(AOwner: TComponent; Num: Integer);
var
  a: string;
begin
  inherited CreateNew(AOwner, Num);
  Caption := 'sgcws LCL main-thread test';
  FGuard := TTimer.Create(Self);
  FGuard.Interval := GUARD_MS;
  FGuard.OnTimer := @GuardTimer;
  FGuard.Enabled := True;

  FServer := TsgcWebSocketServer.Create(Self);       { NotifyEvents left at its default }
  if FServer.NotifyEvents <> neAsynchronous then
    Say('FAIL server NotifyEvents is not neAsynchronous by default');
  FServer.Bindings.Add('127.0.0.1:0');
  FServer.OnConnect := @SrvConnect;
  FServer.OnMessage := @SrvMessage;
  FServer.OnDisconnect := @SrvDisconnect;
  FServer.OnError := @AnyError;
  FServer.OnException := @AnyException;
  FServer.Active := True;
  a := Trim(FServer.ListenAddresses.Text);

  FClient := TsgcWebSocketClient.Create(Self);
  FClient.Host := '127.0.0.1';
  FClient.Port := StrToInt(Copy(a, LastDelimiter(':', a) + 1, 9));
  FClient.OnConnect := @CliConnect;
  FClient.OnMessage := @CliMessage;
  FClient.OnDisconnect := @CliDisconnect;
  FClient.OnError := @AnyError;
  FClient.OnException := @AnyException;
  FClient.Active := True;   { the rest happens in the handlers, driven by the LCL main loop }
end;

procedure TMainForm.OnMain(const Where: string);
begin
  Inc(FCalls);
  if GetCurrentThreadID <> MainThreadID then
  begin
    Inc(FOffThread);
    Say('FAIL ' + Where + ' ran off the main thread');
  end;
end;

procedure TMainForm.Finish(Code: Integer; const Why: string);
begin
  if FFinished then
    Exit;
  FFinished := True;
  FGuard.Enabled := False;
  Say(Why);
  ExitCode := Code;
  Application.Terminate;
end;

procedure TMainForm.CheckDone;
begin
  if (FCliDisconnects = 0) or (FSrvDisconnects = 0) then
    Exit;
  if (FOffThread = 0) and (FSrvConnects = 1) and (FCliConnects = 1) and (FSrvMsgs = MESSAGES) and
    (FCliMsgs = MESSAGES) and (FOrderErrors = 0) then
    Finish(0, Format('ok %d handler calls, all on the LCL main thread: %d messages each way, ' +
      'connect and disconnect on both sides', [FCalls, MESSAGES]))
  else
    Finish(1, Format('FAIL calls %d off-thread %d srv connect/msgs/disc %d/%d/%d cli %d/%d/%d order errors %d',
      [FCalls, FOffThread, FSrvConnects, FSrvMsgs, FSrvDisconnects, FCliConnects, FCliMsgs,
       FCliDisconnects, FOrderErrors]));
end;

procedure TMainForm.GuardTimer(Sender: TObject);
begin
  OnMain('TTimer');
  Finish(2, Format('FAIL guard: not done after %d ms (srv connect/msgs/disc %d/%d/%d, cli %d/%d/%d)',
    [GUARD_MS, FSrvConnects, FSrvMsgs, FSrvDisconnects, FCliConnects, FCliMsgs, FCliDisconnects]));
end;

procedure TMainForm.SrvConnect(Connection: TsgcWSConnection);
begin
  OnMain('server OnConnect');
  Inc(FSrvConnects);
end;

procedure TMainForm.SrvMessage(Connection: TsgcWSConnection; const AText: string);
begin
  OnMain('server OnMessage');
  Inc(FSrvMsgs);
  Connection.WriteData('echo ' + AText);
end;

procedure TMainForm.SrvDisconnect(Connection: TsgcWSConnection; Code: Integer);
begin
  OnMain('server OnDisconnect');
  Inc(FSrvDisconnects);
  CheckDone;
end;

procedure TMainForm.CliConnect(Connection: TsgcWSConnection);
var
  i: Integer;
begin
  OnMain('client OnConnect');
  Inc(FCliConnects);
  for i := 1 to MESSAGES do
    FClient.WriteData('msg ' + IntToStr(i));
end;

procedure TMainForm.CliMessage(Connection: TsgcWSConnection; const AText: string);
begin
  OnMain('client OnMessage');
  Inc(FCliMsgs);
  if AText <> 'echo msg ' + IntToStr(FCliMsgs) then
    Inc(FOrderErrors);
  if FCliMsgs = MESSAGES then
    FClient.Active := False;  { closes; both OnDisconnect handlers then finish the test }
end;

procedure TMainForm.CliDisconnect(Connection: TsgcWSConnection; Code: Integer);
begin
  OnMain('client OnDisconnect');
  Inc(FCliDisconnects);
  CheckDone;
end;

procedure TMainForm.AnyError(Connection: TsgcWSConnection; const Error: string);
begin
  OnMain('OnError');
  Say('error: ' + Error);
end;

procedure TMainForm.AnyException(Connection: TsgcWSConnection; E: Exception);
begin
  OnMain('OnException');
  Finish(1, 'FAIL exception in a handler: ' + E.Message);
end;

end.
