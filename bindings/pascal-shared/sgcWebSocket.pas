{ sgcWebSocket - the components of the sgcWebSockets manual on top of the sgcws library:
  TsgcWebSocketClient, TsgcWebSocketServer, TsgcWebSocketHTTPServer.

  Every published property is a property of the library with the same path ('Options.Parameters',
  'HeartBeat.Interval', ...): reading and writing go through one generic path (SetProp/GetProp by name);
  the library holds the values and their defaults, and sgcws_properties lists them. The property
  groups and published properties are generated from the library's registry (tools/gen) into
  sgcWebSocket_Components.inc; this unit holds the runtime of each component in its *_Base class
  (Connect, WriteData, Broadcast, the fixed events). See bindings/lazarus/README.md for what differs
  from the commercial components. }
unit sgcWebSocket;

{$I sgcws.inc}

interface

uses
  Classes, SysUtils, Math, TypInfo, sgcWebSocket_Types, sgcWebSocket_Classes, sgcWebSocket_Lib,
  sgcWebSocket_Catalogue;

type
  { Re-exported so that "uses sgcWebSocket" alone is enough for the manual's code. }
  TsgcWSConnection = sgcWebSocket_Classes.TsgcWSConnection;
  TwsNotifyEvent = sgcWebSocket_Types.TwsNotifyEvent;
  TwsFragmentedMessages = sgcWebSocket_Types.TwsFragmentedMessages;
  TwsTLSVersions = sgcWebSocket_Types.TwsTLSVersions;
  TwsTransport = sgcWebSocket_Types.TwsTransport;
  TOpcode = sgcWebSocket_Types.TOpcode;
  TIdContext = sgcWebSocket_Classes.TIdContext;
  TIdHTTPRequestInfo = sgcWebSocket_Classes.TIdHTTPRequestInfo;
  TIdHTTPResponseInfo = sgcWebSocket_Classes.TIdHTTPResponseInfo;
  TsgcWSComponent = sgcWebSocket_Classes.TsgcWSComponent;
  EsgcWebSocketException = sgcWebSocket_Lib.EsgcWebSocketException;

const
  neAsynchronous = sgcWebSocket_Types.neAsynchronous;
  neSynchronous = sgcWebSocket_Types.neSynchronous;
  neNoSync = sgcWebSocket_Types.neNoSync;
  frgOnlyBuffer = sgcWebSocket_Types.frgOnlyBuffer;
  frgOnlyFragmented = sgcWebSocket_Types.frgOnlyFragmented;
  frgAll = sgcWebSocket_Types.frgAll;
  tlsUndefined = sgcWebSocket_Types.tlsUndefined;
  tls1_0 = sgcWebSocket_Types.tls1_0;
  tls1_1 = sgcWebSocket_Types.tls1_1;
  tls1_2 = sgcWebSocket_Types.tls1_2;
  tls1_3 = sgcWebSocket_Types.tls1_3;
  opText = sgcWebSocket_Types.opText;
  opBinary = sgcWebSocket_Types.opBinary;

type
  { The runtime of TsgcWebSocketClient. }
  TsgcWebSocketClient_Base = class(TsgcWSComponent_Base)
  private
    function GetConnected: Boolean;
    function GetProtocol: string;
  public
    { Connects and waits for the handshake (at most aTimeout ms): True when connected. }
    function Connect(const aTimeout: Integer = 10000): Boolean;
    { Closes normally and waits (at most aTimeout ms): True when disconnected. }
    function Disconnect(const aTimeout: Integer = 10000): Boolean;
    procedure WriteData(const aText: string); overload;
    procedure WriteData(const aStream: TStream; const aSize: Integer = 0); overload;
    procedure Ping(const aText: string = '');
    procedure Close(const aCloseCode: Integer = CS_CLOSE_NORMAL);
    { The manual's RegisterProtocol: a sub-protocol by name (offered in the handshake), or a protocol
      component (attached, as aProtocol.Client := Self). }
    procedure RegisterProtocol(const aProtocol: string); overload;
    procedure RegisterProtocol(aProtocol: TComponent); overload;
    property Connected: Boolean read GetConnected;
    property Protocol: string read GetProtocol;
  end;

  { The runtime shared by the servers. }
  TsgcWebSocketServer_Base = class(TsgcWSComponent_Base)
  private
    FOnAuthentication: TsgcWSAuthenticationEvent;
    FOnUnknownProtocol: TsgcWSUnknownProtocolEvent;
    FOnStartup: TNotifyEvent;
    FOnShutdown: TNotifyEvent;
    function GetCount: Integer;
    function GetListenAddresses: TStrings;
    procedure SetOnAuthentication(const Value: TsgcWSAuthenticationEvent);
    procedure SetOnUnknownProtocol(const Value: TsgcWSUnknownProtocolEvent);
  protected
    procedure ApplyEventSwitches; override;
    procedure DoEvent(const E: TsgcwsEvent; Conn: TsgcWSConnection); override;
  public
    procedure Broadcast(const aMessage: string; const aChannel: string = ''; const aProtocol: string = '';
      const Exclude: string = ''; const Include: string = ''); overload;
    procedure Broadcast(aStream: TStream; const aChannel: string = ''; const aProtocol: string = '';
      const Exclude: string = ''; const Include: string = ''); overload;
    { Sends to the connection with that Guid; False when there is none (or it is closed). }
    function WriteData(const aGuid, aMessage: string): Boolean; overload;
    function WriteData(const aGuid: string; aStream: TStream): Boolean; overload;
    procedure Ping(const aText: string = '');
    procedure DisconnectAll;
    { The manual's RegisterProtocol: a sub-protocol by name, or a protocol component (attached, as
      aProtocol.Server := Self). }
    procedure RegisterProtocol(const aProtocol: string); overload;
    procedure RegisterProtocol(aProtocol: TComponent); overload;
    property Count: Integer read GetCount;
    { The actual ip:port of each listener (Port 0 = a free port). }
    property ListenAddresses: TStrings read GetListenAddresses;
  published
    property OnAuthentication: TsgcWSAuthenticationEvent read FOnAuthentication write SetOnAuthentication;
    property OnUnknownProtocol: TsgcWSUnknownProtocolEvent read FOnUnknownProtocol write SetOnUnknownProtocol;
    property OnStartup: TNotifyEvent read FOnStartup write FOnStartup;
    property OnShutdown: TNotifyEvent read FOnShutdown write FOnShutdown;
  end;

  { The runtime of TsgcWebSocketHTTPServer: the server plus HTTP on the same port. }
  TsgcWebSocketHTTPServer_Base = class(TsgcWebSocketServer_Base)
  private
    FOnCommandGet: TsgcWSHTTPCommandEvent;
    FOnCommandOther: TsgcWSHTTPCommandEvent;
    procedure SetOnCommandGet(const Value: TsgcWSHTTPCommandEvent);
    procedure SetOnCommandOther(const Value: TsgcWSHTTPCommandEvent);
    procedure DoHTTPRequest(const E: TsgcwsEvent);
  protected
    procedure ApplyEventSwitches; override;
    procedure DoEvent(const E: TsgcwsEvent; Conn: TsgcWSConnection); override;
  published
    { GET, HEAD and POST requests. }
    property OnCommandGet: TsgcWSHTTPCommandEvent read FOnCommandGet write SetOnCommandGet;
    { Every other method. }
    property OnCommandOther: TsgcWSHTTPCommandEvent read FOnCommandOther write SetOnCommandOther;
  end;

