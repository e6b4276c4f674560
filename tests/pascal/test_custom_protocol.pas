{ The manual's custom sub-protocol (its "Custom Sub-Protocols" example, tests/pascal/custom) through
  the real library, in every NotifyEvents mode: TsgcWSProtocol_Example_Server answers with
  WriteData(aConnection.Guid, ...) and Broadcast, TsgcWSProtocol_Example_Client greets on connect;
  the messages arrive both ways, the server's own OnMessage stays silent for the protocol's
  connection, and both protocols see OnConnect/OnDisconnect with their own connection objects.
  Then the generic runtime: the On* handlers without a subclass, a raising handler reaching
  OnException, a protocol freed inside its own handler, a freed server forgotten by its protocol. }
program test_custom_protocol;

{$mode delphi}{$H+}

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  Classes, SysUtils, sgcWebSocket, sgcWebSocket_Classes, sgcWebSocket_Lib,
  sgcWebSocket_Protocol_Base_Server, sgcWebSocket_Protocol_Base_Client,
  sgcWebSocket_Protocol_Example_Server, sgcWebSocket_Protocol_Example_Client, sgctest;

type
  { What each side saw, recorded around the manual's classes. }
  TLog = class(TTestLog)
  public
    Connects, Disconnects, Messages, ServerMessages, ServerConnects, Exceptions: Integer;
    ConnProtocol: string;
    SameConnObject: Boolean;
    FirstConn: TsgcWSConnection;
    procedure ServerMessage(Connection: TsgcWSConnection; const Text: string);
    procedure ServerConnect(Connection: TsgcWSConnection);
    procedure OnExc(Connection: TsgcWSConnection; E: Exception);
  end;

  TTestServerProtocol = class(TsgcWSProtocol_Example_Server)
  protected
    procedure DoEventConnect(aConnection: TsgcWSConnection); override;
    procedure DoEventMessage(aConnection: TsgcWSConnection; const Text: string); override;
    procedure DoEventDisconnect(aConnection: TsgcWSConnection; Code: Integer); override;
  end;

  TTestClientProtocol = class(TsgcWSProtocol_Example_Client)
  protected
    procedure DoEventConnect(aConnection: TsgcWSConnection); override;
    procedure DoEventMessage(aConnection: TsgcWSConnection; const Text: string); override;
    procedure DoEventDisconnect(aConnection: TsgcWSConnection; Code: Integer); override;
  end;

  { Handlers for the components used without a subclass. }
  THandlers = class
  public
    Got: Integer;
    Text: string;
    FreeMe: TComponent;
    procedure Message(Connection: TsgcWSConnection; const aText: string);
    procedure Raising(Connection: TsgcWSConnection; const aText: string);
    procedure FreeInside(Connection: TsgcWSConnection; const aText: string);
  end;

var
  SrvLog, CliLog: TLog;
  Handlers: THandlers;

procedure TLog.ServerMessage(Connection: TsgcWSConnection; const Text: string);
begin
  InterLockedIncrement(ServerMessages);
end;

procedure TLog.ServerConnect(Connection: TsgcWSConnection);
begin
  InterLockedIncrement(ServerConnects);
end;

procedure TLog.OnExc(Connection: TsgcWSConnection; E: Exception);
begin
  Add('exception:' + E.Message);
  InterLockedIncrement(Exceptions);
end;

procedure TTestServerProtocol.DoEventConnect(aConnection: TsgcWSConnection);
begin
  inherited;
  SrvLog.ConnProtocol := aConnection.Protocol;
  SrvLog.FirstConn := aConnection;
  InterLockedIncrement(SrvLog.Connects);
end;

procedure TTestServerProtocol.DoEventMessage(aConnection: TsgcWSConnection; const Text: string);
begin
  SrvLog.Add(Text);
  SrvLog.SameConnObject := aConnection = SrvLog.FirstConn; { the protocol's own object, kept }
  inherited; { the manual's: WriteData(aConnection.Guid, 'echo:' + Text) and Broadcast }
  InterLockedIncrement(SrvLog.Messages);
end;

procedure TTestServerProtocol.DoEventDisconnect(aConnection: TsgcWSConnection; Code: Integer);
begin
  SrvLog.Add('disconnect:' + aConnection.Guid);
  inherited;
  InterLockedIncrement(SrvLog.Disconnects);
end;

procedure TTestClientProtocol.DoEventConnect(aConnection: TsgcWSConnection);
begin
  inherited; { the manual's: WriteData('hello from MyProtocol') }
  CliLog.ConnProtocol := aConnection.Protocol;
  InterLockedIncrement(CliLog.Connects);
end;

procedure TTestClientProtocol.DoEventMessage(aConnection: TsgcWSConnection; const Text: string);
begin
  CliLog.Add(Text);
  inherited;
  InterLockedIncrement(CliLog.Messages);
end;

procedure TTestClientProtocol.DoEventDisconnect(aConnection: TsgcWSConnection; Code: Integer);
begin
  inherited;
  InterLockedIncrement(CliLog.Disconnects);
end;

procedure THandlers.Message(Connection: TsgcWSConnection; const aText: string);
begin
  Text := aText;
  InterLockedIncrement(Got);
end;

procedure THandlers.Raising(Connection: TsgcWSConnection; const aText: string);
begin
  InterLockedIncrement(Got);
  raise Exception.Create('raised by ' + aText);
end;

procedure THandlers.FreeInside(Connection: TsgcWSConnection; const aText: string);
begin
  FreeAndNil(FreeMe);
  InterLockedIncrement(Got);
end;

var
  oServer: TsgcWebSocketServer;
  oClient: TsgcWebSocketClient;
  oServerProtocol: TTestServerProtocol;
  oClientProtocol: TTestClientProtocol;

{ The manual's "Implementation" snippet (oServer for its oClient typo; globals so the test keeps
  the objects). }
procedure InitializeClient;
begin
  oClient := TsgcWebSocketClient.Create(nil);
  oClientProtocol := TTestClientProtocol.Create(nil);
  oClientProtocol.Client := oClient;
end;

procedure InitializeServer;
begin
  oServer := TsgcWebSocketServer.Create(nil);
  oServerProtocol := TTestServerProtocol.Create(nil);
  oServerProtocol.Server := oServer;
end;

function StartServer(S: TsgcWebSocketServer): Integer;
begin
  S.Bindings.Text := '127.0.0.1:0';
  S.Active := True;
  Result := ServerPort(S);
end;

procedure ManualExample(Mode: TwsNotifyEvent);
var
  m: string;
  port: Integer;
begin
  m := 'manual example ' + NotifyName(Mode) + ': ';
  SrvLog := TLog.Create;
  CliLog := TLog.Create;
  InitializeServer;
  InitializeClient;
  try
    oServer.NotifyEvents := Mode;
    oServerProtocol.NotifyEvents := Mode;
    oClient.NotifyEvents := Mode;
    oClientProtocol.NotifyEvents := Mode;
    oServer.OnMessage := SrvLog.ServerMessage;
    oServer.OnConnect := SrvLog.ServerConnect;
    port := StartServer(oServer);
    Check(port > 0, m + 'server listens');
    Check(oServerProtocol.Protocol = 'MyProtocol', m + 'FProtocol set in the constructor is the Protocol');
    oClient.URL := Format('ws://127.0.0.1:%d/', [port]);
    oClient.Active := True;
    Check(WaitUntil(CliLog.Messages, 2, 10000), m + 'client protocol got the answer and the broadcast',
      CliLog.Text);
    Check(WaitUntil(SrvLog.Messages, 2, 10000), m + 'server protocol got both messages', SrvLog.Text);
    Check(SrvLog.Has('hello from MyProtocol') and SrvLog.Has('thanks'), m + 'server DoEventMessage texts',
      SrvLog.Text);
    Check(CliLog.Has('echo:hello from MyProtocol') and CliLog.Has('all:hello from MyProtocol'),
      m + 'WriteData(aConnection.Guid, ...) and Broadcast reached the client', CliLog.Text);
    Check(WaitUntil(CliLog.Messages, 4, 10000) and CliLog.Has('echo:thanks'), m + 'and again',
      CliLog.Text);
    Check((SrvLog.Connects = 1) and (CliLog.Connects = 1), m + 'DoEventConnect on both protocols');
    Check((SrvLog.ConnProtocol = 'MyProtocol') and (CliLog.ConnProtocol = 'MyProtocol'),
      m + 'the connection negotiated MyProtocol', SrvLog.ConnProtocol + '/' + CliLog.ConnProtocol);
    Check(oClient.Protocol = 'MyProtocol', m + 'client Protocol');
    Check(SrvLog.SameConnObject, m + 'the protocol keeps one connection object per connection');
    Check(WaitUntil(SrvLog.ServerConnects, 1, 5000), m + 'the server''s own OnConnect fires too');
    Pump(50);
    Check(SrvLog.ServerMessages = 0, m + 'the server''s own OnMessage stays silent',
      IntToStr(SrvLog.ServerMessages));
    oClient.Active := False;
    Check(WaitUntil(SrvLog.Disconnects, 1, 10000), m + 'DoEventDisconnect on the server protocol');
    Check(WaitUntil(CliLog.Disconnects, 1, 10000), m + 'DoEventDisconnect on the client protocol');
  finally
    oClientProtocol.Free;
    oClient.Free;
    oServerProtocol.Free;
    oServer.Free;
    SrvLog.Free;
    CliLog.Free;
  end;
end;

{ The base classes with On* handlers only, a raising handler and a protocol freed in its handler. }
procedure Runtime(Mode: TwsNotifyEvent);
var
  m: string;
  srv: TsgcWebSocketServer;
  cli: TsgcWebSocketClient;
  sp: TsgcWSProtocol_Server_Base;
  cp: TsgcWSProtocol_Client_Base;
  log: TLog;
begin
  m := 'runtime ' + NotifyName(Mode) + ': ';
  log := TLog.Create;
  srv := TsgcWebSocketServer.Create(nil);
  sp := TsgcWSProtocol_Server_Base.Create(nil);
  cli := TsgcWebSocketClient.Create(nil);
  cp := TsgcWSProtocol_Client_Base.Create(nil);
  try
    srv.NotifyEvents := Mode;
    sp.NotifyEvents := Mode;
    cli.NotifyEvents := Mode;
    cp.NotifyEvents := Mode;
    sp.Protocol := 'plain.proto';
    cp.Protocol := 'plain.proto';
    sp.Server := srv;
    cp.Client := cli;
    Check(sp.Server = srv, m + 'Server holds the component');
    sp.OnMessage := Handlers.Raising;
    sp.OnException := log.OnExc;
    cp.OnMessage := Handlers.Message;
    cp.OnConnect := log.ServerConnect; { the protocol's own OnConnect, without a subclass }
    cli.URL := Format('ws://127.0.0.1:%d/', [StartServer(srv)]);
    Handlers.Got := 0;
    cli.Active := True;
    Check(WaitUntilConnected(cli) and WaitUntil(log.ServerConnects, 1, 10000), m + 'OnConnect handler on the protocol');
    cp.WriteData('one');
    Check(WaitUntil(log.Exceptions, 1, 10000) and log.Has('exception:raised by one'),
      m + 'an exception in a handler reaches OnException', log.Text);
    sp.OnMessage := nil;
    sp.Broadcast('to all');
    Check(WaitUntil(Handlers.Got, 2, 10000) and (Handlers.Text = 'to all'), m + 'OnMessage handler without a subclass',
      Handlers.Text);
    { freeing the protocol inside its own handler }
    Handlers.FreeMe := cp;
    cp.OnMessage := Handlers.FreeInside;
    sp.Broadcast('free yourself');
    Check(WaitUntil(Handlers.Got, 3, 10000) and (Handlers.FreeMe = nil), m + 'protocol freed inside its own OnMessage');
    cp := nil;
    Pump(50);
    { freeing the server: its protocol forgets it }
    cli.Active := False;
    FreeAndNil(srv);
    Check(sp.Server = nil, m + 'a freed server is forgotten by its protocol');
  finally
    cp.Free;
    cli.Free;
    sp.Free;
    srv.Free;
    log.Free;
  end;
end;

begin
  Handlers := THandlers.Create;
  RunInEveryMode([ManualExample, Runtime]);
  Handlers.Free;
  ExitCode := FinishTests;
end.
