"""The tests' world: moto (ECR + STS), docker-registry, the ECR-like paging front, seeded alike.

``running_world(base_dir)`` starts everything on free loopback ports, seeds it and yields a frozen
:class:`World`; leaving the context stops every process.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.harness import (
    inspect_seed,
    moto_lifecycle,
    moto_pull_times,
    procs,
    registry,
    seed,
    sso_world,
    workload_world,
)
from tests.harness.aws_config import PROFILES, append_bench_profiles, write_aws_files
from tests.harness.seed import SeededImage
from tests.harness.tokens import basic_token, password_for

__all__ = ["World", "fresh_env", "password_for", "running_world", "REPO_ROOT"]

REPO_ROOT = Path(__file__).resolve().parents[2]
BENCH_REGIONS = ("us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2")
STRIPPED_PREFIXES = ("AWS_", "DOCKER_", "XDG_")
STRIPPED_NAMES = {
    "REGISTRY_AUTH_FILE", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY",
    "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY", "CONTAINERS_CONF", "CONTAINERS_REGISTRIES_CONF",
    "COLUMNS", "LINES",  # xdist workers set 80x24: the TUI in tmux would draw at that size
}


@dataclass(frozen=True)
class World:
    moto_url: str
    registry_url: str  # the paging front; what proxyEndpoint points at
    registry_host: str  # "127.0.0.1:PORT", no scheme
    upstream_url: str  # docker-registry itself (no paging, no S3 redirect)
    account_id: str
    other_account_id: str  # the static-eu profile's keys belong here: its password is refused
    password: str
    authorization_token: str  # base64("AWS:" + password)
    region: str
    other_region: str
    home: Path
    env: Mapping[str, str]  # complete environment for subprocesses
    profiles: tuple[str, ...]
    repositories: tuple[str, ...]  # in `region`
    other_region_repositories: tuple[str, ...]
    big_repo: str
    big_tags: Mapping[str, str]  # tag -> digest
    index_tag: str
    schema2_tag: str
    http_pushed: tuple[str, str]  # (repository, tag) pushed through the registry HTTP API
    tags: Mapping[str, Mapping[str, str]]  # repository -> tag -> digest (every seeded repo)
    images: Mapping[str, SeededImage]  # "repo@digest" -> what was seeded (incl. index children)
    audit_file: Path  # one "service.Operation" line per moto API call (emptied after seeding)
    log_dir: Path
    startup_seconds: float
    bench_profiles: tuple[str, ...] = ()  # opt-in: one static profile per extra moto account
    bench_regions: tuple[str, ...] = ()
    tag_repos: Mapping[str, int] = field(default_factory=dict)  # opt-in big repos: name -> tags
    sso_url: str = ""  # the SSO portal stand-in (AWS_ENDPOINT_URL_SSO)
    calls_file: Path | None = None  # "epoch service.Operation access-key region" per moto call
    sso_accounts: tuple[sso_world.SsoAccount, ...] = ()  # opt-in: the corp session's accounts
    registry_urls: Mapping[str, str] = field(default_factory=dict)  # "ACCOUNT:REGION" -> url

    def set_latency(self, ms: float) -> None:
        """Change the delay of every moto and registry-front request, at run time."""
        with httpx.Client(timeout=10, trust_env=False) as client:
            for url in (self.moto_url, self.registry_url):
                client.put(f"{url}/_harness/latency", params={"ms": ms}).raise_for_status()

    def registry_gets(self) -> dict[str, dict[str, int]]:
        """Manifest and blob GETs the registry front served so far, per repository
        (``{"manifests": {name: n}, "blobs": {name: n}}``)."""
        with httpx.Client(timeout=10, trust_env=False) as client:
            return client.get(f"{self.registry_url}/_harness/counts").json()

    def image(self, repository: str, tag: str) -> SeededImage:
        return self.images[f"{repository}@{self.tags[repository][tag]}"]

    def audit_lines(self) -> list[str]:
        return self.audit_file.read_text(encoding="utf-8").splitlines()

    def sso_counts(self) -> dict:  # type: ignore[type-arg]
        """The portal's per-second request counts, calls per operation and 429s so far."""
        with httpx.Client(timeout=10, trust_env=False) as client:
            return client.get(f"{self.sso_url}/_harness/counts").json()

    def set_sso_rate(self, rps: int) -> None:
        with httpx.Client(timeout=10, trust_env=False) as client:
            client.put(f"{self.sso_url}/_harness/rate", params={"rps": rps}).raise_for_status()

    def token_calls_per_second(self) -> int:
        """The most GetAuthorizationToken calls any (access key, region) made in one second."""
        from collections import Counter

        if self.calls_file is None or not self.calls_file.exists():
            return 0
        seconds: Counter[tuple[int, str, str]] = Counter()
        for line in self.calls_file.read_text(encoding="utf-8").splitlines():
            t, op, key, region = (line.split() + ["", "", ""])[:4]
            if op == "ecr.GetAuthorizationToken":
                seconds[(int(float(t)), key, region)] += 1
        return max(seconds.values(), default=0)