{ The components: their property groups and published properties (generated). }
{$I sgcWebSocket_Components.inc}

implementation

{ helpers }

{ Sets a protocol component's published transport property (Server or Client) to aTransport: the
  generated protocol classes reach the library through their own setter. }
procedure AttachProtocol(aProtocol: TComponent; const aProperty: string; aTransport: TComponent);
begin
  if aProtocol = nil then
    raise EsgcWebSocketException.CreateCode(SGCWS_E_ARG, 'RegisterProtocol: the protocol is nil');
  if not IsPublishedProp(aProtocol, aProperty) then
    raise EsgcWebSocketException.CreateCode(SGCWS_E_ARG, Format('RegisterProtocol: %s has no %s property',
      [aProtocol.ClassName, aProperty]));
  SetObjectProp(aProtocol, aProperty, aTransport);
end;

function ResultOK(R: Integer; const Ctx: string; const Soft: array of Integer): Boolean;
var
  i: Integer;
begin
  if R = SGCWS_OK then
    Exit(True);
  for i := 0 to High(Soft) do
    if R = Soft[i] then
      Exit(False);
  SgcCheck(R, Ctx);
  Result := False;
end;

function StreamBytes(aStream: TStream): RawByteString;
var
  oldPos: Int64;
begin
  SetLength(Result, aStream.Size);
  if Length(Result) = 0 then
    Exit;
  oldPos := aStream.Position;
  try
    aStream.Position := 0;
    aStream.ReadBuffer(Result[1], Length(Result));
  finally
    aStream.Position := oldPos;
  end;
