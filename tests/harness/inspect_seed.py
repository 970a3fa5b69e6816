"""The images `inspect`, `findings` and the detail tabs are tested on (repository inspect/app).

Pushed through the registry's HTTP API (blob uploads and manifest PUTs, several at once),
put into moto with boto3, scanned with StartImageScan and given findings through moto's
documented ``POST /moto-api/static/ecr/scan-finding-results``. Deterministic: tests rebuild
:func:`build` to know every digest.
"""

from __future__ import annotations

import functools
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.harness.seed import (
    ACCOUNT_ID,
    BASE_TIME,
    OCI_CONFIG,
    OCI_INDEX,
    OCI_LAYER,
    OCI_MANIFEST,
    REGION,
    Plan,
    _iso,
    _json,
    sha256_digest,
)

REPO = "inspect/app"
BIG_TAG = "layers-100"
BIG_LAYERS = 100
BIG_FINDINGS = 2_400
SECRET_VALUES = ("s3cr3t-db-password-never-shown", "tok-4f1e-never-shown")
"""Env values seeded into every config: they must never reach any output of ours."""
SIG_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json"
SBOM_TYPE = "application/spdx+json"
EMPTY = "application/vnd.oci.empty.v1+json"
PLATFORMS = ("linux/amd64", "linux/arm64", "linux/arm/v7")


@dataclass
class Manifest:
    reference: str  # tag, or the digest for untagged ones
    body: bytes
    media_type: str
    digest: str
    tags: tuple[str, ...] = ()


@dataclass
class InspectPlan:
    blobs: dict[str, bytes] = field(default_factory=dict)
    manifests: list[Manifest] = field(default_factory=list)  # children before their index
    digests: dict[str, str] = field(default_factory=dict)  # tag -> digest
    layers: dict[str, int] = field(default_factory=dict)  # tag -> blob layer count
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # tag -> history
    children: dict[str, str] = field(default_factory=dict)  # platform -> child digest (multi)
    referrers: dict[str, str] = field(default_factory=dict)  # kind -> referrer digest

    def blob(self, data: bytes) -> str:
        digest = sha256_digest(data)
        self.blobs[digest] = data
        return digest

    def manifest(self, obj: dict[str, Any], tags: tuple[str, ...] = ()) -> Manifest:
        body = _json(obj)
        digest = sha256_digest(body)
        found = Manifest(tags[0] if tags else digest, body, obj["mediaType"], digest, tags)
        self.manifests.append(found)
        for tag in tags:
            self.digests[tag] = digest
        return found


def _image(plan: InspectPlan, name: str, layers: int, arch: str = "amd64", variant: str = "",
           tags: tuple[str, ...] = ()) -> Manifest:
    blobs = [plan.blob(f"{name} layer {i}\n".encode() * (i + 1)) for i in range(layers)]
    history: list[dict[str, Any]] = [{"created": _iso(BASE_TIME), "created_by": "ADD rootfs.tar /"}]
    history.append({"created": _iso(BASE_TIME), "created_by": f"ENV DB_PASSWORD={SECRET_VALUES[0]}",
                    "empty_layer": True})
    for i in range(1, layers):
        if i == 1:
            history.append({"created": _iso(BASE_TIME + i), "created_by":
                            f"|1 API_TOKEN={SECRET_VALUES[1]} /bin/sh -c make fetch"})
            continue
        if i % 4 == 0:
            history.append({"created": _iso(BASE_TIME + i), "created_by": f"ENV STEP={i}",
                            "empty_layer": True})
        history.append({"created": _iso(BASE_TIME + i), "created_by": f"RUN build step {i}"})
    history.append({"created": _iso(BASE_TIME + layers), "empty_layer": True,
                    "created_by": 'ENTRYPOINT ["/app/run"]'})
    config = {
        "created": _iso(BASE_TIME + layers), "architecture": arch, "os": "linux",
        **({"variant": variant} if variant else {}),
        "config": {
            "Env": ["PATH=/usr/local/bin:/usr/bin", f"DB_PASSWORD={SECRET_VALUES[0]}",
                    f"API_TOKEN={SECRET_VALUES[1]}"],
            "Entrypoint": ["/app/run"], "Cmd": ["--serve"], "User": "app",
            "WorkingDir": "/app", "ExposedPorts": {"8080/tcp": {}},
            "Labels": {"org.opencontainers.image.title": name},
        },
        "rootfs": {"type": "layers", "diff_ids": blobs},
        "history": history,
    }
    config_bytes = _json(config)
    found = plan.manifest({
        "schemaVersion": 2, "mediaType": OCI_MANIFEST,
        "config": {"mediaType": OCI_CONFIG, "size": len(config_bytes),
                   "digest": plan.blob(config_bytes)},
        "layers": [{"mediaType": OCI_LAYER, "size": len(plan.blobs[d]), "digest": d}
                   for d in blobs],
    }, tags)
    for tag in tags:
        plan.layers[tag], plan.history[tag] = layers, history
    return found


