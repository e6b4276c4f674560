{ Our Pascal protocol clients against another host of the library: tests/protocols/protocol_server.c
  (a C program on the generic path, its port as the argument). TsgcWSPClient_sgc: OnSession,
  Subscribe/OnSubscription, Publish -> OnEvent, the RPC "GetTime" answered with the JSON object
  "time": "12:00:00" (OnRPCResult) and "Fail" with -32000 "it failed" "on purpose" (OnRPCError).
  TsgcWSPClient_Presence: "John" joins (OnNewMember), "Spam" is refused by the C host's
  OnBeforeNewMember (OnErrorMemberChannel). }
program test_protocol_peer;

{$mode delphi}{$H+}

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  Classes, SysUtils, sgcWebSocket, sgcWebSocket_Protocols, sgcWebSocket_Classes, sgctest;

type
  THandlers = class
  public
    Log: TTestLog;
    procedure Session(Connection: TsgcWSConnection; Guid: string);
    procedure Subscription(Connection: TsgcWSConnection; const Subscription: string);
    procedure Event(Connection: TsgcWSConnection; const Channel, Text: string);
    procedure RPCResult(Connection: TsgcWSConnection; Id, Result: string);
    procedure RPCError(Connection: TsgcWSConnection; Id: string; ErrorCode: Integer;
      ErrorMessage, ErrorData: string);
    procedure NewMember(aConnection: TsgcWSConnection; const aMember: TsgcWSPresenceMember);
    procedure ErrorMemberChannel(Connection: TsgcWSConnection; const aError: TsgcWSPresenceError;
      const aChannel: TsgcWSPresenceChannel; const aMember: TsgcWSPresenceMember);
  end;

procedure THandlers.Session(Connection: TsgcWSConnection; Guid: string);
begin
  if Guid <> '' then
    Log.Add('session');
end;

procedure THandlers.Subscription(Connection: TsgcWSConnection; const Subscription: string);
begin
  Log.Add('subscription ' + Subscription);
end;

procedure THandlers.Event(Connection: TsgcWSConnection; const Channel, Text: string);
begin
  Log.Add('event ' + Channel + ' ' + Text);
end;

procedure THandlers.RPCResult(Connection: TsgcWSConnection; Id, Result: string);
begin
  Log.Add('result ' + Id + ' ' + Result);
end;

procedure THandlers.RPCError(Connection: TsgcWSConnection; Id: string; ErrorCode: Integer;
  ErrorMessage, ErrorData: string);
begin
  Log.Add(Format('error %s %d %s/%s', [Id, ErrorCode, ErrorMessage, ErrorData]));
end;

procedure THandlers.NewMember(aConnection: TsgcWSConnection; const aMember: TsgcWSPresenceMember);
begin
  Log.Add('Connected: ' + aMember.Name);
end;

procedure THandlers.ErrorMemberChannel(Connection: TsgcWSConnection; const aError: TsgcWSPresenceError;
  const aChannel: TsgcWSPresenceChannel; const aMember: TsgcWSPresenceMember);
begin
  Log.Add(Format('member error %d', [aError.Code]));
end;

var
  url: string;
  log: TTestLog;
  handlers: THandlers;
  sgcTransport, johnTransport, spamTransport: TsgcWebSocketClient;
  sgc: TsgcWSPClient_sgc;
  john, spam: TsgcWSPClient_Presence;

function PresenceMember(const aName: string; out aTransport: TsgcWebSocketClient): TsgcWSPClient_Presence;
begin
  aTransport := TsgcWebSocketClient.Create(nil);
  Result := TsgcWSPClient_Presence.Create(nil);
  Result.Client := aTransport;
  Result.Presence.Name := aName;
  Result.OnNewMember := handlers.NewMember;
  Result.OnErrorMemberChannel := handlers.ErrorMemberChannel;
  aTransport.URL := url;
  aTransport.Active := True;
end;

begin
  url := Format('ws://127.0.0.1:%s/', [ParamStr(1)]);
  log := TTestLog.Create;
  handlers := THandlers.Create;
  handlers.Log := log;
  sgcTransport := nil;
  sgc := nil;
  john := nil;
  spam := nil;
  johnTransport := nil;
  spamTransport := nil;
  try
    try
      sgcTransport := TsgcWebSocketClient.Create(nil);
      sgc := TsgcWSPClient_sgc.Create(nil);
      sgc.Client := sgcTransport;
      sgc.OnSession := handlers.Session;
      sgc.OnSubscription := handlers.Subscription;
      sgc.OnEvent := handlers.Event;
      sgc.OnRPCResult := handlers.RPCResult;
      sgc.OnRPCError := handlers.RPCError;
      sgcTransport.URL := url;
      sgcTransport.Active := True;
      Check(log.WaitFor('session'), 'sgc against the C host: OnSession', log.Text);
      sgc.Subscribe('pascal*');
      Check(log.WaitFor('subscription pascal*'), 'sgc against the C host: Subscribe -> OnSubscription', log.Text);
      sgc.Publish('hello from Pascal', 'pascal/1');
      Check(log.WaitFor('event pascal/1 hello from Pascal'), 'sgc against the C host: Publish -> OnEvent', log.Text);
      sgc.RPC('t1', 'GetTime');
      Check(log.WaitFor('result t1 {"time":"12:00:00"}'), 'sgc against the C host: RPC GetTime -> OnRPCResult',
        log.Text);
      sgc.RPC('t2', 'Fail');
      Check(log.WaitFor('error t2 -32000 it failed/on purpose'), 'sgc against the C host: RPC Fail -> OnRPCError',
        log.Text);

      john := PresenceMember('John', johnTransport);
      Check(log.WaitFor('Connected: John'), 'presence against the C host: John joins (OnNewMember)', log.Text);
      spam := PresenceMember('Spam', spamTransport);
      Check(log.WaitFor('member error 1'), 'presence against the C host: Spam refused (OnErrorMemberChannel)',
        log.Text);
      Check(not log.Has('Connected: Spam'), 'presence against the C host: Spam never joined', log.Text);
    except
      on E: Exception do
        Check(False, 'unexpected exception', E.ClassName + ': ' + E.Message);
    end;
  finally
    spam.Free;
    spamTransport.Free;
    john.Free;
    johnTransport.Free;
    sgc.Free;
    sgcTransport.Free;
    handlers.Free;
    log.Free;
  end;
  ExitCode := FinishTests;
end.
