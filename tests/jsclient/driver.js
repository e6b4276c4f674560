// driver.js - runs our browser JS clients (protocols/js) in headless Chromium (puppeteer-core,
// /usr/bin/chromium) against a server and reports one line per check.
//
//   node driver.js --base http://127.0.0.1:PORT [--suite wirepeer] [--only REGEX] [--list]
//
// --base    the server under test: it must serve /sgcWebSockets.js, /esegece.com.js and
//           /presence.esegece.com.js. The test page is the driver's own: it loads
//           <base>/sgcWebSockets.js as a document and writes the page into it (same origin), so any
//           server that serves the files will do.
// --suite   which cases run besides the 'any' ones (default: wirepeer = tests/jsclient/wirepeer,
//           whose scripted conversations are at /wire/<case>). Cases for the real sgcws server
//           can be added to CASES with their own suite name.
// --only    run only the cases whose name matches REGEX.
//
// A case = the scripts the page loads, a function run in the page (it returns {log, checks}),
// the events the page must have seen (in order), and, for wirepeer cases, the peer's verdict
// (GET <base>/peer/verdict/<case>). Prints "OK name" / "BAD name: why" per check and "INFO ..."
// lines; exits non-zero if a check failed. The browser gets a fresh --user-data-dir
// (SGCWS_BROWSER_PROFILE) and its PID goes to SGCWS_BROWSER_PIDFILE for the shell to stop.
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const base = (opt('--base', process.env.SGCWS_JSCLIENT_BASE || '')).replace(/\/+$/, '');
const suite = opt('--suite', 'wirepeer');
const only = new RegExp(opt('--only', '.'));
const jsDir = path.join(__dirname, '..', '..', 'protocols', 'js');
const LANDING = 'sgcWebSockets.js'; // the document the test page is written into
const JS_FILES = ['sgcWebSockets.js', 'esegece.com.js', 'presence.esegece.com.js'];

let bad = 0;
const ok = (name) => console.log(`OK ${name}`);
const fail = (name, why) => { bad++; console.log(`BAD ${name}: ${String(why).replace(/\s+/g, ' ').slice(0, 400)}`); };
const check = (name, cond, why) => (cond ? ok(name) : fail(name, why));

// Helpers every test page gets (window.jc), run in the browser.
const PAGE_HELPERS = `
window.jc = {
    // deterministic ids: the clients look GUID up at call time
    ids() { let n = 0; window.GUID = () => 'id' + (++n); },
    // record(socket, names): every event of those names, as plain data, in arrival order
    record(sock, names) {
        const rec = { log: [], reads: [] };
        for (const n of names) sock.on(n, (e) => {
            const entry = [n, e && e.stream instanceof Blob ? { stream: { size: e.stream.size } } : JSON.parse(JSON.stringify(e))];
            rec.log.push(entry);
            if (e && e.stream instanceof Blob) rec.reads.push(e.stream.text().then((t) => { entry[1].stream.text = t; }));
        });
        return rec;
    },
    // closed(socket, ms): resolves on the socket's 'close' event (or after ms)
    closed(sock, ms) { return new Promise((resolve) => { sock.on('close', () => resolve(true)); setTimeout(() => resolve(false), ms || 10000); }); },
    checks: [],
    check(name, cond, why) { jc.checks.push([name, !!cond, cond ? '' : String(why)]); },
    async done(rec) { await Promise.all(rec.reads); return { log: rec.log, checks: jc.checks }; },
};`;

const BASE_EVENTS = ['open', 'message', 'stream', 'close', 'error'];
const SGC_EVENTS = BASE_EVENTS.concat(['sgcsession', 'sgcmessage', 'sgcevent', 'sgcsubscribe', 'sgcunsubscribe',
    'sgcacknowledgment', 'sgcpubrec', 'sgcrpcresult', 'sgcrpcerror']);
