{ The Presence protocol (the manual's "Protocol Presence" chapter) through the real library, in
  every NotifyEvents mode, with the manual's own event handlers (typos mended, a Log line added
  where the manual's body is empty). A TsgcWebSocketServer with TsgcWSPServer_Presence and
  TsgcWebSocketClient + TsgcWSPClient_Presence members John, Mary and Spam: OnNewMember on the
  server and on the clients, OnBeforeNewMember refusing "Spam" (OnErrorMemberChannel for it),
  Subscribe -> OnNewChannel (var aChannel) and OnNewChannelMember, OnBeforeNewChannel refusing the
  channel "Spam", Publish -> OnPublishMsg, GetMembers -> OnGetMembers with a
  TsgcWSPresenceMemberList, Unsubscribe -> OnRemoveChannelMember, disconnect -> OnRemoveMember. }
program test_presence;

{$mode delphi}{$H+}

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  Classes, SysUtils, sgcWebSocket, sgcWebSocket_Protocols, sgcWebSocket_Classes, sgcWebSocket_Lib,
  sgcWebSocket_Types, sgctest;

type
  { The manual's server handlers ("TsgcWSPServer_Presence", Events). }
  TPresenceServer = class
  public
    Logger: TTestLog;
    procedure Log(const S: string);
    procedure OnBeforeNewMember(aConnection: TsgcWSConnection; const aMember: TsgcWSPresenceMember;
      var Accept: Boolean);
    procedure OnNewMember(aConnection: TsgcWSConnection; const aMember: TsgcWSPresenceMember);
    procedure OnBeforeNewChannel(Connection: TsgcWSConnection; const aChannel: TsgcWSPresenceChannel;
      const aMember: TsgcWSPresenceMember; var Accept: Boolean);
    procedure OnNewChannel(Connection: TsgcWSConnection; var aChannel: TsgcWSPresenceChannel);
    procedure OnBeforeNewChannelMember(Connection: TsgcWSConnection; const aChannel: TsgcWSPresenceChannel;
      const aMember: TsgcWSPresenceMember; var Accept: Boolean);
    procedure OnNewChannelMember(Connection: TsgcWSConnection; const aChannel: TsgcWSPresenceChannel;
      const aMember: TsgcWSPresenceMember);
    procedure OnRemoveChannelMember(Connection: TsgcWSConnection; const aChannel: TsgcWSPresenceChannel;
      const aMember: TsgcWSPresenceMember);
    procedure OnRemoveMember(aConnection: TsgcWSConnection; aMember: TsgcWSPresenceMember);
    procedure OnErrorMemberChannel(Connection: TsgcWSConnection; const aError: TsgcWSPresenceError;
      const aChannel: TsgcWSPresenceChannel; const aMember: TsgcWSPresenceMember);
  end;

  { The manual's client handlers ("TsgcWSPClient_Presence"); Log lines start with the member's name. }
  TPresenceClient = class
  public
    Name: string;
    Logger: TTestLog;
    procedure Log(const S: string);
    procedure OnNewMember(aConnection: TsgcWSConnection; const aMember: TsgcWSPresenceMember);
    procedure OnNewChannelMember(Connection: TsgcWSConnection; const aChannel: TsgcWSPresenceChannel;
      const aMember: TsgcWSPresenceMember);
    procedure OnErrorMemberChannel(Connection: TsgcWSConnection; const aError: TsgcWSPresenceError;
      const aChannel: TsgcWSPresenceChannel; const aMember: TsgcWSPresenceMember);
    procedure OnRemoveChannelMember(Connection: TsgcWSConnection; const aChannel: TsgcWSPresenceChannel;
      const aMember: TsgcWSPresenceMember);
    procedure OnRemoveMember(aConnection: TsgcWSConnection; aMember: TsgcWSPresenceMember);
    procedure OnPublishMsg(Connection: TsgcWSConnection; const aMsg: TsgcWSPresenceMsg;
      const aChannel: TsgcWSPresenceChannel; const aMember: TsgcWSPresenceMember);
    procedure OnGetMembers(Connection: TsgcWSConnection; const aMembers: TsgcWSPresenceMemberList;
      const aChannel: TsgcWSPresenceChannel);
  end;

procedure TPresenceServer.Log(const S: string);
begin
  Logger.Add('server ' + S);
end;

procedure TPresenceServer.OnBeforeNewMember(aConnection: TsgcWSConnection; const aMember: TsgcWSPresenceMember;
  var Accept: Boolean);
begin
  if aMember.Name = 'Spam' then
    Accept := False;
end;

procedure TPresenceServer.OnNewMember(aConnection: TsgcWSConnection; const aMember: TsgcWSPresenceMember);
begin
  aMember.Data := Self; { the manual: "Data property to store objects" }
  Log('new member ' + aMember.Name + ' (' + aMember.Info + ')');
end;

procedure TPresenceServer.OnBeforeNewChannel(Connection: TsgcWSConnection; const aChannel: TsgcWSPresenceChannel;
  const aMember: TsgcWSPresenceMember; var Accept: Boolean);
begin
  if aChannel.Name = 'Spam' then
    Accept := False;
end;

procedure TPresenceServer.OnNewChannel(Connection: TsgcWSConnection; var aChannel: TsgcWSPresenceChannel);
begin
  Log('new channel ' + aChannel.Name);
end;

procedure TPresenceServer.OnBeforeNewChannelMember(Connection: TsgcWSConnection;
  const aChannel: TsgcWSPresenceChannel; const aMember: TsgcWSPresenceMember; var Accept: Boolean);
begin
  if aMember.Name = 'John' then
    Accept := True
  else if aMember.Name = 'Spam' then
    Accept := False;
end;

procedure TPresenceServer.OnNewChannelMember(Connection: TsgcWSConnection; const aChannel: TsgcWSPresenceChannel;
  const aMember: TsgcWSPresenceMember);
begin
  Log('new channel member ' + aChannel.Name + ' ' + aMember.Name);
end;

procedure TPresenceServer.OnRemoveChannelMember(Connection: TsgcWSConnection;
  const aChannel: TsgcWSPresenceChannel; const aMember: TsgcWSPresenceMember);
begin
  Log('Member: ' + aMember.Name + ' unjoin channel: ' + aChannel.Name);
end;

procedure TPresenceServer.OnRemoveMember(aConnection: TsgcWSConnection; aMember: TsgcWSPresenceMember);
begin
  Log('Member: ' + aMember.Name);
end;

procedure TPresenceServer.OnErrorMemberChannel(Connection: TsgcWSConnection; const aError: TsgcWSPresenceError;
  const aChannel: TsgcWSPresenceChannel; const aMember: TsgcWSPresenceMember);
begin
  Log('Error: ' + aError.Text);
end;

procedure TPresenceClient.Log(const S: string);
begin
  Logger.Add(Name + ' ' + S);
end;

procedure TPresenceClient.OnNewMember(aConnection: TsgcWSConnection; const aMember: TsgcWSPresenceMember);
begin
  Log('Connected: ' + aMember.Name);
end;

procedure TPresenceClient.OnNewChannelMember(Connection: TsgcWSConnection; const aChannel: TsgcWSPresenceChannel;
  const aMember: TsgcWSPresenceMember);
begin
  Log('Subscribed: ' + aChannel.Name + ' by ' + aMember.Name);
end;

procedure TPresenceClient.OnErrorMemberChannel(Connection: TsgcWSConnection; const aError: TsgcWSPresenceError;
  const aChannel: TsgcWSPresenceChannel; const aMember: TsgcWSPresenceMember);
begin
  Log('Error: ' + aError.Text);
  Log(Format('error %d channel "%s"', [aError.Code, aChannel.Name]));
end;

procedure TPresenceClient.OnRemoveChannelMember(Connection: TsgcWSConnection;
  const aChannel: TsgcWSPresenceChannel; const aMember: TsgcWSPresenceMember);
begin
  Log('Unsubscribed: ' + aChannel.Name);
end;

procedure TPresenceClient.OnRemoveMember(aConnection: TsgcWSConnection; aMember: TsgcWSPresenceMember);
begin
  Log('#RemoveMember: ' + aMember.Name);
end;

procedure TPresenceClient.OnPublishMsg(Connection: TsgcWSConnection; const aMsg: TsgcWSPresenceMsg;
  const aChannel: TsgcWSPresenceChannel; const aMember: TsgcWSPresenceMember);
begin
  Log('#PublishMsg: ' + aMsg.Text + ' ' + aMember.Name);
end;

procedure TPresenceClient.OnGetMembers(Connection: TsgcWSConnection; const aMembers: TsgcWSPresenceMemberList;
  const aChannel: TsgcWSPresenceChannel);
var
  i: Integer;
  names: string;
begin
  names := '';
  for i := 0 to aMembers.Count - 1 do
  begin
    Log('#GetMembers: ' + aMembers.Member[i].ID + ' ' + aMembers.Member[i].Name);
    if aMembers.Member[i].ID <> '' then
      names := names + ' ' + aMembers[i].Name;
  end;
  Log('members of "' + aChannel.Name + '":' + names);
end;

type
  { One member: its transport, its protocol, its handlers. }
  TMember = record
    Client: TsgcWebSocketClient;
    Presence: TsgcWSPClient_Presence;
    Handlers: TPresenceClient;
  end;

function Join(const aName: string; Mode: TwsNotifyEvent; Port: Integer; Log: TTestLog): TMember;
begin
  Result.Handlers := TPresenceClient.Create;
  Result.Handlers.Name := aName;
  Result.Handlers.Logger := Log;
  Result.Client := TsgcWebSocketClient.Create(nil);
  Result.Presence := TsgcWSPClient_Presence.Create(nil);
  Result.Client.NotifyEvents := Mode;
  Result.Presence.NotifyEvents := Mode;
  Result.Presence.Client := Result.Client;
  Result.Presence.Presence.Name := aName;
  Result.Presence.Presence.Info := aName + '''s info';
  Result.Presence.OnNewMember := Result.Handlers.OnNewMember;
  Result.Presence.OnNewChannelMember := Result.Handlers.OnNewChannelMember;
  Result.Presence.OnErrorMemberChannel := Result.Handlers.OnErrorMemberChannel;
  Result.Presence.OnRemoveChannelMember := Result.Handlers.OnRemoveChannelMember;
  Result.Presence.OnRemoveMember := Result.Handlers.OnRemoveMember;
  Result.Presence.OnPublishMsg := Result.Handlers.OnPublishMsg;
  Result.Presence.OnGetMembers := Result.Handlers.OnGetMembers;
  Result.Client.URL := Format('ws://127.0.0.1:%d/', [Port]);
  Result.Client.Active := True;
end;

procedure Leave(var M: TMember);
begin
  M.Presence.Free;
  M.Client.Free;
  M.Handlers.Free;
  M.Presence := nil;
  M.Client := nil;
  M.Handlers := nil;
end;

procedure RunMode(Mode: TwsNotifyEvent);
var
  m: string;
  log: TTestLog;
  server: TsgcWebSocketServer;
  presence: TsgcWSPServer_Presence;
  handlers: TPresenceServer;
  john, mary, spam: TMember;
begin
  m := 'presence ' + NotifyName(Mode) + ': ';
  log := TTestLog.Create;
  server := TsgcWebSocketServer.Create(nil);
  presence := TsgcWSPServer_Presence.Create(nil);
  handlers := TPresenceServer.Create;
  FillChar(john, SizeOf(john), 0);
  FillChar(mary, SizeOf(mary), 0);
  FillChar(spam, SizeOf(spam), 0);
  try
    handlers.Logger := log;
    server.NotifyEvents := Mode;
    presence.NotifyEvents := Mode;
    presence.Server := server;
    presence.OnBeforeNewMember := handlers.OnBeforeNewMember;
    presence.OnNewMember := handlers.OnNewMember;
    presence.OnBeforeNewChannel := handlers.OnBeforeNewChannel;
    presence.OnNewChannel := handlers.OnNewChannel;
    presence.OnBeforeNewChannelMember := handlers.OnBeforeNewChannelMember;
    presence.OnNewChannelMember := handlers.OnNewChannelMember;
    presence.OnRemoveChannelMember := handlers.OnRemoveChannelMember;
    presence.OnRemoveMember := handlers.OnRemoveMember;
    presence.OnErrorMemberChannel := handlers.OnErrorMemberChannel;
    server.Bindings.Text := '127.0.0.1:0';
    server.Active := True;

    john := Join('John', Mode, ServerPort(server), log);
    Check(log.WaitFor('John Connected: John'), m + 'OnNewMember on the client that joined', log.Text);
    Check(log.WaitFor('server new member John (John''s info)'), m + 'OnNewMember on the server, with Info',
      log.Text);
    mary := Join('Mary', Mode, ServerPort(server), log);
    Check(log.WaitFor('Mary Connected: Mary') and log.WaitFor('John Connected: Mary'),
      m + 'OnNewMember: the members see the new one join', log.Text);

    spam := Join('Spam', Mode, ServerPort(server), log);
    Check(log.WaitFor('Spam error 1 channel ""'), m + 'OnBeforeNewMember refused "Spam": OnErrorMemberChannel',
      log.Text);
    Check(not log.Has('server new member Spam (Spam''s info)') and not log.Has('John Connected: Spam'),
      m + 'and no one saw Spam join', log.Text);

    john.Presence.Subscribe('Topic 1');
    Check(log.WaitFor('John Subscribed: Topic 1 by John'), m + 'Subscribe: OnNewChannelMember', log.Text);
    Check(log.WaitFor('server new channel Topic 1') and log.WaitFor('server new channel member Topic 1 John'),
      m + 'OnNewChannel (var aChannel) and OnNewChannelMember on the server', log.Text);
    mary.Presence.Subscribe('Topic 1');
    Check(log.WaitFor('John Subscribed: Topic 1 by Mary'), m + 'the channel''s members see Mary subscribe',
      log.Text);
    john.Presence.Subscribe('Spam');
    Check(log.WaitFor('John error 2 channel "Spam"'), m + 'OnBeforeNewChannel refused the channel "Spam"',
      log.Text);

    mary.Presence.Publish('hello', 'Topic 1');
    Check(log.WaitFor('John #PublishMsg: hello Mary'), m + 'Publish: OnPublishMsg', log.Text);

    john.Presence.GetMembers('Topic 1');
    Check(log.WaitFor('John members of "Topic 1": John Mary'), m + 'GetMembers: OnGetMembers lists the channel',
      log.Text);
    Check(log.Count('John #GetMembers: ') = 2, m + 'aMembers.Count and Member[i]', log.Text);
    john.Presence.GetMembers;
    Check(log.WaitFor('John members of "": John Mary'), m + 'GetMembers of every channel', log.Text);

    mary.Presence.Unsubscribe('Topic 1');
    Check(log.WaitFor('John Unsubscribed: Topic 1') and
      log.WaitFor('server Member: Mary unjoin channel: Topic 1'), m + 'Unsubscribe: OnRemoveChannelMember',
      log.Text);
    mary.Client.Active := False;
    Check(log.WaitFor('John #RemoveMember: Mary'), m + 'disconnect: OnRemoveMember on the other members',
      log.Text);
    Check(log.WaitFor('server Member: Mary'), m + 'and on the server', log.Text);
    john.Client.Active := False;
    spam.Client.Active := False;
    Pump(50);
  finally
    Leave(spam);
    Leave(mary);
    Leave(john);
    presence.Free;
    server.Free;
    handlers.Free;
    log.Free;
  end;
end;

begin
  RunInEveryMode([RunMode]);
  ExitCode := FinishTests;
end.
