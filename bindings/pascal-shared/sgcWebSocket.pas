{ sgcWebSocket - the components of the sgcWebSockets manual on top of the sgcws library:
  TsgcWebSocketClient, TsgcWebSocketServer, TsgcWebSocketHTTPServer.

  Every published property is a property of the library with the same path ('Options.Parameters',
  'HeartBeat.Interval', ...): reading and writing go through one generic path (SetProp/GetProp by name);
  the library holds the values and their defaults, and sgcws_properties lists them. A property the
  library lacks is not declared here. See bindings/lazarus/README.md for what differs from the
  commercial components. }
unit sgcWebSocket;

{$I sgcws.inc}

interface

uses
  Classes, SysUtils, Math, sgcWebSocket_Types, sgcWebSocket_Classes, sgcWebSocket_Lib;

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
  { Options (shared part). }
  TsgcWSOptions_Base = class(TsgcPropGroup)
  published
    property FragmentedMessages: TwsFragmentedMessages index piOptFragmented read GetFragmented
      write SetFragmented default frgOnlyBuffer;
    property ValidateUTF8: Boolean index piOptValidateUTF8 read GetB write SetB default False;
    property MaxMessageSize: Int64 index piOptMaxMessageSize read GetI64 write SetI64;
    property WriteQueueLimit: Int64 index piOptWriteQueueLimit read GetI64 write SetI64;
  end;

  TsgcWSOptionsClient = class(TsgcWSOptions_Base)
  private
    FHeaders: TsgcPropStrings;
    procedure SetHeaders(const Value: TStrings);
    function GetHeaders: TStrings;
  public
    constructor Create(aOwner: TsgcWSComponent_Base); override;
    destructor Destroy; override;
  published
    property Parameters: string index piOptParameters read GetS write SetS;
    property Origin: string index piOptOrigin read GetS write SetS;
    property Headers: TStrings read GetHeaders write SetHeaders;
  end;

  TsgcWSOptionsServer = class(TsgcWSOptions_Base);

  TsgcWSPerMessageDeflate_Options = class(TsgcPropGroup)
  published
    property Enabled: Boolean index piDeflEnabled read GetB write SetB default False;
    property ClientMaxWindowBits: Integer index piDeflClientBits read GetI write SetI default 15;
    property ServerMaxWindowBits: Integer index piDeflServerBits read GetI write SetI default 15;
    property ClientNoContextTakeOver: Boolean index piDeflClientNoCtx read GetB write SetB default False;
    property ServerNoContextTakeOver: Boolean index piDeflServerNoCtx read GetB write SetB default False;
    property MemLevel: Integer index piDeflMemLevel read GetI write SetI default 1;
  end;

  TsgcWSExtensions = class(TsgcPropGroup)
  private
    FPerMessage_Deflate: TsgcWSPerMessageDeflate_Options;
  public
    constructor Create(aOwner: TsgcWSComponent_Base); override;
    destructor Destroy; override;
  published
    property PerMessage_Deflate: TsgcWSPerMessageDeflate_Options read FPerMessage_Deflate;
  end;

  TsgcWSHeartBeat_Options = class(TsgcPropGroup)
  published
    property Enabled: Boolean index piHBEnabled read GetB write SetB default False;
    property Interval: Integer index piHBInterval read GetI write SetI default 300;
    property Timeout: Integer index piHBTimeout read GetI write SetI default 0;
  end;

  TsgcOpenSSLClient_Options = class(TsgcPropGroup)
  published
    property MinVersion: TwsTLSVersions index piTLSMinVersion read GetTLSVersion write SetTLSVersion
      default tlsUndefined;
  end;

  { Client TLSOptions. TLS is built into the library: no OpenSSL to deploy. }
  TsgcWSTLS_Options = class(TsgcPropGroup)
  private
    FALPNProtocols: TsgcPropStrings;
    FOpenSSL_Options: TsgcOpenSSLClient_Options;
    function GetALPNProtocols: TStrings;
    procedure SetALPNProtocols(const Value: TStrings);
  public
    constructor Create(aOwner: TsgcWSComponent_Base); override;
    destructor Destroy; override;
  published
    property RootCertFile: string index piTLSRootCert read GetS write SetS;
    property CertFile: string index piTLSCert read GetS write SetS;
    property KeyFile: string index piTLSKey read GetS write SetS;
    property Password: string index piTLSPassword read GetS write SetS;
    property VerifyCertificate: Boolean index piTLSVerify read GetB write SetB default False;
    property Version: TwsTLSVersions index piTLSVersion read GetTLSVersion write SetTLSVersion
      default tlsUndefined;
    property ALPNProtocols: TStrings read GetALPNProtocols write SetALPNProtocols;
    property OpenSSL_Options: TsgcOpenSSLClient_Options read FOpenSSL_Options;
  end;

  { Server SSLOptions. }
  TsgcWSSSL_Options = class(TsgcPropGroup)
  published
    property RootCertFile: string index piSSLRootCert read GetS write SetS;
    property CertFile: string index piSSLCert read GetS write SetS;
    property KeyFile: string index piSSLKey read GetS write SetS;
    property Password: string index piSSLPassword read GetS write SetS;
    property VerifyCertificate: Boolean index piSSLVerify read GetB write SetB default False;
    property Version: TwsTLSVersions index piSSLVersion read GetTLSVersion write SetTLSVersion
      default tlsUndefined;
  end;

  TsgcWSSpecifications = class(TsgcPropGroup)
  published
    property RFC6455: Boolean index piRFC6455 read GetB write SetB default True;
  end;

  TsgcWSAuthenticationBasic_Options = class(TsgcPropGroup)
  published
    property Enabled: Boolean index piAuthBasic read GetB write SetB default True;
  end;

  TsgcWSAuthenticationURL_Options = class(TsgcPropGroup)
  published
    property Enabled: Boolean index piAuthURL read GetB write SetB default True;
  end;

  TsgcWSAuthenticationServer_Options = class(TsgcPropGroup)
  private
    FAuthUsers: TsgcPropStrings;
    FBasic: TsgcWSAuthenticationBasic_Options;
    FURL: TsgcWSAuthenticationURL_Options;
    function GetAuthUsers: TStrings;
    procedure SetAuthUsers(const Value: TStrings);
  public
    constructor Create(aOwner: TsgcWSComponent_Base); override;
    destructor Destroy; override;
  published
    property Enabled: Boolean index piAuthEnabled read GetB write SetB default False;
    { user=password per line }
    property AuthUsers: TStrings read GetAuthUsers write SetAuthUsers;
    property Basic: TsgcWSAuthenticationBasic_Options read FBasic;
    property URL: TsgcWSAuthenticationURL_Options read FURL;
  end;

  TsgcWSSecurity_Options = class(TsgcPropGroup)
  private
    FOriginsAllowed: TsgcPropStrings;
    function GetOriginsAllowed: TStrings;
    procedure SetOriginsAllowed(const Value: TStrings);
  public
    constructor Create(aOwner: TsgcWSComponent_Base); override;
    destructor Destroy; override;
  published
    property OriginsAllowed: TStrings read GetOriginsAllowed write SetOriginsAllowed;
  end;

  { TsgcWebSocketClient }
  TsgcWebSocketClient = class(TsgcWSComponent_Base)
  private
    FOptions: TsgcWSOptionsClient;
    FExtensions: TsgcWSExtensions;
    FHeartBeat: TsgcWSHeartBeat_Options;
    FTLSOptions: TsgcWSTLS_Options;
    FProtocols: TsgcPropStrings;
    function GetConnected: Boolean;
    function GetProtocol: string;
    function GetProtocols: TStrings;
    procedure SetProtocols(const Value: TStrings);
  public
    constructor Create(aOwner: TComponent); override;
    destructor Destroy; override;
    { Connects and waits for the handshake (at most aTimeout ms): True when connected. }
    function Connect(const aTimeout: Integer = 10000): Boolean;
    { Closes normally and waits (at most aTimeout ms): True when disconnected. }
    function Disconnect(const aTimeout: Integer = 10000): Boolean;
    procedure WriteData(const aText: string); overload;
    procedure WriteData(const aStream: TStream; const aSize: Integer = 0); overload;
    procedure Ping(const aText: string = '');
    procedure Close(const aCloseCode: Integer = CS_CLOSE_NORMAL);
    procedure RegisterProtocol(const aProtocol: string);
    property Connected: Boolean read GetConnected;
    property Protocol: string read GetProtocol;
  published
    property Active;
    property URL: string index piURL read GetS write SetS;
    property Host: string index piHost read GetS write SetS;
    property Port: Integer index piPort read GetI write SetI default 80;
    property TLS: Boolean index piTLS read GetB write SetB default False;
    property ConnectTimeout: Integer index piConnectTimeout read GetI write SetI default 10000;
    property NotifyEvents;
    property DecisionTimeout: Integer index piDecisionTimeout read GetI write SetI default 10000;
    property Protocols: TStrings read GetProtocols write SetProtocols;
    property Options: TsgcWSOptionsClient read FOptions;
    property Extensions: TsgcWSExtensions read FExtensions;
    property HeartBeat: TsgcWSHeartBeat_Options read FHeartBeat;
    property TLSOptions: TsgcWSTLS_Options read FTLSOptions;
    property OnConnect;
    property OnDisconnect;
    property OnMessage;
    property OnBinary;
    property OnFragmented;
    property OnError;
    property OnException;
    property OnHandshake;
  end;

  { Shared part of the servers. }
  TsgcWebSocketServer_Base = class(TsgcWSComponent_Base)
  private
    FOptions: TsgcWSOptionsServer;
    FExtensions: TsgcWSExtensions;
    FHeartBeat: TsgcWSHeartBeat_Options;
    FSpecifications: TsgcWSSpecifications;
    FAuthentication: TsgcWSAuthenticationServer_Options;
    FSecurityOptions: TsgcWSSecurity_Options;
    FSSLOptions: TsgcWSSSL_Options;
    FProtocols: TsgcPropStrings;
    FBindings: TsgcPropStrings;
    FListenAddresses: TStringList;
    FOnAuthentication: TsgcWSAuthenticationEvent;
    FOnUnknownProtocol: TsgcWSUnknownProtocolEvent;
    FOnStartup: TNotifyEvent;
    FOnShutdown: TNotifyEvent;
    function GetCount: Integer;
    function GetListenAddresses: TStrings;
    function GetProtocols: TStrings;
    procedure SetProtocols(const Value: TStrings);
    function GetBindings: TStrings;
    procedure SetBindings(const Value: TStrings);
    procedure SetOnAuthentication(const Value: TsgcWSAuthenticationEvent);
    procedure SetOnUnknownProtocol(const Value: TsgcWSUnknownProtocolEvent);
  protected
    procedure ApplyEventSwitches; override;
    procedure DoEvent(const E: TsgcwsEvent; Conn: TsgcWSConnection); override;
    property Options: TsgcWSOptionsServer read FOptions;
    property Extensions: TsgcWSExtensions read FExtensions;
    property HeartBeat: TsgcWSHeartBeat_Options read FHeartBeat;
    property Specifications: TsgcWSSpecifications read FSpecifications;
    property Authentication: TsgcWSAuthenticationServer_Options read FAuthentication;
    property SecurityOptions: TsgcWSSecurity_Options read FSecurityOptions;
    property SSLOptions: TsgcWSSSL_Options read FSSLOptions;
    property Protocols: TStrings read GetProtocols write SetProtocols;
    property Bindings: TStrings read GetBindings write SetBindings;
    property OnAuthentication: TsgcWSAuthenticationEvent read FOnAuthentication write SetOnAuthentication;
    property OnUnknownProtocol: TsgcWSUnknownProtocolEvent read FOnUnknownProtocol write SetOnUnknownProtocol;
    property OnStartup: TNotifyEvent read FOnStartup write FOnStartup;
    property OnShutdown: TNotifyEvent read FOnShutdown write FOnShutdown;
  public
    constructor Create(aOwner: TComponent); override;
    destructor Destroy; override;
    procedure Broadcast(const aMessage: string; const aChannel: string = ''; const aProtocol: string = '';
      const Exclude: string = ''; const Include: string = ''); overload;
    procedure Broadcast(aStream: TStream; const aChannel: string = ''; const aProtocol: string = '';
      const Exclude: string = ''; const Include: string = ''); overload;
    { Sends to the connection with that Guid; False when there is none (or it is closed). }
    function WriteData(const aGuid, aMessage: string): Boolean; overload;
    function WriteData(const aGuid: string; aStream: TStream): Boolean; overload;
    procedure Ping(const aText: string = '');
    procedure DisconnectAll;
    procedure RegisterProtocol(const aProtocol: string);
    property Count: Integer read GetCount;
    { The actual ip:port of each listener (Port 0 = a free port). }
    property ListenAddresses: TStrings read GetListenAddresses;
  end;

  { TsgcWebSocketServer }
  TsgcWebSocketServer = class(TsgcWebSocketServer_Base)
  public
    constructor Create(aOwner: TComponent); override;
  published
    property Active;
    property Port: Integer index piPort read GetI write SetI default 80;
    property Bindings;
    property MaxConnections: Integer index piMaxConnections read GetI write SetI default 0;
    property NotifyEvents;
    property DecisionTimeout: Integer index piDecisionTimeout read GetI write SetI default 10000;
    property Software: string index piSoftware read GetS write SetS;
    property Specifications;
    property Options;
    property Protocols;
    property Extensions;
    property HeartBeat;
    property Authentication;
    property SecurityOptions;
    property SSL: Boolean index piSSL read GetB write SetB default False;
    property SSLOptions;
    property OnConnect;
    property OnDisconnect;
    property OnMessage;
    property OnBinary;
    property OnFragmented;
    property OnError;
    property OnException;
    property OnHandshake;
    property OnAuthentication;
    property OnUnknownProtocol;
    property OnStartup;
    property OnShutdown;
  end;

  { TsgcWebSocketHTTPServer: the server plus HTTP on the same port. }
  TsgcWebSocketHTTPServer = class(TsgcWebSocketServer_Base)
  private
    FOnCommandGet: TsgcWSHTTPCommandEvent;
    FOnCommandOther: TsgcWSHTTPCommandEvent;
    procedure SetOnCommandGet(const Value: TsgcWSHTTPCommandEvent);
    procedure SetOnCommandOther(const Value: TsgcWSHTTPCommandEvent);
    procedure DoHTTPRequest(const E: TsgcwsEvent);
  protected
    procedure ApplyEventSwitches; override;
    procedure DoEvent(const E: TsgcwsEvent; Conn: TsgcWSConnection); override;
  public
    constructor Create(aOwner: TComponent); override;
  published
    property Active;
    property Port: Integer index piPort read GetI write SetI default 80;
    property Bindings;
    property MaxConnections: Integer index piMaxConnections read GetI write SetI default 0;
    property NotifyEvents;
    property DecisionTimeout: Integer index piDecisionTimeout read GetI write SetI default 10000;
    property Software: string index piSoftware read GetS write SetS;
    property Specifications;
    property Options;
    property Protocols;
    property Extensions;
    property HeartBeat;
    property Authentication;
    property SecurityOptions;
    property SSL: Boolean index piSSL read GetB write SetB default False;
    property SSLOptions;
    property DocumentRoot: string index piDocumentRoot read GetS write SetS;
    property KeepAlive: Boolean index piKeepAlive read GetB write SetB default True;
    property OnConnect;
    property OnDisconnect;
    property OnMessage;
    property OnBinary;
    property OnFragmented;
    property OnError;
    property OnException;
    property OnHandshake;
    property OnAuthentication;
    property OnUnknownProtocol;
    property OnStartup;
    property OnShutdown;
    { GET, HEAD and POST requests. }
    property OnCommandGet: TsgcWSHTTPCommandEvent read FOnCommandGet write SetOnCommandGet;
    { Every other method. }
    property OnCommandOther: TsgcWSHTTPCommandEvent read FOnCommandOther write SetOnCommandOther;
  end;