def _artifact(plan: InspectPlan, subject: Manifest, artifact_type: str, layer_type: str,
              payload: bytes, tags: tuple[str, ...] = ()) -> Manifest:
    empty = plan.blob(b"{}")
    return plan.manifest({
        "schemaVersion": 2, "mediaType": OCI_MANIFEST, "artifactType": artifact_type,
        "config": {"mediaType": EMPTY, "size": 2, "digest": empty},
        "layers": [{"mediaType": layer_type, "size": len(payload), "digest": plan.blob(payload)}],
        "subject": {"mediaType": subject.media_type, "size": len(subject.body),
                    "digest": subject.digest},
        "annotations": {"org.opencontainers.image.created": _iso(BASE_TIME + 500)},
    }, tags)


@functools.cache
def build() -> InspectPlan:
    plan = InspectPlan()
    _image(plan, "big", BIG_LAYERS, tags=(BIG_TAG,))
    v1 = _image(plan, "v1", 5, tags=("v1", "latest"))
    _image(plan, "v0", 2, tags=("v0",))
    children = []
    for platform in PLATFORMS:
        _os, arch, *variant = platform.split("/")
        child = _image(plan, f"multi-{arch}", 3, arch=arch, variant=variant[0] if variant else "")
        plan.children[platform] = child.digest
        children.append((platform, child))
    multi = plan.manifest({
        "schemaVersion": 2, "mediaType": OCI_INDEX,
        "manifests": [
            {"mediaType": OCI_MANIFEST, "size": len(c.body), "digest": c.digest,
             "platform": {"os": "linux", "architecture": p.split("/")[1],
                          **({"variant": p.split("/")[2]} if p.count("/") == 2 else {})}}
            for p, c in children
        ],
    }, ("multi",))
    # v1's signature and SBOM through the referrers tag schema (distribution 2.8 has no API).
    claim = json.dumps({"critical": {"image": {"docker-manifest-digest": v1.digest}}}).encode()
    sig = _artifact(plan, v1, SIG_TYPE, "application/vnd.dev.cosign.simplesigning.v1+json", claim)
    sbom = _artifact(plan, v1, SBOM_TYPE, SBOM_TYPE, b'{"spdxVersion":"SPDX-2.3"}')
    plan.referrers = {"signature": sig.digest, "sbom": sbom.digest}
    plan.manifest({
        "schemaVersion": 2, "mediaType": OCI_INDEX,
        "manifests": [
            {"mediaType": OCI_MANIFEST, "size": len(m.body), "digest": m.digest,
             "artifactType": kind,
             "annotations": {"org.opencontainers.image.created": _iso(BASE_TIME + 500)}}
            for m, kind in ((sig, SIG_TYPE), (sbom, SBOM_TYPE))
        ],
    }, (v1.digest.replace(":", "-"),))
    # cosign's own tags for the index: .sig and .att.
    base = multi.digest.replace(":", "-")
    for suffix, layer_type in ((".sig", "application/vnd.dev.cosign.simplesigning.v1+json"),
                               (".att", "application/vnd.dsse.envelope.v1+json")):
        payload = f"{suffix} for {multi.digest}".encode()
        cfg = plan.blob(b'{"architecture":"","os":"","rootfs":{"type":"layers","diff_ids":[]}}')
        plan.manifest({
            "schemaVersion": 2, "mediaType": OCI_MANIFEST,
            "config": {"mediaType": OCI_CONFIG, "size": len(plan.blobs[cfg]), "digest": cfg},
            "layers": [{"mediaType": layer_type, "size": len(payload),
                        "digest": plan.blob(payload)}],
        }, (base + suffix,))
    return plan


def add_repository(plan: Plan) -> None:
    plan.repositories.setdefault(REGION, []).append(REPO)


def extend_moto_seed(seed_file: Path) -> None:
    """Pulled and archived images: what moto cannot be told through an API."""
    data = json.loads(seed_file.read_text(encoding="utf-8"))
    digests = build().digests
    data["image_extras"] = {
        digests["v1"]: {"last_pull": BASE_TIME + 86_400},
        digests[BIG_TAG]: {"last_pull": BASE_TIME + 3_600},
        digests["v0"]: {"status": "ARCHIVED"},
    }
    seed_file.write_text(json.dumps(data), encoding="utf-8")


def push_to(base_url: str, basic_token: str) -> None:
    import httpx

    auth = {"Authorization": f"Basic {basic_token}"}
    with httpx.Client(headers=auth, timeout=30, trust_env=False) as client:
        push(client, base_url)


