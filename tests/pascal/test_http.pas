{ TsgcWebSocketHTTPServer: OnCommandGet / OnCommandOther fill the response (neAsynchronous: on the main
  thread, while an HTTP client runs in another thread), an untouched response falls through to 404. }
program test_http;

{$mode objfpc}{$H+}

uses
  {$IFDEF UNIX}cthreads,{$ENDIF}
  Classes, SysUtils, fphttpclient, sgcWebSocket, sgcWebSocket_Classes, sgctest;

type
  TGetThread = class(TThread)
  public
    URL, Method, Body, Result: string;
    Status: Integer;
    Done: Boolean;
    procedure Execute; override;
  end;

  THandlers = class
    Thread: TThreadID;
    Doc, Cmd, Param: string;
    procedure CommandGet(AContext: TIdContext; ARequestInfo: TIdHTTPRequestInfo; AResponseInfo: TIdHTTPResponseInfo);
    procedure CommandOther(AContext: TIdContext; ARequestInfo: TIdHTTPRequestInfo; AResponseInfo: TIdHTTPResponseInfo);
  end;

procedure TGetThread.Execute;
var
  c: TFPHTTPClient;
  ss: TStringStream;
begin
  c := TFPHTTPClient.Create(nil);
  ss := TStringStream.Create('');
  try
    try
      if Body <> '' then
      begin
        c.RequestBody := TStringStream.Create(Body);
        c.AddHeader('Content-Type', 'application/x-www-form-urlencoded');
      end;
      c.HTTPMethod(Method, URL, ss, []);
      Status := c.ResponseStatusCode;
      Result := ss.DataString;
    except
      on E: Exception do
        Result := 'EXC ' + E.Message;
    end;
  finally
    c.RequestBody.Free;
    ss.Free;
    c.Free;
  end;
  Done := True;
end;

procedure THandlers.CommandGet(AContext: TIdContext; ARequestInfo: TIdHTTPRequestInfo;
  AResponseInfo: TIdHTTPResponseInfo);
begin
  Thread := GetCurrentThreadId;
  Doc := ARequestInfo.Document;
  Cmd := ARequestInfo.Command;
  Param := ARequestInfo.Params.Values['name'];
  if ARequestInfo.Document = '/' then
  begin
    AResponseInfo.ContentText := '<html><head><title>Test Page</title></head><body>' + Param + '</body></html>';
    AResponseInfo.ContentType := 'text/html';
    AResponseInfo.ResponseNo := 200;
  end;
end;

procedure THandlers.CommandOther(AContext: TIdContext; ARequestInfo: TIdHTTPRequestInfo;
  AResponseInfo: TIdHTTPResponseInfo);
begin
  Cmd := ARequestInfo.Command;
  AResponseInfo.ResponseNo := 202;
  AResponseInfo.ContentText := 'other ' + ARequestInfo.Command;
  AResponseInfo.CustomHeaders.Add('X-Test: yes');
end;

function Fetch(const Method, URL: string; const Body: string = ''): TGetThread;
var
  t0: QWord;
begin
  Result := TGetThread.Create(True);
  Result.FreeOnTerminate := False;
  Result.URL := URL;
  Result.Method := Method;
  Result.Body := Body;
  Result.Start;
  t0 := GetTickCount64;
  while not Result.Done and (Elapsed(t0) < 10000) do
    CheckSynchronize(5); { the request event runs here, on the main thread }
  Result.WaitFor;
end;

var
  srv: TsgcWebSocketHTTPServer;
  h: THandlers;
  t: TGetThread;
  base, a: string;
begin
  h := THandlers.Create;
  srv := TsgcWebSocketHTTPServer.Create(nil);
  try
    try
      srv.Bindings.Text := '127.0.0.1:0';
      srv.OnCommandGet := @h.CommandGet;
      srv.OnCommandOther := @h.CommandOther;
      srv.Active := True;
      a := Trim(srv.ListenAddresses.Text);
      base := 'http://' + a;
      t := Fetch('GET', base + '/?name=J%C3%BCrgen+X');
      Check((t.Status = 200) and (Pos('<title>Test Page</title>', t.Result) > 0),
        'OnCommandGet answers GET / (manual QuickStart HTTP)', IntToStr(t.Status) + ' ' + t.Result);
      Check(h.Thread = MainThreadID, 'OnCommandGet ran on the main thread (neAsynchronous)');
      Check((h.Doc = '/') and (h.Cmd = 'GET'), 'ARequestInfo.Document and Command', h.Doc + ' ' + h.Cmd);
      Check(Pos('J'#$C3#$BC'rgen X', t.Result) > 0, 'ARequestInfo.Params decoded (UTF-8, +, %XX)', t.Result);
      t.Free;
      t := Fetch('GET', base + '/missing');
      Check(t.Status = 404, 'untouched response falls through to 404', IntToStr(t.Status));
      t.Free;
      t := Fetch('POST', base + '/', 'name=posted');
      Check((t.Status = 200) and (Pos('posted', t.Result) > 0), 'POST form body in Params', t.Result);
      t.Free;
      t := Fetch('DELETE', base + '/x');
      Check((t.Status = 202) and (t.Result = 'other DELETE'), 'OnCommandOther answers DELETE',
        IntToStr(t.Status) + ' ' + t.Result);
      t.Free;
      srv.NotifyEvents := neNoSync;
      t := Fetch('GET', base + '/?name=nosync');
      Check((t.Status = 200) and (h.Thread <> MainThreadID) and (Pos('nosync', t.Result) > 0),
        'neNoSync: OnCommandGet on a library thread', t.Result);
      t.Free;
    except
      on E: Exception do
        Check(False, 'unexpected exception', E.ClassName + ': ' + E.Message);
    end;
  finally
    srv.Free;
    h.Free;
  end;
  ExitCode := FinishTests;
end.