implementation

{ TsgcWSOptionsClient }

constructor TsgcWSOptionsClient.Create(aOwner: TsgcWSComponent_Base);
begin
  inherited;
  FHeaders := TsgcPropStrings.Create(aOwner, piOptHeaders);
end;

destructor TsgcWSOptionsClient.Destroy;
begin
  FHeaders.Free;
  inherited;
end;

function TsgcWSOptionsClient.GetHeaders: TStrings;
begin
  Result := FHeaders;
end;

procedure TsgcWSOptionsClient.SetHeaders(const Value: TStrings);
begin
  FHeaders.Assign(Value);
end;

{ TsgcWSExtensions }

constructor TsgcWSExtensions.Create(aOwner: TsgcWSComponent_Base);
begin
  inherited;
  FPerMessage_Deflate := TsgcWSPerMessageDeflate_Options.Create(aOwner);
end;

destructor TsgcWSExtensions.Destroy;
begin
  FPerMessage_Deflate.Free;
  inherited;
end;

{ TsgcWSTLS_Options }

constructor TsgcWSTLS_Options.Create(aOwner: TsgcWSComponent_Base);
begin
  inherited;
  FALPNProtocols := TsgcPropStrings.Create(aOwner, piTLSALPN);
  FOpenSSL_Options := TsgcOpenSSLClient_Options.Create(aOwner);
