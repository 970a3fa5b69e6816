"""What `docker-credential-ecr-tui get` asks the agent, starting it when it is missing.

Every way the agent can fail (none on this system, missing, dead, refusing, slow beyond a
bounded wait, answering nonsense) gives None: the helper then fetches the token itself, as it
does without an agent. The request carries the server URL and the environment's digest, never
a secret; the answer's password lives only in this process's memory and on its stdout.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecr_tui.agent import wire
from ecr_tui.agent.place import (
    START_TIMEOUT,
    fingerprint,
    reply_timeout,
    socket_path,
)

CONNECT_TIMEOUT = 1.0
START_POLL = 0.005
"""How often a helper waiting for another one's agent start looks again."""
READY_PREFIX = b"ecr-tui agent:"
"""The first line an agent writes once it listens (or once it found one already listening)."""


@dataclass(frozen=True, slots=True)
class AgentReply:
    kind: str
    """"answer", or "not_found" (no profile reaches the host)."""
    answer: Mapping[str, str] | None = None


class _Missing:
    """No agent listens there: nothing at the path, or a dead one's socket."""


MISSING = _Missing()


def exchange(
    path: Path, request: dict[str, Any], timeout: float
) -> dict[str, Any] | _Missing | None:
    """One request and its reply; MISSING when nobody listens; None for any other failure
    (another user's socket, a refusal, a timeout, a cut or bad reply)."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(min(timeout, CONNECT_TIMEOUT))
        try:
            sock.connect(os.fspath(path))
        except (FileNotFoundError, ConnectionRefusedError):
            return MISSING
        if wire.peer_uid(sock) != os.getuid():
            return None  # never hand a request to, or take a token from, another user
        sock.settimeout(timeout)
        wire.send(sock, request)
        return wire.receive(sock)
    except (OSError, wire.WireError):
        return None
    finally:
        sock.close()


def ask_get(server_url: str, environ: Mapping[str, str]) -> AgentReply | None:
    """The agent's answer for a registry, or None: fetch it yourself."""
    if not wire.peer_check_available():
        return None
    digest = fingerprint(environ)
    path = socket_path(environ, digest)
    if path is None:
        return None
    request = {"op": "get", "server_url": server_url, "env": digest}
    timeout = reply_timeout(environ)
    reply = exchange(path, request, timeout)
    if isinstance(reply, _Missing):
        if not start(path, environ):
            return None
        reply = exchange(path, request, timeout)
    return _reply(reply) if isinstance(reply, dict) else None


def _reply(message: dict[str, Any]) -> AgentReply | None:
    kind = message.get("kind")
    if kind == "answer":
        answer = message.get("answer")
        if isinstance(answer, dict) and all(isinstance(v, str) for v in answer.values()):
            return AgentReply("answer", answer=answer)
    elif kind == "not_found":
        return AgentReply("not_found")
    return None  # "fallback" (it failed: fetch it yourself), "refused", or unknown


def start(path: Path, environ: Mapping[str, str]) -> bool:
    """Start the agent unless another helper does it first (one start lock per socket); True
    when one should now be listening. Waits at most START_TIMEOUT."""
    import fcntl

    deadline = time.monotonic() + START_TIMEOUT
    try:
        fd = os.open(path.with_suffix(".start"), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError:
        return False
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(START_POLL)  # another helper is starting it: it answers us too
        if _listening(path):
            return True
        return _spawn(environ, deadline)
    finally:
        os.close(fd)  # closing releases the lock


def _listening(path: Path) -> bool:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(CONNECT_TIMEOUT)
        sock.connect(os.fspath(path))
        return True
    except OSError:
        return False
    finally:
        sock.close()


def _spawn(environ: Mapping[str, str], deadline: float) -> bool:
    """`ecr-tui agent` in a session of its own (docker's signals and terminal are not its),
    with this environment; True once it says it listens."""
    import select
    import subprocess

    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ecr_tui", "agent"], env=dict(environ),
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            start_new_session=True, close_fds=True,
        )
    except OSError:
        return False
    assert proc.stdout is not None
    try:
        ready, _, _ = select.select([proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
        return bool(ready) and proc.stdout.readline().startswith(READY_PREFIX)
    finally:
        proc.stdout.close()


def request(path: Path, op: str, timeout: float = 5.0) -> dict[str, Any] | None:
    """`status` or `stop` to one agent; None when it does not answer."""
    reply = exchange(path, {"op": op}, timeout)
    return reply if isinstance(reply, dict) else None
