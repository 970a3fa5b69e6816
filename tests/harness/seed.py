"""What the world holds (repositories, images, blobs) and how it gets into moto and the registry.

The plan is built once (pure data, deterministic) and then written three ways:

* :func:`write_moto_seed` — a JSON file the moto launcher loads in-process before serving;
* :func:`write_registry_storage` — distribution's filesystem layout, before the registry starts;
* :func:`push_via_http` / :func:`put_image_via_boto3` — the real APIs, for the few images that
  prove those paths (``team-01/service-001:v1``).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tarfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.harness.aws_config import EU_ACCESS_KEY

OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json"
DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip"

ACCOUNT_ID = "123456789012"
OTHER_ACCOUNT_ID = "210987654321"  # owns the static-eu profile's keys: its token is refused
REGION = "us-east-1"
OTHER_REGION = "eu-west-1"
BIG_REPO = "platform/api"
BIG_TAG_COUNT = 2345
FILLER_REPO_COUNT = 1148
INDEX_TAG = "multiarch"
SCHEMA2_TAG = "schema2"
HTTP_PUSHED = ("team-01/service-001", "v1")
SMALL_REPOS: dict[str, tuple[str, ...]] = {
    "team-01/service-001": ("v1", "v2", "v3", "latest"),
    "team-01/service-002": ("1.0", "1.1", "2.0"),
}
OTHER_REGION_REPOS = ("eu-team/service-eu-001", "eu-team/service-eu-002")
BASE_TIME = 1_767_225_600  # 2026-01-01T00:00:00Z


def sha256_digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _json(obj: Any) -> bytes:
    return json.dumps(obj, indent=3, sort_keys=False).encode()


def _iso(ts: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


@dataclass(frozen=True)
class SeededImage:
    """One manifest as seeded (tagged, or an untagged child of an index)."""

    repository: str
    digest: str
    media_type: str
    manifest: bytes
    tags: tuple[str, ...] = ()
    config_digest: str | None = None
    created: str | None = None
    os: str | None = None
    architecture: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    layer_digests: tuple[str, ...] = ()
    children: tuple[str, ...] = ()  # child manifest digests of an index
    platforms: tuple[str, ...] = ()  # "linux/amd64" ...
    pushed_at: int = 0

    size: int = 0  # like ECR's imageSizeInBytes: compressed layers; an index: its largest child


@dataclass
class Plan:
    """Everything to seed: images per repository and the blobs they reference."""

    repositories: dict[str, list[str]] = field(default_factory=dict)  # region -> names
    images: list[SeededImage] = field(default_factory=list)
    blobs: dict[str, bytes] = field(default_factory=dict)  # digest -> bytes (configs, layers)

    def tags(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for image in self.images:
            repo = out.setdefault(image.repository, {})
            for tag in image.tags:
                repo[tag] = image.digest
        return out


def _layer(seed: str) -> bytes:
    """A tiny but real gzip'd tar with one file."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        data = f"hello from {seed}\n".encode()
        info = tarfile.TarInfo(f"srv/{seed.replace('/', '_')}.txt")
        info.size, info.mtime, info.mode = len(data), BASE_TIME, 0o644
        tar.addfile(info, io.BytesIO(data))
    return gzip.compress(buf.getvalue(), mtime=0)


