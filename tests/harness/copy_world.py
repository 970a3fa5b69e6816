"""The copy's world (issue 21): two accounts' registries (Debian's docker-registry each, its own
account's password, access log on: the registry's own record of every blob sent), each behind a
`slow_front` (latency, bandwidth cap), moto for their tokens and DescribeRepositories (an
IMMUTABLE repository in the destination account), and two static profiles, one per account.

`running_copy_world(base, layers=..., layer_size=...)` seeds a 3-platform OCI index in account
A's `app:v1` (one base layer shared by the platforms) and `locked:v1` in account B.
`tls=` (a server certificate and its CA, `tests/harness/tls_certs.py`): both registries serve
https with it (the fronts pass TLS through untouched), as ECR does."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import ssl
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.harness import procs, registry
from tests.harness.aws_config import ACCESS_KEY, EU_ACCESS_KEY, EU_SECRET_KEY, SECRET_KEY
from tests.harness.tls_certs import Ca, ServerCert
from tests.harness.tokens import password_for

ACCOUNT_A, REGION_A = "123456789012", "us-east-1"
ACCOUNT_B, REGION_B = "210987654321", "eu-west-1"
PLATFORMS = ("linux/amd64", "linux/arm64", "linux/arm/v7")
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
REPO_ROOT = Path(__file__).resolve().parents[2]


def ecr_host(account: str, region: str) -> str:
    return f"{account}.dkr.ecr.{region}.amazonaws.com"


@dataclass(frozen=True)
class SeededIndex:
    digest: str
    body: bytes
    children: dict[str, str]  # platform -> child manifest digest
    blobs: tuple[str, ...]  # every config and layer digest, once
    size: int  # bytes of every blob


@dataclass(frozen=True)
class Side:
    account: str
    region: str
    url: str  # the slow front (what proxyEndpoint points at)
    control: str
    log: Path  # the registry's access log
    password: str
    upstream: int = 0  # the registry's own port (behind the front)
    ca: Path | None = None  # the test CA that signs an https registry's certificate

    @property
    def host(self) -> str:
        return ecr_host(self.account, self.region)

    def access(self) -> list[str]:
        """The registry's access log lines so far (method, path, status)."""
        if not self.log.exists():
            return []
        return [line for line in self.log.read_text(errors="replace").splitlines()
                if '"' in line and "HTTP/1." in line]

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, auth=("AWS", self.password), timeout=60,
                            trust_env=False, verify=trust(self.ca))

    def slow(self, *, latency_ms: float = 0, rate: float = 0) -> None:
        with httpx.Client(timeout=10, trust_env=False) as client:
            client.put(self.control, params={"latency_ms": latency_ms, "rate": rate})


@dataclass(frozen=True)
class CopyWorld:
    a: Side
    b: Side
    env: dict[str, str]
    moto_url: str
    image: SeededIndex
    locked: str  # digest of account B's locked:v1
    home: Path
    logs: Path = field(default=Path())


def trust(ca: Path | None) -> ssl.SSLContext | bool:
    """The harness's own trust store for a registry: the test CA's, else the default."""
    return ssl.create_default_context(cafile=str(ca)) if ca is not None else True


def _blob(client: httpx.Client, repo: str, data: bytes) -> str:
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    if client.head(f"/v2/{repo}/blobs/{digest}").status_code == 200:
        return digest
    start = client.post(f"/v2/{repo}/blobs/uploads/")
    start.raise_for_status()
    location = start.headers["location"]
    sep = "&" if "?" in location else "?"
    client.put(f"{location}{sep}digest={digest}", content=data,
               headers={"Content-Type": "application/octet-stream"}).raise_for_status()
    return digest


def _manifest(client: httpx.Client, repo: str, reference: str, doc: dict, media: str) -> str:
    body = json.dumps(doc, separators=(",", ":")).encode()
    client.put(f"/v2/{repo}/manifests/{reference}", content=body,
               headers={"Content-Type": media}).raise_for_status()
    return "sha256:" + hashlib.sha256(body).hexdigest()


def push_index(client: httpx.Client, repo: str, tag: str, *, layers: int, layer_size: int,
               salt: str = "") -> SeededIndex:
    """A 3-platform OCI index: per platform a config and `layers` layers, the first layer
    shared by every platform; bytes from a counter-mode sha256 (no urandom: reproducible)."""

    def data(name: str, size: int) -> bytes:
        out = bytearray()
        block = hashlib.sha256(f"{salt}{name}".encode()).digest()
        while len(out) < size:
            block = hashlib.sha256(block).digest()
            out += block * 64
        return bytes(out[:size])

    shared = data("base", layer_size)
    entries, blobs, total = [], {}, 0
    children = {}
    for platform in PLATFORMS:
        os_name, arch, *variant = platform.split("/")
        layer_digests = []
        for i in range(layers):
            content = shared if i == 0 else data(f"{platform}-{i}", layer_size)
            digest = _blob(client, repo, content)
            layer_digests.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                                  "digest": digest, "size": len(content)})
            blobs[digest] = len(content)
        config = json.dumps({"architecture": arch, "os": os_name, **(
            {"variant": variant[0]} if variant else {}), "rootfs": {
            "type": "layers", "diff_ids": [d["digest"] for d in layer_digests]}}).encode()
        config_digest = _blob(client, repo, config)
        blobs[config_digest] = len(config)
        doc = {"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": {
            "mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest,
            "size": len(config)}, "layers": layer_digests}
        body = json.dumps(doc, separators=(",", ":")).encode()
        child = _manifest(client, repo, "sha256:" + hashlib.sha256(body).hexdigest(), doc,
                          OCI_MANIFEST)
        children[platform] = child
        plat = {"architecture": arch, "os": os_name, **({"variant": variant[0]} if variant
                                                          else {})}
        entries.append({"mediaType": OCI_MANIFEST, "digest": child, "size": len(body),
                        "platform": plat})
    total = sum(blobs.values())
    index = {"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": entries}
    digest = _manifest(client, repo, tag, index, OCI_INDEX)
    body = json.dumps(index, separators=(",", ":")).encode()
    return SeededIndex(digest, body, children, tuple(blobs), total)


