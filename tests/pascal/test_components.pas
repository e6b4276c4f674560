{ Client + server in one process against the real library: every NotifyEvents mode (and the thread
  the handlers run on), 100,000 messages, non-ASCII text, binary streams, fragments, a raising handler,
  OnAuthentication, freeing components while traffic flows. }
program test_components;

{$mode objfpc}{$H+}

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  Classes, SysUtils, sgcWebSocket, sgcWebSocket_Classes, sgcWebSocket_Types, sgcWebSocket_Lib, sgctest;

type
  THandlers = class
  public
    SrvMsgs, CliMsgs, CliConnects, SrvConnects, SrvDisconnects, CliDisconnects: Integer;
    SrvThread, CliThread, CliConnThread: TThreadID;
    LastText: string;
    LastBin: TMemoryStream;
    BinCount, FragCount, FragBytes: Integer;
    FragLastContinuation: Boolean;
    OrderErrors, NextExpected: Integer;
    ExceptionMsg: string;
    ExceptionCount: Integer;
    AuthCalls: Integer;
    AuthUser, AuthPass: string;
    ErrorText: string;
    FreeSelfClient: TsgcWebSocketClient;
    Echo: Boolean;
    CountOrder: Boolean;
    constructor Create;
    destructor Destroy; override;
    procedure SrvMessage(Connection: TsgcWSConnection; const Text: string);
    procedure SrvBinary(Connection: TsgcWSConnection; const Data: TMemoryStream);
    procedure SrvFragmented(Connection: TsgcWSConnection; const Data: TMemoryStream; const OpCode: TOpcode;
      const Continuation: Boolean);
    procedure SrvConnect(Connection: TsgcWSConnection);
    procedure SrvDisconnect(Connection: TsgcWSConnection; Code: Integer);
    procedure CliMessage(Connection: TsgcWSConnection; const Text: string);
    procedure CliBinary(Connection: TsgcWSConnection; const Data: TMemoryStream);
    procedure CliConnect(Connection: TsgcWSConnection);
    procedure CliDisconnect(Connection: TsgcWSConnection; Code: Integer);
    procedure CliError(Connection: TsgcWSConnection; const Error: string);
    procedure RaisingMessage(Connection: TsgcWSConnection; const Text: string);
    procedure OnExc(Connection: TsgcWSConnection; E: Exception);
    procedure Auth(Connection: TsgcWSConnection; aUser, aPassword: string; var Authenticated: Boolean);
    procedure FreeMeMessage(Connection: TsgcWSConnection; const Text: string);
  end;

var
  H: THandlers;

constructor THandlers.Create;
begin
  LastBin := TMemoryStream.Create;
  Echo := True;
end;

destructor THandlers.Destroy;
begin
  LastBin.Free;
  inherited;
end;

procedure THandlers.SrvMessage(Connection: TsgcWSConnection; const Text: string);
begin
  SrvThread := GetCurrentThreadId;
  InterLockedIncrement(SrvMsgs);
  if Echo then
    Connection.WriteData(Text);
end;

procedure THandlers.SrvBinary(Connection: TsgcWSConnection; const Data: TMemoryStream);
begin
  if Echo then
    Connection.WriteData(Data);
end;

procedure THandlers.SrvFragmented(Connection: TsgcWSConnection; const Data: TMemoryStream;
  const OpCode: TOpcode; const Continuation: Boolean);
begin
  Inc(FragCount);
  Inc(FragBytes, Data.Size);
  FragLastContinuation := Continuation;
end;

procedure THandlers.SrvConnect(Connection: TsgcWSConnection);
begin
  InterLockedIncrement(SrvConnects);
end;

procedure THandlers.SrvDisconnect(Connection: TsgcWSConnection; Code: Integer);
begin
  InterLockedIncrement(SrvDisconnects);
end;

procedure THandlers.CliMessage(Connection: TsgcWSConnection; const Text: string);
var
  n: Integer;
begin
  CliThread := GetCurrentThreadId;
  if CountOrder then
  begin
    n := StrToIntDef(Text, -1);
    if n <> NextExpected then
      Inc(OrderErrors);
    NextExpected := n + 1;
  end
  else
    LastText := Text;
  InterLockedIncrement(CliMsgs);
end;

