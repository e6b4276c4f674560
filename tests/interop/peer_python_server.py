#!/usr/bin/python3
"""python websockets (10.4, Debian) as an echo server for OUR client.

    peer_python_server.py [--deflate] [--tls CERT KEY]

Binds 127.0.0.1 on a free port and prints "PORT n", then "EXT <negotiated extensions or none>" per
connection. Runs until killed.
"""
import argparse
import asyncio
import ssl

import websockets


async def echo(ws, path):  # the (ws, path) signature of websockets 10.4
    ext = ws.response_headers.get("Sec-WebSocket-Extensions") or "none"
    print("EXT", ext, flush=True)
    async for m in ws:
        await ws.send(m)


async def main(args):
    ctx = None
    if args.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls[0], args.tls[1])
    compression = "deflate" if args.deflate else None
    async with websockets.serve(echo, "127.0.0.1", 0, ssl=ctx, compression=compression,
                                max_size=None) as server:
        port = server.sockets[0].getsockname()[1]
        print("PORT", port, flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--deflate", action="store_true")
    p.add_argument("--tls", nargs=2)
    asyncio.run(main(p.parse_args()))
