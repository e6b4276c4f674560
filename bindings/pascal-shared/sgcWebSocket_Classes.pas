{ sgcWebSocket_Classes - TsgcWSConnection, the event types, the HTTP request/response objects and the
  base class of the components, which owns the library handle and delivers events as the manual's
  NotifyEvents says:

  neAsynchronous (default)  handlers run on the main thread. The library's wake callback queues ONE
                            call (TThread.ForceQueue) per wake; that call drains the queued events in
                            batches (sgcws_poll). A console program must call CheckSynchronize; an LCL/VCL/
                            FMX program does nothing.
  neSynchronous             the same, but the library thread that raised an event waits until its batch
                            has been handled.
  neNoSync                  handlers run on the library's threads (events of one connection in order).

  Every handler call is wrapped: an exception raised by a handler is reported through OnException and
  never reaches the library. Destroying a component is safe at any time (also from its own handler):
  the destructor detaches from the library first, and queued drains of a destroyed component do
  nothing. In the queued modes destroy components on the main thread. }
unit sgcWebSocket_Classes;

{$I sgcws.inc}

interface

uses
  Classes, SysUtils, SyncObjs, TypInfo, sgcWebSocket_Types, sgcWebSocket_Lib;

type
  TsgcWSComponent_Base = class;

  { A WebSocket connection, handed to every event (the manual's TsgcWSConnection). Valid until its
    OnDisconnect handler returns. }
  TsgcWSConnection = class
  private
    FHandle: TsgcwsHandle;
    FOwner: TsgcWSComponent_Base;
    FData: TObject;
    FGuid: string;
    FIP: string;
    FHeadersRequest: TStringList;
    FHeadersResponse: TStringList;
    function GetStrProp(const aName: string): string;
    function GetIntProp(const aName: string): Int64;
    function GetGuid: string;
    function GetIP: string;
    function GetPort: Integer;
    function GetLocalIP: string;
    function GetLocalPort: Integer;
    function GetURL: string;
    function GetProtocol: string;
    function GetHeadersRequest: TStringList;
    function GetHeadersResponse: TStringList;
    function GetRecBytes: Int64;
    function GetSendBytes: Int64;
    function GetBufferedAmount: Int64;
    function GetConnected: Boolean;
    function GetTransport: TwsTransport;
  public
    constructor Create(aOwner: TsgcWSComponent_Base; aHandle: TsgcwsHandle);
    destructor Destroy; override;
    procedure WriteData(const aText: string); overload;
    procedure WriteData(const aStream: TStream; aSize: Integer = 0); overload;
    procedure Ping(const aText: string = '');
    { Close: the closing handshake with aCloseCode (negative: no status). Disconnect: drops now. }
    procedure Close(aCloseCode: Integer = CS_CLOSE_NORMAL);
    procedure Disconnect(aCloseCode: Integer = CS_CLOSE_NORMAL);
    procedure Subscribe(const aChannel: string);
    procedure UnSubscribe(const aChannel: string);
    function Subscribed(const aChannel: string): Boolean;
    property Handle: TsgcwsHandle read FHandle;
    property Guid: string read GetGuid;
    property IP: string read GetIP;
    property Port: Integer read GetPort;
    property LocalIP: string read GetLocalIP;
    property LocalPort: Integer read GetLocalPort;
    property URL: string read GetURL;
    property Protocol: string read GetProtocol;
    property HeadersRequest: TStringList read GetHeadersRequest;
    property HeadersResponse: TStringList read GetHeadersResponse;
    property RecBytes: Int64 read GetRecBytes;
    property SendBytes: Int64 read GetSendBytes;
    property BufferedAmount: Int64 read GetBufferedAmount;
    property Connected: Boolean read GetConnected;
    property Transport: TwsTransport read GetTransport;
    { User data (the manual's Data); never freed by the library or these units. }
    property Data: TObject read FData write FData;
  end;

  { AContext of the HTTP events. There is no Indy here: AContext is always nil; the request's
    peer is in ARequestInfo.RemoteIP / RemotePort. }
  TIdContext = TObject;

  { The HTTP request of OnCommandGet / OnCommandOther (Indy's TIdHTTPRequestInfo, the parts the
    library provides). }
  TsgcHTTPRequestInfo = class
  private
    FCommand, FDocument, FQueryParams, FVersion, FContentType, FContentText: string;
    FRemoteIP, FHost, FAuthUsername, FAuthPassword: string;
    FRemotePort: Integer;
    FRawHeaders, FParams: TStringList;
    FPostStream: TMemoryStream;
    function GetAuthExists: Boolean;
    function GetUnparsedParams: string;
    function GetUserAgent: string;
  public
    constructor Create;
    destructor Destroy; override;
    { Internal: fills the object from a request handle of the library. }
    procedure LoadFrom(aReply: TsgcwsHandle);
    property Command: string read FCommand;
    property Document: string read FDocument;
    property URI: string read FDocument;
    property QueryParams: string read FQueryParams;
    property UnparsedParams: string read GetUnparsedParams;
    { name=value pairs of the query and of an application/x-www-form-urlencoded body, decoded. }
    property Params: TStringList read FParams;
    property Version: string read FVersion;
    property RawHeaders: TStringList read FRawHeaders;
    property ContentType: string read FContentType;
    { The body as text (UTF-8 decoded) and as bytes. }
    property ContentText: string read FContentText;
    property PostStream: TMemoryStream read FPostStream;
    property RemoteIP: string read FRemoteIP;
    property RemotePort: Integer read FRemotePort;
    property Host: string read FHost;
    property UserAgent: string read GetUserAgent;
    property AuthExists: Boolean read GetAuthExists;
    property AuthUsername: string read FAuthUsername;
    property AuthPassword: string read FAuthPassword;
  end;

  { The HTTP response the handler fills (Indy's TIdHTTPResponseInfo, the parts the library provides).
    A handler that sets nothing leaves the request to DocumentRoot, else 404. }
  TsgcHTTPResponseInfo = class
  private
    FResponseNo: Integer;
    FContentText, FContentType, FFileName, FAuthRealm: string;
    FCustomHeaders: TStringList;
    FContentStream: TStream;
    FFreeContentStream: Boolean;
    FTouched: Boolean;
    procedure SetResponseNo(const Value: Integer);
    procedure SetContentText(const Value: string);
    procedure SetContentType(const Value: string);
    procedure SetAuthRealm(const Value: string);
    procedure SetContentStream(const Value: TStream);
    procedure HeadersChanged(Sender: TObject);
  public
    constructor Create;
    destructor Destroy; override;
    { Sends the file as the response (Content-Type from its extension); returns its size, or -1 (and
      ResponseNo 404) when it does not exist. }
    function ServeFile(AContext: TIdContext; const aFile: string): Int64;
    { Internal: writes the answer into a request handle of the library. }
    procedure SaveTo(aReply: TsgcwsHandle);
    procedure Redirect(const aURL: string);
    property ResponseNo: Integer read FResponseNo write SetResponseNo;
    property ContentText: string read FContentText write SetContentText;
    property ContentType: string read FContentType write SetContentType;
    { When assigned, its whole content is the body (instead of ContentText); freed afterwards if
      FreeContentStream (default True), as in Indy. }
    property ContentStream: TStream read FContentStream write SetContentStream;
    property FreeContentStream: Boolean read FFreeContentStream write FFreeContentStream;
    property CustomHeaders: TStringList read FCustomHeaders;
    { Non-empty: answer 401 asking for Basic credentials with this realm. }
    property AuthRealm: string read FAuthRealm write SetAuthRealm;
    property Touched: Boolean read FTouched;
  end;

  TIdHTTPRequestInfo = TsgcHTTPRequestInfo;
  TIdHTTPResponseInfo = TsgcHTTPResponseInfo;

  { The manual's event signatures. }
  TsgcWSConnectEvent = procedure(Connection: TsgcWSConnection) of object;
  TsgcWSDisconnectEvent = procedure(Connection: TsgcWSConnection; Code: Integer) of object;
  TsgcWSMessageEvent = procedure(Connection: TsgcWSConnection; const Text: string) of object;
  TsgcWSBinaryEvent = procedure(Connection: TsgcWSConnection; const Data: TMemoryStream) of object;
  TsgcWSFragmentedEvent = procedure(Connection: TsgcWSConnection; const Data: TMemoryStream;
    const OpCode: TOpcode; const Continuation: Boolean) of object;
  TsgcWSErrorEvent = procedure(Connection: TsgcWSConnection; const Error: string) of object;
  TsgcWSExceptionEvent = procedure(Connection: TsgcWSConnection; E: Exception) of object;
  TsgcWSHandshakeEvent = procedure(Connection: TsgcWSConnection; var Headers: TStringList) of object;
  TsgcWSAuthenticationEvent = procedure(Connection: TsgcWSConnection; aUser, aPassword: string;
    var Authenticated: Boolean) of object;
  TsgcWSUnknownProtocolEvent = procedure(Connection: TsgcWSConnection; var Accept: Boolean) of object;
  TsgcWSHTTPCommandEvent = procedure(AContext: TIdContext; ARequestInfo: TIdHTTPRequestInfo;
    AResponseInfo: TIdHTTPResponseInfo) of object;

  { Internal: the object the library calls back into. Reference counted so that a callback, a queued
    drain or the component itself may end in any order. }
  TsgcEventSink = class
  private
    FOwner: TsgcWSComponent_Base;
    FAlive: Boolean;
    FRefCount: Integer;
    FQueued: Integer;
  public
    constructor Create(aOwner: TsgcWSComponent_Base);
    procedure AddRef;
    procedure Release;
    procedure ScheduleDrain;
    procedure Drain;
    property Alive: Boolean read FAlive;
  end;

  { Property indexes: every published property reaches the library through the one generic path
    (SetProp/GetProp by the manual's property path); SgcPropName maps an index to that path. }
  TsgcPropIndex = Integer;

  TsgcPropStrings = class;

  { Base of the components: the library handle, the properties' generic path, event delivery. }
  TsgcWSComponent_Base = class(TComponent)
  private
    FHandle: TsgcwsHandle;
    FSink: TsgcEventSink;
    FConnLock: TCriticalSection;
    FConnections: TList; { sorted by handle }
    FStreamedActive: Boolean;
    FOnConnect: TsgcWSConnectEvent;
    FOnDisconnect: TsgcWSDisconnectEvent;
    FOnMessage: TsgcWSMessageEvent;
    FOnBinary: TsgcWSBinaryEvent;
    FOnFragmented: TsgcWSFragmentedEvent;
    FOnError: TsgcWSErrorEvent;
    FOnException: TsgcWSExceptionEvent;
    FOnHandshake: TsgcWSHandshakeEvent;
    function FindConnIndex(aHandle: TsgcwsHandle; out Index: Integer): Boolean;
    function AcquireConnection(aHandle: TsgcwsHandle; aCreate: Boolean; out Temp: Boolean): TsgcWSConnection;
    procedure RemoveConnection(aConn: TsgcWSConnection);
    procedure SetOnHandshake(const Value: TsgcWSHandshakeEvent);
    function GetNotifyEvents: TwsNotifyEvent;
    procedure SetNotifyEvents(const Value: TwsNotifyEvent);
    function GetActive: Boolean;
    procedure SetActive(const Value: Boolean);
  protected
    FKind: Integer;
    procedure Loaded; override;
    procedure CheckHandle;
    { Events.On* := Assigned(handler) for the decision events. }
    procedure ApplyEventSwitches; virtual;
    procedure SetEventSwitch(const aName: string; aOn: Boolean);
    { Events. }
    procedure DispatchEvent(const E: TsgcwsEvent; Sink: TsgcEventSink);
    procedure DoEvent(const E: TsgcwsEvent; Conn: TsgcWSConnection); virtual;
    procedure DoHandshake(const E: TsgcwsEvent; Conn: TsgcWSConnection);
    procedure HandleException(Conn: TsgcWSConnection; E: Exception);
    function IsQueuedMode: Boolean;
    procedure WriteTo(H: TsgcwsHandle; aType: Integer; const aData: RawByteString; aFragment: Integer = 0);
    procedure WriteStreamTo(H: TsgcwsHandle; const aStream: TStream; aFragment: Integer);
  public
    { The generic property path, by the manual's property path ('Options.Parameters', ...). }
    procedure SetPropBool(const aName: string; Value: Boolean);
    procedure SetPropInt(const aName: string; Value: Int64);
    procedure SetPropStr(const aName: string; const Value: string);
    function GetPropBool(const aName: string): Boolean;
    function GetPropInt(const aName: string): Int64;
    function GetPropStr(const aName: string): string;
    { Index-based accessors used by the published properties (index = TsgcPropIndex). }
    function GetB(Index: Integer): Boolean;
    procedure SetB(Index: Integer; Value: Boolean);
    function GetI(Index: Integer): Integer;
    procedure SetI(Index: Integer; Value: Integer);
    function GetI64(Index: Integer): Int64;
    procedure SetI64(Index: Integer; Value: Int64);
    function GetS(Index: Integer): string;
    procedure SetS(Index: Integer; const Value: string);
    function GetTLSVersion(Index: Integer): TwsTLSVersions;
    procedure SetTLSVersion(Index: Integer; Value: TwsTLSVersions);
    function GetFragmented(Index: Integer): TwsFragmentedMessages;
    procedure SetFragmented(Index: Integer; Value: TwsFragmentedMessages);
  public
    constructor Create(aOwner: TComponent); override;
    destructor Destroy; override;
    procedure Start; virtual;
    procedure Stop; virtual;
    { The library handle of this component. }
    property Handle: TsgcwsHandle read FHandle;
    property Active: Boolean read GetActive write SetActive;
    property NotifyEvents: TwsNotifyEvent read GetNotifyEvents write SetNotifyEvents default neAsynchronous;
    property OnConnect: TsgcWSConnectEvent read FOnConnect write FOnConnect;
    property OnDisconnect: TsgcWSDisconnectEvent read FOnDisconnect write FOnDisconnect;
    property OnMessage: TsgcWSMessageEvent read FOnMessage write FOnMessage;
    property OnBinary: TsgcWSBinaryEvent read FOnBinary write FOnBinary;
    property OnFragmented: TsgcWSFragmentedEvent read FOnFragmented write FOnFragmented;
    property OnError: TsgcWSErrorEvent read FOnError write FOnError;
    property OnException: TsgcWSExceptionEvent read FOnException write FOnException;
    property OnHandshake: TsgcWSHandshakeEvent read FOnHandshake write SetOnHandshake;
  end;

  { A published TStrings property backed by a Strings property of the library: every change is
    sent through the generic path. }
  TsgcPropStrings = class(TStringList)
  private
    FOwner: TsgcWSComponent_Base;
    FIndex: Integer;
    procedure Push(Sender: TObject);
  public
    constructor Create(aOwner: TsgcWSComponent_Base; aIndex: Integer);
  end;

  { Base of the nested option groups (Options, Extensions.PerMessage_Deflate, HeartBeat, ...). Their
    published properties use the owner's index accessors. }
  TsgcPropGroup = class(TPersistent)
  protected
    FOwner: TsgcWSComponent_Base;
    function GetOwner: TPersistent; override;
    function GetB(Index: Integer): Boolean;
    procedure SetB(Index: Integer; Value: Boolean);
    function GetI(Index: Integer): Integer;
    procedure SetI(Index: Integer; Value: Integer);
    function GetI64(Index: Integer): Int64;
    procedure SetI64(Index: Integer; Value: Int64);
    function GetS(Index: Integer): string;
    procedure SetS(Index: Integer; const Value: string);
    function GetTLSVersion(Index: Integer): TwsTLSVersions;
    procedure SetTLSVersion(Index: Integer; Value: TwsTLSVersions);
    function GetFragmented(Index: Integer): TwsFragmentedMessages;
    procedure SetFragmented(Index: Integer; Value: TwsFragmentedMessages);
    procedure SetStrings(var aField: TsgcPropStrings; Value: TStrings);
  public
    constructor Create(aOwner: TsgcWSComponent_Base); virtual;
  end;

const
  { The manual's property paths, by index. }
  piURL = 0; piHost = 1; piPort = 2; piTLS = 3; piConnectTimeout = 4; piNotifyEvents = 5;
  piDecisionTimeout = 6; piOptParameters = 7; piOptOrigin = 8; piOptHeaders = 9;
  piOptFragmented = 10; piOptValidateUTF8 = 11; piOptMaxMessageSize = 12; piOptWriteQueueLimit = 13;
  piDeflEnabled = 14; piDeflClientBits = 15; piDeflServerBits = 16; piDeflClientNoCtx = 17;
  piDeflServerNoCtx = 18; piDeflMemLevel = 19; piHBEnabled = 20; piHBInterval = 21; piHBTimeout = 22;
  piTLSRootCert = 23; piTLSCert = 24; piTLSKey = 25; piTLSPassword = 26; piTLSVerify = 27;
  piTLSVersion = 28; piTLSALPN = 29; piTLSMinVersion = 30; piProtocols = 31; piBindings = 32;
  piMaxConnections = 33; piSoftware = 34; piRFC6455 = 35; piAuthEnabled = 36; piAuthUsers = 37;
  piAuthBasic = 38; piAuthURL = 39; piOriginsAllowed = 40; piSSL = 41; piSSLRootCert = 42;
  piSSLCert = 43; piSSLKey = 44; piSSLPassword = 45; piSSLVerify = 46; piSSLVersion = 47;
  piDocumentRoot = 48; piKeepAlive = 49;

  SgcPropName: array[0..49] of string = (
    'URL', 'Host', 'Port', 'TLS', 'ConnectTimeout', 'NotifyEvents',
    'DecisionTimeout', 'Options.Parameters', 'Options.Origin', 'Options.Headers',
    'Options.FragmentedMessages', 'Options.ValidateUTF8', 'Options.MaxMessageSize', 'Options.WriteQueueLimit',
    'Extensions.PerMessage_Deflate.Enabled', 'Extensions.PerMessage_Deflate.ClientMaxWindowBits',
    'Extensions.PerMessage_Deflate.ServerMaxWindowBits', 'Extensions.PerMessage_Deflate.ClientNoContextTakeOver',
    'Extensions.PerMessage_Deflate.ServerNoContextTakeOver', 'Extensions.PerMessage_Deflate.MemLevel',
    'HeartBeat.Enabled', 'HeartBeat.Interval', 'HeartBeat.Timeout',
    'TLSOptions.RootCertFile', 'TLSOptions.CertFile', 'TLSOptions.KeyFile', 'TLSOptions.Password',
    'TLSOptions.VerifyCertificate', 'TLSOptions.Version', 'TLSOptions.ALPNProtocols',
    'TLSOptions.OpenSSL_Options.MinVersion', 'Protocols', 'Bindings',
    'MaxConnections', 'Software', 'Specifications.RFC6455', 'Authentication.Enabled', 'Authentication.AuthUsers',
    'Authentication.Basic.Enabled', 'Authentication.URL.Enabled', 'SecurityOptions.OriginsAllowed', 'SSL',
    'SSLOptions.RootCertFile', 'SSLOptions.CertFile', 'SSLOptions.KeyFile', 'SSLOptions.Password',
    'SSLOptions.VerifyCertificate', 'SSLOptions.Version', 'DocumentRoot', 'KeepAlive');

{ Joins the items with LF (the library's line separator). }
function SgcJoinLines(L: TStrings): string;
{ Decodes %XX and '+' of a URL query component (UTF-8). }
function SgcURLDecode(const S: string): string;

implementation

const
  DRAIN_BATCH = 256;
  DRAIN_SLICE_MS = 40; { a drain yields to the main loop after this long and re-queues itself }

function AtomicInc(var V: Integer): Integer; inline;
begin
{$IFDEF FPC}
  Result := InterLockedIncrement(V);
{$ELSE}
  Result := AtomicIncrement(V);
{$ENDIF}
end;

function AtomicDec(var V: Integer): Integer; inline;
begin
{$IFDEF FPC}
  Result := InterLockedDecrement(V);
{$ELSE}
  Result := AtomicDecrement(V);
{$ENDIF}
end;

function AtomicXchg(var V: Integer; N: Integer): Integer; inline;
begin
{$IFDEF FPC}
  Result := InterLockedExchange(V, N);
{$ELSE}
  Result := AtomicExchange(V, N);
{$ENDIF}
end;

function SgcJoinLines(L: TStrings): string;
var
  i: Integer;
begin
  Result := '';
  for i := 0 to L.Count - 1 do
  begin
    if i > 0 then
      Result := Result + #10;
    Result := Result + L[i];
  end;
end;

function SgcURLDecode(const S: string): string;
var
  raw, src: RawByteString;
  i, n: Integer;
  h: Integer;
begin
  src := SgcToUTF8(S);
  SetLength(raw, Length(src));
  i := 1;
  n := 0;
  while i <= Length(src) do
  begin
    if (src[i] = '%') and (i + 2 <= Length(src)) and
       TryStrToInt('$' + string(Copy(src, i + 1, 2)), h) then
    begin
      Inc(n);
      raw[n] := AnsiChar(h);
      Inc(i, 3);
      Continue;
    end;
    Inc(n);
    if src[i] = '+' then
      raw[n] := ' '
    else
      raw[n] := src[i];
    Inc(i);
  end;
  SetLength(raw, n);
  Result := SgcFromUTF8(PAnsiChar(raw), Length(raw));
end;

procedure SetLinesFromText(L: TStrings; const S: string);
begin
  L.Text := S;
end;

{ ---------------------------------------------------------------------------------------------- }
{ Library callbacks: cdecl, on library threads; nothing may escape them. }

procedure SinkEventCb(user: Pointer; event: PsgcwsEvent); cdecl;
var
  s: TsgcEventSink;
begin
  try
    s := TsgcEventSink(user);
    if (s <> nil) and s.FAlive and (event <> nil) then
      s.FOwner.DispatchEvent(event^, s);
  except
    { never let anything unwind into the library }
  end;
end;

procedure SinkWakeCb(user: Pointer); cdecl;
begin
  try
    if user <> nil then
      TsgcEventSink(user).ScheduleDrain;
  except
  end;
end;

{ TsgcEventSink }

constructor TsgcEventSink.Create(aOwner: TsgcWSComponent_Base);
begin
  inherited Create;
  FOwner := aOwner;
  FAlive := True;
  FRefCount := 1; { the component's reference }
end;

procedure TsgcEventSink.AddRef;
begin
  AtomicInc(FRefCount);
end;

procedure TsgcEventSink.Release;
begin
  if AtomicDec(FRefCount) = 0 then
    Free;
end;

procedure TsgcEventSink.ScheduleDrain;
begin
  if FAlive and (AtomicXchg(FQueued, 1) = 0) then
  begin
    AddRef; { held by the queued call, released by Drain }
    TThread.ForceQueue(nil, Drain);
  end;
end;

procedure TsgcEventSink.Drain;
var
  evs: array[0..DRAIN_BATCH - 1] of PsgcwsEvent;
  n, i, r: Int32;
  t0: QWord;
  more: Boolean;
begin
  try
    AtomicXchg(FQueued, 0);
    more := False;
    t0 := GetTickCount64;
    while FAlive do
    begin
      n := 0;
      r := sgcws_poll(FOwner.FHandle, @evs[0], DRAIN_BATCH, 0, n);
      if (r <> SGCWS_OK) or (n <= 0) then
        Break;
      for i := 0 to n - 1 do
      begin
        if not FAlive then
          Break;
        FOwner.DispatchEvent(evs[i]^, Self);
      end;
      if FAlive and (GetTickCount64 - t0 > DRAIN_SLICE_MS) then
      begin
        more := True;
        Break;
      end;
    end;
    if more and FAlive then
    begin
      sgcws_release(FOwner.FHandle); { let synchronous senders go on while the main loop runs }
      ScheduleDrain;
    end;
  except
  end;
  Release;
end;

{ TsgcWSConnection }

constructor TsgcWSConnection.Create(aOwner: TsgcWSComponent_Base; aHandle: TsgcwsHandle);
begin
  inherited Create;
  FOwner := aOwner;
  FHandle := aHandle;
end;

destructor TsgcWSConnection.Destroy;
begin
  FHeadersRequest.Free;
  FHeadersResponse.Free;
  inherited;
end;

function TsgcWSConnection.GetStrProp(const aName: string): string;
begin
  if not SgcTryGetStr(FHandle, aName, Result) then
    Result := '';
end;

function TsgcWSConnection.GetIntProp(const aName: string): Int64;
begin
  Result := 0;
  if sgcws_get_int(FHandle, PAnsiChar(SgcZ(aName)), Result) <> SGCWS_OK then
    Result := 0;
end;

function TsgcWSConnection.GetGuid: string;
begin
  if FGuid = '' then
    FGuid := GetStrProp('Guid');
  Result := FGuid;
end;

function TsgcWSConnection.GetIP: string;
begin
  if FIP = '' then
    FIP := GetStrProp('IP');
  Result := FIP;
end;

function TsgcWSConnection.GetPort: Integer;
begin
  Result := GetIntProp('Port');
end;

function TsgcWSConnection.GetLocalIP: string;
begin
  Result := GetStrProp('LocalIP');
end;

function TsgcWSConnection.GetLocalPort: Integer;
begin
  Result := GetIntProp('LocalPort');
end;

function TsgcWSConnection.GetURL: string;
begin
  Result := GetStrProp('URL');
end;

function TsgcWSConnection.GetProtocol: string;
begin
  Result := GetStrProp('Protocol');
end;

function TsgcWSConnection.GetHeadersRequest: TStringList;
begin
  if FHeadersRequest = nil then
    FHeadersRequest := TStringList.Create;
  SetLinesFromText(FHeadersRequest, GetStrProp('HeadersRequest'));
  Result := FHeadersRequest;
end;

function TsgcWSConnection.GetHeadersResponse: TStringList;
begin
  if FHeadersResponse = nil then
    FHeadersResponse := TStringList.Create;
  SetLinesFromText(FHeadersResponse, GetStrProp('HeadersResponse'));
  Result := FHeadersResponse;
end;

function TsgcWSConnection.GetRecBytes: Int64;
begin
  Result := GetIntProp('RecBytes');
end;

function TsgcWSConnection.GetSendBytes: Int64;
begin
  Result := GetIntProp('SendBytes');
end;

function TsgcWSConnection.GetBufferedAmount: Int64;
begin
  Result := GetIntProp('BufferedAmount');
end;

function TsgcWSConnection.GetConnected: Boolean;
var
  v: Int32;
begin
  v := 0;
  Result := (sgcws_get_bool(FHandle, 'Connected', v) = SGCWS_OK) and (v <> 0);
end;

function TsgcWSConnection.GetTransport: TwsTransport;
var
  i: Integer;
begin
  Result := trpRFC6455;
  i := GetEnumValue(TypeInfo(TwsTransport), GetStrProp('Transport'));
  if (i >= Ord(Low(TwsTransport))) and (i <= Ord(High(TwsTransport))) then
    Result := TwsTransport(i);
end;

procedure TsgcWSConnection.WriteData(const aText: string);
begin
  FOwner.WriteTo(FHandle, SGCWS_TEXT, SgcToUTF8(aText));
end;

procedure TsgcWSConnection.WriteData(const aStream: TStream; aSize: Integer);
begin
  FOwner.WriteStreamTo(FHandle, aStream, aSize);
end;

procedure TsgcWSConnection.Ping(const aText: string);
var
  raw: RawByteString;
begin
  raw := SgcToUTF8(aText);
  SgcCheck(sgcws_ping(FHandle, PAnsiChar(raw), Length(raw)), 'Ping');
end;

procedure TsgcWSConnection.Close(aCloseCode: Integer);
begin
  SgcCheck(sgcws_close(FHandle, aCloseCode), 'Close');
end;

procedure TsgcWSConnection.Disconnect(aCloseCode: Integer);
begin
  SgcCheck(sgcws_drop(FHandle, aCloseCode), 'Disconnect');
end;

procedure TsgcWSConnection.Subscribe(const aChannel: string);
begin
  SgcCheck(sgcws_subscribe(FHandle, PAnsiChar(SgcZ(aChannel))), 'Subscribe');
end;

procedure TsgcWSConnection.UnSubscribe(const aChannel: string);
begin
  SgcCheck(sgcws_unsubscribe(FHandle, PAnsiChar(SgcZ(aChannel))), 'UnSubscribe');
end;

function TsgcWSConnection.Subscribed(const aChannel: string): Boolean;
var
  v: Int32;
begin
  v := 0;
  SgcCheck(sgcws_subscribed(FHandle, PAnsiChar(SgcZ(aChannel)), v), 'Subscribed');
  Result := v <> 0;
end;

{ TsgcHTTPRequestInfo }

constructor TsgcHTTPRequestInfo.Create;
begin
  inherited Create;
  FRawHeaders := TStringList.Create;
  FRawHeaders.NameValueSeparator := ':';
  FParams := TStringList.Create;
  FPostStream := TMemoryStream.Create;
end;

destructor TsgcHTTPRequestInfo.Destroy;
begin
  FRawHeaders.Free;
  FParams.Free;
  FPostStream.Free;
  inherited;
end;

function TsgcHTTPRequestInfo.GetAuthExists: Boolean;
begin
  Result := (FAuthUsername <> '') or (FAuthPassword <> '');
end;

function TsgcHTTPRequestInfo.GetUnparsedParams: string;
begin
  if (FQueryParams = '') and (Pos('application/x-www-form-urlencoded', LowerCase(FContentType)) > 0) then
    Result := FContentText
  else
    Result := FQueryParams;
end;

function TsgcHTTPRequestInfo.GetUserAgent: string;
begin
  Result := Trim(FRawHeaders.Values['User-Agent']);
end;

{ TsgcHTTPResponseInfo }

constructor TsgcHTTPResponseInfo.Create;
begin
  inherited Create;
  FResponseNo := 200;
  FFreeContentStream := True;
  FCustomHeaders := TStringList.Create;
  FCustomHeaders.NameValueSeparator := ':';
  FCustomHeaders.OnChange := HeadersChanged;
end;

destructor TsgcHTTPResponseInfo.Destroy;
begin
  if FFreeContentStream then
    FContentStream.Free;
  FCustomHeaders.Free;
  inherited;
end;

procedure TsgcHTTPResponseInfo.HeadersChanged(Sender: TObject);
begin
  FTouched := True;
end;

procedure TsgcHTTPResponseInfo.SetResponseNo(const Value: Integer);
begin
  FResponseNo := Value;
  FTouched := True;
end;

procedure TsgcHTTPResponseInfo.SetContentText(const Value: string);
begin
  FContentText := Value;
  FTouched := True;
end;

procedure TsgcHTTPResponseInfo.SetContentType(const Value: string);
begin
  FContentType := Value;
  FTouched := True;
end;

procedure TsgcHTTPResponseInfo.SetAuthRealm(const Value: string);
begin
  FAuthRealm := Value;
  FTouched := True;
end;

procedure TsgcHTTPResponseInfo.SetContentStream(const Value: TStream);
begin
  FContentStream := Value;
  FTouched := True;
end;

function TsgcHTTPResponseInfo.ServeFile(AContext: TIdContext; const aFile: string): Int64;
var
  sr: TSearchRec;
begin
  FTouched := True;
  if FindFirst(aFile, faAnyFile, sr) = 0 then
  begin
    Result := sr.Size;
    FindClose(sr);
    FFileName := ExpandFileName(aFile);
  end
  else
  begin
    Result := -1;
    FResponseNo := 404;
  end;
end;

procedure TsgcHTTPResponseInfo.Redirect(const aURL: string);
begin
  FResponseNo := 302;
  FCustomHeaders.Add('Location: ' + aURL);
  FTouched := True;
end;


procedure AddParams(L: TStrings; const Query: string);
var
  parts: TStringList;
  i, p: Integer;
  item: string;
begin
  if Query = '' then
    Exit;
  parts := TStringList.Create;
  try
    parts.StrictDelimiter := True;
    parts.Delimiter := '&';
    parts.DelimitedText := Query;
    for i := 0 to parts.Count - 1 do
    begin
      item := parts[i];
      if item = '' then
        Continue;
      p := Pos('=', item);
      if p > 0 then
        L.Add(SgcURLDecode(Copy(item, 1, p - 1)) + '=' + SgcURLDecode(Copy(item, p + 1, MaxInt)))
      else
        L.Add(SgcURLDecode(item));
    end;
  finally
    parts.Free;
  end;
end;

procedure TsgcHTTPRequestInfo.LoadFrom(aReply: TsgcwsHandle);
var
  body: RawByteString;
begin
  FCommand := SgcGetStr(aReply, 'RequestInfo.Command');
  FDocument := SgcGetStr(aReply, 'RequestInfo.Document');
  FQueryParams := SgcGetStr(aReply, 'RequestInfo.QueryParams');
  FVersion := SgcGetStr(aReply, 'RequestInfo.Version');
  FContentType := SgcGetStr(aReply, 'RequestInfo.ContentType');
  FRemoteIP := SgcGetStr(aReply, 'RequestInfo.RemoteIP');
  FRemotePort := SgcGetInt(aReply, 'RequestInfo.RemotePort');
  FHost := SgcGetStr(aReply, 'RequestInfo.Host');
  FAuthUsername := SgcGetStr(aReply, 'RequestInfo.AuthUsername');
  FAuthPassword := SgcGetStr(aReply, 'RequestInfo.AuthPassword');
  FRawHeaders.Text := SgcGetStr(aReply, 'RequestInfo.Headers');
  body := SgcGetRaw(aReply, 'RequestInfo.ContentText');
  FPostStream.Clear;
  if Length(body) > 0 then
    FPostStream.WriteBuffer(body[1], Length(body));
  FPostStream.Position := 0;
  FContentText := SgcFromUTF8(PAnsiChar(body), Length(body));
  FParams.Clear;
  AddParams(FParams, FQueryParams);
  if Pos('application/x-www-form-urlencoded', LowerCase(FContentType)) > 0 then
    AddParams(FParams, FContentText);
end;

procedure TsgcHTTPResponseInfo.SaveTo(aReply: TsgcwsHandle);
var
  raw: RawByteString;
  oldPos: Int64;
begin
  if FContentType <> '' then
    SgcSetStr(aReply, 'ResponseInfo.ContentType', FContentType);
  if FCustomHeaders.Count > 0 then
    SgcSetStr(aReply, 'ResponseInfo.CustomHeaders', SgcJoinLines(FCustomHeaders));
  if FAuthRealm <> '' then
    SgcSetStr(aReply, 'ResponseInfo.AuthRealm', FAuthRealm);
  if FFileName <> '' then
    SgcSetStr(aReply, 'ResponseInfo.FileName', FFileName);
  if FContentStream <> nil then
  begin
    SetLength(raw, FContentStream.Size);
    oldPos := FContentStream.Position;
    FContentStream.Position := 0;
    if Length(raw) > 0 then
      FContentStream.ReadBuffer(raw[1], Length(raw));
    FContentStream.Position := oldPos;
    SgcSetRaw(aReply, 'ResponseInfo.ContentText', raw);
  end
  else
    SgcSetStr(aReply, 'ResponseInfo.ContentText', FContentText);
  SgcSetInt(aReply, 'ResponseInfo.ResponseNo', FResponseNo);
end;

{ TsgcPropStrings }

constructor TsgcPropStrings.Create(aOwner: TsgcWSComponent_Base; aIndex: Integer);
begin
  inherited Create;
  FOwner := aOwner;
  FIndex := aIndex;
  OnChange := Push;
end;

procedure TsgcPropStrings.Push(Sender: TObject);
begin
  FOwner.SetS(FIndex, SgcJoinLines(Self));
end;

{ TsgcPropGroup }

constructor TsgcPropGroup.Create(aOwner: TsgcWSComponent_Base);
begin
  inherited Create;
  FOwner := aOwner;
end;

function TsgcPropGroup.GetOwner: TPersistent;
begin
  Result := FOwner;
end;

function TsgcPropGroup.GetB(Index: Integer): Boolean;
begin
  Result := FOwner.GetB(Index);
end;

procedure TsgcPropGroup.SetB(Index: Integer; Value: Boolean);
begin
  FOwner.SetB(Index, Value);
end;

function TsgcPropGroup.GetI(Index: Integer): Integer;
begin
  Result := FOwner.GetI(Index);
end;

procedure TsgcPropGroup.SetI(Index: Integer; Value: Integer);
begin
  FOwner.SetI(Index, Value);
end;

function TsgcPropGroup.GetI64(Index: Integer): Int64;
begin
  Result := FOwner.GetI64(Index);
end;

procedure TsgcPropGroup.SetI64(Index: Integer; Value: Int64);
begin
  FOwner.SetI64(Index, Value);
end;

function TsgcPropGroup.GetS(Index: Integer): string;
begin
  Result := FOwner.GetS(Index);
end;

procedure TsgcPropGroup.SetS(Index: Integer; const Value: string);
begin
  FOwner.SetS(Index, Value);
end;

function TsgcPropGroup.GetTLSVersion(Index: Integer): TwsTLSVersions;
begin
  Result := FOwner.GetTLSVersion(Index);
end;

procedure TsgcPropGroup.SetTLSVersion(Index: Integer; Value: TwsTLSVersions);
begin
  FOwner.SetTLSVersion(Index, Value);
end;

function TsgcPropGroup.GetFragmented(Index: Integer): TwsFragmentedMessages;
begin
  Result := FOwner.GetFragmented(Index);
end;

procedure TsgcPropGroup.SetFragmented(Index: Integer; Value: TwsFragmentedMessages);
begin
  FOwner.SetFragmented(Index, Value);
end;

procedure TsgcPropGroup.SetStrings(var aField: TsgcPropStrings; Value: TStrings);
begin
  aField.Assign(Value);
end;

{ TsgcWSComponent_Base }

constructor TsgcWSComponent_Base.Create(aOwner: TComponent);
begin
  inherited Create(aOwner);
  FConnLock := TCriticalSection.Create;
  FConnections := TList.Create;
  if FKind = 0 then
    FKind := SGCWS_SERVER;
  LoadSgcws;
  SgcCheck(sgcws_create(FKind, FHandle), ClassName + '.Create');
  FSink := TsgcEventSink.Create(Self);
  FSink.AddRef; { the library's reference, dropped after detach }
  SgcCheck(sgcws_set_callback(FHandle, SinkEventCb, FSink), 'sgcws_set_callback');
  SgcCheck(sgcws_set_wake(FHandle, SinkWakeCb, FSink), 'sgcws_set_wake');
end;

destructor TsgcWSComponent_Base.Destroy;
var
  i: Integer;
begin
  if FSink <> nil then
    FSink.FAlive := False; { queued drains and running callbacks stop touching this object }
  if FHandle <> 0 then
  begin
    sgcws_detach(FHandle); { returns when no callback runs or can run (not waiting for our own) }
    sgcws_destroy(FHandle);
    FHandle := 0;
  end;
  if FSink <> nil then
  begin
    FSink.Release; { the library's reference }
    FSink.Release; { ours }
    FSink := nil;
  end;
  if FConnections <> nil then
    for i := 0 to FConnections.Count - 1 do
      TObject(FConnections[i]).Free;
  FreeAndNil(FConnections);
  FreeAndNil(FConnLock);
  inherited;
end;

procedure TsgcWSComponent_Base.CheckHandle;
begin
  if FHandle = 0 then
    raise EsgcWebSocketException.CreateCode(SGCWS_E_HANDLE, ClassName + ': no library handle');
end;

procedure TsgcWSComponent_Base.Loaded;
begin
  inherited;
  if FStreamedActive then
    SetActive(True);
end;

procedure TsgcWSComponent_Base.SetEventSwitch(const aName: string; aOn: Boolean);
begin
  if FHandle <> 0 then
    SgcCheck(sgcws_set_bool(FHandle, PAnsiChar(SgcZ(aName)), Ord(aOn)), aName);
end;

procedure TsgcWSComponent_Base.ApplyEventSwitches;
begin
  SetEventSwitch('Events.OnHandshake', Assigned(FOnHandshake));
end;

procedure TsgcWSComponent_Base.SetOnHandshake(const Value: TsgcWSHandshakeEvent);
begin
  FOnHandshake := Value;
  SetEventSwitch('Events.OnHandshake', Assigned(Value));
end;

function TsgcWSComponent_Base.GetActive: Boolean;
begin
  if csLoading in ComponentState then
    Result := FStreamedActive
  else
    Result := GetPropBool('Active');
end;

procedure TsgcWSComponent_Base.SetActive(const Value: Boolean);
begin
  if csLoading in ComponentState then
  begin
    FStreamedActive := Value;
    Exit;
  end;
  if Value then
    ApplyEventSwitches;
  SetPropBool('Active', Value);
end;

procedure TsgcWSComponent_Base.Start;
begin
  CheckHandle;
  ApplyEventSwitches;
  SgcCheck(sgcws_start(FHandle), ClassName + '.Start');
end;

procedure TsgcWSComponent_Base.Stop;
begin
  CheckHandle;
  SgcCheck(sgcws_stop(FHandle), ClassName + '.Stop');
end;

function TsgcWSComponent_Base.GetNotifyEvents: TwsNotifyEvent;
begin
  Result := TwsNotifyEvent(GetPropInt('NotifyEvents'));
end;

procedure TsgcWSComponent_Base.SetNotifyEvents(const Value: TwsNotifyEvent);
begin
  SetPropInt('NotifyEvents', Ord(Value));
end;

function TsgcWSComponent_Base.IsQueuedMode: Boolean;
begin
  Result := GetNotifyEvents <> neNoSync;
end;

{ The generic property path. }

procedure TsgcWSComponent_Base.SetPropBool(const aName: string; Value: Boolean);
begin
  CheckHandle;
  SgcCheck(sgcws_set_bool(FHandle, PAnsiChar(SgcZ(aName)), Ord(Value)), ClassName + '.' + aName);
end;

procedure TsgcWSComponent_Base.SetPropInt(const aName: string; Value: Int64);
begin
  CheckHandle;
  SgcCheck(sgcws_set_int(FHandle, PAnsiChar(SgcZ(aName)), Value), ClassName + '.' + aName);
end;

procedure TsgcWSComponent_Base.SetPropStr(const aName: string; const Value: string);
var
  raw: RawByteString;
begin
  CheckHandle;
  raw := SgcToUTF8(Value);
  SgcCheck(sgcws_set_str(FHandle, PAnsiChar(SgcZ(aName)), PAnsiChar(raw), Length(raw)),
    ClassName + '.' + aName);
end;

function TsgcWSComponent_Base.GetPropBool(const aName: string): Boolean;
begin
  CheckHandle;
  Result := SgcGetBool(FHandle, aName);
end;

function TsgcWSComponent_Base.GetPropInt(const aName: string): Int64;
begin
  CheckHandle;
  Result := SgcGetInt(FHandle, aName);
end;

function TsgcWSComponent_Base.GetPropStr(const aName: string): string;
begin
  CheckHandle;
  Result := SgcGetStr(FHandle, aName);
end;

function TsgcWSComponent_Base.GetB(Index: Integer): Boolean;
begin
  Result := GetPropBool(SgcPropName[Index]);
end;

procedure TsgcWSComponent_Base.SetB(Index: Integer; Value: Boolean);
begin
  SetPropBool(SgcPropName[Index], Value);
end;

function TsgcWSComponent_Base.GetI(Index: Integer): Integer;
begin
  Result := GetPropInt(SgcPropName[Index]);
end;

procedure TsgcWSComponent_Base.SetI(Index: Integer; Value: Integer);
begin
  SetPropInt(SgcPropName[Index], Value);
end;

function TsgcWSComponent_Base.GetI64(Index: Integer): Int64;
begin
  Result := GetPropInt(SgcPropName[Index]);
end;

procedure TsgcWSComponent_Base.SetI64(Index: Integer; Value: Int64);
begin
  SetPropInt(SgcPropName[Index], Value);
end;

function TsgcWSComponent_Base.GetS(Index: Integer): string;
begin
  Result := GetPropStr(SgcPropName[Index]);
end;

procedure TsgcWSComponent_Base.SetS(Index: Integer; const Value: string);
begin
  SetPropStr(SgcPropName[Index], Value);
end;

function TsgcWSComponent_Base.GetTLSVersion(Index: Integer): TwsTLSVersions;
begin
  Result := TwsTLSVersions(GetPropInt(SgcPropName[Index]));
end;

procedure TsgcWSComponent_Base.SetTLSVersion(Index: Integer; Value: TwsTLSVersions);
begin
  SetPropInt(SgcPropName[Index], Ord(Value));
end;

function TsgcWSComponent_Base.GetFragmented(Index: Integer): TwsFragmentedMessages;
begin
  Result := TwsFragmentedMessages(GetPropInt(SgcPropName[Index]));
end;

procedure TsgcWSComponent_Base.SetFragmented(Index: Integer; Value: TwsFragmentedMessages);
begin
  SetPropInt(SgcPropName[Index], Ord(Value));
end;

{ Sending }

procedure TsgcWSComponent_Base.WriteTo(H: TsgcwsHandle; aType: Integer; const aData: RawByteString;
  aFragment: Integer);
begin
  SgcCheck(sgcws_write(H, aType, PAnsiChar(aData), Length(aData), aFragment), 'WriteData');
end;

procedure TsgcWSComponent_Base.WriteStreamTo(H: TsgcwsHandle; const aStream: TStream; aFragment: Integer);
var
  buf: RawByteString;
  oldPos: Int64;
begin
  if aStream is TCustomMemoryStream then
  begin
    SgcCheck(sgcws_write(H, SGCWS_BINARY, TCustomMemoryStream(aStream).Memory, aStream.Size, aFragment),
      'WriteData');
    Exit;
  end;
  SetLength(buf, aStream.Size);
  oldPos := aStream.Position;
  try
    aStream.Position := 0;
    if Length(buf) > 0 then
      aStream.ReadBuffer(buf[1], Length(buf));
  finally
    aStream.Position := oldPos;
  end;
  SgcCheck(sgcws_write(H, SGCWS_BINARY, PAnsiChar(buf), Length(buf), aFragment), 'WriteData');
end;

{ Connections }

function TsgcWSComponent_Base.FindConnIndex(aHandle: TsgcwsHandle; out Index: Integer): Boolean;
var
  lo, hi, mid: Integer;
  h: TsgcwsHandle;
begin
  lo := 0;
  hi := FConnections.Count - 1;
  while lo <= hi do
  begin
    mid := (lo + hi) div 2;
    h := TsgcWSConnection(FConnections[mid]).FHandle;
    if h = aHandle then
    begin
      Index := mid;
      Exit(True);
    end;
    if h < aHandle then
      lo := mid + 1
    else
      hi := mid - 1;
  end;
  Index := lo;
  Result := False;
end;

function TsgcWSComponent_Base.AcquireConnection(aHandle: TsgcwsHandle; aCreate: Boolean;
  out Temp: Boolean): TsgcWSConnection;
var
  i: Integer;
begin
  Temp := False;
  FConnLock.Enter;
  try
    if FindConnIndex(aHandle, i) then
      Exit(TsgcWSConnection(FConnections[i]));
    Result := TsgcWSConnection.Create(Self, aHandle);
    if aCreate then
      FConnections.Insert(i, Result)
    else
      Temp := True;
  finally
    FConnLock.Leave;
  end;
end;

procedure TsgcWSComponent_Base.RemoveConnection(aConn: TsgcWSConnection);
var
  i: Integer;
begin
  FConnLock.Enter;
  try
    if FindConnIndex(aConn.FHandle, i) then
      FConnections.Delete(i);
  finally
    FConnLock.Leave;
  end;
  aConn.Free;
end;

{ Events }

procedure TsgcWSComponent_Base.HandleException(Conn: TsgcWSConnection; E: Exception);
begin
  if Assigned(FOnException) then
    try
      FOnException(Conn, E);
    except
      { an exception in OnException itself is dropped }
    end;
end;

procedure TsgcWSComponent_Base.DispatchEvent(const E: TsgcwsEvent; Sink: TsgcEventSink);
var
  conn: TsgcWSConnection;
  temp: Boolean;
begin
  Sink.AddRef;
  try
    conn := nil;
    temp := False;
    if E.connection <> 0 then
      conn := AcquireConnection(E.connection, not (E.kind in [SGCWS_EV_HANDSHAKE, SGCWS_EV_AUTHENTICATION,
        SGCWS_EV_UNKNOWN_PROTOCOL, SGCWS_EV_HTTP_REQUEST]), temp);
    try
      try
        DoEvent(E, conn);
      except
        on Ex: Exception do
          if Sink.FAlive then
            HandleException(conn, Ex);
      end;
    finally
      if temp then
        conn.Free
      else if (conn <> nil) and (E.kind = SGCWS_EV_DISCONNECT) and Sink.FAlive then
        RemoveConnection(conn);
    end;
  finally
    Sink.Release;
  end;
end;

procedure TsgcWSComponent_Base.DoHandshake(const E: TsgcwsEvent; Conn: TsgcWSConnection);
var
  list, orig: TStringList;
  s: string;
begin
  orig := TStringList.Create;
  list := orig;
  try
    if SgcTryGetStr(E.reply, 'Headers', s) then
      SetLinesFromText(list, s);
    FOnHandshake(Conn, list);
    if list <> nil then
      SgcSetStr(E.reply, 'Headers', SgcJoinLines(list));
  finally
    orig.Free;
  end;
end;

procedure TsgcWSComponent_Base.DoEvent(const E: TsgcwsEvent; Conn: TsgcWSConnection);
var
  ms: TMemoryStream;
  ex: Exception;
  op: TOpcode;
begin
  case E.kind of
    SGCWS_EV_CONNECT:
      if Assigned(FOnConnect) then
        FOnConnect(Conn);
    SGCWS_EV_DISCONNECT:
      if Assigned(FOnDisconnect) then
        FOnDisconnect(Conn, E.code);
    SGCWS_EV_MESSAGE:
      if Assigned(FOnMessage) then
        FOnMessage(Conn, SgcFromUTF8(E.data, E.data_len));
    SGCWS_EV_BINARY, SGCWS_EV_FRAGMENTED:
      if ((E.kind = SGCWS_EV_BINARY) and Assigned(FOnBinary)) or
         ((E.kind = SGCWS_EV_FRAGMENTED) and Assigned(FOnFragmented)) then
      begin
        ms := TMemoryStream.Create;
        try
          if E.data_len > 0 then
            ms.WriteBuffer(E.data^, E.data_len);
          ms.Position := 0;
          if E.kind = SGCWS_EV_BINARY then
            FOnBinary(Conn, ms)
          else
          begin
            if E.flags and SGCWS_FLAG_BINARY <> 0 then
              op := opBinary
            else
              op := opText;
            FOnFragmented(Conn, ms, op, E.flags and SGCWS_FLAG_FINAL = 0);
          end;
        finally
          ms.Free;
        end;
      end;
    SGCWS_EV_ERROR:
      if Assigned(FOnError) then
        FOnError(Conn, SgcFromUTF8(E.data, E.data_len));
    SGCWS_EV_EXCEPTION:
      if Assigned(FOnException) then
      begin
        ex := Exception.Create(SgcFromUTF8(E.data, E.data_len));
        try
          FOnException(Conn, ex);
        finally
          ex.Free;
        end;
      end;
    SGCWS_EV_HANDSHAKE:
      begin
        if Assigned(FOnHandshake) then
          DoHandshake(E, Conn);
        sgcws_done(E.reply);
      end;
  end;
end;

end.