procedure THandlers.CliBinary(Connection: TsgcWSConnection; const Data: TMemoryStream);
begin
  LastBin.Clear;
  LastBin.CopyFrom(Data, 0);
  Inc(BinCount);
end;

procedure THandlers.CliConnect(Connection: TsgcWSConnection);
begin
  CliConnThread := GetCurrentThreadId;
  InterLockedIncrement(CliConnects);
end;

procedure THandlers.CliDisconnect(Connection: TsgcWSConnection; Code: Integer);
begin
  InterLockedIncrement(CliDisconnects);
end;

procedure THandlers.CliError(Connection: TsgcWSConnection; const Error: string);
begin
  ErrorText := Error;
end;

procedure THandlers.RaisingMessage(Connection: TsgcWSConnection; const Text: string);
begin
  raise Exception.Create('boom: ' + Text);
end;

procedure THandlers.OnExc(Connection: TsgcWSConnection; E: Exception);
begin
  ExceptionMsg := E.Message;
  InterLockedIncrement(ExceptionCount);
end;

procedure THandlers.Auth(Connection: TsgcWSConnection; aUser, aPassword: string; var Authenticated: Boolean);
begin
  Inc(AuthCalls);
  AuthUser := aUser;
  AuthPass := aPassword;
  Authenticated := (aUser = 'user') and (aPassword = 'secret');
end;

procedure THandlers.FreeMeMessage(Connection: TsgcWSConnection; const Text: string);
begin
  InterLockedIncrement(CliMsgs);
  if FreeSelfClient <> nil then
  begin
    FreeSelfClient.Free;
    FreeSelfClient := nil;
  end;
end;

function NewServer(Mode: TwsNotifyEvent): TsgcWebSocketServer;
begin
  Result := TsgcWebSocketServer.Create(nil);
  Result.Bindings.Text := '127.0.0.1:0';
  Result.NotifyEvents := Mode;
  Result.OnMessage := @H.SrvMessage;
  Result.OnBinary := @H.SrvBinary;
  Result.OnConnect := @H.SrvConnect;
  Result.OnDisconnect := @H.SrvDisconnect;
  Result.Active := True;
end;

function NewClient(Mode: TwsNotifyEvent; Port: Integer): TsgcWebSocketClient;
begin
  Result := TsgcWebSocketClient.Create(nil);
  Result.Host := '127.0.0.1';
  Result.Port := Port;
  Result.NotifyEvents := Mode;
  Result.OnMessage := @H.CliMessage;
  Result.OnBinary := @H.CliBinary;
  Result.OnConnect := @H.CliConnect;
  Result.OnDisconnect := @H.CliDisconnect;
  Result.OnError := @H.CliError;
end;

procedure ResetCounters;
begin
  H.SrvMsgs := 0;
  H.CliMsgs := 0;
  H.CliConnects := 0;
  H.SrvConnects := 0;
  H.LastText := '';
  H.SrvThread := 0;
  H.CliThread := 0;
  H.CliConnThread := 0;
end;

procedure TestMode(Mode: TwsNotifyEvent; const Name: string);
var
  srv: TsgcWebSocketServer;
  cli: TsgcWebSocketClient;
  port: Integer;
begin
  ResetCounters;
  srv := NewServer(Mode);
  cli := nil;
  try
    port := ServerPort(srv);
    Check(port > 0, Name + ': server listens on a free port', srv.ListenAddresses.Text);
    cli := NewClient(Mode, port);
    Check(cli.Connect(5000), Name + ': Connect(5000)');
    WaitUntil(H.CliConnects, 1, 3000);
    Check(H.CliConnects = 1, Name + ': OnConnect raised');
    cli.WriteData('hello');
    WaitUntil(H.CliMsgs, 1, 5000);
    Check(H.LastText = 'hello', Name + ': echo received', 'got "' + H.LastText + '"');
    if Mode = neNoSync then
    begin
      Check((H.SrvThread <> 0) and (H.SrvThread <> MainThreadID), Name + ': server handler on a library thread');
      Check((H.CliThread <> 0) and (H.CliThread <> MainThreadID), Name + ': client handler on a library thread');
    end
    else
    begin
      Check(H.SrvThread = MainThreadID, Name + ': server handler on the main thread');
      Check(H.CliThread = MainThreadID, Name + ': client handler on the main thread');
      Check(H.CliConnThread = MainThreadID, Name + ': OnConnect on the main thread');
    end;
    Check(cli.Connected, Name + ': Connected');
    Check(srv.Count = 1, Name + ': server Count = 1', IntToStr(srv.Count));
    H.CliDisconnects := 0;
    Check(cli.Disconnect(5000), Name + ': Disconnect(5000)');
    WaitUntil(H.CliDisconnects, 1, 3000);
    Check(H.CliDisconnects = 1, Name + ': OnDisconnect raised');
  finally
    cli.Free;
    srv.Free;
  end;
