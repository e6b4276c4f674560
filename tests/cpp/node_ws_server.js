// node_ws_server.js - an independent WebSocket server (Node `ws` 8) for the C++ client interop test.
// Listens on 127.0.0.1 with an ephemeral port, writes the port to stdout, echoes text and binary
// (binary stays binary), and on the text "close-4001" closes with code 4001. Exits when stdin closes.
'use strict';
const path = require('path');
const { WebSocketServer } = require(path.join(__dirname, '..', '.deps', 'node_modules', 'ws'));

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: process.argv[2] === 'deflate' });
wss.on('listening', () => process.stdout.write(wss.address().port + '\n'));
wss.on('connection', (ws, req) => {
  ws.send('hello ' + req.url);
  ws.on('message', (data, isBinary) => {
    if (!isBinary && data.toString() === 'close-4001') {
      ws.close(4001, 'bye');
      return;
    }
    ws.send(data, { binary: isBinary });
  });
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
