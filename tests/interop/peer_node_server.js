// Node `ws` 8 as an echo server for OUR client.
//
//   node peer_node_server.js [--deflate] [--tls CERT KEY]
//
// Binds 127.0.0.1 on a free port and prints "PORT n", then "EXT <negotiated extensions or none>" per
// connection. Runs until killed.
'use strict';
const fs = require('fs');
const https = require('https');
const WebSocket = require('ws');

const args = process.argv.slice(2);
const deflate = args.includes('--deflate');
const tlsIdx = args.indexOf('--tls');
const perMessageDeflate = deflate ? { threshold: 0 } : false;

let wss;
function listening(port) {
  console.log(`PORT ${port}`);
}
if (tlsIdx >= 0) {
  const server = https.createServer({ cert: fs.readFileSync(args[tlsIdx + 1]), key: fs.readFileSync(args[tlsIdx + 2]) });
  wss = new WebSocket.Server({ server, perMessageDeflate });
  server.listen(0, '127.0.0.1', () => listening(server.address().port));
} else {
  wss = new WebSocket.Server({ host: '127.0.0.1', port: 0, perMessageDeflate });
  wss.on('listening', () => listening(wss.address().port));
}
wss.on('connection', (ws) => {
  console.log(`EXT ${ws.extensions || 'none'}`);
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});