end;

destructor TsgcWSTLS_Options.Destroy;
begin
  FALPNProtocols.Free;
  FOpenSSL_Options.Free;
  inherited;
end;

function TsgcWSTLS_Options.GetALPNProtocols: TStrings;
begin
  Result := FALPNProtocols;
end;

procedure TsgcWSTLS_Options.SetALPNProtocols(const Value: TStrings);
begin
  FALPNProtocols.Assign(Value);
end;

{ TsgcWSAuthenticationServer_Options }

constructor TsgcWSAuthenticationServer_Options.Create(aOwner: TsgcWSComponent_Base);
begin
  inherited;
  FAuthUsers := TsgcPropStrings.Create(aOwner, piAuthUsers);
  FBasic := TsgcWSAuthenticationBasic_Options.Create(aOwner);
  FURL := TsgcWSAuthenticationURL_Options.Create(aOwner);
end;

destructor TsgcWSAuthenticationServer_Options.Destroy;
begin
  FAuthUsers.Free;
  FBasic.Free;
  FURL.Free;
  inherited;
end;

function TsgcWSAuthenticationServer_Options.GetAuthUsers: TStrings;
begin
  Result := FAuthUsers;
end;

procedure TsgcWSAuthenticationServer_Options.SetAuthUsers(const Value: TStrings);
begin
  FAuthUsers.Assign(Value);
