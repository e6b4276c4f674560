{ An LCL program (built with lazbuild against the sgcws package, run headless under Xvfb): a
  TsgcWebSocketServer and a TsgcWebSocketClient in the default NotifyEvents (neAsynchronous) exchange
  messages, and every handler asserts that it runs on the LCL main thread. The program contains no
  polling of any kind: the LCL main loop alone delivers the events. Exit code 0 on success; a TTimer
  guard ends it with exit code 2 after 20 s. }
program lcl_mainthread;

{$mode objfpc}{$H+}

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  Interfaces, Forms, lcl_mainthread_form;

begin
  RequireDerivedFormResource := False;
  Application.Scaled := True;
  Application.Initialize;
  MainForm := TMainForm.CreateNew(Application);
  Application.Run;
  MainForm.Free;
  Halt(ExitCode);
end.
