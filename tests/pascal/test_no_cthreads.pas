{ Without cthreads: a clear exception instead of a crash later. (Deliberately no cthreads here.) }
program test_no_cthreads;

{$mode objfpc}{$H+}

uses
  Classes, SysUtils, sgcWebSocket, sgcWebSocket_Lib, sgctest;

var
  msg: string;
begin
  msg := '';
  try
    TsgcWebSocketClient.Create(nil).Free;
  except
    on E: EsgcLibraryException do
      msg := E.Message;
  end;
  Check(Pos('cthreads', msg) > 0, 'no cthreads: EsgcLibraryException tells to add cthreads', msg);
  ExitCode := FinishTests;
end.