end;

{ TsgcWSSecurity_Options }

constructor TsgcWSSecurity_Options.Create(aOwner: TsgcWSComponent_Base);
begin
  inherited;
  FOriginsAllowed := TsgcPropStrings.Create(aOwner, piOriginsAllowed);
end;

destructor TsgcWSSecurity_Options.Destroy;
begin
  FOriginsAllowed.Free;
  inherited;
end;

function TsgcWSSecurity_Options.GetOriginsAllowed: TStrings;
begin
  Result := FOriginsAllowed;
end;

procedure TsgcWSSecurity_Options.SetOriginsAllowed(const Value: TStrings);
begin
  FOriginsAllowed.Assign(Value);
end;

{ helpers }

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

{ TsgcWebSocketClient }

constructor TsgcWebSocketClient.Create(aOwner: TComponent);
begin
  FKind := SGCWS_CLIENT;
  inherited Create(aOwner);
  FOptions := TsgcWSOptionsClient.Create(Self);
  FExtensions := TsgcWSExtensions.Create(Self);
  FHeartBeat := TsgcWSHeartBeat_Options.Create(Self);
  FTLSOptions := TsgcWSTLS_Options.Create(Self);
  FProtocols := TsgcPropStrings.Create(Self, piProtocols);
end;

destructor TsgcWebSocketClient.Destroy;
begin
  inherited; { detaches from the library first }
  FOptions.Free;
  FExtensions.Free;
  FHeartBeat.Free;
  FTLSOptions.Free;
  FProtocols.Free;
