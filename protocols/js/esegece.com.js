/*
 * esegece.com.js - browser client of the sgc default protocol (sub-protocol 'esegece.com',
 * JSON-RPC 2.0) for the sgcws project. Load sgcWebSockets.js first.
 *
 * Written from the documented API (manual "Protocol Default Javascript") and the wire facts the
 * project recorded; no vendor code. Plain ES2017, no dependencies.
 *
 *   var socket = new sgcws(url);          // also new SGCWS(url); new sgcws(url, 'x') -> 'x.esegece.com'
 *   socket.send(text)  publish(text, channel)  broadcast(text[, channel])  subscribe(channel)
 *   unsubscribe(channel)  rpc(id, method, params)  notify(method, params)  getsession()
 *   starttransaction(channel)  commit(channel)  rollback(channel)  pubrel(id)
 *   qoslevel0/1/2()  queuelevel0/1/2()  close()  state()  on(name, fn)
 *   events: sgcsession {guid}  sgcmessage {message, channel}  sgcevent {channel, message}
 *           sgcsubscribe {channel, id}  sgcunsubscribe {channel, id}  sgcacknowledgment {id}
 *           sgcpubrec {id}  sgcrpcresult {result, id}  sgcrpcerror {code, message, data, id}
 *           open, close, error, stream (as sgcWebSocket), message {message} for text that is
 *           not a JSON-RPC 2.0 object (e.g. the bare reply to sgc@protocol)
 *
 * Wire (client -> server). Every message is JSON.stringify output: valid JSON, no spaces, keys
 * in the order jsonrpc, method, params, id and, inside params, channel, message, qos, queue:
 *   {"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":"C","message":"M","qos":"qosLevel1","queue":"queueLevel2"},"id":"<GUID>"}
 *
 * Decisions:
 *  1. message values: a string is sent as a JSON string, always (never inserted raw, whatever it
 *     starts with); an object or array is embedded as that JSON value; undefined/null -> "";
 *     numbers and booleans are sent as their text.
 *  2. qos/queue keys: omitted at level 0 (the server's default); "qos":"qosLevel1|2" is added to
 *     sgc@message, sgc@publish, sgc@subscribe and sgc@unsubscribe; "queue":"queueLevel1|2" only to
 *     sgc@publish. broadcast, transactions, getsession, rpc, notify and pubrel carry neither.
 *  3. pubrel never carries "qos": the server runs every id-carrying message at qosLevel2 through
 *     its PUBREC path, so a qosLevel2 pubrel would be answered with another pubrec.
 *  4. Auto-PUBREL: on sgc@pubrec the client sends pubrel(id) itself, then raises sgcpubrec. Set
 *     socket.autopubrel = false to call pubrel(id) yourself.
 *  5. Auto-acknowledgment: a server message with an "id" and "qos":"qosLevel1|2" (session on
 *     request, RPC results, relayed broadcasts) is acknowledged with
 *     {"jsonrpc":"2.0","method":"sgc@acknowledgment","id":"<id>"} before its event fires, so the
 *     server stops re-sending it. Acknowledgments and pubrecs themselves are never acknowledged.
 *  6. rpc/notify params: a string holding a JSON object or array (the manual passes
 *     JSON.stringify(params)) is embedded as that structured value, as JSON-RPC 2.0 wants; an
 *     object or array is embedded as is; any other string is sent as a JSON string; undefined or
 *     null leaves "params" out. rpc(undefined, ...) uses GUID() as id. send, publish, subscribe,
 *     unsubscribe and rpc return the id they used.
 *  7. Dispatch is on result.method when result is an object naming one of the sgc@ methods below;
 *     any other result (string, number, array, object) is an RPC result: sgcrpcresult
 *     {result: the parsed JSON value, id}. So an RPC result that is itself an object with
 *     "method":"sgc@event" (etc.) would be taken for a notification: don't return such results.
 *     sgc@unsubscribe_all raises sgcunsubscribe with its channel (normally "").
 *     error -> sgcrpcerror {code, message, data ('' when absent), id}.
 *  8. The server's WriteData method form {"method":"sgc@message","params":{"message":T}} raises
 *     sgcmessage {message: T, channel: ''} (the vendor's JS ignored it). Any other JSON-RPC request
 *     from the server, and text that is not a JSON-RPC 2.0 object, raises 'message'.
 *  9. sgcEncodeBase64 / socket.encodeBase64: the message value of string messages is sent as
 *     'sgc@b64:' + base64(UTF-8); channels, methods and ids are not. Every received string is
 *     decoded (sgcBase64.decodeAll), whatever the flag.
 * 10. send(text) is sgc@message {"message":text[,"qos"]} with an id: the server delivers it to
 *     the sgc protocol component's OnMessage (it is not a publish, it reaches no subscriber).
 * 11. sgcws(url, name) offers the sub-protocol name + '.esegece.com'; the object form of
 *     sgcWebSocket is accepted too (its subprotocol defaults to 'esegece.com').
 */
'use strict';

