"""A TCP front for a registry that models distance: a delay before each request (the first
bytes a client sends after the last answer) and, when asked, a bandwidth cap on what the
registry sends back. It streams: nothing is held whole, whatever the blob's size.

Usage (cwd = repo root)::

    python -m tests.harness.slow_front --port P --upstream-port U --control-port C \
        [--latency-ms N] [--rate BYTES_PER_SECOND]

`PUT http://127.0.0.1:C/?latency_ms=N&rate=B` changes both at run time (rate 0: no cap).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from urllib.parse import parse_qs, urlsplit

CHUNK = 64 * 1024


class Settings:
    def __init__(self, latency: float, rate: float) -> None:
        self.latency = latency
        self.rate = rate


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, settings: Settings,
                turn: list[str], side: str) -> None:
    try:
        while data := await reader.read(CHUNK):
            if side == "request" and turn[0] != "request":
                turn[0] = "request"
                if settings.latency:
                    await asyncio.sleep(settings.latency)  # one round trip per request
            elif side == "answer":
                turn[0] = "answer"
                if settings.rate:
                    await asyncio.sleep(len(data) / settings.rate)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        try:
            writer.close()
        except (ConnectionError, RuntimeError):
            pass


async def _connection(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter,
                      upstream_port: int, settings: Settings) -> None:
    try:
        server_r, server_w = await asyncio.open_connection("127.0.0.1", upstream_port)
    except OSError:
        client_w.close()
        return
    turn = ["answer"]
    await asyncio.gather(
        _pump(client_r, server_w, settings, turn, "request"),
        _pump(server_r, client_w, settings, turn, "answer"),
    )


async def _control(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                   settings: Settings) -> None:
    line = (await reader.readline()).decode("latin-1")
    while (await reader.readline()) not in (b"\r\n", b"\n", b""):
        pass
    target = line.split(" ")[1] if line.count(" ") >= 2 else "/"
    query = parse_qs(urlsplit(target).query)
    if "latency_ms" in query:
        settings.latency = float(query["latency_ms"][0]) / 1000.0
    if "rate" in query:
        settings.rate = float(query["rate"][0])
    writer.write(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    await writer.drain()
    writer.close()


async def serve(port: int, upstream_port: int, control_port: int, settings: Settings) -> None:
    front = await asyncio.start_server(
        lambda r, w: _connection(r, w, upstream_port, settings), "127.0.0.1", port)
    control = await asyncio.start_server(
        lambda r, w: _control(r, w, settings), "127.0.0.1", control_port)
    print(f"slow_front ready on {port} -> {upstream_port}", flush=True)
    async with front, control:
        await asyncio.gather(front.serve_forever(), control.serve_forever())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--upstream-port", type=int, required=True)
    parser.add_argument("--control-port", type=int, required=True)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--rate", type=float, default=0.0)
    args = parser.parse_args(argv)
    settings = Settings(args.latency_ms / 1000.0, args.rate)
    try:
        asyncio.run(serve(args.port, args.upstream_port, args.control_port, settings))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
