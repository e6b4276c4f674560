// Pub/sub server on Node's `ws` for the B3 benchmark (wsbench serve's protocol, see
// bench/cmd/wsbench/serve.go): every message a client sends goes to every other client, by the loop
// ws's README shows for broadcasting. Prints "listening HOST:PORT", answers "stats" on stdin with
// "STATS {json}", exits when stdin closes.
const { WebSocketServer, WebSocket } = require('ws');
const readline = require('readline');
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('listening', () => console.log('listening 127.0.0.1:' + wss.address().port));
wss.on('connection', (ws) => ws.on('message', (data, isBinary) => {
  for (const c of wss.clients) {
    if (c !== ws && c.readyState === WebSocket.OPEN) c.send(data, { binary: isBinary });
  }
}));
const rl = readline.createInterface({ input: process.stdin });
rl.on('line', () => {
  const u = process.cpuUsage();
  console.log('STATS ' + JSON.stringify({ cpu_ns: (u.user + u.system) * 1000, conns: wss.clients.size }));
});
rl.on('close', () => process.exit(0));
