{ 100,000 echoes: server NotifyEvents = ParamStr(1), client = ParamStr(2) (0 neAsynchronous, 1 neSynchronous, 2 neNoSync). }
program stress_echo;
{$mode objfpc}{$H+}
uses cthreads, Classes, SysUtils, sgcWebSocket, sgcWebSocket_Classes, sgcWebSocket_Types;
type TH = class
  cnt, srv: Integer;
  procedure SM(Connection: TsgcWSConnection; const Text: string);
  procedure CM(Connection: TsgcWSConnection; const Text: string);
end;
procedure TH.SM(Connection: TsgcWSConnection; const Text: string); begin InterLockedIncrement(srv); Connection.WriteData(Text); end;
procedure TH.CM(Connection: TsgcWSConnection; const Text: string); begin InterLockedIncrement(cnt); end;
var h: TH; s: TsgcWebSocketServer; c: TsgcWebSocketClient; i: Integer; a: string; t0: QWord;
begin
  h := TH.Create;
  s := TsgcWebSocketServer.Create(nil); s.Bindings.Text := '127.0.0.1:0';
  s.NotifyEvents := TwsNotifyEvent(StrToInt(ParamStr(1))); s.OnMessage := @h.SM; s.Active := True;
  a := Trim(s.ListenAddresses.Text);
  c := TsgcWebSocketClient.Create(nil); c.Host := '127.0.0.1'; c.Port := StrToInt(Copy(a, LastDelimiter(':', a)+1, 9));
  c.NotifyEvents := TwsNotifyEvent(StrToInt(ParamStr(2))); c.OnMessage := @h.CM;
  c.Connect(5000);
  t0 := GetTickCount64;
  for i := 0 to 99999 do begin c.WriteData(IntToStr(i)); if i mod 1000 = 0 then CheckSynchronize(0); end;
  while (h.cnt < 100000) and (GetTickCount64 - t0 < 60000) do CheckSynchronize(5);
  WriteLn('got ', h.cnt, ' srv ', h.srv, ' ms ', GetTickCount64 - t0);
  c.Free; s.Free;
end.