class _Builder:
    def __init__(self) -> None:
        self.plan = Plan()
        self.shared_layer = _layer("shared-base")
        self.shared_layer_digest = self._blob(self.shared_layer)
        self.clock = 0

    def _blob(self, data: bytes) -> str:
        digest = sha256_digest(data)
        self.plan.blobs[digest] = data
        return digest

    def _next_time(self) -> int:
        self.clock += 1
        return BASE_TIME + self.clock * 60

    def image(
        self, repo: str, tags: tuple[str, ...], *, oci: bool, arch: str = "amd64",
        labels: dict[str, str] | None = None, unique: str = "", extra_layer: bool = False,
    ) -> SeededImage:
        pushed = self._next_time()
        labels = dict(labels or {})
        labels.setdefault("org.opencontainers.image.source", f"https://example.test/{repo}")
        labels.setdefault("org.opencontainers.image.version", unique or (tags[0] if tags else ""))
        layers = [self.shared_layer]
        if extra_layer:
            layers.append(_layer(f"{repo}-{unique}"))
        layer_digests = [self._blob(x) for x in layers]
        config = {
            "created": _iso(pushed - 30),
            "architecture": arch,
            "os": "linux",
            "config": {"Env": ["PATH=/usr/bin"], "Labels": labels},
            "rootfs": {
                "type": "layers",
                "diff_ids": [sha256_digest(gzip.decompress(x)) for x in layers],
            },
            "history": [{"created": _iso(pushed - 30), "created_by": f"seed {repo} {unique}"}],
        }
        config_bytes = _json(config)
        config_digest = self._blob(config_bytes)
        media, cfg_media, layer_media = (
            (OCI_MANIFEST, OCI_CONFIG, OCI_LAYER) if oci
            else (DOCKER_MANIFEST, DOCKER_CONFIG, DOCKER_LAYER)
        )
        manifest = _json({
            "schemaVersion": 2,
            "mediaType": media,
            "config": {"mediaType": cfg_media, "size": len(config_bytes), "digest": config_digest},
            "layers": [
                {"mediaType": layer_media, "size": len(x), "digest": d}
                for x, d in zip(layers, layer_digests, strict=True)
            ],
        })
        image = SeededImage(
            repository=repo, digest=sha256_digest(manifest), media_type=media, manifest=manifest,
            tags=tags, config_digest=config_digest, created=config["created"], os="linux",
            architecture=arch, labels=labels, layer_digests=tuple(layer_digests),
            platforms=(f"linux/{arch}",), pushed_at=pushed, size=sum(len(x) for x in layers),
        )
        self.plan.images.append(image)
        return image

    def index(self, repo: str, tag: str) -> SeededImage:
        children = [
            self.image(repo, (), oci=True, arch=arch, unique=f"{tag}-{arch}", extra_layer=True,
                       labels={"org.opencontainers.image.title": f"api {arch}"})
            for arch in ("amd64", "arm64")
        ]
        manifest = _json({
            "schemaVersion": 2,
            "mediaType": OCI_INDEX,
            "manifests": [
                {
                    "mediaType": OCI_MANIFEST, "size": len(c.manifest), "digest": c.digest,
                    "platform": {"architecture": c.architecture, "os": "linux"},
                }
                for c in children
            ],
        })
        image = SeededImage(
            repository=repo, digest=sha256_digest(manifest), media_type=OCI_INDEX,
            manifest=manifest, tags=(tag,), children=tuple(c.digest for c in children),
            platforms=tuple(p for c in children for p in c.platforms), pushed_at=self._next_time(),
            size=max(c.size for c in children),
        )
        self.plan.images.append(image)
        return image


def big_repo_tag_names() -> list[str]:
    """2,343 ordinary tag names of mixed shapes (plus the index and schema2 tags)."""
    names = ["latest", "stable"]
    names += [f"v1.{i // 40}.{i % 40}" for i in range(1000)]
    names += [f"build-{i:05d}" for i in range(900)]
    names += ["sha-" + hashlib.sha1(f"c{i}".encode()).hexdigest()[:7] for i in range(441)]
    assert len(names) == BIG_TAG_COUNT - 2
    return names


def build_plan() -> Plan:
    b = _Builder()
    plan = b.plan
    filler = [
        f"team-{(i - 1) // 50 + 1:02d}/service-{i:03d}" for i in range(3, FILLER_REPO_COUNT + 3)
    ]
    plan.repositories[REGION] = [BIG_REPO, *SMALL_REPOS, *filler]
    plan.repositories[OTHER_REGION] = list(OTHER_REGION_REPOS)
    # Big repository: index, schema2, then the rest alternating OCI / Docker v2.
    b.index(BIG_REPO, INDEX_TAG)
    b.image(BIG_REPO, (SCHEMA2_TAG,), oci=False, unique=SCHEMA2_TAG,
            labels={"maintainer": "platform-team"})
    for i, tag in enumerate(big_repo_tag_names()):
        b.image(BIG_REPO, (tag,), oci=i % 2 == 0, arch="arm64" if i % 7 == 0 else "amd64",
                unique=tag)
    # Small repositories; "latest" shares the digest of the previous tag.
    for repo, tags in SMALL_REPOS.items():
        plain = [t for t in tags if t != "latest"]
        for j, tag in enumerate(plain):
            final = (tag, "latest") if "latest" in tags and j == len(plain) - 1 else (tag,)
            b.image(repo, final, oci=False, unique=f"{repo}:{tag}", extra_layer=True)
    for repo in filler:
        b.image(repo, ("latest",), oci=True, unique=repo)
    return plan