end;

function TsgcWebSocketClient.GetConnected: Boolean;
begin
  Result := GetPropBool('Connected');
end;

function TsgcWebSocketClient.GetProtocol: string;
begin
  Result := GetPropStr('Protocol');
end;

function TsgcWebSocketClient.GetProtocols: TStrings;
begin
  Result := FProtocols;
end;

procedure TsgcWebSocketClient.SetProtocols(const Value: TStrings);
begin
  FProtocols.Assign(Value);
end;

function TsgcWebSocketClient.Connect(const aTimeout: Integer): Boolean;
begin
  CheckHandle;
  ApplyEventSwitches;
  Result := ResultOK(sgcws_connect(Handle, aTimeout), 'Connect', [SGCWS_E_CONNECT, SGCWS_E_TIMEOUT, SGCWS_E_TLS]);
end;

function TsgcWebSocketClient.Disconnect(const aTimeout: Integer): Boolean;
begin
  CheckHandle;
  Result := ResultOK(sgcws_disconnect_wait(Handle, aTimeout), 'Disconnect', [SGCWS_E_TIMEOUT]);
end;

procedure TsgcWebSocketClient.WriteData(const aText: string);
begin
  CheckHandle;
  WriteTo(Handle, SGCWS_TEXT, SgcToUTF8(aText));
end;

procedure TsgcWebSocketClient.WriteData(const aStream: TStream; const aSize: Integer);
begin
  CheckHandle;
  WriteStreamTo(Handle, aStream, aSize);
