// Node `ws` 8 as the client of OUR echo server.
//
//   node peer_node_client.js URL [--deflate] [--ca FILE]
//
// Sends text and binary messages and a 100 KB repetitive text, checks every echo, prints
// "EXT <negotiated extensions or none>", and with --deflate fails unless permessage-deflate was
// negotiated. Exit status 0 on success.
'use strict';
const fs = require('fs');
const WebSocket = require('ws');

const args = process.argv.slice(2);
const url = args[0];
const deflate = args.includes('--deflate');
const caIdx = args.indexOf('--ca');
const opts = { perMessageDeflate: deflate ? { threshold: 0 } : false, handshakeTimeout: 10000 };
if (caIdx >= 0) opts.ca = fs.readFileSync(args[caIdx + 1]);

const sent = [];
for (let i = 0; i < 50; i++) sent.push(`text-${i}`);
for (let i = 0; i < 50; i++) sent.push(Buffer.from([1, 2, i, 1, 2, i]));
sent.push('sgcws interop '.repeat(Math.floor((100 * 1024) / 14)));

function fail(why) {
  console.log(`FAIL ${why}`);
  process.exit(1);
}
setTimeout(() => fail('timeout'), 30000).unref();

const ws = new WebSocket(url, opts);
let next = 0;
ws.on('open', () => {
  console.log(`EXT ${ws.extensions || 'none'}`);
  if (deflate && !ws.extensions.includes('permessage-deflate')) fail('permessage-deflate was not negotiated');
  for (const m of sent) ws.send(m);
});
ws.on('message', (data, isBinary) => {
  const want = sent[next++];
  const ok = typeof want === 'string' ? !isBinary && data.toString() === want : isBinary && want.equals(data);
  if (!ok) fail(`echo ${next - 1} differs`);
  if (next === sent.length) {
    console.log(`OK ${sent.length} echoes`);
    ws.close(1000);
  }
});
ws.on('close', () => process.exit(next === sent.length ? 0 : 1));
ws.on('error', (e) => fail(e.message));
