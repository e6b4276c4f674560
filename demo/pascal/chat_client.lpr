{ chat_client - a console client for the chat demo (the manual's "Client Chat" on the sgcws units).

    chat_client [PORT | URL] [--name NAME]    (PORT also from $SGCWS_DEMO_PORT; default 8080;
                                               URL e.g. ws://host:port/; NAME default $USER or "console")

  Each line read from stdin is sent as the JSON object name = NAME, text = LINE (the format of demo/www/index.html);
  every message received is printed as "name: text". At the end of stdin it waits (5 s at most) for the
  broadcast of its own last line, so that it has gone round, then closes and exits 0. Events are
  neNoSync: handlers run on library threads while the main thread blocks in ReadLn; output is
  serialised with a critical section and
  written straight to file descriptor 1 (FPC's Output is per thread). The library comes from $SGCWS_LIBRARY, else $SGCWS_LIB. }
program chat_client;

{$mode objfpc}{$H+}

uses
  {$IFDEF UNIX}cthreads, BaseUnix,{$ENDIF}
  Classes, SysUtils, SyncObjs, fpjson, jsonparser, sgcWebSocket, sgcWebSocket_Lib;

type
  TChatClient = class
    Lock: TCriticalSection;
    Connected: TEvent;
    EchoSeen: TEvent;
    Name, LastSent: string;
    constructor Create;
    destructor Destroy; override;
    procedure Say(const S: string);
    procedure DoConnect(Connection: TsgcWSConnection);
    procedure DoDisconnect(Connection: TsgcWSConnection; Code: Integer);
    procedure DoMessage(Connection: TsgcWSConnection; const Text: string);
    procedure DoError(Connection: TsgcWSConnection; const Error: string);
  end;

constructor TChatClient.Create;
begin
  Lock := TCriticalSection.Create;
  Connected := TEvent.Create(nil, True, False, '');
  EchoSeen := TEvent.Create(nil, True, False, '');
end;

destructor TChatClient.Destroy;
begin
  EchoSeen.Free;
  Connected.Free;
  Lock.Free;
  inherited Destroy;
end;

procedure TChatClient.Say(const S: string);
{$IFDEF UNIX}
var
  line: RawByteString;
{$ENDIF}
begin
  Lock.Enter;
  try
    { Straight to the file descriptor: FPC's Output is per thread, and handlers run on library threads. }
    {$IFDEF UNIX}
    line := UTF8Encode(S) + LineEnding;
    fpWrite(1, line[1], Length(line));
    {$ELSE}
    WriteLn(S);
    Flush(Output);
    {$ENDIF}
  finally
    Lock.Leave;
  end;
end;

procedure TChatClient.DoConnect(Connection: TsgcWSConnection);
begin
  Connected.SetEvent;
end;

procedure TChatClient.DoDisconnect(Connection: TsgcWSConnection; Code: Integer);
begin
  Say(Format('sgcws chat: disconnected (%d)', [Code]));
end;

procedure TChatClient.DoError(Connection: TsgcWSConnection; const Error: string);
begin
  Say('sgcws chat: error: ' + Error);
end;

procedure TChatClient.DoMessage(Connection: TsgcWSConnection; const Text: string);
var
  j: TJSONData;
  who, what, last: string;
begin
  who := '?';
  what := Text;
  try
    j := GetJSON(Text);
    try
      if j is TJSONObject then
      begin
        who := TJSONObject(j).Get('name', '?');
        what := TJSONObject(j).Get('text', '');
      end;
    finally
      j.Free;
    end;
  except
    { not JSON: print it as it came }
  end;
  Say(who + ': ' + what);
  Lock.Enter;
  try
    last := LastSent;
  finally
    Lock.Leave;
  end;
  if (who = Name) and (what = last) then
    EchoSeen.SetEvent;
end;

var
  C: TChatClient;
  Client: TsgcWebSocketClient;
  url, line: string;
  i: Integer;
  j: TJSONObject;
begin
  url := GetEnvironmentVariable('SGCWS_DEMO_PORT');
  if url = '' then
    url := '8080';
  C := TChatClient.Create;
  C.Name := GetEnvironmentVariable('USER');
  if C.Name = '' then
    C.Name := 'console';
  i := 1;
  while i <= ParamCount do
  begin
    if (ParamStr(i) = '--name') and (i < ParamCount) then
    begin
      Inc(i);
      C.Name := ParamStr(i);
    end
    else if (ParamStr(i) <> '') and (ParamStr(i)[1] <> '-') then
      url := ParamStr(i)
    else
    begin
      WriteLn(StdErr, 'usage: ', ParamStr(0), ' [PORT | URL] [--name NAME]');
      Halt(2);
    end;
    Inc(i);
  end;
  if StrToIntDef(url, -1) >= 0 then
    url := 'ws://127.0.0.1:' + url + '/';
  if (GetEnvironmentVariable('SGCWS_LIBRARY') = '') and (GetEnvironmentVariable('SGCWS_LIB') <> '') then
    SgcwsLibraryPath := GetEnvironmentVariable('SGCWS_LIB');

  Client := nil;
  try
    Client := TsgcWebSocketClient.Create(nil);
    Client.NotifyEvents := neNoSync;
    Client.URL := url;
    Client.OnConnect := @C.DoConnect;
    Client.OnDisconnect := @C.DoDisconnect;
    Client.OnMessage := @C.DoMessage;
    Client.OnError := @C.DoError;
    Client.Active := True;
    if C.Connected.WaitFor(10000) <> wrSignaled then
      raise Exception.Create('cannot connect to ' + url);
    C.Say('sgcws chat: connected to ' + url + ' as ' + C.Name + ' (type lines to send, Ctrl-D to quit)');

    while not EOF(Input) do
    begin
      ReadLn(line);
      if line = '' then
        Continue;
      j := TJSONObject.Create(['name', C.Name, 'text', line]);
      try
        C.Lock.Enter;
        C.LastSent := line;
        C.EchoSeen.ResetEvent;
        C.Lock.Leave;
        Client.WriteData(j.AsJSON);
      finally
        j.Free;
      end;
    end;
    if C.LastSent <> '' then
      C.EchoSeen.WaitFor(5000);
    Client.Active := False;
  except
    on E: Exception do
    begin
      WriteLn(StdErr, 'chat_client: ', E.Message);
      Client.Free;
      if Assigned(sgcws_shutdown) then sgcws_shutdown();
      Halt(1);
    end;
  end;
  Client.Free;
  C.Free;
  if Assigned(sgcws_shutdown) then sgcws_shutdown();
end.
