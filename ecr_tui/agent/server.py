"""`ecr-tui agent`: the socket, one thread per request, and the way out.

The socket is made 0600 in a 0700 directory of the user's, and every connection's peer is
checked with SO_PEERCRED: another user (root aside, who can read memory anyway) is refused
before a byte of the request is read. One agent per environment (a lock file held for life);
it leaves after its idle time without a request, or when asked to stop.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import socket
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from ecr_tui.agent import wire
from ecr_tui.agent.keeper import FALLBACK, Reply, TokenKeeper
from ecr_tui.agent.place import fingerprint, idle_seconds, socket_path

SWEEP_SECONDS = 60.0
"""How often what is held is checked for its last five minutes, with no request coming in."""
READ_TIMEOUT = 10.0
"""A client that connects and says nothing is dropped after this."""
MAX_SERVER_URL = 2048


class Agent:
    def __init__(
        self, environ: Mapping[str, str], path: Path, listener: socket.socket, inode: int
    ) -> None:
        self.environ = environ
        self.digest = fingerprint(environ)
        self.path = path
        self.idle = idle_seconds(environ)
        self.keeper = TokenKeeper(environ)
        self._listener = listener
        self._inode = inode
        self._lock = threading.Lock()
        self._busy = 0
        self._last = time.monotonic()
        self._started = time.time()
        self._answered = 0
        self._refused = 0
        self.stopping = threading.Event()
        self._wake, self._waker = os.pipe()  # stop() wakes the select at once

    def run(self) -> None:
        self._listener.setblocking(False)
        while not self.stopping.is_set():
            with self._lock:
                idle_for = time.monotonic() - self._last
                if not self._busy and idle_for >= self.idle:
                    return
                wait = self.idle - idle_for if not self._busy else self.idle
            ready, _, _ = select.select([self._listener, self._wake], [], [],
                                        max(0.01, min(wait, SWEEP_SECONDS)))
            if self.stopping.is_set():
                return
            if not ready:
                self.keeper.sweep()
                continue
            try:
                conn, _ = self._listener.accept()
            except (BlockingIOError, InterruptedError, ConnectionAbortedError):
                continue  # the client left before we took it
            conn.setblocking(True)
            threading.Thread(target=self._serve, args=(conn,), daemon=True,
                             name="ecr-tui-agent-request").start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            try:
                if wire.peer_uid(conn) != os.getuid():
                    with self._lock:
                        self._refused += 1
                    wire.send(conn, {"kind": "refused", "reason": "another user"})
                    return
                conn.settimeout(READ_TIMEOUT)
                request = wire.receive(conn)
            except (OSError, wire.WireError):
                return  # a probe that only connects, or a client gone
            with self._lock:
                self._busy += 1
            try:
                reply = self._reply(request)
            finally:
                with self._lock:
                    self._busy -= 1
                    self._last = time.monotonic()
            try:
                wire.send(conn, reply)
            except (OSError, wire.WireError):
                pass  # the helper gave up waiting and fetched it itself

    def _reply(self, request: dict[str, Any]) -> Reply:
        op = request.get("op")
        if op == "get":
            server_url = request.get("server_url")
            if request.get("env") != self.digest:
                return FALLBACK  # another environment's helper: it must ask its own agent
            if not isinstance(server_url, str) or not 0 < len(server_url) <= MAX_SERVER_URL:
                return FALLBACK
            reply = self.keeper.get(server_url)
            if reply.get("kind") == "answer":
                with self._lock:
                    self._answered += 1
            return reply
        if op == "status":
            return self.status()
        if op == "stop":
            self.stop()
            return {"kind": "stopped", "pid": os.getpid()}
        return FALLBACK

    def status(self) -> Reply:
        with self._lock:
            idle_for = 0.0 if self._busy else time.monotonic() - self._last
            answered, refused = self._answered, self._refused
        return {
            "kind": "status", "pid": os.getpid(), "socket": str(self.path),
            "started_at": self._started, "idle_seconds": self.idle, "idle_for": idle_for,
            "answered": answered, "refused": refused, "tokens": self.keeper.held(),
        }

    def stop(self) -> None:
        """No new request reaches it once this returns: the socket is gone from its path."""
        self.stopping.set()
        _unlink_if_ours(self.path, self._inode)
        os.write(self._waker, b"!")


def _unlink_if_ours(path: Path, inode: int) -> None:
    """Remove the socket unless a newer agent's took its place."""
    try:
        if os.stat(path).st_ino == inode:
            path.unlink()
    except OSError:
        pass


def _quiet_streams() -> None:
    """Detached (no terminal), the agent says nothing after it is ready: whoever read its
    first line has gone."""
    for fd in (1, 2):
        if not os.isatty(fd):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, fd)
            os.close(null)


def serve(environ: Mapping[str, str], out: TextIO = sys.stdout) -> int:
    """Run the agent of this environment until it is idle or stopped; 0 also when one already
    runs (its path is said), 1 when there can be none here."""
    if not wire.peer_check_available():
        out.write("ecr-tui: error: no agent on this system: it cannot check a peer's user "
                  "(SO_PEERCRED)\n")
        return 1
    path = socket_path(environ)
    if path is None:
        out.write("ecr-tui: error: no private directory for the agent's socket (fix: set "
                  "XDG_RUNTIME_DIR to a 0700 directory of yours with a short path)\n")
        return 1
    lock = os.open(path.with_suffix(".lock"), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            out.write(f"ecr-tui agent: already running on {path}\n")
            out.flush()
            return 0
        listener = _listen(path)
        inode = os.stat(path).st_ino
        try:
            agent = Agent(environ, path, listener, inode)
            out.write(f"ecr-tui agent: listening on {path} (pid {os.getpid()}); leaves after "
                      f"{agent.idle:g} idle seconds\n")
            out.flush()
            _quiet_streams()
            signal.signal(signal.SIGTERM, lambda *_: agent.stop())  # kill PID: clean, as stop
            agent.run()
        finally:
            _unlink_if_ours(path, inode)
            listener.close()
    finally:
        os.close(lock)
    return 0


def _listen(path: Path) -> socket.socket:
    try:
        path.unlink()  # a dead agent's: the lock we hold says no live one uses it
    except FileNotFoundError:
        pass
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)  # born 0600: no moment where another user could connect
    try:
        listener.bind(os.fspath(path))
    finally:
        os.umask(old)
    os.chmod(path, 0o600)
    listener.listen(128)
    return listener