def base_env(home: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items()
        if not k.upper().startswith(STRIPPED_PREFIXES) and k.upper() not in STRIPPED_NAMES
    }
    env["HOME"] = str(home)
    # A credential helper's `get` starts a token agent: in tests it leaves 10 s after its last
    # request, not 30 min after the test that started it.
    env["ECR_TUI_AGENT_IDLE_SECONDS"] = "10"
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    for key in ("http_proxy", "https_proxy", "all_proxy"):
        env.pop(key, None)
    return env


def fresh_env(world: World, tmp: Path) -> dict[str, str]:
    """A copy of ``world.env`` with its own DOCKER_CONFIG / REGISTRY_AUTH_FILE / XDG_STATE_HOME."""
    env = dict(world.env)
    for name in ("docker", "containers", "state"):
        (tmp / name).mkdir(parents=True, exist_ok=True)
    env["DOCKER_CONFIG"] = str(tmp / "docker")
    env["REGISTRY_AUTH_FILE"] = str(tmp / "containers" / "auth.json")
    env["XDG_STATE_HOME"] = str(tmp / "state")
    return env


def _world_env(
    home: Path, moto_url: str, sso_url: str, aws: Path, creds: Path
) -> dict[str, str]:
    env = base_env(home)
    dirs = {name: home / rel for name, rel in (
        ("XDG_CONFIG_HOME", ".config"), ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"), ("XDG_RUNTIME_DIR", "run"), ("DOCKER_CONFIG", ".docker"),
    )}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    dirs["XDG_RUNTIME_DIR"].chmod(0o700)
    env.update({k: str(v) for k, v in dirs.items()})
    env.update({
        "AWS_CONFIG_FILE": str(aws),
        "AWS_SHARED_CREDENTIALS_FILE": str(creds),
        "AWS_ENDPOINT_URL": moto_url,
        "AWS_ENDPOINT_URL_SSO": sso_url,
        "AWS_ENDPOINT_URL_SSO_OIDC": sso_url,
        "AWS_EC2_METADATA_DISABLED": "true",
        # Credential helpers start token agents: gone soon after the test that started them.
        "ECR_TUI_AGENT_IDLE_SECONDS": "10",
        "REGISTRY_AUTH_FILE": str(dirs["XDG_RUNTIME_DIR"] / "containers" / "auth.json"),
    })
    return env