# ---------------------------------------------------------------- moto


def write_moto_seed(
    plan: Plan, path: Path, *, skip: tuple[str, str] | None = HTTP_PUSHED,
    bulk_repositories: tuple[str, ...] = (),
    extra_accounts: dict[str, dict[str, list[str]]] | None = None,
    extra_access_keys: dict[str, list[str]] | None = None,
    extra_images: list[dict[str, str]] | None = None,
) -> None:
    """JSON for ``moto_launcher --seed-file``; ``skip`` (repo, tag) is put later via boto3.
    ``bulk_repositories`` are loaded without moto's O(n) per-image checks (one image per tag);
    ``extra_accounts``: account -> region -> repository names (empty repositories)."""
    images = []
    for image in plan.images:
        tags: list[str | None] = list(image.tags) or [None]
        for tag in tags:
            if skip and (image.repository, tag) == skip:
                continue
            images.append({
                "region": REGION, "repository": image.repository, "tag": tag,
                "manifest": image.manifest.decode(), "media_type": image.media_type,
                "digest": image.digest, "pushed_at": image.pushed_at, "size": image.size,
            })
    path.write_text(json.dumps({
        "account_id": ACCOUNT_ID, "repositories": plan.repositories, "images": images,
        "access_keys": {OTHER_ACCOUNT_ID: [EU_ACCESS_KEY], **(extra_access_keys or {})},
        "bulk_repositories": list(bulk_repositories),
        "extra_accounts": extra_accounts or {},
        "extra_images": extra_images or [],
    }), encoding="utf-8")


def put_image_via_boto3(plan: Plan, ecr_client: Any, repo: str, tag: str) -> None:
    image = next(i for i in plan.images if i.repository == repo and tag in i.tags)
    ecr_client.put_image(
        repositoryName=repo, imageManifest=image.manifest.decode(),
        imageManifestMediaType=image.media_type, imageTag=tag, imageDigest=image.digest,
    )


# ---------------------------------------------------------------- registry


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _link(path: Path, digest: str) -> None:
    _write(path, digest.encode())


def write_registry_storage(
    plan: Plan, root: Path, *, skip: tuple[str, str] | None = HTTP_PUSHED,
    tags_only: frozenset[str] = frozenset(),
) -> None:
    """Write distribution 2.8's filesystem layout under ``root`` (its ``rootdirectory``).
    ``tags_only`` repositories get their tag links alone (tags/list works, manifests are not
    stored): 50,000 full images would be ~250,000 files, 25 s to write and 20 s to delete."""
    v2 = root / "docker" / "registry" / "v2"
    written: set[str] = set()
    linked: set[Path] = set()

    def blob(digest: str, data: bytes) -> None:
        if digest not in written:
            hexd = digest.split(":", 1)[1]
            _write(v2 / "blobs" / "sha256" / hexd[:2] / hexd / "data", data)
            written.add(digest)

    for image in plan.images:
        if image.repository in tags_only:
            for tag in image.tags:
                tag_dir = v2 / "repositories" / image.repository / "_manifests" / "tags" / tag
                os.makedirs(tag_dir / "current")
                with open(tag_dir / "current" / "link", "wb") as fh:
                    fh.write(image.digest.encode())
            continue
        tags = [t for t in image.tags if not (skip and (image.repository, t) == skip)]
        if image.tags and not tags:
            continue
        repo_dir = v2 / "repositories" / image.repository
        blob(image.digest, image.manifest)
        hexd = image.digest.split(":", 1)[1]
        _link(repo_dir / "_manifests" / "revisions" / "sha256" / hexd / "link", image.digest)
        for digest in (image.config_digest, *image.layer_digests):
            layer_link = repo_dir / "_layers" / "sha256" / str(digest).split(":", 1)[-1] / "link"
            if digest and layer_link not in linked:
                blob(digest, plan.blobs[digest])
                _link(layer_link, digest)
                linked.add(layer_link)
        for tag in tags:
            tag_dir = repo_dir / "_manifests" / "tags" / tag
            _link(tag_dir / "current" / "link", image.digest)
            _link(tag_dir / "index" / "sha256" / hexd / "link", image.digest)