end;

{ TsgcWebSocketClient_Base }

function TsgcWebSocketClient_Base.GetConnected: Boolean;
begin
  Result := GetPropBool('Connected');
end;

function TsgcWebSocketClient_Base.GetProtocol: string;
begin
  Result := GetPropStr('Protocol');
end;

function TsgcWebSocketClient_Base.Connect(const aTimeout: Integer): Boolean;
begin
  CheckHandle;
  ApplyEventSwitches;
  Result := ResultOK(sgcws_connect(Handle, aTimeout), 'Connect', [SGCWS_E_CONNECT, SGCWS_E_TIMEOUT, SGCWS_E_TLS]);
end;

function TsgcWebSocketClient_Base.Disconnect(const aTimeout: Integer): Boolean;
begin
  CheckHandle;
  Result := ResultOK(sgcws_disconnect_wait(Handle, aTimeout), 'Disconnect', [SGCWS_E_TIMEOUT]);
end;

procedure TsgcWebSocketClient_Base.WriteData(const aText: string);
begin
  CheckHandle;
  WriteTo(Handle, SGCWS_TEXT, SgcToUTF8(aText));
end;

procedure TsgcWebSocketClient_Base.WriteData(const aStream: TStream; const aSize: Integer);
begin
  CheckHandle;
  WriteStreamTo(Handle, aStream, aSize);
end;

procedure TsgcWebSocketClient_Base.Ping(const aText: string);
var
  raw: RawByteString;
begin
  CheckHandle;
  raw := SgcToUTF8(aText);
  SgcCheck(sgcws_ping(Handle, PAnsiChar(raw), Length(raw)), 'Ping');
end;

procedure TsgcWebSocketClient_Base.Close(const aCloseCode: Integer);
begin
  CheckHandle;
  SgcCheck(sgcws_close(Handle, aCloseCode), 'Close');
end;

procedure TsgcWebSocketClient_Base.RegisterProtocol(const aProtocol: string);
begin
  with GetStrings(piProtocols) do
    if IndexOf(aProtocol) < 0 then
      Add(aProtocol);
end;

procedure TsgcWebSocketClient_Base.RegisterProtocol(aProtocol: TComponent);
begin
  AttachProtocol(aProtocol, 'Client', Self);
end;

{ TsgcWebSocketServer_Base }


procedure TsgcWebSocketServer_Base.ApplyEventSwitches;
begin
  inherited;
  SetEventSwitch('Events.OnAuthentication', Assigned(FOnAuthentication));
  SetEventSwitch('Events.OnUnknownProtocol', Assigned(FOnUnknownProtocol));
