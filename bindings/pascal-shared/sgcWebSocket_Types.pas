{ sgcWebSocket_Types - the manual's enumerations. The order of every enumeration is the order of the
  library's Enum values (sgcws_properties), so values travel by ordinal. }
unit sgcWebSocket_Types;

{$I sgcws.inc}

interface

type
  { NotifyEvents: how events reach the handlers (manual, "Threading Flow"). }
  TwsNotifyEvent = (neAsynchronous, neSynchronous, neNoSync);

  { Options.FragmentedMessages. }
  TwsFragmentedMessages = (frgOnlyBuffer, frgOnlyFragmented, frgAll);

  { TLSOptions.Version, SSLOptions.Version, TLSOptions.OpenSSL_Options.MinVersion. }
  TwsTLSVersions = (tlsUndefined, tls1_0, tls1_1, tls1_2, tls1_3);

  { TsgcWSConnection.Transport. The library speaks RFC 6455 only. }
  TwsTransport = (trpRFC6455, trpHixie76, trpFlash, trpSSE, trpTCP);

  { OnFragmented's OpCode. }
  TOpcode = (opContinuation, opText, opBinary, opClose, opPing, opPong);

const
  { Close codes (RFC 6455). }
  CS_CLOSE_NORMAL = 1000;
  CS_GO_AWAY = 1001;
  CS_PROTOCOL_ERROR = 1002;
  CS_UNSUPPORTED_DATA = 1003;
  CS_INVALID_PAYLOAD = 1007;
  CS_POLICY_VIOLATION = 1008;
  CS_MESSAGE_TOO_BIG = 1009;
  CS_INTERNAL_SERVER_ERROR = 1011;

implementation

end.
