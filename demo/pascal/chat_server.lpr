{ chat_server - the manual's "Server Chat" demo on the sgcws Pascal units.

    chat_server [PORT] [--any]     (PORT also from $SGCWS_DEMO_PORT; default 8080; 0 = any free port)

  A TsgcWebSocketHTTPServer serves the page in demo/www (DocumentRoot, override with $SGCWS_DEMO_WWW)
  and, on the same port, broadcasts every text message it receives to every connected client. Events
  are neAsynchronous: the console main loop drives them with CheckSynchronize (an LCL/VCL program
  would need nothing). Binds 127.0.0.1 unless --any is given. The library comes from $SGCWS_LIBRARY,
  else $SGCWS_LIB (as the C demo), else the units' default search. Ctrl-C / SIGTERM stop it cleanly.
  The conventions (arguments, variables, printed lines) are those of demo/chat_server.c. }
program chat_server;

{$mode objfpc}{$H+}

uses
  {$IFDEF UNIX}cthreads, BaseUnix,{$ENDIF}
  Classes, SysUtils, sgcWebSocket, sgcWebSocket_Lib;

type
  TChat = class
    Server: TsgcWebSocketHTTPServer;
    procedure Joined(Connection: TsgcWSConnection);
    procedure Left(Connection: TsgcWSConnection; Code: Integer);
    procedure Message(Connection: TsgcWSConnection; const Text: string);
  end;

var
  Stop: Boolean = False;

procedure Say(const S: string);
begin
  WriteLn(S);
  Flush(Output);
end;

procedure TChat.Joined(Connection: TsgcWSConnection);
begin
  Say(Format('a client joined (%d connected)', [Server.Count]));
end;

procedure TChat.Left(Connection: TsgcWSConnection; Code: Integer);
begin
  Say(Format('a client left (%d connected)', [Server.Count]));
end;

procedure TChat.Message(Connection: TsgcWSConnection; const Text: string);
begin
  Server.Broadcast(Text);
end;

{$IFDEF UNIX}
procedure OnSignal(Sig: cint); cdecl;
begin
  Stop := True;
end;
{$ENDIF}

var
  Chat: TChat;
  port, i: Integer;
  any: Boolean;
  www, a: string;
begin
  port := StrToIntDef(GetEnvironmentVariable('SGCWS_DEMO_PORT'), 8080);
  any := False;
  for i := 1 to ParamCount do
    if ParamStr(i) = '--any' then
      any := True
    else if (ParamStr(i) <> '') and (ParamStr(i)[1] in ['0'..'9']) then
      port := StrToIntDef(ParamStr(i), port)
    else
    begin
      WriteLn(StdErr, 'usage: ', ParamStr(0), ' [PORT] [--any]');
      Halt(2);
    end;
  www := GetEnvironmentVariable('SGCWS_DEMO_WWW');
  if www = '' then
    www := 'demo/www';
  www := ExcludeTrailingPathDelimiter(ExpandFileName(www));
  if not DirectoryExists(www) then
  begin
    WriteLn(StdErr, 'chat_server: no document root (set SGCWS_DEMO_WWW)');
    Halt(1);
  end;
  if (GetEnvironmentVariable('SGCWS_LIBRARY') = '') and (GetEnvironmentVariable('SGCWS_LIB') <> '') then
    SgcwsLibraryPath := GetEnvironmentVariable('SGCWS_LIB');

  Chat := TChat.Create;
  try
    Chat.Server := TsgcWebSocketHTTPServer.Create(nil);
    Chat.Server.NotifyEvents := neAsynchronous;
    Chat.Server.DocumentRoot := www;
    if any then
      Chat.Server.Port := port
    else
      Chat.Server.Bindings.Add('127.0.0.1:' + IntToStr(port));
    Chat.Server.OnConnect := @Chat.Joined;
    Chat.Server.OnDisconnect := @Chat.Left;
    Chat.Server.OnMessage := @Chat.Message;
    Chat.Server.Active := True;
    a := Trim(Chat.Server.ListenAddresses.Text);
    if Pos(LineEnding, a) > 0 then
      a := Copy(a, 1, Pos(LineEnding, a) - 1);
    Say('sgcws chat demo: open http://127.0.0.1:' + Copy(a, LastDelimiter(':', a) + 1, 9) + '/');
  except
    on E: Exception do
    begin
      WriteLn(StdErr, 'chat_server: ', E.Message);
      Halt(1);
    end;
  end;

  {$IFDEF UNIX}
  fpSignal(SIGINT, @OnSignal);
  fpSignal(SIGTERM, @OnSignal);
  {$ENDIF}
  while not Stop do
    CheckSynchronize(100);   { runs the queued (neAsynchronous) event deliveries on this thread }

  Say('sgcws chat demo: stopping');
  Chat.Server.Free;
  Chat.Free;
  if Assigned(sgcws_shutdown) then sgcws_shutdown();
end.