const PRESENCE_EVENTS = BASE_EVENTS.concat(['sgcsession', 'sgcnewmember', 'sgcremovemember', 'sgcnewchannelmember',
    'sgcremovechannelmember', 'sgcpublishmsg', 'sgcgetmembers', 'sgcerrormemberchannel', 'sgcerrorpublishmsg',
    'sgcchannelinvitation', 'sgcacknowledgment']);

const john = { id: 'S-1', name: 'John', info: 'Additional Info' };
const ann = { id: 'S-2', name: 'Ann', info: 'x' };
const done4001 = ['close', { code: 4001, reason: 'script done', clean: true }];
const closed1000 = ['close', { code: 1000, reason: '', clean: true }];

// Each expectation: [step name, event name, event fields].
const CASES = [
    {
        name: 'serve', suite: 'any', scripts: [],
        run: async ({ base, files }) => {
            const out = {};
            for (const f of files) {
                const r = await fetch(`${base}/${f}`, { cache: 'no-store' });
                out[f] = { status: r.status, ctype: r.headers.get('content-type'), body: await r.text() };
            }
            return { log: [], checks: [], files: out };
        },
        after: (r) => {
            for (const f of JS_FILES) {
                const got = r.files[f];
                const disk = fs.readFileSync(path.join(jsDir, f), 'utf8');
                check(`serve/${f}`, got.status === 200 && got.ctype === 'application/javascript; charset=utf-8' && got.body === disk,
                    `status ${got.status}, content-type ${got.ctype}, ${got.body === disk ? 'same' : 'different'} body`);
            }
        },
    },
    {
        name: 'generic', suite: 'wirepeer', scripts: ['sgcWebSockets.js'], events: BASE_EVENTS,
        run: async ({ ws }) => {
            const g = GUID();
            jc.check('page/GUID-32-hex-digits', /^[0-9A-F]{32}$/.test(g) && GUID() !== g, g);
            const s = new sgcWebSocket(ws + '/wire/generic');
            const rec = jc.record(s, ['open', 'message', 'stream', 'close', 'error']);
            jc.check('page/state-connecting', s.state() === 'connecting', s.state());
            s.send('queued before open');
            let got = 0, stream = null;
            const settle = () => {
                if (++got < 4) return;
                sgcEncodeBase64 = true;
                s.send('héllo 日本 🚀');
                sgcEncodeBase64 = false;
                s.close();
                jc.check('page/state-closing', s.state() === 'closing', s.state());
            };
            s.on('open', () => {
                jc.check('page/state-open', s.state() === 'open', s.state());
                s.send('hello ñ 日本 🚀');
                s.send(new Uint8Array([1, 2, 3, 0, 255]));
            });
            s.on('message', settle);
            s.on('stream', (e) => {
                stream = sgcWSStreamRead(e.stream, (header, payload) => { stream.cb = { header, payload }; });
                settle();
            });
            const closed = await jc.closed(s);
            jc.check('page/state-closed', closed && s.state() === 'closed', s.state());
            // sgcWSStreamRead on the "0000000003abc<payload>" message
            const r = await stream;
            const bytes = r ? Array.from(new Uint8Array(await r.stream.arrayBuffer())) : [];
            jc.check('page/sgcWSStreamRead-header', r && r.header === 'abc', r && r.header);
            jc.check('page/sgcWSStreamRead-payload', bytes.join() === '0,1,2,255,254,10', bytes.join());
            jc.check('page/sgcWSStreamRead-callback', stream.cb && stream.cb.header === 'abc' && stream.cb.payload === r.stream, 'callback not called with the result');
            const ab = await sgcWSStreamRead(new TextEncoder().encode('0000000002hiXYZ').buffer);
            jc.check('page/sgcWSStreamRead-arraybuffer', ab.header === 'hi' && (await ab.stream.text()) === 'XYZ', ab.header);
            const badLen = await sgcWSStreamRead(new Blob(['00000000zzabc']));
            const tooLong = await sgcWSStreamRead(new Blob(['0000000099abc']));
            jc.check('page/sgcWSStreamRead-malformed', badLen.header === null && tooLong.header === null && tooLong.stream.size === 13, 'header not null');
            const w = await sgcWSStreamRead(sgcWSStreamWrite('ñ', new Uint8Array([7, 8])));
            jc.check('page/sgcWSStreamWrite-round-trip', w.header === 'ñ' && (await w.stream.arrayBuffer()).byteLength === 2, w.header);
            jc.check('page/send-after-close-fails', s.send('late') === false, 'send returned true');
            return jc.done(rec);
        },
        expect: [
            ['s2c/open', 'open', {}],
            ['s2c/text', 'message', { message: 'from peer ñ' }],
            ['s2c/binary->stream-blob', 'stream', { stream: { size: 19, text: '0000000003abc\u0000\u0001\u0002\ufffd\ufffd\n' } }],
            ['s2c/sgc@b64-decoded', 'message', { message: 'ñ 日本 🚀 "q"' }],
            ['s2c/bad-sgc@b64-delivered-as-is', 'message', { message: 'sgc@b64:!!not base64' }],
            ['s2c/close-fields', 'close', { code: 1000, reason: '', clean: true }],
            ['page/send-after-close-error-event', 'error', { message: 'send on a closed connection' }],
        ],
    },
    {
        name: 'generic-protocol', suite: 'wirepeer', scripts: ['sgcWebSockets.js'],
        run: async ({ ws }) => {
            const s = new sgcWebSocket(ws + '/wire/proto', 'esegece.com', ['websocket']);
            const rec = jc.record(s, ['open', 'close', 'error']);
            s.on('open', () => s.close(4321, 'bye'));
            await jc.closed(s);
            return jc.done(rec);
        },
        expect: [['s2c/open', 'open', {}], ['s2c/close-4321-bye', 'close', { code: 4321, reason: 'bye', clean: true }]],
    },
    {
        name: 'generic-rejected', suite: 'wirepeer', scripts: ['sgcWebSockets.js'],
        run: async ({ ws }) => {
            const s = new sgcWebSocket(ws + '/wire/reject');
            const rec = jc.record(s, ['open', 'close', 'error']);
            const states = [s.state()];
            await jc.closed(s);
            states.push(s.state());
            jc.check('page/states-connecting-closed', states.join() === 'connecting,closed', states.join());
            return jc.done(rec);
        },
        expect: [
            ['s2c/error-event', 'error', { message: 'WebSocket connection failed' }],
            ['s2c/close-1006-unclean', 'close', { code: 1006, reason: '', clean: false }],
        ],
    },
    {
        name: 'auth-ws', suite: 'wirepeer', scripts: ['sgcWebSockets.js'],
        run: async ({ ws }) => {
            const s = new sgcWebSocket({ host: ws, user: 'u', password: 'p' });
            const rec = jc.record(s, ['open', 'message', 'close', 'error']);
            s.on('message', () => s.close());
            await jc.closed(s);
            return jc.done(rec);
        },
        expect: [['s2c/open', 'open', {}], ['s2c/authenticated', 'message', { message: 'authenticated u p' }], ['s2c/close', ...closed1000]],
    },
    {
        name: 'auth-escaped', suite: 'wirepeer', scripts: ['sgcWebSockets.js'],
        run: async ({ ws }) => {
            const s = new sgcWebSocket({ host: ws + '/', user: 'al ice', password: 'p/wü' });
            const rec = jc.record(s, ['open', 'message', 'close', 'error']);
            s.on('message', () => s.close());
            await jc.closed(s);
            return jc.done(rec);
        },
        expect: [['s2c/open', 'open', {}], ['s2c/authenticated', 'message', { message: 'authenticated al ice p/wü' }], ['s2c/close', ...closed1000]],
    },
    {
        name: 'auth-sse', suite: 'wirepeer', scripts: ['sgcWebSockets.js'],
        run: async ({ ws }) => {
            const s = new sgcWebSocket({ host: ws, user: 'u', password: 'p', subprotocol: 'esegece.com', transport: ['sse'] });
            const rec = jc.record(s, ['open', 'message', 'close', 'error']);
            s.on('message', () => s.close());
            await jc.closed(s);
            return jc.done(rec);
        },
        expect: [['s2c/open', 'open', {}], ['s2c/authenticated', 'message', { message: 'authenticated u p' }], ['s2c/close', ...closed1000]],
    },
    {
        name: 'sse', suite: 'wirepeer', scripts: ['sgcWebSockets.js'],
        run: async ({ ws }) => {
            const s = new sgcWebSocket(ws + '/wire/sse', '', ['sse']);
            const rec = jc.record(s, ['open', 'message', 'stream', 'close', 'error']);
            jc.check('page/state-connecting', s.state() === 'connecting', s.state());
            jc.check('page/no-websocket-used', s._ws === null, 'a WebSocket was opened');
            s.send('queued before open');
            s.on('open', () => {
                jc.check('page/state-open', s.state() === 'open', s.state());
                s.send('one');
                s.send('two ñ 日本 🚀');
                sgcEncodeBase64 = true;
                s.send('héllo 日本 🚀');
                sgcEncodeBase64 = false;
                jc.check('page/binary-send-refused', s.send(new Uint8Array([1])) === false, 'binary send accepted');
            });
            let got = 0;
            s.on('message', () => {
                if (++got < 3) return;
                s.close();
                jc.check('page/state-closed-at-once', s.state() === 'closed', s.state());
            });
            await jc.closed(s);
            return jc.done(rec);
        },
        expect: [
            ['s2c/open-after-guid', 'open', {}],
            ['page/binary-send-error-event', 'error', { message: 'Server-Sent Events carry text only' }],
            ['s2c/text', 'message', { message: 'from peer ñ' }],
            ['s2c/multi-line', 'message', { message: 'line1\nline2' }],
            ['s2c/sgc@b64-decoded', 'message', { message: 'ñ sse 🚀' }],
            ['s2c/close-fields', ...closed1000],
        ],
    },
    {
        name: 'sse-fallback', suite: 'wirepeer', scripts: ['sgcWebSockets.js'],
        run: async ({ ws }) => {
            window.WebSocket = undefined; // a browser without WebSocket
            const s = new sgcWebSocket(ws + '/wire/fallback');
            const rec = jc.record(s, ['open', 'message', 'close', 'error']);
            s.on('open', () => s.send('via sse'));
            s.on('message', () => s.close());
            await jc.closed(s);
            return jc.done(rec);
        },
        expect: [['s2c/open', 'open', {}], ['s2c/message', 'message', { message: 'ack via sse' }], ['s2c/close', ...closed1000]],
    },
    {
        name: 'sgc', suite: 'wirepeer', scripts: ['sgcWebSockets.js', 'esegece.com.js'], events: SGC_EVENTS,
        run: async ({ ws, events }) => {
            jc.ids();
            const s = new sgcws(ws + '/wire/sgc');
            const rec = jc.record(s, events);
            jc.check('page/is-an-sgcWebSocket', s instanceof sgcWebSocket && s.state() === 'connecting', s.state());
            const ids = [];
            ids.push(s.subscribe('news'));
            s.unsubscribe('news');
            s.publish('Hello "sgc" {x} [y] \\ ñ\n', 'news');
            s.send('{"raw":1}');
            s.publish({ a: 1, b: [true, null] }, 'obj');
            s.qoslevel1();
            s.publish('q1', 'news');
            s.queuelevel2();
            s.publish('q2', 'news');
            s.queuelevel1();
            s.qoslevel2();
            s.subscribe('a');
            s.send('m2');
            s.pubrel('p0');
            s.broadcast('all!');
            s.broadcast('to news', 'news');
            s.qoslevel0();
            s.queuelevel0();
            ids.push(s.publish('plain', 'news'));
            s.starttransaction('tx');
            s.commit('tx');
            s.rollback('tx');
            ids.push(s.rpc('r1', 'test', JSON.stringify({ param: 10 })));
            s.rpc('r2', 'sum', [1, 2]);
            s.rpc('r3', 'echo', 'plain text');
            s.rpc('r4', 'now');
            ids.push(s.rpc(undefined, 'auto'));
            s.notify('log', JSON.stringify({ level: 'info' }));
            s.notify('ping');
            s.getsession();
            jc.check('page/methods-return-their-id', ids.join() === 'id1,id10,r1,id11', ids.join());
            await jc.closed(s, 15000);
            jc.check('page/guid-property', s.guid === 'G-1', s.guid);
            return jc.done(rec);
        },
        expect: [
            ['s2c/open', 'open', {}],
            ['s2c/session->sgcsession', 'sgcsession', { guid: 'G-1' }],
            ['s2c/acknowledgment->sgcacknowledgment', 'sgcacknowledgment', { id: 'id1' }],
            ['s2c/subscribe->sgcsubscribe', 'sgcsubscribe', { channel: 'news', id: 'id1' }],
            ['s2c/unsubscribe->sgcunsubscribe', 'sgcunsubscribe', { channel: 'news', id: 'id2' }],
            ['s2c/unsubscribe_all->sgcunsubscribe', 'sgcunsubscribe', { channel: '' }],
            ['s2c/event->sgcevent', 'sgcevent', { channel: 'news', message: 'T "q" {x} ñ' }],
            ['s2c/broadcast->sgcmessage', 'sgcmessage', { message: 'B', channel: '' }],
            ['s2c/relayed-broadcast->sgcmessage', 'sgcmessage', { message: 'B2', channel: 'news' }],
            ['s2c/pubrec->sgcpubrec', 'sgcpubrec', { id: 'id9' }],
            ['s2c/rpc-result-string->sgcrpcresult', 'sgcrpcresult', { result: '42', id: 'r1' }],
            ['s2c/rpc-result-object->sgcrpcresult', 'sgcrpcresult', { result: { sum: 3 }, id: 'r2' }],
            ['s2c/rpc-result-qos1->sgcrpcresult', 'sgcrpcresult', { result: 'ok', id: 'r3' }],
            ['s2c/rpc-error->sgcrpcerror', 'sgcrpcerror', { code: -32601, message: 'Method not found. The method does not exist / is not available.', data: 'D', id: 'r4' }],
            ['s2c/rpc-error-no-data->sgcrpcerror', 'sgcrpcerror', { code: -32000, message: 'Server error', data: '', id: 'id11' }],
            ['s2c/session-qos1->sgcsession', 'sgcsession', { guid: 'G-1' }],
            ['s2c/writedata-method-form->sgcmessage', 'sgcmessage', { message: 'W', channel: '' }],
            ['s2c/bare-text->message', 'message', { message: 'esegece.com' }],
            ['s2c/sgc@b64-event-decoded', 'sgcevent', { channel: 'news', message: 'ñ 日本 🚀' }],
            ['s2c/rpc-result-array->sgcrpcresult', 'sgcrpcresult', { result: [1, 'two'], id: 'r5' }],
            ['s2c/binary->stream', 'stream', { stream: { size: 3, text: 'bin' } }],
            ['s2c/close-4001', ...done4001],
        ],
    },
    {
        name: 'sgc-b64', suite: 'wirepeer', scripts: ['sgcWebSockets.js', 'esegece.com.js'], events: SGC_EVENTS,
        run: async ({ ws, events }) => {
            jc.ids();
            sgcEncodeBase64 = true;
            const s = new sgcws(ws + '/wire/sgc-b64');
            const rec = jc.record(s, events);
            s.publish('héllo 日本 🚀 "q"', 'news');
            s.send('ñ');
            s.broadcast('all ✓', 'news');
            s.publish({ k: 'v' }, 'obj');
            await jc.closed(s);
            sgcEncodeBase64 = false;
            return jc.done(rec);
        },
        expect: [['s2c/open', 'open', {}], ['s2c/all-strings-decoded->sgcevent', 'sgcevent', { channel: 'news', message: 'ñ 日本 🚀' }], ['s2c/close-4001', ...done4001]],
    },
    {
        name: 'sgc-manual-pubrel', suite: 'wirepeer', scripts: ['sgcWebSockets.js', 'esegece.com.js'], events: SGC_EVENTS,
        run: async ({ ws, events }) => {
            const s = new sgcws(ws + '/wire/sgc-manual-pubrel');
            s.autopubrel = false;
            const rec = jc.record(s, events);
            s.on('sgcpubrec', (e) => setTimeout(() => s.pubrel(e.id), 100));
            await jc.closed(s);
            return jc.done(rec);
        },
        expect: [['s2c/open', 'open', {}], ['s2c/pubrec->sgcpubrec', 'sgcpubrec', { id: 'P9' }], ['s2c/close-4001', ...done4001]],
    },
    {
        name: 'sgc-prefix', suite: 'wirepeer', scripts: ['sgcWebSockets.js', 'esegece.com.js'],
        run: async ({ ws }) => {
            const s = new sgcws(ws + '/wire/sgc-prefix', 'x');
            const rec = jc.record(s, ['open', 'close', 'error']);
            s.on('open', () => s.close());
            await jc.closed(s);
            return jc.done(rec);
        },
        expect: [['s2c/open', 'open', {}], ['s2c/close', ...closed1000]],
    },
    {
        name: 'sgc-SGCWS', suite: 'wirepeer', scripts: ['sgcWebSockets.js', 'esegece.com.js'],
        run: async ({ ws }) => {
            jc.check('page/SGCWS-is-sgcws', SGCWS === sgcws, typeof SGCWS);
            const s = new SGCWS(ws + '/wire/sgc-upper');
            const rec = jc.record(s, ['open', 'close', 'error']);
            s.on('open', () => s.close());
            await jc.closed(s);
            return jc.done(rec);
        },
        expect: [['s2c/open', 'open', {}], ['s2c/close', ...closed1000]],
    },
    {
        name: 'sgc-sse', suite: 'wirepeer', scripts: ['sgcWebSockets.js', 'esegece.com.js'], events: SGC_EVENTS,
        run: async ({ ws, events }) => {
            jc.ids();
            const s = new sgcws({ host: ws + '/wire/sgc-sse', transport: ['sse'] });
            const rec = jc.record(s, events);
            s.subscribe('news');
            s.on('sgcevent', () => s.close());
            await jc.closed(s);
            return jc.done(rec);
        },
        expect: [
            ['s2c/open', 'open', {}],
            ['s2c/session->sgcsession', 'sgcsession', { guid: 'GUID-SGC-SSE' }],
            ['s2c/event->sgcevent', 'sgcevent', { channel: 'news', message: 'over sse' }],
            ['s2c/close', ...closed1000],
        ],
    },
    {
        name: 'presence', suite: 'wirepeer', scripts: ['sgcWebSockets.js', 'presence.esegece.com.js'], events: PRESENCE_EVENTS,
        run: async ({ ws, events }) => {
            const p = new sgcws_presence(ws + '/wire/presence');
            const rec = jc.record(p, events);
            jc.check('page/is-an-sgcWebSocket', p instanceof sgcWebSocket, 'not a subclass');
            p.on('sgcsession', (e) => {
                p.newmember(e.id, 'John', 'Additional Info');
                p.subscribe('Topic 1');
                p.publish('Hello "all" ñ', 'Topic 1');
                p.publish('to everybody');
                p.getmembers();
                p.getmembers('Topic 1');
                p.unsubscribe('Topic 1');
                p.removemember();
            });
            await jc.closed(p, 15000);
            return jc.done(rec);
        },
        expect: [
            ['s2c/open', 'open', {}],
            ['s2c/session->sgcsession', 'sgcsession', { id: 'S-1' }],
            ['s2c/member@new->sgcnewmember', 'sgcnewmember', { member: ann }],
            ['s2c/member@remove->sgcremovemember', 'sgcremovemember', { member: ann }],
            ['s2c/channel@member@new->sgcnewchannelmember', 'sgcnewchannelmember', { member: ann, channel: { name: 'Topic 1' } }],
            ['s2c/channel@member@remove->sgcremovechannelmember', 'sgcremovechannelmember', { member: ann, channel: { name: 'Topic 1' } }],
            ['s2c/publish@msg->sgcpublishmsg', 'sgcpublishmsg', { message: { text: 'Hi "there"' }, member: ann, channel: { name: 'Topic 1' } }],
            ['s2c/send@members->sgcgetmembers', 'sgcgetmembers', { members: [john, ann], member: john, channel: { name: '' } }],
            ['s2c/error@member@channel->sgcerrormemberchannel', 'sgcerrormemberchannel', { error: { code: 4, text: 'not subscribed' }, channel: { name: 'Topic 9' }, member: john }],
            ['s2c/error@publish@msg->sgcerrorpublishmsg', 'sgcerrorpublishmsg', { error: { code: 5, text: 'publish denied' }, message: { text: 'spam' }, member: john, channel: { name: 'Topic 1' } }],
            ['s2c/channel@invitation->sgcchannelinvitation', 'sgcchannelinvitation', { channel: { name: 'Room' }, member: ann, members: [john] }],
            ['s2c/with-id->sgcpublishmsg', 'sgcpublishmsg', { message: { text: 'acked' }, member: ann, channel: { name: '' } }],
            ['s2c/acknowledgment->sgcacknowledgment', 'sgcacknowledgment', { id: 'A2' }],
            ['s2c/sgc@b64-member-decoded', 'sgcnewmember', { member: { id: 'S-3', name: 'Zoë 日本', info: '🚀' } }],
            ['s2c/unknown-method->message', 'message', { message: '{"jsonrpc":"2.0","method":"sgc@presence@unknown"}' }],
            ['s2c/close-4001', ...done4001],
        ],
    },
    {
        name: 'presence-b64', suite: 'wirepeer', scripts: ['sgcWebSockets.js', 'presence.esegece.com.js'], events: PRESENCE_EVENTS,
        run: async ({ ws, events }) => {
            sgcEncodeBase64 = true;
            const p = new sgcws_presence(ws + '/wire/presence-b64');
            const rec = jc.record(p, events);
            p.on('sgcsession', (e) => {
                p.newmember(e.id, 'Zoë', 'ñ info');
                p.subscribe('Tópico');
                p.publish('héllo 🚀', 'Tópico');
            });
            await jc.closed(p);
            sgcEncodeBase64 = false;
            return jc.done(rec);
        },
        expect: [
            ['s2c/open', 'open', {}],
            ['s2c/b64-session->sgcsession', 'sgcsession', { id: 'S-1' }],
            ['s2c/b64-publish@msg-decoded', 'sgcpublishmsg', { message: { text: 'héllo 🚀' }, member: { id: 'S-1', name: 'Zoë', info: 'ñ info' }, channel: { name: 'Tópico' } }],
            ['s2c/close-4001', ...done4001],
        ],
    },
];
CASES.push(...require('./sgcws_cases.js')); // against the real sgcws server (suite sgcws)

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// checkEvents: each expectation must match the next recorded event of its name, in order; then
// nothing else may have been raised.
function checkEvents(name, expect, log) {
    let at = 0;
    const used = new Set();
    for (const [step, ev, fields] of expect) {
        let i = at;
        while (i < log.length && log[i][0] !== ev) i++;
        if (i < log.length && same(log[i][1], fields)) {
            ok(`${name}/${step}`);
            used.add(i);
            at = i + 1;
        } else {
            fail(`${name}/${step}`, i < log.length ? `${ev} ${JSON.stringify(log[i][1])}, want ${JSON.stringify(fields)}` : `no ${ev} event (want ${JSON.stringify(fields)})`);
        }
    }
    const extra = log.filter((_, i) => !used.has(i));
    check(`${name}/no-unexpected-events`, extra.length === 0, JSON.stringify(extra));
}

