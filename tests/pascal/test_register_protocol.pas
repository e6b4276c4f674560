{ The manual's RegisterProtocol with a protocol component ("Protocols can be registered at runtime,
  just call Method RegisterProtocol and pass protocol component as a parameter"): on the server and
  on the client it attaches the protocol as its Server/Client property would, and a message then
  goes both ways through the registered protocols. A component without such a property is refused
  with EsgcWebSocketException. }
program test_register_protocol;

{$mode delphi}{$H+}

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  Classes, SysUtils, sgcWebSocket, sgcWebSocket_Classes, sgcWebSocket_Lib, sgcWebSocket_Types,
  sgcWebSocket_Protocol_Base_Server, sgcWebSocket_Protocol_Base_Client, sgctest;

type
  THandlers = class
  public
    Log: TTestLog;
    Server: TsgcWSProtocol_Server_Base;
    procedure ServerMessage(Connection: TsgcWSConnection; const Text: string);
    procedure ClientMessage(Connection: TsgcWSConnection; const Text: string);
  end;

procedure THandlers.ServerMessage(Connection: TsgcWSConnection; const Text: string);
begin
  Log.Add('server got ' + Text);
  Server.WriteData(Connection.Guid, 'echo ' + Text);
end;

procedure THandlers.ClientMessage(Connection: TsgcWSConnection; const Text: string);
begin
  Log.Add('client got ' + Text);
end;

procedure Run(Mode: TwsNotifyEvent);
var
  srv: TsgcWebSocketServer;
  cli: TsgcWebSocketClient;
  sp: TsgcWSProtocol_Server_Base;
  cp: TsgcWSProtocol_Client_Base;
  h: THandlers;
  m: string;
  refused: Boolean;
begin
  m := NotifyName(Mode) + ': ';
  h := THandlers.Create;
  h.Log := TTestLog.Create;
  srv := TsgcWebSocketServer.Create(nil);
  sp := TsgcWSProtocol_Server_Base.Create(nil);
  cli := TsgcWebSocketClient.Create(nil);
  cp := TsgcWSProtocol_Client_Base.Create(nil);
  try
    h.Server := sp;
    sp.NotifyEvents := Mode;
    cp.NotifyEvents := Mode;
    sp.Protocol := 'registered.test';
    cp.Protocol := 'registered.test';
    sp.OnMessage := h.ServerMessage;
    cp.OnMessage := h.ClientMessage;
    srv.RegisterProtocol(sp);
    Check(sp.Server = srv, m + 'server RegisterProtocol attaches');
    cli.RegisterProtocol(cp);
    Check(cp.Client = cli, m + 'client RegisterProtocol attaches');
    srv.Bindings.Text := '127.0.0.1:0';
    srv.Active := True;
    cli.URL := Format('ws://127.0.0.1:%d/', [ServerPort(srv)]);
    cli.Active := True;
    Check(WaitUntilConnected(cli), m + 'connected');
    Check(cli.Protocol = 'registered.test', m + 'negotiated the registered protocol', cli.Protocol);
    cp.WriteData('hi');
    Check(h.Log.WaitFor('client got echo hi'), m + 'round trip through the registered protocols', h.Log.Text);
    refused := False;
    try
      srv.RegisterProtocol(cli);
    except
      on E: EsgcWebSocketException do refused := True;
    end;
    Check(refused, m + 'a component without a Server property is refused');
  finally
    cli.Free;
    cp.Free;
    sp.Free;
    srv.Free;
    h.Log.Free;
    h.Free;
  end;
end;

begin
  RunInEveryMode([Run]);
  Halt(FinishTests);
end.