def _aws_files(home: Path) -> tuple[Path, Path]:
    aws = home / ".aws"
    aws.mkdir(parents=True)
    config, creds = aws / "config", aws / "credentials"
    config.write_text(f"[profile src]\nregion = {REGION_A}\n\n[profile dst]\nregion = "
                      f"{REGION_B}\n", encoding="utf-8")
    creds.write_text(f"[src]\naws_access_key_id = {ACCESS_KEY}\naws_secret_access_key = "
                     f"{SECRET_KEY}\n\n[dst]\naws_access_key_id = {EU_ACCESS_KEY}\n"
                     f"aws_secret_access_key = {EU_SECRET_KEY}\n", encoding="utf-8")
    return config, creds


def _start_registry(base: Path, name: str, account: str, spawn,  # type: ignore[no-untyped-def]
                    tls: tuple[ServerCert, Ca] | None) -> tuple[int, Path]:
    work = base / name
    work.mkdir()
    storage = work / "data"
    storage.mkdir()
    port = procs.free_port()
    config = registry.write_config(work, storage, port, password_for(account))
    text = config.read_text().replace("disabled: true", "disabled: false")
    if tls is not None:
        text = text.replace("  headers:\n", f"  tls:\n    certificate: {tls[0].cert}\n"
                                             f"    key: {tls[0].key}\n  headers:\n", 1)
    config.write_text(text)
    log = base / "logs" / f"registry-{name}.log"
    proc = spawn([registry.REGISTRY_BIN, "serve", str(config)], log.name)
    scheme = "https" if tls is not None else "http"
    procs.wait_until(f"{scheme}://127.0.0.1:{port}/v2/", lambda r: r.status_code == 401,
                     proc=proc, log=log, verify=trust(tls[1].cert if tls else None))
    return port, log


@contextlib.contextmanager
def running_copy_world(base: Path, *, layers: int = 3, layer_size: int = 256 * 1024,
                       latency_ms: float = 0.0, tls: tuple[ServerCert, Ca] | None = None
                       ) -> Iterator[CopyWorld]:
    from tests.harness.world import _world_env, base_env

    logs = base / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    server_env = base_env(base)
    server_env["PYTHONPATH"] = str(REPO_ROOT)
    with contextlib.ExitStack() as stack:
        spawn = procs.spawner(stack, logs, server_env, REPO_ROOT)
        sides = {}
        for name, account, region in (("a", ACCOUNT_A, REGION_A), ("b", ACCOUNT_B, REGION_B)):
            upstream, log = _start_registry(base, name, account, spawn, tls)
            port, control = procs.free_port(), procs.free_port()
            front = spawn([sys.executable, "-m", "tests.harness.slow_front", "--port", str(port),
                           "--upstream-port", str(upstream), "--control-port", str(control),
                           "--latency-ms", str(latency_ms)], f"front-{name}.log")
            url = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
            ca = tls[1].cert if tls else None
            procs.wait_until(f"{url}/v2/", lambda r: r.status_code == 401, proc=front,
                             log=logs / f"front-{name}.log", verify=trust(ca))
            sides[name] = Side(account, region, url, f"http://127.0.0.1:{control}/", log,
                               password_for(account), upstream, ca)
        seed_file = base / "moto-seed.json"
        seed_file.write_text(json.dumps({
            "account_id": ACCOUNT_A, "repositories": {REGION_A: ["app", "dest"]},
            "extra_accounts": {ACCOUNT_B: {REGION_B: ["app", "locked"]}},
            "access_keys": {ACCOUNT_B: [EU_ACCESS_KEY]}, "images": [],
        }))
        urls = base / "registry-urls.json"
        urls.write_text(json.dumps({f"{ACCOUNT_A}:{REGION_A}": sides["a"].url,
                                    f"{ACCOUNT_B}:{REGION_B}": sides["b"].url}))
        moto_port = procs.free_port()
        moto_url = f"http://127.0.0.1:{moto_port}"
        moto = spawn([sys.executable, "-m", "tests.harness.moto_launcher", "--port",
                      str(moto_port), "--registry-url", sides["a"].url, "--seed-file",
                      str(seed_file), "--registry-urls", str(urls), "--latency-ms",
                      str(latency_ms)], "moto.log")
        with sides["a"].client() as client:
            image = push_index(client, "app", "v1", layers=layers, layer_size=layer_size)
        with sides["b"].client() as client:
            locked = push_index(client, "locked", "v1", layers=1, layer_size=1024, salt="b")
        procs.wait_until(f"{moto_url}/_harness/ready", lambda r: r.status_code == 200,
                         proc=moto, log=logs / "moto.log", timeout=60)
        import boto3

        ecr = boto3.session.Session(
            aws_access_key_id=EU_ACCESS_KEY, aws_secret_access_key=EU_SECRET_KEY,
            region_name=REGION_B).client("ecr", endpoint_url=moto_url)
        ecr.put_image_tag_mutability(repositoryName="locked", imageTagMutability="IMMUTABLE")
        home = base / "home"
        home.mkdir()
        config, creds = _aws_files(home)
        env = _world_env(home, moto_url, "http://127.0.0.1:9", config, creds)
        env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), env.get("PYTHONPATH", "")])
        yield CopyWorld(sides["a"], sides["b"], env, moto_url, image, locked.digest, home, logs)