async function runCase(browser, c) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
        const html = `<!doctype html><meta charset="utf-8"><title>jsclient ${c.name}</title>` +
            c.scripts.map((s) => `<script src="/${s}"></script>`).join('') + `<script>${PAGE_HELPERS}</script>`;
        // The page must be a document the network delivered from the server (Chromium's Local
        // Network Access checks block ws://127.0.0.1 from synthesized or about:blank documents):
        // load a file every server under test has, then write our page into that document.
        const resp = await page.goto(`${base}/${LANDING}`, { waitUntil: 'load', timeout: 10000 });
        if (!resp || resp.status() !== 200) throw new Error(`GET ${LANDING}: status ${resp && resp.status()}`);
        await page.setContent(html, { waitUntil: 'load', timeout: 10000 });
        const loaded = await page.evaluate((n) => n.map((s) => typeof window.jc === 'object' && (s !== 'sgcWebSockets.js' || typeof sgcWebSocket === 'function')), c.scripts);
        if (!loaded.every(Boolean)) throw new Error(`scripts did not load: ${errors.join('; ')}`);
        const r = await Promise.race([
            page.evaluate(c.run, { ws: base.replace(/^http/, 'ws'), base, files: JS_FILES, events: c.events || BASE_EVENTS, wait: c.wait }),
            new Promise((_, reject) => setTimeout(() => reject(new Error('page run timed out after 25 s')), 25000)),
        ]);
        for (const [n, cond, why] of r.checks) check(`${c.name}/${n}`, cond, why);
        if (c.expect) checkEvents(c.name, c.expect, r.log);
        if (c.after) c.after(r);
    } catch (e) {
        fail(`${c.name}/run`, e && e.message ? e.message : e);
    }
    check(`${c.name}/no-page-errors`, errors.length === 0, errors.join('; '));
    await page.close().catch(() => {});
    if (c.suite !== 'wirepeer') return;
    // The peer's half: its byte-exact checks of what the page sent.
    try {
        const v = await (await fetch(`${base}/peer/verdict/${c.name}`)).json();
        for (const s of v.steps) check(`${c.name}/peer/${s.name}`, s.ok, s.why);
        check(`${c.name}/peer/conversation-finished`, v.done && v.steps.length > 0, v.done ? 'no steps' : 'still running');
    } catch (e) {
        fail(`${c.name}/peer/verdict`, e.message);
    }
}

