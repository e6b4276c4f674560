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
  Classes, SysUtils, SyncObjs, TypInfo, sgcWebSocket_Types, sgcWebSocket_Lib, sgcWebSocket_Catalogue;

type
  TsgcWSComponent = class;

  { A WebSocket connection, handed to every event (the manual's TsgcWSConnection). Valid until its
    OnDisconnect handler returns. }
  TsgcWSConnection = class
  private
    FHandle: TsgcwsHandle;
    FOwner: TsgcWSComponent;
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
    constructor Create(aOwner: TsgcWSComponent; aHandle: TsgcwsHandle);
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
    FOwner: TsgcWSComponent;
    FAlive: Boolean;
    FRefCount: Integer;
    FQueued: Integer;
  public
    constructor Create(aOwner: TsgcWSComponent);
    procedure AddRef;
    procedure Release;
    procedure ScheduleDrain;
    procedure Drain;
    property Alive: Boolean read FAlive;
  end;

  TsgcWSComponentClass = class of TsgcWSComponent;

  { The root of every component: the library handle, the properties by path (the generated
    properties use the index accessors: Index = the pi* constants of sgcWebSocket_Catalogue), the
    connection objects, and event delivery in the three NotifyEvents modes. Events the engine raises
    on every component (OnConnect, OnDisconnect, OnError, OnException) are handled here; the
    subclasses handle the rest in DoEvent. }
  TsgcWSComponent = class(TComponent)
  private
    FHandle: TsgcwsHandle;
    FSink: TsgcEventSink;
    FConnLock: TCriticalSection;
    FConnections: TList; { sorted by handle }
    FOwned: TList; { the property groups and TStrings of the published properties }
    FOnConnect: TsgcWSConnectEvent;
    FOnDisconnect: TsgcWSDisconnectEvent;
    FOnError: TsgcWSErrorEvent;
    FOnException: TsgcWSExceptionEvent;
    function FindConnIndex(aHandle: TsgcwsHandle; out Index: Integer): Boolean;
    function AcquireConnection(aHandle: TsgcwsHandle; aCreate: Boolean; out Temp: Boolean): TsgcWSConnection;
    procedure RemoveConnection(aConn: TsgcWSConnection);
    function GetNotifyEvents: TwsNotifyEvent;
    procedure SetNotifyEvents(const Value: TwsNotifyEvent);
  protected
    procedure CheckHandle;
    procedure SetEventSwitch(const aName: string; aOn: Boolean);
    { Events: DispatchEvent wraps DoEvent (exceptions go to OnException; connection objects live
      from OnConnect to the end of OnDisconnect). }
    procedure DispatchEvent(const E: TsgcwsEvent; Sink: TsgcEventSink);
    procedure DoEvent(const E: TsgcwsEvent; Conn: TsgcWSConnection); virtual;
    procedure DoEventConnect(aConnection: TsgcWSConnection); virtual;
    procedure DoEventDisconnect(aConnection: TsgcWSConnection; Code: Integer); virtual;
    procedure DoEventError(aConnection: TsgcWSConnection; const Error: string); virtual;
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
    { Index accessors of the published properties (Index: SgcPropPaths). }
    function GetB(Index: Integer): Boolean;
    procedure SetB(Index: Integer; Value: Boolean);
    function GetI(Index: Integer): Integer;
    procedure SetI(Index: Integer; Value: Integer);
    function GetI64(Index: Integer): Int64;
    procedure SetI64(Index: Integer; Value: Int64);
    function GetS(Index: Integer): string;
    procedure SetS(Index: Integer; const Value: string);
    { A Strings property: one TStrings per index, whose every change is sent to the library. }
    function GetStrings(Index: Integer): TStrings;
    procedure SetStrings(Index: Integer; Value: TStrings);
    { A read-only Strings property, read from the library on every call. }
    function ReadStrings(Index: Integer): TStrings;
    { Internal: frees aObject with the component (property groups). }
    procedure Own(aObject: TObject);
  public
    constructor Create(aOwner: TComponent); override;
    destructor Destroy; override;
    { The library kind this class creates (sgcws_create). }
    class function LibraryKind: Integer; virtual;
    { The library handle of this component. }
    property Handle: TsgcwsHandle read FHandle;
    property NotifyEvents: TwsNotifyEvent read GetNotifyEvents write SetNotifyEvents default neAsynchronous;
    property OnConnect: TsgcWSConnectEvent read FOnConnect write FOnConnect;
    property OnDisconnect: TsgcWSDisconnectEvent read FOnDisconnect write FOnDisconnect;
    property OnError: TsgcWSErrorEvent read FOnError write FOnError;
    property OnException: TsgcWSExceptionEvent read FOnException write FOnException;
  end;

  { Base of the built-in components (client, servers): Active, and their fixed events. }
  TsgcWSComponent_Base = class(TsgcWSComponent)
  private
    FStreamedActive: Boolean;
    FOnMessage: TsgcWSMessageEvent;
    FOnBinary: TsgcWSBinaryEvent;
    FOnFragmented: TsgcWSFragmentedEvent;
    FOnHandshake: TsgcWSHandshakeEvent;
    procedure SetOnHandshake(const Value: TsgcWSHandshakeEvent);
    function GetActive: Boolean;
    procedure SetActive(const Value: Boolean);
  protected
    procedure Loaded; override;
    { Events.On* := Assigned(handler) for the decision events. }
    procedure ApplyEventSwitches; virtual;
    procedure DoEvent(const E: TsgcwsEvent; Conn: TsgcWSConnection); override;
    procedure DoHandshake(const E: TsgcwsEvent; Conn: TsgcWSConnection);
  public
    procedure Start; virtual;
    procedure Stop; virtual;
    property Active: Boolean read GetActive write SetActive;
  published
    property OnConnect;
    property OnDisconnect;
    property OnMessage: TsgcWSMessageEvent read FOnMessage write FOnMessage;
    property OnBinary: TsgcWSBinaryEvent read FOnBinary write FOnBinary;
    property OnFragmented: TsgcWSFragmentedEvent read FOnFragmented write FOnFragmented;
    property OnError;
    property OnException;
    property OnHandshake: TsgcWSHandshakeEvent read FOnHandshake write SetOnHandshake;
  end;

  { A published TStrings property backed by a Strings property of the library: every change is
    sent through the generic path. }
  TsgcPropStrings = class(TStringList)
  private
    FOwner: TsgcWSComponent;
    FIndex: Integer;
    procedure Push(Sender: TObject);
  public
    constructor Create(aOwner: TsgcWSComponent; aIndex: Integer);
    property Index: Integer read FIndex;
  end;

  { Base of the nested option groups (Options, Extensions.PerMessage_Deflate, HeartBeat, ...). Their
    published properties use the owner's index accessors; the owner frees them. }
  TsgcPropGroup = class(TPersistent)
  protected
    FOwner: TsgcWSComponent;
    function GetOwner: TPersistent; override;
    function GetB(Index: Integer): Boolean;
    procedure SetB(Index: Integer; Value: Boolean);
    function GetI(Index: Integer): Integer;
    procedure SetI(Index: Integer; Value: Integer);
    function GetI64(Index: Integer): Int64;
    procedure SetI64(Index: Integer; Value: Int64);
    function GetS(Index: Integer): string;
    procedure SetS(Index: Integer; const Value: string);
    function GetStrings(Index: Integer): TStrings;
    procedure SetStrings(Index: Integer; Value: TStrings);
    function ReadStrings(Index: Integer): TStrings;
  public
    constructor Create(aOwner: TsgcWSComponent); virtual;
  end;

{ The component classes by their manual names (every unit registers its classes). }
procedure SgcRegisterComponents(const aClasses: array of TsgcWSComponentClass);
function SgcFindComponentClass(const aName: string): TsgcWSComponentClass;

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

constructor TsgcEventSink.Create(aOwner: TsgcWSComponent);
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

constructor TsgcWSConnection.Create(aOwner: TsgcWSComponent; aHandle: TsgcwsHandle);
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

constructor TsgcPropStrings.Create(aOwner: TsgcWSComponent; aIndex: Integer);
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

constructor TsgcPropGroup.Create(aOwner: TsgcWSComponent);
begin
  inherited Create;
  FOwner := aOwner;
  aOwner.Own(Self);
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

function TsgcPropGroup.GetStrings(Index: Integer): TStrings;
begin
  Result := FOwner.GetStrings(Index);
end;

procedure TsgcPropGroup.SetStrings(Index: Integer; Value: TStrings);
begin
  FOwner.SetStrings(Index, Value);
end;

function TsgcPropGroup.ReadStrings(Index: Integer): TStrings;
begin
  Result := FOwner.ReadStrings(Index);
end;

{ The classes by name }

var
  GClasses: array of TsgcWSComponentClass;

procedure SgcRegisterComponents(const aClasses: array of TsgcWSComponentClass);
var
  i: Integer;
begin
  for i := 0 to High(aClasses) do
  begin
    SetLength(GClasses, Length(GClasses) + 1);
    GClasses[High(GClasses)] := aClasses[i];
  end;
end;

function SgcFindComponentClass(const aName: string): TsgcWSComponentClass;
var
  i: Integer;
begin
  for i := 0 to High(GClasses) do
    if SameText(GClasses[i].ClassName, aName) then
      Exit(GClasses[i]);
  Result := nil;
end;

{ TsgcWSComponent }

constructor TsgcWSComponent.Create(aOwner: TComponent);
begin
  inherited Create(aOwner);
  FConnLock := TCriticalSection.Create;
  FConnections := TList.Create;
  FOwned := TList.Create;
  LoadSgcws;
  SgcCheck(sgcws_create(LibraryKind, FHandle), ClassName + '.Create');
  FSink := TsgcEventSink.Create(Self);
  FSink.AddRef; { the library's reference, dropped after detach }
  SgcCheck(sgcws_set_callback(FHandle, SinkEventCb, FSink), 'sgcws_set_callback');
  SgcCheck(sgcws_set_wake(FHandle, SinkWakeCb, FSink), 'sgcws_set_wake');
end;

destructor TsgcWSComponent.Destroy;
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
  inherited; { TComponent: notifications (the generated references) while the lists still exist }
  if FConnections <> nil then
    for i := 0 to FConnections.Count - 1 do
      TObject(FConnections[i]).Free;
  FreeAndNil(FConnections);
  if FOwned <> nil then
    for i := FOwned.Count - 1 downto 0 do
      TObject(FOwned[i]).Free;
  FreeAndNil(FOwned);
  FreeAndNil(FConnLock);
end;

class function TsgcWSComponent.LibraryKind: Integer;
begin
  Result := 0;
  raise EsgcWebSocketException.CreateCode(SGCWS_E_ARG, ClassName + ' has no library kind');
end;

procedure TsgcWSComponent.Own(aObject: TObject);
begin
  FOwned.Add(aObject);
end;

procedure TsgcWSComponent.CheckHandle;
begin
  if FHandle = 0 then
    raise EsgcWebSocketException.CreateCode(SGCWS_E_HANDLE, ClassName + ': no library handle');
end;

procedure TsgcWSComponent.SetEventSwitch(const aName: string; aOn: Boolean);
begin
  if FHandle <> 0 then
    SgcCheck(sgcws_set_bool(FHandle, PAnsiChar(SgcZ(aName)), Ord(aOn)), aName);
end;

function TsgcWSComponent.GetNotifyEvents: TwsNotifyEvent;
begin
  Result := TwsNotifyEvent(GetPropInt('NotifyEvents'));
end;

procedure TsgcWSComponent.SetNotifyEvents(const Value: TwsNotifyEvent);
begin
  SetPropInt('NotifyEvents', Ord(Value));
end;

function TsgcWSComponent.IsQueuedMode: Boolean;
begin
  Result := GetNotifyEvents <> neNoSync;
end;

{ The generic property path. }

procedure TsgcWSComponent.SetPropBool(const aName: string; Value: Boolean);
begin
  CheckHandle;
  SgcCheck(sgcws_set_bool(FHandle, PAnsiChar(SgcZ(aName)), Ord(Value)), ClassName + '.' + aName);
end;

procedure TsgcWSComponent.SetPropInt(const aName: string; Value: Int64);
begin
  CheckHandle;
  SgcCheck(sgcws_set_int(FHandle, PAnsiChar(SgcZ(aName)), Value), ClassName + '.' + aName);
end;

procedure TsgcWSComponent.SetPropStr(const aName: string; const Value: string);
var
  raw: RawByteString;
begin
  CheckHandle;
  raw := SgcToUTF8(Value);
  SgcCheck(sgcws_set_str(FHandle, PAnsiChar(SgcZ(aName)), PAnsiChar(raw), Length(raw)),
    ClassName + '.' + aName);
end;

function TsgcWSComponent.GetPropBool(const aName: string): Boolean;
begin
  CheckHandle;
  Result := SgcGetBool(FHandle, aName);
end;

function TsgcWSComponent.GetPropInt(const aName: string): Int64;
begin
  CheckHandle;
  Result := SgcGetInt(FHandle, aName);
end;

function TsgcWSComponent.GetPropStr(const aName: string): string;
begin
  CheckHandle;
  Result := SgcGetStr(FHandle, aName);
end;

function TsgcWSComponent.GetB(Index: Integer): Boolean;
begin
  Result := GetPropBool(SgcPropPaths[Index]);
end;

procedure TsgcWSComponent.SetB(Index: Integer; Value: Boolean);
begin
  SetPropBool(SgcPropPaths[Index], Value);
end;

function TsgcWSComponent.GetI(Index: Integer): Integer;
begin
  Result := GetPropInt(SgcPropPaths[Index]);
end;

procedure TsgcWSComponent.SetI(Index: Integer; Value: Integer);
begin
  SetPropInt(SgcPropPaths[Index], Value);
end;

function TsgcWSComponent.GetI64(Index: Integer): Int64;
begin
  Result := GetPropInt(SgcPropPaths[Index]);
end;

procedure TsgcWSComponent.SetI64(Index: Integer; Value: Int64);
begin
  SetPropInt(SgcPropPaths[Index], Value);
end;

function TsgcWSComponent.GetS(Index: Integer): string;
begin
  Result := GetPropStr(SgcPropPaths[Index]);
end;

procedure TsgcWSComponent.SetS(Index: Integer; const Value: string);
begin
  SetPropStr(SgcPropPaths[Index], Value);
end;

{ Created on first use (also from a neNoSync handler: under the lock). }
function TsgcWSComponent.GetStrings(Index: Integer): TStrings;
var
  i: Integer;
  list: TsgcPropStrings;
begin
  FConnLock.Enter;
  try
    for i := 0 to FOwned.Count - 1 do
      if (TObject(FOwned[i]) is TsgcPropStrings) and (TsgcPropStrings(FOwned[i]).Index = Index) then
        Exit(TsgcPropStrings(FOwned[i]));
    list := TsgcPropStrings.Create(Self, Index);
    list.OnChange := nil;
    list.Text := GetPropStr(SgcPropPaths[Index]); { the library's value is the start }
    list.OnChange := list.Push;
    FOwned.Add(list);
    Result := list;
  finally
    FConnLock.Leave;
  end;
end;

procedure TsgcWSComponent.SetStrings(Index: Integer; Value: TStrings);
begin
  GetStrings(Index).Assign(Value);
end;

function TsgcWSComponent.ReadStrings(Index: Integer): TStrings;
var
  list: TStringList;
begin
  list := TStringList(GetStrings(Index));
  list.OnChange := nil; { read-only: never pushed back }
  list.Text := GetPropStr(SgcPropPaths[Index]);
  Result := list;
end;

{ Sending }

procedure TsgcWSComponent.WriteTo(H: TsgcwsHandle; aType: Integer; const aData: RawByteString;
  aFragment: Integer);
begin
  SgcCheck(sgcws_write(H, aType, PAnsiChar(aData), Length(aData), aFragment), 'WriteData');
end;

procedure TsgcWSComponent.WriteStreamTo(H: TsgcwsHandle; const aStream: TStream; aFragment: Integer);
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

function TsgcWSComponent.FindConnIndex(aHandle: TsgcwsHandle; out Index: Integer): Boolean;
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

function TsgcWSComponent.AcquireConnection(aHandle: TsgcwsHandle; aCreate: Boolean;
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

procedure TsgcWSComponent.RemoveConnection(aConn: TsgcWSConnection);
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

procedure TsgcWSComponent.HandleException(Conn: TsgcWSConnection; E: Exception);
begin
  if Assigned(FOnException) then
    try
      FOnException(Conn, E);
    except
      { an exception in OnException itself is dropped }
    end;
end;

{ The events after which the connection object is kept: the fixed ones of a live connection.
  Decision events may come before OnConnect, and a registered event of a connection this component
  never saw connect gets a temporary object. }
function KeepsConnection(Kind: Integer): Boolean;
begin
  case Kind of
    SGCWS_EV_HANDSHAKE, SGCWS_EV_AUTHENTICATION, SGCWS_EV_UNKNOWN_PROTOCOL, SGCWS_EV_HTTP_REQUEST:
      Result := False;
  else
    Result := Kind < SGCWS_FIRST_EVENT_ID;
  end;
end;

procedure TsgcWSComponent.DispatchEvent(const E: TsgcwsEvent; Sink: TsgcEventSink);
var
  conn: TsgcWSConnection;
  temp: Boolean;
begin
  Sink.AddRef;
  try
    conn := nil;
    temp := False;
    if E.connection <> 0 then
      conn := AcquireConnection(E.connection, KeepsConnection(E.kind), temp);
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

procedure TsgcWSComponent.DoEvent(const E: TsgcwsEvent; Conn: TsgcWSConnection);
var
  ex: Exception;
begin
  case E.kind of
    SGCWS_EV_CONNECT:
      DoEventConnect(Conn);
    SGCWS_EV_DISCONNECT:
      DoEventDisconnect(Conn, E.code);
    SGCWS_EV_ERROR:
      DoEventError(Conn, SgcFromUTF8(E.data, E.data_len));
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
  end;
end;

procedure TsgcWSComponent.DoEventConnect(aConnection: TsgcWSConnection);
begin
  if Assigned(FOnConnect) then
    FOnConnect(aConnection);
end;

procedure TsgcWSComponent.DoEventDisconnect(aConnection: TsgcWSConnection; Code: Integer);
begin
  if Assigned(FOnDisconnect) then
    FOnDisconnect(aConnection, Code);
end;

procedure TsgcWSComponent.DoEventError(aConnection: TsgcWSConnection; const Error: string);
begin
  if Assigned(FOnError) then
    FOnError(aConnection, Error);
end;

{ TsgcWSComponent_Base }

procedure TsgcWSComponent_Base.Loaded;
begin
  inherited;
  if FStreamedActive then
    SetActive(True);
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
  SgcCheck(sgcws_start(Handle), ClassName + '.Start');
end;

procedure TsgcWSComponent_Base.Stop;
begin
  CheckHandle;
  SgcCheck(sgcws_stop(Handle), ClassName + '.Stop');
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
  op: TOpcode;
begin
  case E.kind of
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
    SGCWS_EV_HANDSHAKE:
      begin
        if Assigned(FOnHandshake) then
          DoHandshake(E, Conn);
        sgcws_done(E.reply);
      end;
  else
    inherited;
  end;
end;

end.
