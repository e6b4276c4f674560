#!/usr/bin/python3
"""Autobahn|Python (22.7, Debian) sends one deliberately malformed frame to OUR server and reports the
close code our server answers with.

    peer_autobahn_malformed.py PORT CASE

CASE: opcode3 | rsv | unmasked | utf8 | code999 | ping126 (a control frame longer than 125 bytes) |
len63 (a 64-bit length with its most significant bit set, written raw on Autobahn's connection because
sendFrame's payload_len repeats the payload to that length). Prints "CLOSE <code>" (None when no close frame came)
and exits 0; exits 1 if nothing happened within 15 s.
"""
import asyncio
import struct
import sys

import txaio

txaio.use_asyncio()

from autobahn.asyncio.websocket import WebSocketClientFactory, WebSocketClientProtocol  # noqa: E402

FRAMES = {
    "opcode3": dict(opcode=3, payload=b"reserved opcode"),
    "rsv": dict(opcode=1, payload=b"rsv bits", rsv=2),
    "unmasked": dict(opcode=1, payload=b"not masked"),
    "utf8": dict(opcode=1, payload=b"bad \xff\xfe utf-8"),
    "code999": dict(opcode=8, payload=struct.pack("!H", 999)),
    "ping126": dict(opcode=9, payload=b"p" * 126),
}
RAW = {
    "len63": bytes([0x82, 0x80 | 127]) + struct.pack("!Q", 1 << 63) + b"\x00\x00\x00\x00",
}


def main(port, case):
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    done = loop.create_future()

    class Probe(WebSocketClientProtocol):
        def onOpen(self):
            if case in RAW:
                self.transport.write(RAW[case])
            else:
                self.sendFrame(**FRAMES[case])

        def onClose(self, wasClean, code, reason):
            if not done.done():
                done.set_result(self.remoteCloseCode)

    factory = WebSocketClientFactory(f"ws://127.0.0.1:{port}/")
    factory.protocol = Probe
    factory.setProtocolOptions(maskClientFrames=(case != "unmasked"), openHandshakeTimeout=10,
                               closeHandshakeTimeout=5)
    loop.run_until_complete(loop.create_connection(factory, "127.0.0.1", port))
    try:
        code = loop.run_until_complete(asyncio.wait_for(done, 15))
    except asyncio.TimeoutError:
        print("TIMEOUT", flush=True)
        return 1
    print("CLOSE", code, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), sys.argv[2]))
