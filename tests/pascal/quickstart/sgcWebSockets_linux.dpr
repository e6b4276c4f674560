{ The manual's "QuickStart | WebSockets / Linux Compiler" example (L1660-1686), with FPC's required
  changes only: cthreads first (the manual's own Lazarus note), SysUtils instead of System.SysUtils,
  no resource directive, port from QS_PORT (default 5000, as the manual). The test runs it under `timeout` and expects it to be still serving when killed. }
program sgcWebSockets_linux;

{$APPTYPE CONSOLE}

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  SysUtils, sgcWebSocket;

var
  oServer: TsgcWebSocketServer;

begin
  try
    oServer := TsgcWebSocketServer.Create(nil);
    oServer.Port := StrToIntDef(GetEnvironmentVariable('QS_PORT'), 5000);
    oServer.Active := True;

    while oServer.Active do
      Sleep(10);
  except
    on E: Exception do
      Writeln(E.ClassName, ': ', E.Message);
  end;
end.