var sgcws = class extends sgcWebSocket {
    constructor(url, name) {
        var proto = (name ? name + '.' : '') + 'esegece.com';
        if (url !== null && typeof url === 'object') {
            super(Object.assign({ subprotocol: proto }, url));
        } else {
            super(url, proto);
        }
        this._qos = 'qosLevel0';
        this._queueLevel = 'queueLevel0';
        this.autopubrel = true;
        this.guid = ''; // the connection GUID, from sgcsession
    }

    // --- client -> server ---

    send(text) {
        return this._request('sgc@message', this._params(undefined, text, true, false), GUID());
    }

    publish(text, channel) {
        return this._request('sgc@publish', this._params(channel, text, true, true), GUID());
    }

    broadcast(text, channel) {
        this._request('sgc@broadcast', this._params(channel === undefined ? '' : channel, text, false, false)); // '' = all
    }

    subscribe(channel) {
        return this._request('sgc@subscribe', this._params(channel, '', true, false), GUID());
    }

    unsubscribe(channel) {
        return this._request('sgc@unsubscribe', this._params(channel, '', true, false), GUID());
    }

    rpc(id, method, params) {
        if (id === undefined || id === null || id === '') id = GUID();
        return this._request(String(method), sgcws._rpcParams(params), id);
    }

    notify(method, params) {
        this._request(String(method), sgcws._rpcParams(params));
    }

    getsession() {
        this._request('sgc@session');
    }

    starttransaction(channel) {
        this._request('sgc@transaction', this._params(channel, '', false, false));
    }

    commit(channel) {
        this._request('sgc@commit', this._params(channel, '', false, false));
    }

    rollback(channel) {
        this._request('sgc@rollback', this._params(channel, '', false, false));
    }

    pubrel(id) {
        return this._request('sgc@pubrel', this._params('', '', false, false), String(id)); // no qos: decision 3
    }

    qoslevel0() { this._qos = 'qosLevel0'; }
    qoslevel1() { this._qos = 'qosLevel1'; }
    qoslevel2() { this._qos = 'qosLevel2'; }
    queuelevel0() { this._queueLevel = 'queueLevel0'; }
    queuelevel1() { this._queueLevel = 'queueLevel1'; }
    queuelevel2() { this._queueLevel = 'queueLevel2'; }

    /* _request: one JSON-RPC message, keys in the canonical order; returns its id. */
    _request(method, params, id) {
        var msg = { jsonrpc: '2.0', method: method };
        if (params !== undefined) msg.params = params;
        if (id !== undefined) msg.id = id;
        this._write(JSON.stringify(msg));
        return id;
    }

    /* _params: {channel, message, qos, queue} in that order (decisions 1, 2, 9). */
    _params(channel, message, withQos, withQueue) {
        var p = {};
        if (channel !== undefined) p.channel = channel === null ? '' : String(channel);
        p.message = this._message(message);
        if (withQos && this._qos !== 'qosLevel0') p.qos = this._qos;
        if (withQueue && this._queueLevel !== 'queueLevel0') p.queue = this._queueLevel;
        return p;
    }

    _message(m) {
        if (m === undefined || m === null) return '';
        if (typeof m === 'object') return m;
        m = String(m);
        return this._base64() ? sgcBase64.encode(m) : m;
    }

    static _rpcParams(params) {
        if (params === undefined || params === null) return undefined;
        if (typeof params !== 'string') return params;
        var t = params.trim();
        if (t[0] === '{' || t[0] === '[') {
            try {
                return JSON.parse(t);
            } catch (e) {
                // not JSON after all: send the text as a string
            }
        }
        return params;
    }

    // --- server -> client ---

    _receiveText(text) {
        var msg = null;
        try {
            msg = JSON.parse(text);
        } catch (e) {
            // not JSON: falls through to 'message'
        }
        if (msg === null || typeof msg !== 'object' || Array.isArray(msg) || msg.jsonrpc !== '2.0') {
            super._receiveText(text);
            return;
        }
        msg = sgcBase64.decodeAll(msg);
        var id = msg.id;
        var r = msg.result;
        var kind = r !== null && typeof r === 'object' && !Array.isArray(r) && typeof r.method === 'string' ? r.method : '';
        if (id !== undefined && (msg.qos === 'qosLevel1' || msg.qos === 'qosLevel2') &&
            kind !== 'sgc@acknowledgment' && kind !== 'sgc@pubrec') {
            this._request('sgc@acknowledgment', undefined, id); // decision 5
        }
        if (msg.error !== undefined) {
            var err = msg.error || {};
            this._emit('sgcrpcerror', { code: err.code, message: err.message, data: err.data === undefined ? '' : err.data, id: id });
            return;
        }
        if (!('result' in msg)) {
            if (msg.method === 'sgc@message') { // server WriteData (decision 8)
                var p = msg.params !== null && typeof msg.params === 'object' ? msg.params : {};
                this._emit('sgcmessage', { message: p.message, channel: p.channel === undefined ? '' : p.channel });
            } else {
                super._receiveText(text);
            }
            return;
        }
        switch (kind) {
        case 'sgc@session':
            this.guid = r.message;
            this._emit('sgcsession', { guid: r.message });
            break;
        case 'sgc@acknowledgment':
            this._emit('sgcacknowledgment', { id: id });
            break;
        case 'sgc@subscribe':
            this._emit('sgcsubscribe', { channel: r.channel, id: id });
            break;
        case 'sgc@unsubscribe':
        case 'sgc@unsubscribe_all':
            this._emit('sgcunsubscribe', { channel: r.channel === undefined ? '' : r.channel, id: id });
            break;
        case 'sgc@event':
            this._emit('sgcevent', { channel: r.channel, message: r.message });
            break;
        case 'sgc@message':
            this._emit('sgcmessage', { message: r.message, channel: r.channel === undefined ? '' : r.channel });
            break;
        case 'sgc@pubrec':
            if (this.autopubrel) this.pubrel(id); // decision 4
            this._emit('sgcpubrec', { id: id });
            break;
        default:
            this._emit('sgcrpcresult', { result: r, id: id });
        }
    }
};

/* The manual's demo spells it SGCWS. */
var SGCWS = sgcws;
