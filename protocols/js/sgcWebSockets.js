/*
 * sgcWebSockets.js - the generic browser client of an sgcWebSockets server (sgcws project).
 *
 * Written from the documented API (manual "Protocols Javascript") and the wire facts the project
 * recorded; no vendor code. Plain ES2017, no dependencies. The protocol clients (esegece.com.js,
 * presence.esegece.com.js) are built on the class defined here.
 *
 *   var socket = new sgcWebSocket(url[, protocol[, transport]]);
 *   var socket = new sgcWebSocket({host: url, user: 'admin', password: '1234',
 *                                  subprotocol: 'esegece.com', transport: ['sse']});
 *   socket.on('open' | 'message' | 'stream' | 'close' | 'error', function (event) { ... });
 *   socket.send(data);  socket.close([code[, reason]]);  socket.state();
 *   sgcWSStreamRead(blob, function (header, stream) { ... });   sgcWSStreamWrite(header, data)
 *   GUID();  sgcEncodeBase64 = true;  sgcBase64.encode / decode / decodeAll
 *
 * Decisions (the points the manual leaves open, decided once for all our JS clients):
 *  1. state() returns the strings 'connecting', 'open', 'closing', 'closed'. Over Server-Sent
 *     Events the connection is 'open' once the first message (the connection GUID) has arrived,
 *     and close() takes it straight to 'closed'.
 *  2. Events are plain objects: open {}, message {message: text}, stream {stream: Blob},
 *     close {code, reason, clean}, error {message}. on(name, fn) adds a listener (several per
 *     event, called in the order added) and returns the socket; off(name, fn) removes one. A
 *     listener that throws does not stop the others; its exception is rethrown asynchronously.
 *     close() without a code closes with 1000 (normal closure) rather than no status at all.
 *  3. send() before the connection is open queues the data; the queue is written in order on
 *     open, before the 'open' event fires, and dropped if the connection closes first. send()
 *     on a closing/closed connection raises 'error' and returns false.
 *  4. Transport: default ['websocket', 'sse']: WebSocket when the browser implements it,
 *     otherwise Server-Sent Events. As the manual says, the fallback is about the browser; a
 *     WebSocket that fails to connect is reported ('error' then 'close'), not retried over SSE.
 *     ['websocket'] or ['sse'] (or the bare string) forces one.
 *  5. SSE: EventSource on the same URL with an http(s) scheme (ws: -> http:, wss: -> https:), same
 *     path, plus '/<subprotocol>' when one is set (SSE has no sub-protocol header). The first
 *     message is the connection GUID; every later one is a 'message'. Sends are XHR
 *     POST <origin>/sgc/xhr/<guid> with the text as a text/plain UTF-8 body, one request at a
 *     time so the server receives them in order. SSE carries text only (binary send -> 'error').
 *     A failing event stream is closed, not left to reconnect (a reconnect would get a new GUID):
 *     'error', then 'close' {code: 1006, clean: false}.
 *  6. user/password: the URL path becomes <path>/sgc/auth/url/<user>/<password>, both
 *     percent-encoded (encodeURIComponent); a trailing '/' of host is dropped. The credentials
 *     travel in the URL and may show up in server and proxy logs.
 *  7. Binary frames arrive as Blob ('stream' event); send() of a Blob, ArrayBuffer or typed array
 *     sends a binary frame. A plain sgcWebSocket offers no sub-protocol unless one is given.
 *  8. sgc@b64: encoding is UTF-8 then base64 (the vendor's bare btoa() is Latin-1 only and throws
 *     on other text). The global sgcEncodeBase64 (default false), or socket.encodeBase64 when set
 *     to true/false, makes send(text) send 'sgc@b64:' + base64. Received text starting with
 *     'sgc@b64:' is always decoded, whatever the flag; text that does not decode stays as it is.
 *  9. GUID() returns 32 upper-case hex digits (crypto.getRandomValues). Ids are opaque strings;
 *     the clients look GUID up at call time, so a page may replace it.
 * 10. sgcWSStreamRead: first 10 bytes = ASCII decimal header length in bytes, then the header
 *     (decoded as UTF-8), then the payload (a Blob). Input that does not have that shape gives
 *     header null and the whole input as stream. It also returns a Promise of {header, stream}.
 * 11. A plain sgcWebSocket speaks raw text/binary: on a server with a protocol attached it
 *     offers no sub-protocol, and accepting it or not is the server's decision. The sgc-specific
 *     points (constructor names sgcws/SGCWS, subscribe, RPC result shape, ids in the result and
 *     error events, where send(text) arrives) are decided in esegece.com.js's header.
 * 12. The file is served as /sgcWebSockets.js (the manual's text says sgcWebSocket.js, every
 *     script tag loads sgcWebSockets.js) with Content-Type application/javascript; charset=utf-8.
 */
