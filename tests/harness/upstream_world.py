"""A small world of its own for "upstream moved": moto (the harness's, one more pull-through-cache
rule, see :mod:`tests.harness.upstream_moto`) whose rule ``front`` caches the bearer-token front
of :mod:`tests.harness.bearer_front` (Debian's docker-registry behind an anonymous token flow,
seeded with :mod:`tests.harness.inspect_seed`'s ``inspect/app``). The cache, as moto holds it:

* ``front/inspect/app:v1`` — the upstream's v1 (same);
* ``front/inspect/app:v0`` — v1's image, where the upstream's v0 is another (upstream moved);
* ``front/inspect/app:gone`` — a tag the upstream does not have (not upstream);
* the upstream's ``multi`` is not in the cache (not cached).

The shared many-account world is untouched; this moto's audit file is watched like its."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.harness import bearer_front, inspect_seed, procs, readonly_audit
from tests.harness.bearer_front import BearerWorld
from tests.harness.seed import REGION
from tests.harness.world import REPO_ROOT, base_env

PREFIX = "front"
CACHED = f"{PREFIX}/{inspect_seed.REPO}"
CACHE = {"v1": "v1", "v0": "v1", "gone": "v1"}
"""Cached tag -> the upstream tag whose image the cache holds for it."""


@dataclass(frozen=True)
class UpstreamWorld:
    bearer: BearerWorld
    moto_url: str
    audit_file: Path
    env: dict[str, str]
    """ecr-tui's environment: profile `default` (static keys) on this moto, nothing else."""


def _client_env(home: Path, moto_url: str) -> dict[str, str]:
    env = base_env(home)
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "DOCKER_CONFIG"):
        (home / name).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / name)
    aws = home / ".aws"
    aws.mkdir(mode=0o700)
    (aws / "config").write_text(f"[default]\nregion = {REGION}\n", encoding="utf-8")
    (aws / "credentials").write_text(
        "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
        "aws_secret_access_key = upstream-world-secret\n", encoding="utf-8")
    env.update({
        "AWS_CONFIG_FILE": str(aws / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(aws / "credentials"),
        "AWS_ENDPOINT_URL": moto_url,
        "AWS_EC2_METADATA_DISABLED": "true",
    })
    return env


def _fill_cache(moto_url: str) -> None:
    """The cached repository, as a pull through the rule would have left it (a write of the
    harness's, before the audit starts)."""
    import boto3

    plan = inspect_seed.build()
    bodies = {tag: m for m in plan.manifests for tag in m.tags}
    ecr = boto3.session.Session(
        aws_access_key_id="seed", aws_secret_access_key="seed", region_name=REGION
    ).client("ecr", endpoint_url=moto_url)
    ecr.create_repository(repositoryName=CACHED)
    for tag, upstream_tag in CACHE.items():
        m = bodies[upstream_tag]
        ecr.put_image(repositoryName=CACHED, imageManifest=m.body.decode(), imageTag=tag,
                      imageManifestMediaType=m.media_type, imageDigest=m.digest)


@contextlib.contextmanager
def running(base: Path) -> Iterator[UpstreamWorld]:
    with contextlib.ExitStack() as stack:
        bearer = stack.enter_context(bearer_front.running(base / "bearer"))
        with httpx.Client(timeout=30, trust_env=False) as client:
            inspect_seed.push(client, bearer.upstream_url)
        port = procs.free_port()
        moto_url = f"http://127.0.0.1:{port}"
        audit = base / "audit.log"
        log = base / "moto.log"
        server_env = base_env(base)
        server_env["PYTHONPATH"] = str(REPO_ROOT)
        with log.open("ab") as out:
            moto = subprocess.Popen(
                [sys.executable, "-m", "tests.harness.upstream_moto",
                 "--rule", f"{PREFIX}={bearer.host}", "--", "--port", str(port),
                 "--registry-url", bearer.url, "--audit-file", str(audit)],
                cwd=REPO_ROOT, env=server_env, stdout=out, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, preexec_fn=procs.die_with_parent,
            )
        stack.callback(procs.stop, moto)
        procs.wait_until(f"{moto_url}/_harness/ready", lambda r: r.status_code == 200,
                         proc=moto, log=log, timeout=60)
        _fill_cache(moto_url)
        audit.write_text("", encoding="utf-8")
        readonly_audit.watch(audit)
        home = base / "home"
        home.mkdir()
        yield UpstreamWorld(bearer, moto_url, audit, _client_env(home, moto_url))
