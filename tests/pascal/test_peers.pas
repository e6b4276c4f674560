{ The Pascal components against independent peers (python websockets, Node ws; run.sh starts them):
    test_peers server [--deflate]      a TsgcWebSocketServer in neAsynchronous (the default) echoing
                                       text and binary; prints "PORT n"; runs until killed (60 s at most)
    test_peers client URL [--deflate]  a TsgcWebSocketClient sends non-ASCII text, a binary stream and
                                       a 100 KB text to the peer's echo server and checks the echoes;
                                       with --deflate also that permessage-deflate was negotiated }
program test_peers;

{$mode objfpc}{$H+}

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  Classes, SysUtils, sgcWebSocket, sgcWebSocket_Classes, sgcWebSocket_Types, sgctest;

type
  TPeerHandlers = class
  public
    Texts: TStringList;
    Bin: TMemoryStream;
    Connects, Bins: Integer;
    Extensions: string;
    constructor Create;
    destructor Destroy; override;
    procedure Echo(Connection: TsgcWSConnection; const Text: string);
    procedure EchoBinary(Connection: TsgcWSConnection; const Data: TMemoryStream);
    procedure Received(Connection: TsgcWSConnection; const Text: string);
    procedure ReceivedBinary(Connection: TsgcWSConnection; const Data: TMemoryStream);
    procedure Connected(Connection: TsgcWSConnection);
  end;

constructor TPeerHandlers.Create;
begin
  Texts := TStringList.Create;
  Bin := TMemoryStream.Create;
end;

destructor TPeerHandlers.Destroy;
begin
  Texts.Free;
  Bin.Free;
  inherited;
end;

procedure TPeerHandlers.Echo(Connection: TsgcWSConnection; const Text: string);
begin
  Connection.WriteData(Text);
end;

procedure TPeerHandlers.EchoBinary(Connection: TsgcWSConnection; const Data: TMemoryStream);
begin
  Connection.WriteData(Data);
end;

procedure TPeerHandlers.Received(Connection: TsgcWSConnection; const Text: string);
begin
  Texts.Add(Text);
end;

procedure TPeerHandlers.ReceivedBinary(Connection: TsgcWSConnection; const Data: TMemoryStream);
begin
  Bin.Clear;
  Bin.CopyFrom(Data, 0);
  Inc(Bins);
end;

procedure TPeerHandlers.Connected(Connection: TsgcWSConnection);
var
  line: string;
begin
  { Headers are "Name: value" lines. }
  for line in Connection.HeadersResponse do
    if Pos('sec-websocket-extensions:', LowerCase(line)) = 1 then
      Extensions := Trim(Copy(line, Length('sec-websocket-extensions:') + 1, MaxInt));
  Inc(Connects);
end;

var
  H: TPeerHandlers;
  Deflate: Boolean;

procedure RunServer;
var
  srv: TsgcWebSocketServer;
begin
  srv := TsgcWebSocketServer.Create(nil);
  try
    srv.Bindings.Text := '127.0.0.1:0';
    srv.Extensions.PerMessage_Deflate.Enabled := Deflate;
    srv.OnMessage := @H.Echo;
    srv.OnBinary := @H.EchoBinary;
    srv.Active := True;
    WriteLn('PORT ', ServerPort(srv));
    Flush(Output);
    Pump(60000);
  finally
    srv.Free;
  end;
end;

procedure RunClient(const URL: string);
var
  cli: TsgcWebSocketClient;
  unicode, big: string;
  ms: TMemoryStream;
  i: Integer;
  t0: QWord;
begin
  unicode := UTF8Encode(UnicodeString('h'#$00E9'llo w'#$00F6'rld '#$2013' '#$2713' '#$65E5#$672C' '#$00FC));
  big := '';
  for i := 1 to 100 * 1024 div 13 do
    big := big + 'sgcws pascal ';
  ms := TMemoryStream.Create;
  cli := TsgcWebSocketClient.Create(nil);
  try
    cli.URL := URL;
    cli.Extensions.PerMessage_Deflate.Enabled := Deflate;
    cli.OnConnect := @H.Connected;
    cli.OnMessage := @H.Received;
    cli.OnBinary := @H.ReceivedBinary;
    cli.Active := True;
    Check(WaitUntil(H.Connects, 1, 10000), 'connect to ' + URL);
    if Deflate then
      Check(Pos('permessage-deflate', H.Extensions) = 1, 'permessage-deflate negotiated',
        'server answered "' + H.Extensions + '"');
    cli.WriteData(unicode);
    ms.Size := 70000;
    for i := 0 to ms.Size - 1 do
      PByte(ms.Memory)[i] := Byte(i * 31 + i shr 8);
    cli.WriteData(ms);
    cli.WriteData(big);
    t0 := GetTickCount64;
    while (H.Texts.Count < 2) and (Elapsed(t0) < 15000) do
      CheckSynchronize(5);
    WaitUntil(H.Bins, 1, 10000);
    Check((H.Texts.Count >= 1) and (H.Texts[0] = unicode), 'non-ASCII text echoed byte for byte');
    Check((H.Texts.Count >= 2) and (H.Texts[1] = big), '100 KB text echoed');
    Check((H.Bin.Size = ms.Size) and CompareMem(H.Bin.Memory, ms.Memory, ms.Size), '70,000-byte stream echoed');
    cli.Active := False;
  finally
    cli.Free;
    ms.Free;
  end;
end;

begin
  H := TPeerHandlers.Create;
  try
    Deflate := (ParamStr(ParamCount) = '--deflate');
    if ParamStr(1) = 'server' then
      RunServer
    else if (ParamStr(1) = 'client') and (ParamCount >= 2) then
    begin
      RunClient(ParamStr(2));
      ExitCode := FinishTests;
    end
    else
    begin
      WriteLn('usage: test_peers server [--deflate] | client URL [--deflate]');
      ExitCode := 2;
    end;
  finally
    H.Free;
  end;
end.