end;

procedure TsgcWebSocketServer_Base.SetOnAuthentication(const Value: TsgcWSAuthenticationEvent);
begin
  FOnAuthentication := Value;
  SetEventSwitch('Events.OnAuthentication', Assigned(Value));
end;

procedure TsgcWebSocketServer_Base.SetOnUnknownProtocol(const Value: TsgcWSUnknownProtocolEvent);
begin
  FOnUnknownProtocol := Value;
  SetEventSwitch('Events.OnUnknownProtocol', Assigned(Value));
end;

function TsgcWebSocketServer_Base.GetCount: Integer;
begin
  Result := GetPropInt('Count');
end;

function TsgcWebSocketServer_Base.GetListenAddresses: TStrings;
begin
  Result := ReadStrings(piListenAddresses);
end;

procedure TsgcWebSocketServer_Base.Broadcast(const aMessage: string; const aChannel, aProtocol, Exclude,
  Include: string);
var
  raw: RawByteString;
begin
  CheckHandle;
  raw := SgcToUTF8(aMessage);
  SgcCheck(sgcws_broadcast(Handle, SGCWS_TEXT, PAnsiChar(raw), Length(raw), PAnsiChar(SgcZ(aChannel)),
    PAnsiChar(SgcZ(aProtocol)), PAnsiChar(SgcZ(Exclude)), PAnsiChar(SgcZ(Include))), 'Broadcast');
end;

procedure TsgcWebSocketServer_Base.Broadcast(aStream: TStream; const aChannel, aProtocol, Exclude,
  Include: string);
var
  raw: RawByteString;
begin
  CheckHandle;
  raw := StreamBytes(aStream);
  SgcCheck(sgcws_broadcast(Handle, SGCWS_BINARY, PAnsiChar(raw), Length(raw), PAnsiChar(SgcZ(aChannel)),
    PAnsiChar(SgcZ(aProtocol)), PAnsiChar(SgcZ(Exclude)), PAnsiChar(SgcZ(Include))), 'Broadcast');
end;

function TsgcWebSocketServer_Base.WriteData(const aGuid, aMessage: string): Boolean;
var
  raw: RawByteString;
begin
  CheckHandle;
  raw := SgcToUTF8(aMessage);
  Result := ResultOK(sgcws_write_to(Handle, PAnsiChar(SgcZ(aGuid)), SGCWS_TEXT, PAnsiChar(raw), Length(raw)),
    'WriteData', [SGCWS_E_HANDLE, SGCWS_E_CLOSED, SGCWS_E_VALUE]);
end;

function TsgcWebSocketServer_Base.WriteData(const aGuid: string; aStream: TStream): Boolean;
var
  raw: RawByteString;
begin
  CheckHandle;
  raw := StreamBytes(aStream);
  Result := ResultOK(sgcws_write_to(Handle, PAnsiChar(SgcZ(aGuid)), SGCWS_BINARY, PAnsiChar(raw), Length(raw)),
    'WriteData', [SGCWS_E_HANDLE, SGCWS_E_CLOSED, SGCWS_E_VALUE]);
end;

procedure TsgcWebSocketServer_Base.Ping(const aText: string);
var
  raw: RawByteString;
begin
  CheckHandle;
  raw := SgcToUTF8(aText);
  SgcCheck(sgcws_ping(Handle, PAnsiChar(raw), Length(raw)), 'Ping');
end;

procedure TsgcWebSocketServer_Base.DisconnectAll;
var
  hs: array of TsgcwsHandle;
  n, i: Int32;
begin
  CheckHandle;
  n := 0;
  sgcws_connections(Handle, nil, 0, n);
  if n <= 0 then
    Exit;
  SetLength(hs, n + 16);
  SgcCheck(sgcws_connections(Handle, @hs[0], Length(hs), n), 'DisconnectAll');
  for i := 0 to Min(n, Length(hs)) - 1 do
    sgcws_drop(hs[i], CS_CLOSE_NORMAL);
