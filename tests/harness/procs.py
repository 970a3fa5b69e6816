"""Small process/port helpers: free ports, readiness polling, orderly shutdown."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import httpx


def die_with_parent() -> None:
    """preexec_fn: SIGTERM the child when the test process dies (Linux), so nothing leaks."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


_HANDED_OUT: set[int] = set()
# Ports handed out by any test process on this machine in the last _CLAIM_SECONDS: the
# pytest-xdist workers start their stand-ins side by side.
_CLAIMS = Path(tempfile.gettempdir()) / "ecr-tui-harness-ports"
_CLAIM_SECONDS = 300.0


def free_port() -> int:
    """A loopback port nobody listens on, never one handed out before.

    The kernel may give the same ephemeral port to two binds in a row once the first
    socket is closed, and the server that is to bind it starts a moment later; a world
    asking for a dozen ports at once then started two servers on one port (CI saw
    'Address already in use'). This process remembers every port it handed out, and a
    claims file under a lock keeps the test processes running side by side apart.
    """
    with _CLAIMS.open("a+", encoding="ascii") as claims:
        fcntl.flock(claims, fcntl.LOCK_EX)
        claims.seek(0)
        now = time.time()
        recent: dict[int, float] = {}
        for line in claims.read().split():
            port, _, when = line.partition("@")
            with contextlib.suppress(ValueError):
                if now - float(when) < _CLAIM_SECONDS:
                    recent[int(port)] = float(when)
        for _ in range(200):
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                sock.bind(("127.0.0.1", 0))
                port = int(sock.getsockname()[1])
            if port not in _HANDED_OUT and port not in recent:
                break
        else:
            raise RuntimeError("no fresh loopback port after 200 tries")
        _HANDED_OUT.add(port)
        recent[port] = now
        claims.seek(0)
        claims.truncate()
        claims.write("".join(f"{p}@{w:.3f}\n" for p, w in recent.items()))
        return port


def _tail(path: Path | None, lines: int = 30) -> str:
    if path is None or not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def wait_until(
    url: str,
    ok: Callable[[httpx.Response], bool],
    *,
    proc: subprocess.Popen[bytes] | None = None,
    log: Path | None = None,
    timeout: float = 30.0,
    verify: ssl.SSLContext | bool = True,
) -> None:
    """Poll ``url`` until ``ok(response)``; fail early if ``proc`` dies. No fixed sleeps.
    ``verify``: the trust store for an https ``url`` (a test CA's)."""
    deadline = time.monotonic() + timeout
    delay = 0.02
    last = ""
    with httpx.Client(timeout=2.0, trust_env=False, verify=verify) as client:
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(
                    f"process {proc.args!r} exited with {proc.returncode} before {url} was ready"
                    f"\n{_tail(log)}"
                )
            try:
                response = client.get(url)
                if ok(response):
                    return
                last = f"HTTP {response.status_code}"
            except httpx.TransportError as exc:
                last = repr(exc)
            time.sleep(delay)
            delay = min(delay * 1.5, 0.2)
    raise TimeoutError(f"{url} not ready after {timeout}s ({last})\n{_tail(log)}")


def stop(proc: subprocess.Popen[bytes], timeout: float = 5.0) -> None:
    """Terminate, wait, kill on timeout."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=timeout)


def spawner(
    stack: contextlib.ExitStack, logs: Path, env: Mapping[str, str], cwd: Path
) -> Callable[[list[str], str], subprocess.Popen[bytes]]:
    """spawn(args, log name): a stand-in process logging to ``logs``, stopped with ``stack``,
    dying with the test process."""
    def spawn(args: list[str], log_name: str) -> subprocess.Popen[bytes]:
        with (logs / log_name).open("ab") as out:
            proc = subprocess.Popen(
                args, cwd=cwd, env=dict(env), stdout=out, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, preexec_fn=die_with_parent,
            )
        stack.callback(stop, proc)
        return proc

    return spawn


def stop_agents_under(home_prefix: str) -> list[int]:
    """SIGTERM every `ecr_tui agent` process whose HOME lies under ``home_prefix`` (a test's
    temporary directory); the pids signalled."""
    import signal

    stopped = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            if b"ecr_tui" not in argv or b"agent" not in argv:
                continue
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue  # gone, or not ours to read
        home = next((v[5:].decode(errors="replace") for v in environ if v.startswith(b"HOME=")), "")
        if home.startswith(home_prefix):
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(entry.name), signal.SIGTERM)
                stopped.append(int(entry.name))
    return stopped