def _storage_dir(base: Path) -> Path:
    """Registry storage on tmpfs when there is one: ~25k small files, 3x faster to write."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return Path(tempfile.mkdtemp(prefix="ecr-tui-registry-", dir=shm))
    path = base / "registry-data"
    path.mkdir()
    return path


@contextlib.contextmanager
def running_world(
    base: Path, *, latency_ms: float = 0.0, token_ttl: float = 43200.0,
    tag_repos: Mapping[str, int] | None = None, bench_accounts: int = 0, sso_accounts: int = 0,
) -> Iterator[World]:
    """Start and seed everything under ``base``; ``latency_ms`` delays every moto/front request,
    ``token_ttl`` is the GetAuthorizationToken lifetime (negative: already expired).
    Opt-in for benchmarks: ``tag_repos`` (name -> tag count, e.g. ``seed.BENCH_TAG_REPOS``) and
    ``bench_accounts`` static profiles ``acct-NN``, each on its own moto account;
    ``sso_accounts`` accounts the corp SSO session reaches (2 roles each, repositories in three
    regions, own registry hosts for the first few).
    Children get PR_SET_PDEATHSIG: call this from a thread that outlives the world."""
    started = time.monotonic()
    account, region = seed.ACCOUNT_ID, seed.REGION
    password = password_for(account)
    logs = base / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    moto_port, upstream_port, front_port = procs.free_port(), procs.free_port(), procs.free_port()
    moto_url = f"http://127.0.0.1:{moto_port}"
    sso_port = procs.free_port()
    sso_url = f"http://127.0.0.1:{sso_port}"
    calls = base / "calls.log"
    accounts_sso = sso_world.sso_accounts(sso_accounts)
    ping_ports = sso_world.registry_ports(accounts_sso, procs.free_port)
    registry_urls = {k: f"http://127.0.0.1:{p}" for k, p in ping_ports.items()}
    upstream_url = f"http://127.0.0.1:{upstream_port}"
    front_url = f"http://127.0.0.1:{front_port}"
    audit = base / "audit.log"
    server_env = base_env(base)
    server_env["PYTHONPATH"] = str(REPO_ROOT)

    with contextlib.ExitStack() as stack:
        plan = seed.build_plan()
        inspect_seed.add_repository(plan)
        moto_lifecycle.add_repository(plan)
        if tag_repos:
            seed.add_tag_repos(plan, dict(tag_repos))
        accounts = [seed.bench_account_id(i) for i in range(bench_accounts)]
        keys = [seed.bench_access_key(i) for i in range(bench_accounts)]
        seed_file = base / "moto-seed.json"
        sso_repos, sso_images = sso_world.moto_extra(accounts_sso)
        seed.write_moto_seed(
            plan, seed_file, bulk_repositories=tuple(tag_repos or ()),
            extra_accounts={
                **{a: seed.bench_account_repositories(i, BENCH_REGIONS)
                   for i, a in enumerate(accounts)},
                **sso_repos,
            },
            extra_access_keys={a: [k] for a, k in zip(accounts, keys, strict=True)},
            extra_images=sso_images,
        )
        inspect_seed.extend_moto_seed(seed_file)
        workload_world.extend_moto_seed(seed_file, accounts_sso)  # issue 18: ECS, Lambda
        moto_lifecycle.add_to_seed(seed_file)
        moto_pull_times.extend_seed(seed_file, plan)

        def spawn(args: list[str], log_name: str) -> subprocess.Popen[bytes]:
            with (logs / log_name).open("ab") as out:
                proc = subprocess.Popen(
                    args, cwd=REPO_ROOT, env=server_env, stdout=out, stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL, preexec_fn=procs.die_with_parent,
                )
            stack.callback(procs.stop, proc)
            return proc

        moto = spawn([
            sys.executable, "-m", "tests.harness.moto_launcher", "--port", str(moto_port),
            "--registry-url", front_url, "--audit-file", str(audit), "--seed-file",
            str(seed_file), "--latency-ms", str(latency_ms), "--token-ttl", str(token_ttl),
            "--calls-file", str(calls), "--registry-urls",
            str(sso_world.write_json(base / "registry-urls.json", registry_urls)),
        ], "moto.log")
        portal = spawn([
            sys.executable, "-m", "tests.harness.sso_portal", "--port", str(sso_port),
            "--sts-url", moto_url, "--audit-file", str(audit), "--latency-ms", str(latency_ms),
            "--data", str(sso_world.write_json(
                base / "sso-portal.json", sso_world.portal_data(accounts_sso))),
        ], "sso-portal.log")
        pinger = spawn(
            [sys.executable, "-m", "tests.harness.ping_registry", *map(str, ping_ports.values())],
            "ping-registry.log",
        ) if ping_ports else None

        storage = _storage_dir(base)
        stack.callback(shutil.rmtree, storage, True)
        seed.write_registry_storage(plan, storage, tags_only=frozenset(tag_repos or ()))
        config = registry.write_config(base, storage, upstream_port, password)
        reg = spawn([registry.REGISTRY_BIN, "serve", str(config)], "registry.log")
        password_file = base / "password"
        password_file.write_text(password, encoding="utf-8")
        password_file.chmod(0o600)
        front = spawn([
            sys.executable, "-m", "tests.harness.paging_front", "--port", str(front_port),
            "--upstream", upstream_url, "--password-file", str(password_file),
            "--latency-ms", str(latency_ms), *(["--cache-tag-lists"] if tag_repos else []),
        ], "front.log")

        def is_401(r: httpx.Response) -> bool:
            return r.status_code == 401

        procs.wait_until(f"{upstream_url}/v2/", is_401, proc=reg, log=logs / "registry.log")
        # inspect/app goes in over HTTP while moto is still starting.
        pushing = stack.enter_context(ThreadPoolExecutor(1)).submit(
            inspect_seed.push_to, upstream_url, basic_token(account)
        )
        procs.wait_until(f"{front_url}/v2/", is_401, proc=front, log=logs / "front.log")
        procs.wait_until(
            f"{moto_url}/_harness/ready", lambda r: r.status_code == 200, proc=moto,
            log=logs / "moto.log", timeout=60,
        )

        procs.wait_until(f"{sso_url}/_harness/ready", lambda r: r.status_code == 200,
                         proc=portal, log=logs / "sso-portal.log")
        for url in registry_urls.values():
            procs.wait_until(f"{url}/v2/", lambda r: r.status_code == 401, proc=pinger,
                             log=logs / "ping-registry.log")
        repo, tag = seed.HTTP_PUSHED
        auth = {"Authorization": f"Basic {basic_token(account)}"}
        with httpx.Client(headers=auth, timeout=30, trust_env=False) as client:
            seed.push_via_http(plan, client, front_url, repo, tag)
        pushing.result()
        import boto3

        ecr = boto3.session.Session(
            aws_access_key_id="seed", aws_secret_access_key="seed", region_name=region
        ).client("ecr", endpoint_url=moto_url)
        seed.put_image_via_boto3(plan, ecr, repo, tag)
        with httpx.Client(timeout=30, trust_env=False) as client:
            inspect_seed.put_into_moto(ecr, moto_url, client)
        audit.write_text("", encoding="utf-8")
        calls.write_text("", encoding="utf-8")

        home = base / "home"
        home.mkdir()
        aws = write_aws_files(home, account)
        bench_profiles = append_bench_profiles(aws, keys) if keys else ()
        tags = plan.tags()
        world = World(
            moto_url=moto_url,
            registry_url=front_url,
            registry_host=f"127.0.0.1:{front_port}",
            upstream_url=upstream_url,
            account_id=account,
            other_account_id=seed.OTHER_ACCOUNT_ID,
            password=password,
            authorization_token=basic_token(account),
            region=region,
            other_region=seed.OTHER_REGION,
            home=home,
            env=_world_env(home, moto_url, sso_url, aws.config, aws.credentials),
            profiles=PROFILES,
            repositories=tuple(plan.repositories[region]),
            other_region_repositories=tuple(plan.repositories[seed.OTHER_REGION]),
            big_repo=seed.BIG_REPO,
            big_tags=tags[seed.BIG_REPO],
            index_tag=seed.INDEX_TAG,
            schema2_tag=seed.SCHEMA2_TAG,
            http_pushed=seed.HTTP_PUSHED,
            tags=tags,
            images={f"{i.repository}@{i.digest}": i for i in plan.images},
            audit_file=audit,
            log_dir=logs,
            startup_seconds=time.monotonic() - started,
            bench_profiles=bench_profiles,
            bench_regions=BENCH_REGIONS if bench_profiles else (),
            tag_repos=dict(tag_repos or {}),
            sso_url=sso_url,
            calls_file=calls,
            sso_accounts=accounts_sso,
            registry_urls=registry_urls,
        )
        yield world