end;

procedure TsgcWebSocketServer_Base.RegisterProtocol(const aProtocol: string);
begin
  with GetStrings(piProtocols) do
    if IndexOf(aProtocol) < 0 then
      Add(aProtocol);
end;

procedure TsgcWebSocketServer_Base.RegisterProtocol(aProtocol: TComponent);
begin
  AttachProtocol(aProtocol, 'Server', Self);
end;

procedure TsgcWebSocketServer_Base.DoEvent(const E: TsgcwsEvent; Conn: TsgcWSConnection);
var
  ok: Boolean;
  user, pass: string;
begin
  case E.kind of
    SGCWS_EV_AUTHENTICATION:
      begin
        if Assigned(FOnAuthentication) then
        begin
          ok := False;
          SgcTryGetStr(E.reply, 'User', user);
          SgcTryGetStr(E.reply, 'Password', pass);
          FOnAuthentication(Conn, user, pass, ok);
          SgcSetBool(E.reply, 'Authenticated', ok);
        end;
        sgcws_done(E.reply);
      end;
    SGCWS_EV_UNKNOWN_PROTOCOL:
      begin
        if Assigned(FOnUnknownProtocol) then
        begin
          ok := False;
          FOnUnknownProtocol(Conn, ok);
          SgcSetBool(E.reply, 'Accept', ok);
        end;
        sgcws_done(E.reply);
      end;
    SGCWS_EV_STARTUP:
      if Assigned(FOnStartup) then
        FOnStartup(Self);
    SGCWS_EV_SHUTDOWN:
      if Assigned(FOnShutdown) then
        FOnShutdown(Self);
  else
    inherited;
  end;
end;

{ TsgcWebSocketHTTPServer_Base }

procedure TsgcWebSocketHTTPServer_Base.ApplyEventSwitches;
begin
  inherited;
  SetEventSwitch('Events.OnCommandGet', Assigned(FOnCommandGet));
  SetEventSwitch('Events.OnCommandOther', Assigned(FOnCommandOther));
end;

procedure TsgcWebSocketHTTPServer_Base.SetOnCommandGet(const Value: TsgcWSHTTPCommandEvent);
begin
  FOnCommandGet := Value;
  SetEventSwitch('Events.OnCommandGet', Assigned(Value));
end;

procedure TsgcWebSocketHTTPServer_Base.SetOnCommandOther(const Value: TsgcWSHTTPCommandEvent);
begin
  FOnCommandOther := Value;
  SetEventSwitch('Events.OnCommandOther', Assigned(Value));
end;

procedure TsgcWebSocketHTTPServer_Base.DoHTTPRequest(const E: TsgcwsEvent);
var
  req: TsgcHTTPRequestInfo;
  resp: TsgcHTTPResponseInfo;
  r: TsgcwsHandle;
  handler: TsgcWSHTTPCommandEvent;
  s: string;
begin
  r := E.reply;
  req := TsgcHTTPRequestInfo.Create;
  resp := TsgcHTTPResponseInfo.Create;
  try
    req.LoadFrom(r);
    s := UpperCase(req.Command);
    if (s = 'GET') or (s = 'HEAD') or (s = 'POST') then
      handler := FOnCommandGet
    else
      handler := FOnCommandOther;
    if Assigned(handler) then
      handler(nil, req, resp);
    if resp.Touched then
      resp.SaveTo(r);
  finally
    resp.Free;
    req.Free;
    sgcws_done(r);
  end;
end;

procedure TsgcWebSocketHTTPServer_Base.DoEvent(const E: TsgcwsEvent; Conn: TsgcWSConnection);
begin
  if E.kind = SGCWS_EV_HTTP_REQUEST then
    DoHTTPRequest(E)
  else
    inherited;
end;

{$I sgcWebSocket_Components_Impl.inc}

end.