def push(client: Any, base_url: str) -> None:
    """Blobs (POST, then PUT with the digest), then manifests (children first), at once."""
    plan = build()

    def upload(digest: str) -> None:
        start = client.post(f"{base_url}/v2/{REPO}/blobs/uploads/")
        location = start.headers.get("Location", "")
        sep = "&" if "?" in location else "?"
        answer = client.put(f"{location}{sep}digest={digest}", content=plan.blobs[digest],
                            headers={"Content-Type": "application/octet-stream"})
        if answer.status_code != 201:
            raise RuntimeError(f"blob {digest}: {answer.status_code} {answer.text}")

    def put(m: Manifest) -> None:
        for ref in m.tags or (m.digest,):
            answer = client.put(f"{base_url}/v2/{REPO}/manifests/{ref}", content=m.body,
                                headers={"Content-Type": m.media_type})
            if answer.status_code != 201:
                raise RuntimeError(f"manifest {ref}: {answer.status_code} {answer.text}")

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(upload, plan.blobs))
        # An index may only name manifests the registry already has.
        images = [m for m in plan.manifests if m.media_type != OCI_INDEX]
        list(pool.map(put, images))
        list(pool.map(put, [m for m in plan.manifests if m.media_type == OCI_INDEX]))


def put_into_moto(ecr: Any, moto_url: str, http: Any) -> None:
    """Every tagged manifest (and the index's children) into moto; scans and findings."""
    plan = build()
    for m in plan.manifests:
        is_artifact = "subject" in json.loads(m.body)
        if is_artifact:
            continue
        for tag in m.tags or (None,):
            kwargs = {"imageTag": tag} if tag else {}
            ecr.put_image(repositoryName=REPO, imageManifest=m.body.decode(),
                          imageManifestMediaType=m.media_type, imageDigest=m.digest, **kwargs)
    results = [
        _scan(plan.digests[BIG_TAG], "findings", [_basic(i) for i in range(BIG_FINDINGS)]),
        _scan(plan.digests["v1"], "enhancedFindings", [_enhanced(i) for i in range(30)]),
        {"repositoryName": REPO, "imageId": {"imageDigest": plan.digests["multi"]},
         "imageScanStatus": {"status": "UNSUPPORTED_IMAGE",
                             "description": "The operating system is not supported"}},
    ]
    for digest in (plan.digests[BIG_TAG], plan.digests["v1"], plan.digests["multi"]):
        ecr.start_image_scan(repositoryName=REPO, imageId={"imageDigest": digest})
    answer = http.post(f"{moto_url}/moto-api/static/ecr/scan-finding-results",
                       json={"results": results, "region": REGION, "account_id": ACCOUNT_ID})
    answer.raise_for_status()


SEVERITY_CYCLE = ("CRITICAL", "HIGH", "HIGH", "MEDIUM", "MEDIUM", "MEDIUM", "LOW", "LOW",
                  "INFORMATIONAL", "UNDEFINED")


def _scan(digest: str, key: str, findings: list[dict[str, Any]]) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f["severity"]] = counts.get(f["severity"], 0) + 1
    return {
        "repositoryName": REPO, "imageId": {"imageDigest": digest},
        "imageScanStatus": {"status": "COMPLETE", "description": "The scan was completed."},
        "imageScanFindings": {key: findings, "findingSeverityCounts": counts,
                              "imageScanCompletedAt": BASE_TIME + 7_200},
    }


def _basic(i: int) -> dict[str, Any]:
    return {
        "name": f"CVE-2025-{10000 + i}", "severity": SEVERITY_CYCLE[i % 10],
        "description": f"flaw number {i} in pkg{i % 37}",
        "uri": f"https://security-tracker.example/CVE-2025-{10000 + i}",
        "attributes": [{"key": "package_name", "value": f"pkg{i % 37}"},
                       {"key": "package_version", "value": f"1.{i % 9}.0"},
                       {"key": "CVSS3_SCORE", "value": f"{(i % 100) / 10:.1f}"}],
    }


def _enhanced(i: int) -> dict[str, Any]:
    severity = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "UNTRIAGED")[i % 5]
    return {
        "awsAccountId": ACCOUNT_ID, "description": f"enhanced flaw {i}",
        "findingArn": f"arn:aws:inspector2:{REGION}:{ACCOUNT_ID}:finding/{i:032x}",
        "severity": severity, "status": "ACTIVE", "title": f"CVE-2024-{2000 + i} - libfoo{i % 5}",
        "type": "PACKAGE_VULNERABILITY", "score": 9.8 - (i % 5) * 2,
        "packageVulnerabilityDetails": {
            "vulnerabilityId": f"CVE-2024-{2000 + i}", "source": "NVD",
            "cvss": [{"baseScore": 9.8 - (i % 5) * 2, "scoringVector": "CVSS:3.1/AV:N",
                      "source": "NVD", "version": "3.1"}],
            "vulnerablePackages": [{"name": f"libfoo{i % 5}", "version": "1.0.0",
                                    "fixedInVersion": "1.0.1", "packageManager": "OS"}],
        },
    }
