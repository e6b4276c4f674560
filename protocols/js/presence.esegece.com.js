/*
 * presence.esegece.com.js - browser client of the Presence protocol (sub-protocol
 * 'presence.esegece.com') for the sgcws project. Load sgcWebSockets.js first.
 *
 * Written from the documented API (manual "Protocol Presence Javascript") and the wire facts the
 * project recorded; no vendor code. Plain ES2017, no dependencies.
 *
 *   var socket = new sgcws_presence(url);
 *   socket.on('sgcsession', function (e) { socket.newmember(e.id, 'John', 'Additional Info'); });
 *   socket.newmember(id, name, info)  removemember()  subscribe(channel)  unsubscribe(channel)
 *   publish(text[, channel])  getmembers([channel])  close()  state()  on(name, fn)
 *   events: sgcsession {id}  sgcnewmember {member}  sgcremovemember {member}
 *           sgcnewchannelmember {member, channel}  sgcremovechannelmember {member, channel}
 *           sgcpublishmsg {message, member, channel}  sgcgetmembers {members, member, channel}
 *           sgcerrormemberchannel {error, channel, member}
 *           sgcerrorpublishmsg {error, message, member, channel}
 *           sgcchannelinvitation {channel, member, members}  sgcacknowledgment {id}
 *           open, close, error, stream (as sgcWebSocket), message {message} for anything else
 *   member = {id, name, info}, channel = {name}, message = {text}, error = {code, text}
 *
 * Wire: flat JSON-RPC-like objects, no params/result wrapper, JSON.stringify output with the
 * keys in the order jsonrpc, method, member, channel, message:
 *   {"jsonrpc":"2.0","method":"sgc@presence@publish@msg","member":{"id":"S","name":"John","info":"i"},"channel":{"name":"Topic 1"},"message":{"text":"Hello"}}
 *
 * Decisions:
 *  1. No auto-join: the page calls newmember() (typically in its sgcsession handler), as the
 *     manual's sample does. Until then requests carry member {id: session id, name: '', info: ''}.
 *  2. Every request carries the member set by the last newmember(); channel '' (publish,
 *     getmembers without a channel) means "all members"; removemember() sends
 *     sgc@presence@member@remove with that member.
 *  3. A server message with a top-level "id" is acknowledged with
 *     {"jsonrpc":"2.0","method":"sgc@presence@acknowledgment","id":"<id>"} before its event
 *     fires; sgc@presence@acknowledgment from the server raises sgcacknowledgment and is not
 *     acknowledged back. Our requests carry no id (the JS does not re-send).
 *  4. sgcEncodeBase64 / socket.encodeBase64: every string value of a request is sent as
 *     'sgc@b64:' + base64(UTF-8), the method value included, except the "jsonrpc" version marker
 *     (a server checks it before decoding). Every received string is decoded, whatever the flag.
 *  5. sgc@presence@channel@invitation raises sgcchannelinvitation; there is no reply API (the
 *     invitation reply wire is not documented).
 *  6. Missing member/channel/message/error objects in a server message arrive as {} and a missing
 *     members list as [], so handlers can read event.member.name without checks.
 *  7. Only the plain sub-protocol 'presence.esegece.com' is offered (no name prefix); the object
 *     form of sgcWebSocket is accepted (its subprotocol defaults to 'presence.esegece.com').
 */
'use strict';