end;

procedure TestManyMessages;
const
  N = 100000;
var
  srv: TsgcWebSocketServer;
  cli: TsgcWebSocketClient;
  i: Integer;
  t0: QWord;
begin
  ResetCounters;
  H.CountOrder := True;
  H.NextExpected := 0;
  H.OrderErrors := 0;
  srv := NewServer(neNoSync);
  cli := NewClient(neAsynchronous, ServerPort(srv));
  try
    Check(cli.Connect(5000), '100k: connect');
    t0 := GetTickCount64;
    for i := 0 to N - 1 do
    begin
      cli.WriteData(IntToStr(i));
      if i mod 1000 = 0 then
        CheckSynchronize(0);
    end;
    WaitUntil(H.CliMsgs, N, 60000);
    Check(H.SrvMsgs = N, '100k: server received all', IntToStr(H.SrvMsgs));
    Check(H.CliMsgs = N, '100k: client received all echoes on the main thread', IntToStr(H.CliMsgs));
    Check(H.OrderErrors = 0, '100k: in order', IntToStr(H.OrderErrors) + ' out of order');
    Note(Format('100k round trips in %d ms', [Elapsed(t0)]));
  finally
    H.CountOrder := False;
    cli.Free;
    srv.Free;
  end;
end;

procedure TestUnicodeAndBinary;
const
  UB: array[0..35] of Byte = ($68, $C3, $A9, $6C, $6C, $6F, $20, $77, $C3, $B6, $72, $6C, $64, $20, $E2, $80,
    $93, $20, $E2, $9C, $93, $20, $E6, $97, $A5, $E6, $9C, $AC, $20, $F0, $9F, $98, $80, $21, $3F, $2E);
var
  U: RawByteString;
  srv: TsgcWebSocketServer;
  cli: TsgcWebSocketClient;
  ms: TMemoryStream;
  i: Integer;
  got: RawByteString;
begin
  ResetCounters;
  srv := NewServer(neNoSync);
  cli := NewClient(neAsynchronous, ServerPort(srv));
  ms := TMemoryStream.Create;
  SetString(U, PAnsiChar(@UB[0]), Length(UB));
  SetCodePage(U, CP_UTF8, False);
  try
    Check(cli.Connect(5000), 'unicode: connect');
    cli.WriteData(U);
    WaitUntil(H.CliMsgs, 1, 5000);
    got := H.LastText;
    Check((Length(got) = Length(U)) and CompareMem(PAnsiChar(got), PAnsiChar(U), Length(U)),
      'unicode: non-ASCII text round-trips byte for byte', 'got ' + IntToStr(Length(got)) + ' bytes');
    Check(UTF8Decode(H.LastText) = UTF8Decode(U), 'unicode: decodes to the same UnicodeString');
    { binary }
    ms.Size := 1 shl 20;
    for i := 0 to ms.Size - 1 do
      PByte(ms.Memory)[i] := Byte((i * 7 + 3) xor (i shr 8));
    H.BinCount := 0;
    cli.WriteData(ms);
    i := 0;
    WaitUntil(H.BinCount, 1, 10000);
    Check((H.LastBin.Size = ms.Size) and CompareMem(H.LastBin.Memory, ms.Memory, ms.Size),
      'binary: 1 MiB stream round-trips', IntToStr(H.LastBin.Size));
    { fragmented, as the manual: WriteData(stream, 1000) and frgAll on the receiver }
    srv.Options.FragmentedMessages := frgAll;
  finally
    ms.Free;
    cli.Free;
    srv.Free;
  end;
end;

procedure TestFragments;
var
  srv: TsgcWebSocketServer;
  cli: TsgcWebSocketClient;
  ms: TMemoryStream;
  t0: QWord;