def push_via_http(plan: Plan, client: Any, base_url: str, repo: str, tag: str) -> None:
    """Push one image through the registry HTTP API (``client``: an authenticated httpx.Client)."""
    image = next(i for i in plan.images if i.repository == repo and tag in i.tags)
    for digest in (image.config_digest, *image.layer_digests):
        assert digest is not None
        start = client.post(f"{base_url}/v2/{repo}/blobs/uploads/")
        if start.status_code != 202:
            raise RuntimeError(f"upload start {start.status_code}: {start.text}")
        location = start.headers["Location"]
        sep = "&" if "?" in location else "?"
        done = client.put(
            f"{location}{sep}digest={digest}", content=plan.blobs[digest],
            headers={"Content-Type": "application/octet-stream"},
        )
        if done.status_code != 201:
            raise RuntimeError(f"upload {digest} {done.status_code}: {done.text}")
    put = client.put(
        f"{base_url}/v2/{repo}/manifests/{tag}", content=image.manifest,
        headers={"Content-Type": image.media_type},
    )
    if put.status_code != 201 or put.headers.get("Docker-Content-Digest") != image.digest:
        raise RuntimeError(f"manifest put {put.status_code}: {put.text}")


# ---------------------------------------------------------------- opt-in bench additions

BENCH_TAG_REPOS: dict[str, int] = {
    "bench/tags-2k": 2_345, "bench/tags-5k": 5_000, "bench/tags-50k": 50_000,
}
"""Big repositories for the tag-listing benchmark; only a world that asks for them has them."""


def add_tag_repos(plan: Plan, repos: dict[str, int]) -> None:
    """One distinct single-platform image per tag, cheap to build: shared config and layer,
    manifests made unique by an annotation (like ECR: one image per CI build)."""
    b = _Builder()
    config = _json({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers"}})
    config_digest = sha256_digest(config)
    plan.blobs[config_digest] = config
    layer_digest = sha256_digest(b.shared_layer)
    plan.blobs[layer_digest] = b.shared_layer
    for repo, count in repos.items():
        plan.repositories.setdefault(REGION, []).append(repo)
        for i in range(count):
            tag = f"build-{i:06d}" if i % 3 else f"v{i // 1000}.{i % 1000}.0"
            manifest = json.dumps({
                "schemaVersion": 2, "mediaType": OCI_MANIFEST,
                "config": {"mediaType": OCI_CONFIG, "size": len(config), "digest": config_digest},
                "layers": [{"mediaType": OCI_LAYER, "size": len(b.shared_layer),
                            "digest": layer_digest}],
                "annotations": {"org.opencontainers.image.revision": f"{repo}:{tag}"},
            }).encode()
            plan.images.append(SeededImage(
                repository=repo, digest=sha256_digest(manifest), media_type=OCI_MANIFEST,
                manifest=manifest, tags=(tag,), config_digest=config_digest, os="linux",
                architecture="amd64", layer_digests=(layer_digest,), platforms=("linux/amd64",),
                pushed_at=BASE_TIME + i, size=len(b.shared_layer),
            ))


def bench_account_id(index: int) -> str:
    return f"3000000000{index:02d}"


def bench_access_key(index: int) -> str:
    return f"AKIABENCHACCOUNT{index:04d}"


def bench_account_repositories(index: int, regions: tuple[str, ...]) -> dict[str, list[str]]:
    """A few repositories per region, a different count per account."""
    return {
        region: [f"acct{index:02d}/svc-{j:02d}" for j in range(1 + (index + k) % 7)]
        for k, region in enumerate(regions)
    }
