"""10. Copy: `ecr-tui copy` of a 3-platform OCI index (30 layers, ~300 MB: one base layer
shared by the platforms, 9 more each, 11 MB a layer) from account A's registry to account B's,
vs `skopeo copy --all --preserve-digests` with the same credentials (the same ECR passwords, in
an auth file), loopback and 40 ms. crane (go-containerregistry) is not installed here: no row.
Goals: <= 0.9x skopeo (the faster peer: the only one); peak RSS <= 150 MB whatever the size
(the same copy of a 1.8 MB index is measured beside it).

The stand-in (tests/harness/copy_world.py): Debian's docker-registry per account, each behind
`slow_front` (a streaming TCP front: at 40 ms it delays each request's first bytes, as a round
trip would; no bandwidth cap), moto for the tokens and DescribeRepositories (40 ms a call too).
Both tools go through the same fronts. ecr-tui's time is the whole process: Python's start,
GetAuthorizationToken for both accounts, the reads of its plan and preview (the account cache
warmed by one unmeasured copy of the small image first). skopeo is handed the passwords
ready-made: its best case. Every run copies into a new repository (nothing to skip); skopeo
reaches account B through a new front each run (a new address: its blob cache, kept as root in
/var/lib/containers/cache, would otherwise mount every blob from an earlier run's repository).
Peak RSS through GNU time (`%M`)."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from tests.bench.timing import REPO_ROOT, Row, console_script, limit_row, python_env, ratio_row
from tests.harness import procs
from tests.harness.copy_world import CopyWorld, push_index, running_copy_world

LAYERS, LAYER_SIZE = 10, 11 * 1024 * 1024
GOAL, RSS_LIMIT_MB = 0.9, 150.0


def _timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one process, through GNU time: the rusage of a child
    forked from this (large) process would count this one's pages it had before its exec."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *argv], env=env, cwd="/",
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed ({done.returncode}): {done.stderr[-400:]}")
    return elapsed, int(done.stderr.strip().splitlines()[-1]) / 1024.0


@contextlib.contextmanager
def _fresh_front(world: CopyWorld, latency_ms: float, auth: Path) -> Iterator[str]:
    """A new front (new port) before account B's registry, and an auth file for it: skopeo
    keeps where it saw each blob (/var/lib/containers/cache as root) and would mount from an
    earlier run's repository at a registry address it knows; at a new one it cannot."""
    port, control = procs.free_port(), procs.free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tests.harness.slow_front", "--port",
                             str(port), "--upstream-port", str(world.b.upstream),
                             "--control-port", str(control), "--latency-ms", str(latency_ms)],
                            cwd=REPO_ROOT, env=python_env(world.env),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        host = f"127.0.0.1:{port}"
        procs.wait_until(f"http://{host}/v2/", lambda r: r.status_code == 401, proc=proc)
        _authfile(world, auth, host)
        yield host
    finally:
        procs.stop(proc)


def _authfile(world: CopyWorld, path: Path, destination: str) -> Path:
    auths = {}
    for side, host in ((world.a, world.a.url.removeprefix("http://")), (world.b, destination)):
        raw = base64.b64encode(f"AWS:{side.password}".encode()).decode()
        auths[host] = {"auth": raw}
    path.write_text(json.dumps({"auths": auths}), encoding="utf-8")
    path.chmod(0o600)
    return path


def _set_latency(world: CopyWorld, ms: float) -> None:
    import httpx

    for side in (world.a, world.b):
        side.slow(latency_ms=ms)
    with httpx.Client(timeout=10, trust_env=False) as client:
        client.put(f"{world.moto_url}/_harness/latency", params={"ms": ms}).raise_for_status()


def _repositories(world: CopyWorld, names: list[str]) -> None:
    """The destinations, made in moto beforehand (ECR has them before a copy; creating one
    is not a write ecr-tui makes)."""
    import boto3

    from tests.harness.aws_config import EU_ACCESS_KEY, EU_SECRET_KEY

    ecr = boto3.session.Session(aws_access_key_id=EU_ACCESS_KEY,
                                aws_secret_access_key=EU_SECRET_KEY,
                                region_name=world.b.region).client("ecr",
                                                                   endpoint_url=world.moto_url)
    for name in names:
        ecr.create_repository(repositoryName=name)


def measure(world: CopyWorld, tmp: Path, runs: int) -> list[Row]:
    ours_cmd = console_script("ecr-tui")
    auth = tmp / "auth.json"
    env = dict(world.env)
    counter = iter(range(10_000))

    def ours(tag: str, repo: str) -> tuple[float, float]:
        return _timed([ours_cmd, "copy", f"{world.a.host}/app:{tag}",
                       f"{world.b.host}/{repo}:{tag}", "--allow-writes", "--yes", "--json"],
                      env)

    def skopeo(tag: str, repo: str) -> tuple[float, float]:
        a = world.a.url.removeprefix("http://")
        with _fresh_front(world, latency[0], auth) as b:
            return _timed(["skopeo", "copy", "--all", "--preserve-digests", "--authfile",
                           str(auth), "--src-tls-verify=false", "--dest-tls-verify=false",
                           f"docker://{a}/app:{tag}", f"docker://{b}/{repo}:{tag}"], env)

    latency = [0.0]

    _repositories(world, ["warm"] + [f"run-{i}" for i in range(4 * runs + 1)])
    ours("v1", "warm")  # the account cache, as a second copy finds it
    rows: list[Row] = []
    rss: dict[str, float] = {}
    for ms in (0.0, 40.0):
        latency[0] = ms
        _set_latency(world, ms)
        samples: dict[str, list[float]] = {"ecr-tui": [], "skopeo": []}
        for round_no in range(runs):
            order = [("ecr-tui", ours), ("skopeo", skopeo)]
            for name, fn in order if round_no % 2 == 0 else order[::-1]:
                seconds, peak = fn("big", f"run-{next(counter)}")
                samples[name].append(seconds)
                key = "big" if name == "ecr-tui" else name
                rss[key] = max(rss.get(key, 0.0), peak)
        where = "loopback" if not ms else f"{ms:.0f} ms a request"
        rows.append(ratio_row(f"copy 3-platform index ~300 MB, {where}", samples, "ecr-tui",
                              {"skopeo": GOAL},
                              note=f"{runs} runs each; spread ours "
                              f"{min(samples['ecr-tui']):.2f}-{max(samples['ecr-tui']):.2f} s, "
                              f"skopeo {min(samples['skopeo']):.2f}-"
                              f"{max(samples['skopeo']):.2f} s"))
        _set_latency(world, 0.0)
    _seconds, rss["small"] = ours("v1", f"run-{next(counter)}")
    rows.append(limit_row("copy peak RSS (300 MB image)", rss["big"], RSS_LIMIT_MB, "MB",
                          note=f"the same copy of a 1.8 MB index: {rss['small']:.1f} MB; "
                          f"skopeo's peak {rss['skopeo']:.1f} MB"))
    return rows


def run(world: object = None, *, runs: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="ecr-tui-bench-copy-", dir="/dev/shm"
                                     if os.access("/dev/shm", os.W_OK) else None) as tmp:
        base = Path(tmp)
        with running_copy_world(base) as copy_world:
            with copy_world.a.client() as client:
                image = push_index(client, "app", "big", layers=LAYERS, layer_size=LAYER_SIZE,
                                   salt="bench")
            print(f"bench copy: {len(image.blobs)} blobs, {image.size / 1e6:.0f} MB",
                  file=sys.stderr)
            return measure(copy_world, base, runs)
