{ The sgc default protocol (the manual's "Protocol Default" chapter) through the real library, in
  every NotifyEvents mode: a TsgcWebSocketServer with TsgcWSPServer_sgc and two TsgcWebSocketClient
  with TsgcWSPClient_sgc. OnSession gives the server connection's Guid; Subscribe is confirmed by
  OnSubscription on both sides unless the server's OnBeforeSubscription refuses it; Publish reaches
  the subscribers of a matching wildcard (OnEvent) and no one else; an RPC is answered by the
  server's OnRPC with RPCResult or RPCError (OnRPCResult / OnRPCError); Broadcast reaches every
  client (OnMessage). Handlers are methods, as the IDE would make them. }
program test_sgc;

{$mode delphi}{$H+}

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  Classes, SysUtils, sgcWebSocket, sgcWebSocket_Protocols, sgcWebSocket_Classes, sgcWebSocket_Lib,
  sgcWebSocket_Types, sgctest;

type
  { The server side's handlers: the RPC "GetTime" succeeds, any other fails; "secret" is refused. }
  TServerSide = class
  public
    Log: TTestLog;
    Protocol: TsgcWSPServer_sgc;
    procedure Connect(Connection: TsgcWSConnection);
    procedure RPC(Connection: TsgcWSConnection; const ID, Method, Params: string);
    procedure BeforeSubscription(Connection: TsgcWSConnection; const Subscription: string;
      var Accept: Boolean);
    procedure Subscription(Connection: TsgcWSConnection; const Subscription: string);
  end;

  { One client's handlers; its lines start with its name. }
  TClientSide = class
  public
    Name: string;
    Log: TTestLog;
    SessionGuid: string;
    procedure Session(Connection: TsgcWSConnection; Guid: string);
    procedure Subscription(Connection: TsgcWSConnection; const Subscription: string);
    procedure Event(Connection: TsgcWSConnection; const Channel, Text: string);
    procedure RPCResult(Connection: TsgcWSConnection; Id, Result: string);
    procedure RPCError(Connection: TsgcWSConnection; Id: string; ErrorCode: Integer;
      ErrorMessage, ErrorData: string);
    procedure Message(Connection: TsgcWSConnection; const Text: string);
  end;

procedure TServerSide.Connect(Connection: TsgcWSConnection);
begin
  Log.Add('server connect ' + Connection.Guid);
end;

procedure TServerSide.RPC(Connection: TsgcWSConnection; const ID, Method, Params: string);
begin
  if Method = 'GetTime' then
    Protocol.RPCResult(ID, '{"time":"12:00:00"}')
  else
    Protocol.RPCError(ID, -32000, 'it failed', 'on purpose');
end;

procedure TServerSide.BeforeSubscription(Connection: TsgcWSConnection; const Subscription: string;
  var Accept: Boolean);
begin
  Log.Add('server before ' + Subscription);
  if Subscription = 'secret' then
    Accept := False;
end;

procedure TServerSide.Subscription(Connection: TsgcWSConnection; const Subscription: string);
begin
  Log.Add('server subscription ' + Subscription);
end;

procedure TClientSide.Session(Connection: TsgcWSConnection; Guid: string);
begin
  SessionGuid := Guid;
  Log.Add(Name + ' session');
end;

procedure TClientSide.Subscription(Connection: TsgcWSConnection; const Subscription: string);
begin
  Log.Add(Name + ' subscription ' + Subscription);
end;

procedure TClientSide.Event(Connection: TsgcWSConnection; const Channel, Text: string);
begin
  Log.Add(Name + ' event ' + Channel + ' ' + Text);
end;

procedure TClientSide.RPCResult(Connection: TsgcWSConnection; Id, Result: string);
begin
  Log.Add(Name + ' result ' + Id + ' ' + Result);
end;

procedure TClientSide.RPCError(Connection: TsgcWSConnection; Id: string; ErrorCode: Integer;
  ErrorMessage, ErrorData: string);
begin
  Log.Add(Format('%s error %s %d %s/%s', [Name, Id, ErrorCode, ErrorMessage, ErrorData]));
end;

procedure TClientSide.Message(Connection: TsgcWSConnection; const Text: string);
begin
  Log.Add(Name + ' message ' + Text);
end;

procedure RunMode(Mode: TwsNotifyEvent);
var
  m: string;
  log: TTestLog;
  server: TsgcWebSocketServer;
  serverSide: TServerSide;
  sgcServer: TsgcWSPServer_sgc;
  clients: array[0..1] of TsgcWebSocketClient;
  sgcClients: array[0..1] of TsgcWSPClient_sgc;
  sides: array[0..1] of TClientSide;
  i, port: Integer;
begin
  m := 'sgc ' + NotifyName(Mode) + ': ';
  log := TTestLog.Create;
  server := TsgcWebSocketServer.Create(nil);
  sgcServer := TsgcWSPServer_sgc.Create(nil);
  serverSide := TServerSide.Create;
  FillChar(clients, SizeOf(clients), 0);
  FillChar(sgcClients, SizeOf(sgcClients), 0);
  FillChar(sides, SizeOf(sides), 0);
  try
    serverSide.Log := log;
    serverSide.Protocol := sgcServer;
    server.NotifyEvents := Mode;
    sgcServer.NotifyEvents := Mode;
    sgcServer.Server := server;
    sgcServer.OnConnect := serverSide.Connect;
    sgcServer.OnRPC := serverSide.RPC;
    sgcServer.OnBeforeSubscription := serverSide.BeforeSubscription;
    sgcServer.OnSubscription := serverSide.Subscription;
    server.Bindings.Text := '127.0.0.1:0';
    server.Active := True;
    port := ServerPort(server);
    for i := 0 to 1 do
    begin
      sides[i] := TClientSide.Create;
      sides[i].Name := Chr(Ord('A') + i);
      sides[i].Log := log;
      clients[i] := TsgcWebSocketClient.Create(nil);
      sgcClients[i] := TsgcWSPClient_sgc.Create(nil);
      clients[i].NotifyEvents := Mode;
      sgcClients[i].NotifyEvents := Mode;
      sgcClients[i].Client := clients[i];
      sgcClients[i].OnSession := sides[i].Session;
      sgcClients[i].OnSubscription := sides[i].Subscription;
      sgcClients[i].OnEvent := sides[i].Event;
      sgcClients[i].OnRPCResult := sides[i].RPCResult;
      sgcClients[i].OnRPCError := sides[i].RPCError;
      sgcClients[i].OnMessage := sides[i].Message;
      clients[i].URL := Format('ws://127.0.0.1:%d/', [port]);
      clients[i].Active := True;
    end;

    Check(log.WaitFor('A session') and log.WaitFor('B session'), m + 'OnSession on both clients', log.Text);
    Check((sides[0].SessionGuid <> '') and log.WaitFor('server connect ' + sides[0].SessionGuid),
      m + 'the session is the server connection''s Guid', sides[0].SessionGuid);

    sgcClients[0].Subscribe('secret');
    sgcClients[0].Subscribe('news*');
    Check(log.WaitFor('A subscription news*'), m + 'Subscribe: OnSubscription on the client', log.Text);
    Check(log.Has('server before secret') and not log.Has('A subscription secret') and
      not log.Has('server subscription secret'), m + 'OnBeforeSubscription refused "secret"', log.Text);
    Check(log.WaitFor('server subscription news*'), m + 'OnSubscription on the server');

    sgcClients[1].Publish('rain', 'weather');
    sgcClients[1].Publish('goal!', 'news/sport');
    Check(log.WaitFor('A event news/sport goal!'), m + 'Publish to news/sport reaches the news* subscriber',
      log.Text);
    Check((log.Count('A event weather') = 0) and (log.Count('B event') = 0),
      m + 'no OnEvent for a channel no one subscribed', log.Text);

    sgcClients[0].RPC('r1', 'GetTime', '');
    Check(log.WaitFor('A result r1 {"time":"12:00:00"}'), m + 'RPC answered by RPCResult: OnRPCResult', log.Text);
    sgcClients[0].RPC('r2', 'Fail');
    Check(log.WaitFor('A error r2 -32000 it failed/on purpose'), m + 'RPC answered by RPCError: OnRPCError',
      log.Text);

    sgcServer.Broadcast('to everyone');
    Check(log.WaitFor('A message to everyone') and log.WaitFor('B message to everyone'),
      m + 'Broadcast: OnMessage on every client', log.Text);
    for i := 0 to 1 do
      clients[i].Active := False;
    Pump(50);
  finally
    for i := 0 to 1 do
    begin
      sgcClients[i].Free;
      clients[i].Free;
      sides[i].Free;
    end;
    sgcServer.Free;
    server.Free;
    serverSide.Free;
    log.Free;
  end;
end;

begin
  RunInEveryMode([RunMode]);
  ExitCode := FinishTests;
end.