end;

procedure TsgcWebSocketClient.Ping(const aText: string);
var
  raw: RawByteString;
begin
  CheckHandle;
  raw := SgcToUTF8(aText);
  SgcCheck(sgcws_ping(Handle, PAnsiChar(raw), Length(raw)), 'Ping');
end;

procedure TsgcWebSocketClient.Close(const aCloseCode: Integer);
begin
  CheckHandle;
  SgcCheck(sgcws_close(Handle, aCloseCode), 'Close');
end;

procedure TsgcWebSocketClient.RegisterProtocol(const aProtocol: string);
begin
  if FProtocols.IndexOf(aProtocol) < 0 then
    FProtocols.Add(aProtocol);
end;

{ TsgcWebSocketServer_Base }

constructor TsgcWebSocketServer_Base.Create(aOwner: TComponent);
begin
  inherited Create(aOwner);
  FOptions := TsgcWSOptionsServer.Create(Self);
  FExtensions := TsgcWSExtensions.Create(Self);
  FHeartBeat := TsgcWSHeartBeat_Options.Create(Self);
  FSpecifications := TsgcWSSpecifications.Create(Self);
  FAuthentication := TsgcWSAuthenticationServer_Options.Create(Self);
  FSecurityOptions := TsgcWSSecurity_Options.Create(Self);
  FSSLOptions := TsgcWSSSL_Options.Create(Self);
  FProtocols := TsgcPropStrings.Create(Self, piProtocols);
  FBindings := TsgcPropStrings.Create(Self, piBindings);
  FListenAddresses := TStringList.Create;
end;

destructor TsgcWebSocketServer_Base.Destroy;
begin
  inherited; { detaches from the library first }
  FOptions.Free;
  FExtensions.Free;
  FHeartBeat.Free;
  FSpecifications.Free;
  FAuthentication.Free;
  FSecurityOptions.Free;
  FSSLOptions.Free;
  FProtocols.Free;
  FBindings.Free;
  FListenAddresses.Free;
end;

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
  FListenAddresses.Text := GetPropStr('ListenAddresses');
  Result := FListenAddresses;
end;

function TsgcWebSocketServer_Base.GetProtocols: TStrings;
begin
  Result := FProtocols;
end;

procedure TsgcWebSocketServer_Base.SetProtocols(const Value: TStrings);
begin
  FProtocols.Assign(Value);
end;

function TsgcWebSocketServer_Base.GetBindings: TStrings;
begin
  Result := FBindings;
end;

procedure TsgcWebSocketServer_Base.SetBindings(const Value: TStrings);
begin
  FBindings.Assign(Value);
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
  if FProtocols.IndexOf(aProtocol) < 0 then
    FProtocols.Add(aProtocol);
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

{ TsgcWebSocketServer }

constructor TsgcWebSocketServer.Create(aOwner: TComponent);
begin
  FKind := SGCWS_SERVER;
  inherited Create(aOwner);
end;

{ TsgcWebSocketHTTPServer }

constructor TsgcWebSocketHTTPServer.Create(aOwner: TComponent);
begin
  FKind := SGCWS_HTTP_SERVER;
  inherited Create(aOwner);
end;

procedure TsgcWebSocketHTTPServer.ApplyEventSwitches;
begin
  inherited;
  SetEventSwitch('Events.OnCommandGet', Assigned(FOnCommandGet));
  SetEventSwitch('Events.OnCommandOther', Assigned(FOnCommandOther));
end;

procedure TsgcWebSocketHTTPServer.SetOnCommandGet(const Value: TsgcWSHTTPCommandEvent);
begin
  FOnCommandGet := Value;
  SetEventSwitch('Events.OnCommandGet', Assigned(Value));
end;

procedure TsgcWebSocketHTTPServer.SetOnCommandOther(const Value: TsgcWSHTTPCommandEvent);
begin
  FOnCommandOther := Value;
  SetEventSwitch('Events.OnCommandOther', Assigned(Value));
end;

procedure TsgcWebSocketHTTPServer.DoHTTPRequest(const E: TsgcwsEvent);
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

procedure TsgcWebSocketHTTPServer.DoEvent(const E: TsgcwsEvent; Conn: TsgcWSConnection);
begin
  if E.kind = SGCWS_EV_HTTP_REQUEST then
    DoHTTPRequest(E)
  else
    inherited;
end;

end.
