#!/usr/bin/python3
"""python websockets (10.4, Debian) as the client of OUR echo server.

    peer_python_client.py URL [--deflate] [--ca FILE]

Sends text and binary messages and a 100 KB repetitive text, checks every echo, prints
"EXT <negotiated extensions or none>", and with --deflate fails unless permessage-deflate was
negotiated. Exit status 0 on success.
"""
import argparse
import asyncio
import ssl
import sys

import websockets


async def main(args):
    ctx = ssl.create_default_context(cafile=args.ca) if args.ca else None
    compression = "deflate" if args.deflate else None
    async with websockets.connect(args.url, ssl=ctx, compression=compression, max_size=None,
                                  open_timeout=10) as ws:
        ext = ws.response_headers.get("Sec-WebSocket-Extensions") or "none"
        print("EXT", ext, flush=True)
        sent = [f"text-{i}" for i in range(50)] + [bytes([1, 2, i]) * 3 for i in range(50)]
        sent.append("sgcws interop " * (100 * 1024 // 14))
        for m in sent:
            await ws.send(m)
        for i, m in enumerate(sent):
            got = await asyncio.wait_for(ws.recv(), 20)
            if got != m:
                print(f"FAIL echo {i} differs", flush=True)
                return 1
        if args.deflate and "permessage-deflate" not in ext:
            print("FAIL permessage-deflate was not negotiated", flush=True)
            return 1
        print(f"OK {len(sent)} echoes", flush=True)
        return 0


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("--deflate", action="store_true")
    p.add_argument("--ca")
    sys.exit(asyncio.run(main(p.parse_args())))
