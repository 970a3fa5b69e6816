"""The agent's protocol: each message is a 4-byte big-endian length, then that many bytes of
UTF-8 JSON (an object). One request, one reply, per connection."""

from __future__ import annotations

import json
import socket
import struct
from typing import Any

HEADER = struct.Struct("!I")
MAX_MESSAGE = 256 * 1024
"""A token is 2-4 KB; anything this big is not ours."""
_PEERCRED = struct.Struct("3i")  # struct ucred: pid, uid, gid


class WireError(Exception):
    """A message that is cut short, too big, or not a JSON object."""


def send(sock: socket.socket, message: dict[str, Any]) -> None:
    body = json.dumps(message, separators=(",", ":")).encode()
    if len(body) > MAX_MESSAGE:
        raise WireError("message too big")
    sock.sendall(HEADER.pack(len(body)) + body)


def _exactly(sock: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 65536))
        if not chunk:
            raise WireError("connection closed mid-message")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def receive(sock: socket.socket) -> dict[str, Any]:
    (size,) = HEADER.unpack(_exactly(sock, HEADER.size))
    if size > MAX_MESSAGE:
        raise WireError(f"message of {size} bytes refused")
    try:
        message = json.loads(_exactly(sock, size))
    except (ValueError, UnicodeDecodeError):
        raise WireError("not JSON") from None
    if not isinstance(message, dict):
        raise WireError("not a JSON object")
    return message


def peer_uid(sock: socket.socket) -> int:
    """The uid of the process at the other end (the kernel's word: SO_PEERCRED)."""
    raw = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _PEERCRED.size)
    return _PEERCRED.unpack(raw)[1]


def peer_check_available() -> bool:
    """SO_PEERCRED is Linux's; without it there is no agent (never one that cannot check)."""
    return hasattr(socket, "SO_PEERCRED")
