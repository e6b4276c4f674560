// browser_check.js - drives headless Chromium (puppeteer-core, /usr/bin/chromium) against our servers.
//
//   node browser_check.js echo URL             about:blank page opens new WebSocket(URL), sends text,
//                                              non-ASCII text, a 100 KB repetitive text and binary,
//                                              checks every echo; prints the handshake it saw
//   node browser_check.js demo URL SCREENSHOT  two pages load the chat demo at URL; page A sends a line
//                                              through the page's form, page B must show it; screenshot
//
// Prints "OK name" or "BAD name: why" per check, "INFO ..." lines, and exits non-zero if any check
// failed or the run broke. The browser gets a fresh --user-data-dir (SGCWS_BROWSER_PROFILE) and is
// closed on every path.
'use strict';
const puppeteer = require('puppeteer-core');

const [mode, url, shot] = process.argv.slice(2);
let bad = 0;
const ok = (name) => console.log(`OK ${name}`);
const fail = (name, why) => { bad++; console.log(`BAD ${name}: ${String(why).replace(/\s+/g, ' ').slice(0, 300)}`); };
const check = (name, cond, why) => (cond ? ok(name) : fail(name, why));

async function echo(browser) {
    const page = await browser.newPage();
    // The handshake as the browser saw it (request and response headers), through the DevTools protocol.
    const cdp = await page.target().createCDPSession();
    await cdp.send('Network.enable');
    const hs = { req: null, resp: null };
    cdp.on('Network.webSocketWillSendHandshakeRequest', (e) => { hs.req = e.request.headers; });
    cdp.on('Network.webSocketHandshakeResponseReceived', (e) => { hs.resp = e.response; });
    // The fresh tab's initial about:blank, never navigated: Chromium 156's Local Network Access checks
    // block ws://127.0.0.1 from an explicitly loaded about:blank (net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS).
    const consoleLines = [];
    page.on('console', (m) => consoleLines.push(m.text()));

    const r = await page.evaluate(async (url) => {
        const big = 'sgcws-browser-repetitive-'.repeat(4096).slice(0, 100 * 1024); // 100 KB
        const bin = new Uint8Array(70000);
        for (let i = 0; i < bin.length; i++) bin[i] = (i * 7 + (i >> 8)) & 0xff;
        const cases = [
            ['text', 'hello from chromium'],
            ['non-ascii', 'héllo wörld – Привет, 日本語, emoji 🚀 ✓'],
            ['big-text-100k', big],
            ['binary-small', new Uint8Array([0, 1, 2, 127, 128, 254, 255])],
            ['binary-70k', bin],
        ];
        const ws = new WebSocket(url);
        ws.binaryType = 'arraybuffer';
        const out = { results: [], extensions: null, protocol: null, error: null };
        await new Promise((resolve, reject) => {
            const t = setTimeout(() => reject(new Error('open timed out')), 10000);
            ws.onopen = () => { clearTimeout(t); resolve(); };
            ws.onerror = () => { clearTimeout(t); reject(new Error('WebSocket error before open')); };
        }).catch((e) => { out.error = e.message; });
        if (out.error) return out;
        out.extensions = ws.extensions;
        out.protocol = ws.protocol;
        const same = (a, b) => {
            if (typeof a === 'string') return typeof b === 'string' && a === b ? '' : `got ${typeof b} of length ${b.length ?? b.byteLength}, want text of length ${a.length}`;
            if (!(b instanceof ArrayBuffer)) return `got ${typeof b}, want binary`;
            const u = new Uint8Array(b);
            if (u.length !== a.length) return `got ${u.length} bytes, want ${a.length}`;
            for (let i = 0; i < u.length; i++) if (u[i] !== a[i]) return `byte ${i} differs`;
            return '';
        };
        const queue = [];
        ws.onmessage = (e) => { const w = queue.shift(); if (w) w(e.data); };
        for (const [name, msg] of cases) {
            const got = new Promise((resolve) => {
                queue.push(resolve);
                setTimeout(() => resolve(undefined), 15000);
            });
            ws.send(msg);
            const data = await got;
            out.results.push([name, data === undefined ? 'no echo within 15 s' : same(msg, data)]);
        }
        await new Promise((resolve) => {
            ws.onclose = (e) => { out.close = e.code; resolve(); };
            ws.close(1000, 'done');
            setTimeout(resolve, 5000);
        });
        return out;
    }, url);

    if (r.error) { fail('open', `${r.error} ${consoleLines.join(' ')}`); return; }
    ok('open');
    for (const [name, why] of r.results) check(`echo-${name}`, why === '', why);
    check('close-1000', r.close === 1000, `close code ${r.close}`);
    const get = (h, k) => { if (!h) return ''; for (const n of Object.keys(h)) if (n.toLowerCase() === k) return h[n]; return ''; };
    console.log(`INFO offered=${get(hs.req, 'sec-websocket-extensions') || 'none'}`);
    console.log(`INFO answered=${get(hs.resp && hs.resp.headers, 'sec-websocket-extensions') || 'none'}`);
    console.log(`INFO status=${hs.resp ? hs.resp.status : '?'}`);
    console.log(`EXT ${r.extensions || 'none'}`);
}

