#!/usr/bin/python3
"""Two python websockets clients on the chat demo: a message from one reaches the other.

    chat_check.py PORT

B first waits for the broadcast of its own message (so it is surely in the server's list), then A
sends a unique message that B (and A) must receive. Exit status 0 on success.
"""
import asyncio
import json
import sys
import uuid

import websockets


async def until(ws, text):
    while True:
        m = json.loads(await ws.recv())
        if m.get("text") == text:
            return m


async def main(port):
    url = f"ws://127.0.0.1:{port}/"
    async with websockets.connect(url, open_timeout=10) as a, websockets.connect(url, open_timeout=10) as b:
        for ws, who in ((a, "a"), (b, "b")):
            ready = f"{who} ready {uuid.uuid4()}"
            await ws.send(json.dumps({"name": who, "text": ready}))
            await asyncio.wait_for(until(ws, ready), 10)
        hello = f"hello from a {uuid.uuid4()}"
        await a.send(json.dumps({"name": "a", "text": hello}))
        got = await asyncio.wait_for(until(b, hello), 10)
        await asyncio.wait_for(until(a, hello), 10)
        if got.get("name") != "a":
            print("FAIL wrong sender", got)
            return 1
    print("OK broadcast reached the other client")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(int(sys.argv[1]))))
