"""A moto-only stand-in (no registry, no seed) for faults a full world cannot show cheaply,
such as a GetAuthorizationToken that answers with an already expired token."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.harness import procs, readonly_audit
from tests.harness.world import REPO_ROOT, base_env


@dataclass(frozen=True)
class MiniMoto:
    url: str
    audit_file: Path

    def operations(self) -> list[str]:
        return self.audit_file.read_text(encoding="utf-8").splitlines()


@contextlib.contextmanager
def mini_moto(base: Path, *, token_ttl: float = 43200.0) -> Iterator[MiniMoto]:
    base.mkdir(parents=True, exist_ok=True)
    port = procs.free_port()
    audit = base / "audit.log"
    env = base_env(base)
    env["PYTHONPATH"] = str(REPO_ROOT)
    log = base / "moto.log"
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.harness.moto_launcher", "--port", str(port),
             "--registry-url", "http://127.0.0.1:9", "--audit-file", str(audit),
             "--token-ttl", str(token_ttl)],
            cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, preexec_fn=procs.die_with_parent,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        procs.wait_until(f"{url}/_harness/ready", lambda r: r.status_code == 200, proc=proc,
                         log=log, timeout=60)
        readonly_audit.watch(audit)
        yield MiniMoto(url, audit)
    finally:
        procs.stop(proc)