begin
  ResetCounters;
  H.FragCount := 0;
  H.FragBytes := 0;
  srv := TsgcWebSocketServer.Create(nil);
  srv.Bindings.Text := '127.0.0.1:0';
  srv.NotifyEvents := neNoSync;
  srv.Options.FragmentedMessages := frgAll;
  srv.OnFragmented := @H.SrvFragmented;
  srv.OnBinary := @H.SrvBinary;
  H.Echo := True;
  srv.Active := True;
  cli := NewClient(neAsynchronous, ServerPort(srv));
  ms := TMemoryStream.Create;
  try
    Check(srv.Options.FragmentedMessages = frgAll, 'fragments: Options.FragmentedMessages reads back');
    Check(cli.Connect(5000), 'fragments: connect');
    ms.Size := 100000;
    FillChar(ms.Memory^, ms.Size, 65);
    H.BinCount := 0;
    cli.WriteData(ms, 1000);
    WaitUntil(H.BinCount, 1, 10000);
    t0 := GetTickCount64;
    while (H.FragBytes < 100000) and (Elapsed(t0) < 3000) do
      Sleep(5);
    Check(H.FragCount = 100, 'fragments: OnFragmented per 1000-byte frame', IntToStr(H.FragCount));
    Check(H.FragBytes = 100000, 'fragments: all bytes', IntToStr(H.FragBytes));
    Check(not H.FragLastContinuation, 'fragments: last has Continuation = False');
    Check(H.LastBin.Size = 100000, 'fragments: frgAll also raises OnBinary with the whole message',
      IntToStr(H.LastBin.Size));
  finally
    ms.Free;
    cli.Free;
    srv.Free;
  end;
end;

procedure TestException(Mode: TwsNotifyEvent; const Name: string);
var
  srv: TsgcWebSocketServer;
  cli: TsgcWebSocketClient;
begin
  ResetCounters;
  H.ExceptionCount := 0;
  H.ExceptionMsg := '';
  srv := NewServer(neNoSync);
  cli := NewClient(Mode, ServerPort(srv));
  cli.OnMessage := @H.RaisingMessage;
  cli.OnException := @H.OnExc;
  try
    Check(cli.Connect(5000), Name + ': connect');
    cli.WriteData('x1');
    cli.WriteData('x2');
    WaitUntil(H.ExceptionCount, 2, 5000);
    Check(H.ExceptionCount = 2, Name + ': a raising OnMessage reaches OnException (twice)',
      IntToStr(H.ExceptionCount));
    Check(H.ExceptionMsg = 'boom: x2', Name + ': with the exception''s message', H.ExceptionMsg);
    Check(cli.Connected, Name + ': the connection survives');
  finally
    cli.Free;
    srv.Free;
  end;
end;

{ Connects without blocking the main thread (queued server events need it): Active + pump. }
function ConnectPumping(cli: TsgcWebSocketClient; Ms: Integer): Boolean;
var
  t0: QWord;
begin
  cli.Active := True;
  t0 := GetTickCount64;
  while not cli.Connected and (Elapsed(t0) < QWord(Ms)) do
    CheckSynchronize(5);
  Result := cli.Connected;
end;

procedure TestAuthentication(Mode: TwsNotifyEvent; const Name: string);
var
  srv: TsgcWebSocketServer;
  cli: TsgcWebSocketClient;
  port: Integer;
begin
  ResetCounters;
  H.AuthCalls := 0;
  srv := TsgcWebSocketServer.Create(nil);
  srv.Bindings.Text := '127.0.0.1:0';
  srv.NotifyEvents := Mode;
  srv.Authentication.Enabled := True;
  srv.Authentication.AuthUsers.Add('listed=pw');
  srv.OnAuthentication := @H.Auth;
  srv.OnConnect := @H.SrvConnect;
  srv.Active := True;
  port := ServerPort(srv);
  cli := NewClient(neAsynchronous, port);
  try
    cli.Options.Parameters := '/sgc/auth/url/user/secret';
    Check(ConnectPumping(cli, 5000), Name + ': OnAuthentication accepts user/secret');
    Check((H.AuthCalls = 1) and (H.AuthUser = 'user') and (H.AuthPass = 'secret'),
      Name + ': handler saw aUser/aPassword', H.AuthUser + '/' + H.AuthPass);
    cli.Disconnect(3000);
    cli.Options.Parameters := '/sgc/auth/url/user/wrong';
    Check(not ConnectPumping(cli, 3000), Name + ': OnAuthentication refuses user/wrong');
    cli.Active := False;
    Check(H.AuthCalls = 2, Name + ': handler called again', IntToStr(H.AuthCalls));
    cli.Options.Headers.Text := 'Authorization: Basic ' + 'bGlzdGVkOnB3'; { listed:pw }
    cli.Options.Parameters := '/';
    Check(ConnectPumping(cli, 5000), Name + ': AuthUsers entry accepted (Basic)');
  finally
    cli.Free;
    srv.Free;
  end;
