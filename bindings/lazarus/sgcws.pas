{ This file was automatically created by Lazarus. Do not edit!
  This source is only used to compile and install the package.
 }

unit sgcws;

{$warn 5023 off : no warning about unused units}
interface

uses
  sgcWebSocket, sgcWebSocket_Classes, sgcWebSocket_Types, sgcWebSocket_Lib;

implementation

end.
