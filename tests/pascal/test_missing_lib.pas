{ A missing library: a clear exception naming the path, raised at the first component. }
program test_missing_lib;

{$mode objfpc}{$H+}

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  Classes, SysUtils, sgcWebSocket, sgcWebSocket_Lib, sgctest;

var
  c: TsgcWebSocketClient;
  msg: string;
begin
  SgcwsLibraryPath := '/nonexistent/dir/libsgcws.so';
  msg := '';
  try
    c := TsgcWebSocketClient.Create(nil);
    c.Free;
  except
    on E: EsgcLibraryException do
      msg := E.Message;
  end;
  Check(Pos('/nonexistent/dir/libsgcws.so', msg) > 0, 'missing library: EsgcLibraryException names the path', msg);
  Note(msg);
  ExitCode := FinishTests;
end.
