// sgcws_cases.js - driver.js cases against the real sgcws server (suite 'sgcws'):
// tests/protocols/protocol_server.c, a TsgcWebSocketHTTPServer with TsgcWSPServer_sgc and
// TsgcWSPServer_Presence attached, and our C sgc client (tests/protocols/sgc_client.c) subscribed
// to "chat", which answers the browser's "from-browser" with "from-c".
'use strict';

// waitFor(sock, name, pred, ms): the first `name` event that satisfies pred (run in the page).
const WAIT = `window.waitFor = (sock, name, pred, ms) => new Promise((resolve) => {
    let done = false;
    sock.on(name, (e) => { if (!done && (!pred || pred(e))) { done = true; resolve(e); } });
    setTimeout(() => { if (!done) { done = true; resolve(null); } }, ms || 10000);
});`;

module.exports = [
    {
        name: 'sgcws-sgc', suite: 'sgcws', scripts: ['sgcWebSockets.js', 'esegece.com.js'],
        run: async ({ ws, wait }) => {
            eval(wait);
            const s = new sgcws(ws + '/');
            const session = await waitFor(s, 'sgcsession');
            jc.check('session-guid', session && session.guid.length > 0, JSON.stringify(session));
            const subscribed = waitFor(s, 'sgcsubscribe', (e) => e.channel === 'chat');
            s.subscribe('chat');
            jc.check('subscribed', await subscribed, 'no sgcsubscribe for chat');
            const own = waitFor(s, 'sgcevent', (e) => e.message === 'from-browser');
            const answer = waitFor(s, 'sgcevent', (e) => e.message === 'from-c', 20000);
            s.publish('from-browser', 'chat');
            const mine = await own;
            jc.check('own-publish-seen', mine && mine.channel === 'chat', JSON.stringify(mine));
            const c = await answer;
            jc.check('c-client-answer', c && c.channel === 'chat', JSON.stringify(c));
            const result = waitFor(s, 'sgcrpcresult', (e) => e.id === 'b1');
            s.rpc('b1', 'GetTime');
            const r = await result;
            jc.check('rpc-result', r && r.result && r.result.time === '12:00:00', JSON.stringify(r));
            const error = waitFor(s, 'sgcrpcerror', (e) => e.id === 'b2');
            s.rpc('b2', 'Fail');
            const er = await error;
            jc.check('rpc-error', er && er.code === -32000 && er.message === 'it failed' && er.data === 'on purpose', JSON.stringify(er));
            const closed = jc.closed(s, 5000);
            s.close();
            jc.check('closed', await closed, 'no close event');
            return { log: [], checks: jc.checks };
        },
    },
    {
        name: 'sgcws-presence', suite: 'sgcws', scripts: ['sgcWebSockets.js', 'presence.esegece.com.js'],
        run: async ({ ws, wait }) => {
            eval(wait);
            const join = async (name) => {
                const p = new sgcws_presence(ws + '/');
                const s = await waitFor(p, 'sgcsession');
                p.newmember(s ? s.id : '', name, name + ' info');
                return p;
            };
            const a = await join('Ann');
            const aJoined = await waitFor(a, 'sgcnewmember', (e) => e.member.name === 'Ann');
            jc.check('ann-joined', aJoined && aJoined.member.info === 'Ann info', JSON.stringify(aJoined));
            const annSeesBob = waitFor(a, 'sgcnewmember', (e) => e.member.name === 'Bob');
            const b = await join('Bob');
            jc.check('ann-sees-bob', await annSeesBob, 'Ann did not see Bob join');
            const spam = await join('Spam');
            const refused = await waitFor(spam, 'sgcerrormemberchannel');
            jc.check('spam-refused', refused && refused.error.code === 1, JSON.stringify(refused));
            const annIn = waitFor(a, 'sgcnewchannelmember', (e) => e.member.name === 'Ann');
            a.subscribe('room');
            jc.check('ann-in-room', await annIn, 'no channel join for Ann');
            const bobIn = waitFor(b, 'sgcnewchannelmember', (e) => e.member.name === 'Bob');
            b.subscribe('room'); // after Ann's, so the members list has her first
            jc.check('bob-in-room', await bobIn, 'no channel join for Bob');
            const got = waitFor(b, 'sgcpublishmsg', (e) => e.message.text === 'hi room');
            a.publish('hi room', 'room');
            const msg = await got;
            jc.check('bob-gets-publish', msg && msg.member.name === 'Ann' && msg.channel.name === 'room', JSON.stringify(msg));
            const members = waitFor(a, 'sgcgetmembers');
            a.getmembers('room');
            const m = await members;
            const names = m ? m.members.map((x) => x.name).join(',') : '';
            jc.check('members-of-room', names === 'Ann,Bob', names);
            const gone = waitFor(a, 'sgcremovemember', (e) => e.member.name === 'Bob');
            b.close();
            jc.check('bob-left', await gone, 'Ann did not see Bob leave');
            a.close();
            spam.close();
            return { log: [], checks: jc.checks };
        },
    },
].map((c) => ({ ...c, wait: WAIT }));