async function demo(browser) {
    const token = `t${process.pid}-${Date.now()}`;
    const line = `hello from page A ✓ ${token}`;
    const ctxA = browser.createBrowserContext ? await browser.createBrowserContext() : await browser.createIncognitoBrowserContext();
    const ctxB = browser.createBrowserContext ? await browser.createBrowserContext() : await browser.createIncognitoBrowserContext();
    const a = await ctxA.newPage();
    const b = await ctxB.newPage();
    for (const p of [a, b]) await p.setViewport({ width: 900, height: 600 });
    const errors = [];
    for (const [n, p] of [['A', a], ['B', b]]) p.on('pageerror', (e) => errors.push(`${n}: ${e.message}`));
    for (const [n, p] of [['A', a], ['B', b]]) {
        const resp = await p.goto(url, { waitUntil: 'load', timeout: 15000 });
        check(`page-${n}-loads`, resp && resp.status() === 200 && (await p.title()) === 'sgcws chat',
            `status ${resp && resp.status()}, title '${await p.title()}'`);
    }
    for (const [n, p] of [['A', a], ['B', b]]) {
        const online = await p.waitForSelector('#status.online', { timeout: 10000 }).then(() => true, () => false);
        check(`page-${n}-online`, online, `status stays '${await p.$eval('#status', (e) => e.textContent)}'`);
    }
    // Page A: type into the form and press Enter, as a user would.
    await a.$eval('#name', (e) => { e.value = ''; });
    await a.type('#name', 'alice');
    await a.type('#text', line);
    await a.keyboard.press('Enter');
    const shown = (p) => p.waitForFunction((tok) => [...document.querySelectorAll('#log li')].some((li) => li.textContent.includes(tok)), { timeout: 10000 }, token)
        .then(() => p.$$eval('#log li', (lis, tok) => { const li = lis.find((x) => x.textContent.includes(tok)); return { who: li.querySelector('.who').textContent, text: li.children[1].textContent }; }, token), (e) => ({ error: e.message }));
    const gotB = await shown(b);
    check('page-B-receives-line', !gotB.error && gotB.who === 'alice' && gotB.text === line, gotB.error || `got ${JSON.stringify(gotB)}`);
    const gotA = await shown(a);
    check('page-A-sees-own-line', !gotA.error && gotA.who === 'alice' && gotA.text === line, gotA.error || `got ${JSON.stringify(gotA)}`);
    check('text-box-cleared', (await a.$eval('#text', (e) => e.value)) === '', 'the form kept the text');
    check('no-page-errors', errors.length === 0, errors.join('; '));
    if (shot) {
        await b.screenshot({ path: shot });
        console.log(`INFO screenshot ${shot}`);
    }
    await ctxA.close();
    await ctxB.close();
}

(async () => {
    const browser = await puppeteer.launch({
        executablePath: process.env.SGCWS_CHROMIUM || '/usr/bin/chromium',
        headless: true,
        userDataDir: process.env.SGCWS_BROWSER_PROFILE,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
        timeout: 30000,
    });
    // Chromium's PID for run.sh: puppeteer starts it detached (its own process group), so the shell
    // must be able to stop it by PID if this script is killed before browser.close().
    if (process.env.SGCWS_BROWSER_PIDFILE && browser.process()) {
        require('fs').writeFileSync(process.env.SGCWS_BROWSER_PIDFILE, `${browser.process().pid}\n`);
    }
    console.log(`INFO browser ${await browser.version()}`);
    try {
        if (mode === 'echo') await echo(browser);
        else if (mode === 'demo') await demo(browser);
        else throw new Error(`unknown mode ${mode}`);
    } catch (e) {
        fail('run', e && e.stack ? e.stack : e);
    } finally {
        await browser.close().catch(() => {});
    }
    process.exit(bad ? 1 : 0);
})().catch((e) => { console.log(`BAD launch: ${String(e && e.message || e).replace(/\s+/g, ' ')}`); process.exit(1); });