var sgcws_presence = class extends sgcWebSocket {
    constructor(url) {
        if (url !== null && typeof url === 'object') {
            super(Object.assign({ subprotocol: 'presence.esegece.com' }, url));
        } else {
            super(url, 'presence.esegece.com');
        }
        this.session = '';                          // from sgcsession
        this.member = { id: '', name: '', info: '' }; // from newmember (decision 1)
    }

    // --- client -> server ---

    newmember(id, name, info) {
        this.member = { id: sgcws_presence._text(id), name: sgcws_presence._text(name), info: sgcws_presence._value(info) };
        this._request({ method: 'sgc@presence@member@new', member: this.member });
    }

    removemember() {
        this._request({ method: 'sgc@presence@member@remove', member: this.member });
    }

    subscribe(channel) {
        this._request({ method: 'sgc@presence@channel@member@new', member: this.member, channel: sgcws_presence._channel(channel) });
    }

    unsubscribe(channel) {
        this._request({ method: 'sgc@presence@channel@member@remove', member: this.member, channel: sgcws_presence._channel(channel) });
    }

    publish(text, channel) {
        this._request({
            method: 'sgc@presence@publish@msg', member: this.member, channel: sgcws_presence._channel(channel),
            message: { text: sgcws_presence._value(text) },
        });
    }

    getmembers(channel) {
        this._request({ method: 'sgc@presence@get@members', member: this.member, channel: sgcws_presence._channel(channel) });
    }

    static _text(v) {
        return v === undefined || v === null ? '' : String(v);
    }

    static _value(v) { // strings (and numbers) as text; structured info stays structured
        return v !== null && typeof v === 'object' ? v : sgcws_presence._text(v);
    }

    static _channel(name) {
        return { name: sgcws_presence._text(name) };
    }

    /* _request: {jsonrpc, ...fields} in the fields' order; base64 per decision 4. */
    _request(fields) {
        if (fields.member && !fields.member.id) fields.member = Object.assign({}, fields.member, { id: this.session });
        var body = Object.assign({}, fields);
        if (this._base64()) body = sgcws_presence._encodeAll(body);
        this._write(JSON.stringify(Object.assign({ jsonrpc: '2.0' }, body)));
    }

    static _encodeAll(value) {
        if (typeof value === 'string') return sgcBase64.encode(value);
        if (Array.isArray(value)) return value.map(sgcws_presence._encodeAll);
        if (value !== null && typeof value === 'object') {
            var out = {};
            Object.keys(value).forEach(function (k) { out[k] = sgcws_presence._encodeAll(value[k]); });
            return out;
        }
        return value;
    }

    // --- server -> client ---

    _receiveText(text) {
        var msg = null;
        try {
            msg = JSON.parse(text);
        } catch (e) {
            // not JSON: falls through to 'message'
        }
        if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) {
            super._receiveText(text);
            return;
        }
        msg = sgcBase64.decodeAll(msg);
        var obj = function (v) { return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {}; };
        var member = obj(msg.member), channel = obj(msg.channel), message = obj(msg.message), error = obj(msg.error);
        var members = Array.isArray(msg.members) ? msg.members : [];
        if (msg.method === 'sgc@presence@acknowledgment') {
            this._emit('sgcacknowledgment', { id: msg.id });
            return;
        }
        if (msg.id !== undefined) this._write(JSON.stringify({ jsonrpc: '2.0', method: 'sgc@presence@acknowledgment', id: msg.id }));
        switch (msg.method) {
        case 'sgc@presence@session':
            this.session = message.text === undefined ? '' : String(message.text);
            this._emit('sgcsession', { id: this.session });
            break;
        case 'sgc@presence@member@new':
            this._emit('sgcnewmember', { member: member });
            break;
        case 'sgc@presence@member@remove':
            this._emit('sgcremovemember', { member: member });
            break;
        case 'sgc@presence@channel@member@new':
            this._emit('sgcnewchannelmember', { member: member, channel: channel });
            break;
        case 'sgc@presence@channel@member@remove':
            this._emit('sgcremovechannelmember', { member: member, channel: channel });
            break;
        case 'sgc@presence@publish@msg':
            this._emit('sgcpublishmsg', { message: message, member: member, channel: channel });
            break;
        case 'sgc@presence@send@members':
            this._emit('sgcgetmembers', { members: members, member: member, channel: channel });
            break;
        case 'sgc@presence@error@member@channel':
            this._emit('sgcerrormemberchannel', { error: error, channel: channel, member: member });
            break;
        case 'sgc@presence@error@publish@msg':
            this._emit('sgcerrorpublishmsg', { error: error, message: message, member: member, channel: channel });
            break;
        case 'sgc@presence@channel@invitation':
            this._emit('sgcchannelinvitation', { channel: channel, member: member, members: members });
            break;
        default:
            super._receiveText(text);
        }
    }
};
