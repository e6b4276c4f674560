(* fpcbench - the Free Pascal host of benchmark B5: the measurement of bench/c/cabi.c (and of
  bench/cmd/wsbench/load.go) written as a Pascal user would write it, with the components of
  bindings/pascal-shared: a TsgcWebSocketServer echoing binary messages and N TsgcWebSocketClients,
  each keeping WINDOW messages of SIZE bytes in flight.

    nosync  NotifyEvents = neNoSync: OnBinary runs on the library's threads.
    async   NotifyEvents = neAsynchronous (the default): OnBinary runs on the main thread, which pumps
            CheckSynchronize the way a console program must (an LCL program's loop does it itself).

  Prints one line "RESULT {json}" that wsbench parses (rate, p50, p99, p999, n, cpu, percpu,
  maxrss_kib). The library: SGCWS_LIBRARY, else SGCWS_LIB (what bench/run.sh sets for the C host).

    fpcbench nosync|async CONNS SIZE WINDOW WARM_MS DUR_MS

  Build: fpc -O2 -Fu../../bindings/pascal-shared -Fi../../bindings/pascal-shared fpcbench.lpr *)
program fpcbench;

{$mode objfpc}{$H+}

uses
  cthreads, Classes, SysUtils, BaseUnix, Generics.Collections,
  sgcWebSocket, sgcWebSocket_Classes, sgcWebSocket_Types, sgcWebSocket_Lib;

const
  MAX_WINDOW = 64;

type
  { One client: the send times of its messages in flight (a FIFO ring: echoes come back in order)
    and the latencies measured inside the window. }
  TBenchClient = class
  public
    Client: TsgcWebSocketClient;
    Lock: TRTLCriticalSection;
    Inflight: array[0..MAX_WINDOW - 1] of Int64;
    Head, Len: Integer;
    Lat: array of Int64;
    NLat: Integer;
    constructor Create;
    destructor Destroy; override;
    procedure Issue;
    procedure OnEcho(Connection: TsgcWSConnection; const Data: TMemoryStream);
  end;

  TEchoServer = class
  public
    procedure OnBinary(Connection: TsgcWSConnection; const Data: TMemoryStream);
  end;

  TInt64Sort = specialize TArrayHelper<Int64>;

  { struct rusage (Linux, 64-bit): the RTL has no getrusage, libc does. }
  TRUsage = record
    utime, stime: TTimeVal;
    maxrss: clong;
    rest: array[0..12] of clong;
  end;

function getrusage(who: cint; usage: Pointer): cint; cdecl; external 'c' name 'getrusage';
{ libc's clock_gettime (the vDSO, as cabi.c's): the RTL's Linux.clock_gettime is a real system call,
  which made the host's own clock reads cost more than its Pascal event path. }
function clock_gettime(clk: cint; tp: PTimeSpec): cint; cdecl; external 'c' name 'clock_gettime';

var
  Async: Boolean;
  Measuring, Stopping: Boolean;
  Count, Outstanding, SendErrors: Int64;
  Payload: TMemoryStream;

function NowNs: Int64;
var
  ts: TTimeSpec;
begin
  clock_gettime(1 { CLOCK_MONOTONIC }, @ts);
  Result := Int64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
end;

{ CPU-seconds (user + sys) of this process so far; MaxRSS its peak resident set (KiB). }
function CPUSeconds(out MaxRSS: Int64): Double;
var
  ru: TRUsage;
begin
  MaxRSS := 0;
  if getrusage(0 { RUSAGE_SELF }, @ru) <> 0 then
    Exit(0);
  MaxRSS := ru.maxrss;
  Result := ru.utime.tv_sec + ru.stime.tv_sec + (ru.utime.tv_usec + ru.stime.tv_usec) / 1e6;
end;

{ Waits Ms milliseconds; in neAsynchronous the main thread runs the queued handlers meanwhile. }
procedure Pump(Ms: Integer);
var
  deadline, now: Int64;
begin
  if not Async then
  begin
    Sleep(Ms);
    Exit;
  end;
  deadline := NowNs + Int64(Ms) * 1000000;
  repeat
    now := NowNs;
    if now >= deadline then
      Break;
    CheckSynchronize((deadline - now) div 1000000 + 1);
  until False;
end;

constructor TBenchClient.Create;
begin
  inherited Create;
  InitCriticalSection(Lock);
end;

destructor TBenchClient.Destroy;
begin
  Client.Free;
  DoneCriticalSection(Lock);
  inherited;
end;

procedure TBenchClient.Issue;
begin
  EnterCriticalSection(Lock);
  Inflight[(Head + Len) mod MAX_WINDOW] := NowNs;
  Inc(Len);
  LeaveCriticalSection(Lock);
  InterLockedIncrement64(Outstanding);
  try
    Client.WriteData(Payload);
  except
    InterLockedIncrement64(SendErrors);
  end;
end;

procedure TBenchClient.OnEcho(Connection: TsgcWSConnection; const Data: TMemoryStream);
var
  t, t0: Int64;
  m: Boolean;
begin
  t := NowNs;
  m := Measuring;
  EnterCriticalSection(Lock);
  t0 := Inflight[Head];
  Head := (Head + 1) mod MAX_WINDOW;
  Dec(Len);
  if m then
  begin
    if NLat = Length(Lat) then
      SetLength(Lat, 2 * NLat + 4096);
    Lat[NLat] := t - t0;
    Inc(NLat);
  end;
  LeaveCriticalSection(Lock);
  if m then
    InterLockedIncrement64(Count);
  InterLockedDecrement64(Outstanding);
  if not Stopping then
    Issue;
end;

procedure TEchoServer.OnBinary(Connection: TsgcWSConnection; const Data: TMemoryStream);
begin
  Connection.WriteData(Data);
end;

procedure Fail(const Msg: string);
begin
  WriteLn(StdErr, 'fpcbench: ', Msg);
  Halt(1);
end;

var
  mode: TwsNotifyEvent;
  n, size, window, warm, dur, i, w, k, total: Integer;
  echo: TEchoServer;
  server: TsgcWebSocketServer;
  cs: array of TBenchClient;
  all: array of Int64;
  addr: string;
  port: Integer;
  start, deadline: Int64;
  elapsed, cpu0, cpu, percpu: Double;
  got, maxrss: Int64;
  fs: TFormatSettings;

  function Pct(q: Double): Double;
  begin
    if total = 0 then
      Exit(0);
    Result := all[Trunc(q * (total - 1))];
  end;

begin
  if ParamCount <> 6 then
  begin
    WriteLn(StdErr, 'usage: fpcbench nosync|async CONNS SIZE WINDOW WARM_MS DUR_MS');
    Halt(2);
  end;
  Async := ParamStr(1) = 'async';
  if Async then
    mode := neAsynchronous
  else
    mode := neNoSync;
  n := StrToInt(ParamStr(2));
  size := StrToInt(ParamStr(3));
  window := StrToInt(ParamStr(4));
  warm := StrToInt(ParamStr(5));
  dur := StrToInt(ParamStr(6));
  if (n < 1) or (window < 1) or (window > MAX_WINDOW) then
    Halt(2);
  if GetEnvironmentVariable('SGCWS_LIBRARY') = '' then
    SgcwsLibraryPath := GetEnvironmentVariable('SGCWS_LIB');

  { The same bytes as cabi.c. }
  Payload := TMemoryStream.Create;
  Payload.SetSize(size);
  for i := 0 to size - 1 do
    PAnsiChar(Payload.Memory)[i] := 'alpha bravo charlie delta echo 0123456789 '[i mod 42 + 1];

  echo := TEchoServer.Create;
  server := TsgcWebSocketServer.Create(nil);
  server.Bindings.Text := '127.0.0.1:0';
  server.NotifyEvents := mode;
  server.OnBinary := @echo.OnBinary;
  server.Active := True;
  addr := Trim(server.ListenAddresses.Text);
  port := StrToIntDef(Copy(addr, LastDelimiter(':', addr) + 1, 9), 0);
  if port = 0 then
    Fail('server not listening: ' + addr);

  SetLength(cs, n);
  for i := 0 to n - 1 do
  begin
    cs[i] := TBenchClient.Create;
    cs[i].Client := TsgcWebSocketClient.Create(nil);
    cs[i].Client.Host := '127.0.0.1';
    cs[i].Client.Port := port;
    cs[i].Client.NotifyEvents := mode;
    cs[i].Client.OnBinary := @cs[i].OnEcho;
  end;
  for i := 0 to n - 1 do
    if not cs[i].Client.Connect(10000) then
      Fail('client ' + IntToStr(i) + ' did not connect');

  for w := 1 to window do
    for i := 0 to n - 1 do
      cs[i].Issue;
  Pump(warm);
  Measuring := True;
  start := NowNs;
  cpu0 := CPUSeconds(maxrss);
  Pump(dur);
  Measuring := False;
  elapsed := (NowNs - start) / 1e9;
  cpu := CPUSeconds(maxrss) - cpu0;
  got := Count;
  Stopping := True;
  deadline := NowNs + 5000000000;
  while (Outstanding > 0) and (NowNs < deadline) do
    Pump(1);

  total := 0;
  for i := 0 to n - 1 do
    Inc(total, cs[i].NLat);
  SetLength(all, total);
  k := 0;
  for i := 0 to n - 1 do
  begin
    if cs[i].NLat > 0 then
      Move(cs[i].Lat[0], all[k], cs[i].NLat * SizeOf(Int64));
    Inc(k, cs[i].NLat);
  end;
  if total > 0 then
    TInt64Sort.Sort(all);

  for i := 0 to n - 1 do
    cs[i].Free;
  server.Free;
  echo.Free;
  CPUSeconds(maxrss);

  fs := DefaultFormatSettings;
  fs.DecimalSeparator := '.';
  percpu := 0;
  if cpu > 0 then
    percpu := got / cpu;
  WriteLn(Format('RESULT {"rate":%.1f,"p50":%.0f,"p99":%.0f,"p999":%.0f,"n":%d,"cpu":%.3f,"percpu":%.1f,"maxrss_kib":%d}',
    [got / elapsed, Pct(0.5), Pct(0.99), Pct(0.999), got, cpu, percpu, maxrss], fs));
  if SendErrors <> 0 then
    Fail(IntToStr(SendErrors) + ' send errors');
  if got = 0 then
    Fail('no echo within the measured time');
end.