(async () => {
    const cases = CASES.filter((c) => (c.suite === 'any' || c.suite === suite) && only.test(c.name));
    if (argv.includes('--list')) {
        for (const c of cases) console.log(c.name);
        return;
    }
    if (!/^https?:\/\//.test(base)) throw new Error('--base http://host:port is required');
    const browser = await puppeteer.launch({
        executablePath: process.env.SGCWS_CHROMIUM || '/usr/bin/chromium',
        headless: true,
        userDataDir: process.env.SGCWS_BROWSER_PROFILE,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
        timeout: 30000,
    });
    if (process.env.SGCWS_BROWSER_PIDFILE && browser.process()) {
        fs.writeFileSync(process.env.SGCWS_BROWSER_PIDFILE, `${browser.process().pid}\n`);
    }
    console.log(`INFO browser ${await browser.version()}, base ${base}, suite ${suite}, ${cases.length} cases`);
    try {
        for (const c of cases) await runCase(browser, c);
    } catch (e) {
        fail('run', e && e.stack ? e.stack : e);
    } finally {
        const t = Date.now();
        await browser.close().catch(() => {});
        console.log(`INFO browser closed in ${Date.now() - t} ms`);
    }
    process.exit(bad ? 1 : 0); // not exitCode: idle keep-alive sockets would hold the process
})().catch((e) => { console.log(`BAD launch: ${String(e && e.message || e).replace(/\s+/g, ' ')}`); process.exit(1); });
