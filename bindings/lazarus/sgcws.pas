{ This file was automatically created by Lazarus. Do not edit!
  This source is only used to compile and install the package.
 }

unit sgcws;

{$warn 5023 off : no warning about unused units}
interface

uses
  sgcWebSocket_Types, sgcWebSocket_Lib, sgcWebSocket_Catalogue,
  sgcWebSocket_Classes, sgcWebSocket, sgcWebSocket_Registered,
  sgcWebSocket_Protocol_Base_Server, sgcWebSocket_Protocol_Base_Client,
  sgcWebSocket_Protocols;

implementation

end.