'use strict';

/* Set to true to send every text as 'sgc@b64:' + base64 (see decision 8). */
var sgcEncodeBase64 = false;

/* GUID: a fresh random id (decision 9). */
function GUID() {
    var bytes = new Uint8Array(16);
    if (typeof crypto !== 'undefined' && crypto.getRandomValues) {
        crypto.getRandomValues(bytes);
    } else {
        for (var i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    }
    var hex = '';
    for (var j = 0; j < bytes.length; j++) hex += (bytes[j] + 0x100).toString(16).slice(1);
    return hex.toUpperCase();
}

/* sgcBase64: the 'sgc@b64:' string encoding shared by all our clients (decision 8). */
var sgcBase64 = {
    PREFIX: 'sgc@b64:',

    encode: function (text) {
        var bytes = new TextEncoder().encode(String(text));
        var bin = '';
        // fromCharCode in slices: one call per byte is slow, one call for all overflows the stack.
        for (var i = 0; i < bytes.length; i += 0x8000) {
            bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
        }
        return sgcBase64.PREFIX + btoa(bin);
    },

    decode: function (text) {
        if (typeof text !== 'string' || text.indexOf(sgcBase64.PREFIX) !== 0) return text;
        try {
            var bin = atob(text.slice(sgcBase64.PREFIX.length));
            var bytes = new Uint8Array(bin.length);
            for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
            return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch (e) {
            return text; // not ours after all: deliver it untouched
        }
    },

    /* decodeAll: a copy of a parsed JSON value with every string decoded (keys included). */
    decodeAll: function (value) {
        if (typeof value === 'string') return sgcBase64.decode(value);
        if (Array.isArray(value)) return value.map(sgcBase64.decodeAll);
        if (value !== null && typeof value === 'object') {
            var out = {};
            Object.keys(value).forEach(function (k) { out[sgcBase64.decode(k)] = sgcBase64.decodeAll(value[k]); });
            return out;
        }
        return value;
    },
};

/* readBytes: a Blob's bytes as a Promise of Uint8Array (FileReader for browsers without Blob.arrayBuffer). */
function sgcReadBytes(blob) {
    if (blob.arrayBuffer) return blob.arrayBuffer().then(function (b) { return new Uint8Array(b); });
    return new Promise(function (resolve, reject) {
        var r = new FileReader();
        r.onload = function () { resolve(new Uint8Array(r.result)); };
        r.onerror = function () { reject(r.error); };
        r.readAsArrayBuffer(blob);
    });
}

/* sgcWSStreamRead: splits a "header + payload" binary message (decision 10). */
function sgcWSStreamRead(data, callback) {
    var blob = data instanceof Blob ? data : new Blob([data]);
    return sgcReadBytes(blob.slice(0, 10)).then(function (lenBytes) {
        var len = String.fromCharCode.apply(null, lenBytes);
        if (!/^[0-9]{10}$/.test(len) || 10 + Number(len) > blob.size) return { header: null, stream: blob };
        var end = 10 + Number(len);
        return sgcReadBytes(blob.slice(10, end)).then(function (h) {
            return { header: new TextDecoder('utf-8').decode(h), stream: blob.slice(end) };
        });
    }).then(function (r) {
        if (callback) callback(r.header, r.stream);
        return r;
    });
}

/* sgcWSStreamWrite: the counterpart: a Blob "10-digit header length + header + data" to send(). */
function sgcWSStreamWrite(header, data) {
    var h = new TextEncoder().encode(String(header));
    var len = String(h.length);
    while (len.length < 10) len = '0' + len;
    return new Blob([len, h, data === undefined ? '' : data]);
}

var sgcWebSocket = class {
    constructor(url, protocol, transport) {
        var opts = url !== null && typeof url === 'object' ? url
            : { host: url, subprotocol: protocol, transport: transport };
        this._listeners = {};
        this._pending = [];          // sends made before open (decision 3)
        this.encodeBase64 = null;    // null: follow the global sgcEncodeBase64
        this._protocol = opts.subprotocol ? String(opts.subprotocol) : '';
        this._url = sgcWebSocket._address(String(opts.host || ''), opts.user, opts.password);
        var wanted = opts.transport === undefined || opts.transport === null || opts.transport === ''
            ? ['websocket', 'sse'] : [].concat(opts.transport);
        this._ws = null;
        this._sse = null;
        if (wanted.indexOf('websocket') >= 0 && typeof WebSocket === 'function') this._openWebSocket();
        else if (wanted.indexOf('sse') >= 0 && typeof EventSource === 'function') this._openEventSource();
        else this._failLater('no usable transport (' + wanted.join(', ') + ')');
    }

    /* _address: host plus the URL-authentication path when a user is given (decision 6). */
    static _address(host, user, password) {
        if (user === undefined || user === null || user === '') return host;
        return host.replace(/\/+$/, '') + '/sgc/auth/url/' + encodeURIComponent(String(user)) + '/' +
            encodeURIComponent(password === undefined || password === null ? '' : String(password));
    }

    on(name, fn) {
        (this._listeners[name] = this._listeners[name] || []).push(fn);
        return this;
    }

    off(name, fn) {
        var list = this._listeners[name] || [];
        var i = list.indexOf(fn);
        if (i >= 0) list.splice(i, 1);
        return this;
    }

    _emit(name, event) {
        var list = (this._listeners[name] || []).slice();
        for (var i = 0; i < list.length; i++) {
            try {
                list[i].call(this, event);
            } catch (e) {
                setTimeout(function () { throw e; }); // surfaces in the console without breaking dispatch
            }
        }
    }

    state() {
        if (this._ws) return ['connecting', 'open', 'closing', 'closed'][this._ws.readyState];
        if (this._sse) return this._sse.state;
        return 'closed';
    }

    _base64() {
        return this.encodeBase64 === null || this.encodeBase64 === undefined ? sgcEncodeBase64 === true : this.encodeBase64 === true;
    }

    /* send: text (base64-encoded when asked, decision 8) or binary. */
    send(data) {
        if (typeof data !== 'string' && !sgcWebSocket._isBinary(data)) data = String(data);
        if (typeof data === 'string' && this._base64()) data = sgcBase64.encode(data);
        return this._write(data);
    }

    static _isBinary(data) {
        return data instanceof Blob || data instanceof ArrayBuffer || ArrayBuffer.isView(data);
    }

    /* _write: the raw send the protocol clients use (their JSON is never base64'd as a whole). */
    _write(data) {
        var st = this.state();
        if (st === 'connecting') {
            this._pending.push(data);
            return true;
        }
        if (st !== 'open') {
            this._emit('error', { message: 'send on a ' + st + ' connection' });
            return false;
        }
        if (this._ws) {
            this._ws.send(data);
            return true;
        }
        if (typeof data !== 'string') {
            this._emit('error', { message: 'Server-Sent Events carry text only' });
            return false;
        }
        this._post(data);
        return true;
    }

    close(code, reason) {
        this._pending = [];
        if (this._ws) {
            this._ws.close(code === undefined ? 1000 : code, reason === undefined ? '' : String(reason));
        } else if (this._sse && this._sse.state !== 'closed') {
            this._sse.source.close();
            this._sseClosed({ code: 1000, reason: '', clean: true });
        }
    }

    _opened() {
        var queued = this._pending;
        this._pending = [];
        for (var i = 0; i < queued.length; i++) this._write(queued[i]);
        this._emit('open', {});
    }

    /* Incoming data: the protocol clients override these two. */
    _receiveText(text) {
        this._emit('message', { message: sgcBase64.decode(text) });
    }

    _receiveBinary(blob) {
        this._emit('stream', { stream: blob });
    }

    _failLater(why) {
        var self = this;
        setTimeout(function () {
            self._emit('error', { message: why });
            self._emit('close', { code: 1006, reason: '', clean: false });
        });
    }

    _openWebSocket() {
        var self = this, ws;
        try {
            ws = this._protocol ? new WebSocket(this._url, this._protocol) : new WebSocket(this._url);
        } catch (e) {
            this._failLater(e.message); // e.g. a malformed URL
            return;
        }
        ws.binaryType = 'blob';
        this._ws = ws;
        var wasOpen = false;
        ws.onopen = function () {
            wasOpen = true;
            self._opened();
        };
        ws.onmessage = function (e) {
            if (typeof e.data === 'string') self._receiveText(e.data);
            else self._receiveBinary(e.data);
        };
        ws.onerror = function () {
            self._emit('error', { message: wasOpen ? 'WebSocket error' : 'WebSocket connection failed' });
        };
        ws.onclose = function (e) {
            self._pending = [];
            self._emit('close', { code: e.code, reason: e.reason, clean: e.wasClean });
        };
    }

    /* _openEventSource: the SSE transport (decision 5). */
    _openEventSource() {
        var self = this;
        var u = new URL(this._url.replace(/^ws(s?):/i, 'http$1:'), location.href);
        if (this._protocol) u.pathname = u.pathname.replace(/\/+$/, '') + '/' + this._protocol;
        var sse = { state: 'connecting', guid: null, origin: u.origin, posts: [], posting: false, source: null };
        this._sse = sse;
        try {
            sse.source = new EventSource(u.href);
        } catch (e) {
            sse.state = 'closed';
            this._failLater(e.message);
            return;
        }
        sse.source.onmessage = function (e) {
            if (sse.state === 'closed') return;
            if (sse.guid === null) { // the first message names this connection
                sse.guid = e.data;
                sse.state = 'open';
                self._opened();
                return;
            }
            self._receiveText(e.data);
        };
        sse.source.onerror = function () {
            if (sse.state === 'closed') return;
            sse.source.close(); // no automatic reconnect: it would be a new connection with a new GUID
            self._emit('error', { message: 'event stream failed' });
            self._sseClosed({ code: 1006, reason: '', clean: false });
        };
    }

    _sseClosed(event) {
        var self = this;
        this._sse.state = 'closed';
        this._pending = [];
        setTimeout(function () { self._emit('close', event); }); // asynchronous, as for a WebSocket
    }

    /* _post: one XHR at a time, so the server gets the messages in the order they were sent. */
    _post(text) {
        var sse = this._sse, self = this;
        sse.posts.push(text);
        if (sse.posting) return;
        var next = function () {
            if (sse.posts.length === 0) {
                sse.posting = false;
                return;
            }
            sse.posting = true;
            var xhr = new XMLHttpRequest();
            xhr.open('POST', sse.origin + '/sgc/xhr/' + encodeURIComponent(sse.guid));
            xhr.setRequestHeader('Content-Type', 'text/plain; charset=utf-8');
            xhr.onload = function () {
                if (xhr.status < 200 || xhr.status > 299) self._emit('error', { message: 'send failed: HTTP ' + xhr.status });
                next();
            };
            xhr.onerror = function () {
                self._emit('error', { message: 'send failed' });
                next();
            };
            xhr.send(sse.posts.shift());
        };
        next();
    }
};
