{ The manual's "QuickStart | WebSockets" (L1585-1640) and "Client Register Protocol" snippets in one
  console program. Changes FPC/console needs: cthreads first; the form becomes a plain class; the
  buttons become calls; ShowMessage writes a line; CheckSynchronize drives neAsynchronous events. }
program quickstart_ws;

{$IFDEF FPC}{$MODE DELPHI}{$ENDIF}
{$APPTYPE CONSOLE}

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  Classes, SysUtils, sgcWebSocket;

type
  TForm1 = class
    TsgcWebSocketServer1: TsgcWebSocketServer;
    TsgcWebSocketClient1: TsgcWebSocketClient;
    Received: string;
    procedure OnMessage(Connection: TsgcWSConnection; const Text: string);
  end;

procedure ShowMessage(const S: string);
begin
  WriteLn(S);
end;

{ the manual, verbatim }
procedure TForm1.OnMessage(Connection: TsgcWSConnection; const Text: string);
begin
    ShowMessage('Message Received From Client: ' + Text);
    Received := Text;
end;

var
  Form1: TForm1;
  Client: TsgcWebSocketClient;
  port: Integer;
  t0: QWord;
  a: string;
begin
  Form1 := TForm1.Create;
  Form1.TsgcWebSocketServer1 := TsgcWebSocketServer.Create(nil);
  Form1.TsgcWebSocketServer1.Port := 0; { a free port (the manual leaves the default) }
  Form1.TsgcWebSocketServer1.Bindings.Add('127.0.0.1:0');
  Form1.TsgcWebSocketServer1.OnMessage := Form1.OnMessage;
  Form1.TsgcWebSocketServer1.Protocols.Add('myprotocol');
  { Button: }
  Form1.TsgcWebSocketServer1.Active := True;
  a := Trim(Form1.TsgcWebSocketServer1.ListenAddresses.Text);
  port := StrToInt(Copy(a, LastDelimiter(':', a) + 1, 9));

  Form1.TsgcWebSocketClient1 := TsgcWebSocketClient.Create(nil);
  Form1.TsgcWebSocketClient1.Host := '127.0.0.1';
  Form1.TsgcWebSocketClient1.Port := port;
  { Button1: }
  Form1.TsgcWebSocketClient1.Active := True;
  t0 := GetTickCount64;
  while not Form1.TsgcWebSocketClient1.Connected and (GetTickCount64 - t0 < 5000) do
    CheckSynchronize(5);
  { Button2: }
  Form1.TsgcWebSocketClient1.WriteData('Hello Server From VCL Client');
  t0 := GetTickCount64;
  while (Form1.Received = '') and (GetTickCount64 - t0 < 5000) do
    CheckSynchronize(5);

  { Client Register Protocol, verbatim apart from host/port values }
  Client := TsgcWebSocketClient.Create(nil);
  Client.Host := '127.0.0.1';
  Client.Port := port;
  Client.RegisterProtocol('myprotocol');
  Client.Active := True;
  t0 := GetTickCount64;
  while not Client.Connected and (GetTickCount64 - t0 < 5000) do
    CheckSynchronize(5);
  WriteLn('protocol: ', Client.Protocol);

  if (Form1.Received = 'Hello Server From VCL Client') and (Client.Protocol = 'myprotocol') then
    ExitCode := 0
  else
    ExitCode := 1;
  Client.Free;
  Form1.TsgcWebSocketClient1.Free;
  Form1.TsgcWebSocketServer1.Free;
  Form1.Free;
end.