end;

procedure TestFreeWhileBusy;
var
  srv: TsgcWebSocketServer;
  cli: array[0..3] of TsgcWebSocketClient;
  round, i, k: Integer;
  port: Integer;
  ok: Boolean;
begin
  ok := True;
  for round := 1 to 8 do
  begin
    ResetCounters;
    srv := NewServer(TwsNotifyEvent(round mod 3));
    port := ServerPort(srv);
    for i := 0 to High(cli) do
    begin
      cli[i] := NewClient(TwsNotifyEvent((round + i) mod 3), port);
      if not cli[i].Connect(5000) then
        ok := False;
    end;
    for k := 1 to 2000 do
    begin
      for i := 0 to High(cli) do
        if cli[i] <> nil then
          try
            cli[i].WriteData('flood ' + IntToStr(k));
          except
            on E: EsgcWebSocketException do ; { queue full or closed: fine }
          end;
      if k = 1000 then
      begin
        cli[round mod 4].Free; { a client goes away while its echoes arrive }
        cli[round mod 4] := nil;
      end;
      if k mod 200 = 0 then
        CheckSynchronize(0);
    end;
    if odd(round) then
    begin
      srv.Free; { the server goes away under load, clients still connected }
      srv := nil;
      Pump(20);
    end;
    for i := 0 to High(cli) do
      FreeAndNil(cli[i]);
    srv.Free;
    Pump(10); { queued drains of destroyed components must do nothing }
  end;
  Check(ok, 'free while busy: 8 rounds of freeing clients and servers under load, all modes');
  { a client freed from inside its own OnMessage (neAsynchronous and neNoSync) }
  for k := 0 to 1 do
  begin
    ResetCounters;
    srv := NewServer(neNoSync);
    H.FreeSelfClient := NewClient(TwsNotifyEvent(k * 2), ServerPort(srv));
    H.FreeSelfClient.OnMessage := @H.FreeMeMessage;
    H.FreeSelfClient.Connect(5000);
    Pump(20);
    for i := 1 to 200 do
      srv.Broadcast('m'); { the main thread does not touch the client: its handler frees it }
    WaitUntil(H.CliMsgs, 1, 5000);
    Pump(50);
    Check((H.CliMsgs >= 1) and (H.FreeSelfClient = nil),
      'free while busy: client freed inside its own OnMessage (' + IntToStr(k * 2) + ')');
    srv.Free;
  end;
end;

function Want(const Name: string): Boolean;
begin
  Result := (ParamCount = 0) or (Pos(',' + Name + ',', ',' + ParamStr(1) + ',') > 0);
end;

var
  handles, gor: Int64;
begin
  H := THandlers.Create;
  try
    try
      if Want('modes') then
      begin
        TestMode(neAsynchronous, 'neAsynchronous');
        TestMode(neSynchronous, 'neSynchronous');
        TestMode(neNoSync, 'neNoSync');
      end;
      if Want('unicode') then
        TestUnicodeAndBinary;
      if Want('fragments') then
        TestFragments;
      if Want('exception') then
      begin
        TestException(neNoSync, 'exception neNoSync');
        TestException(neAsynchronous, 'exception neAsynchronous');
      end;
      if Want('auth') then
      begin
        TestAuthentication(neAsynchronous, 'auth neAsynchronous');
        TestAuthentication(neNoSync, 'auth neNoSync');
      end;
      if Want('100k') then
        TestManyMessages;
      if Want('free') then
        TestFreeWhileBusy;
      Pump(200);
      sgcws_stats(@handles, @gor);
      Check(handles = 0, 'no handle left after freeing everything', IntToStr(handles) + ' handles');
    except
      on E: Exception do
        Check(False, 'unexpected exception', E.ClassName + ': ' + E.Message);
    end;
  finally
    H.Free;
  end;
  ExitCode := FinishTests;
end.
