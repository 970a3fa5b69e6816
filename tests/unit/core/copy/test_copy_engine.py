"""The copy's plan and engine against in-memory registries behind httpx.MockTransport: every
request spied on. Writes off: no PUT/POST/PATCH leaves. Children before the index, exact bytes,
HEAD-skip, mount within one registry, bodies streamed (never one whole blob), --platform."""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from ecr_tui.core.copy.engine import send
from ecr_tui.core.copy.preview import write_plan
from ecr_tui.core.copy.reading import read_plan
from ecr_tui.core.copy_records import CopyEnd, CopyRequest
from ecr_tui.core.errors import WritesOff
from ecr_tui.core.models import Token
from ecr_tui.core.records import Repository
from ecr_tui.core.registry.client import RegistryClient
from ecr_tui.core.registry.upload import put_manifest, start_upload

INDEX = "application/vnd.oci.image.index.v1+json"
MANIFEST = "application/vnd.oci.image.manifest.v1+json"
SRC_HOST = "111122223333.dkr.ecr.us-east-1.amazonaws.com"
DST_HOST = "444455556666.dkr.ecr.eu-west-1.amazonaws.com"


def sha(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


class FakeRegistry:
    """Blobs and manifests per repository; records every request (method, path, body size
    and the largest single chunk a streamed body came in)."""

    def __init__(self) -> None:
        self.blobs: dict[tuple[str, str], bytes] = {}
        self.manifests: dict[tuple[str, str], tuple[bytes, str]] = {}
        self.requests: list[tuple[str, str]] = []
        self.largest_chunk = 0
        self._uploads = 0

    def handler(self, request: httpx.Request) -> httpx.Response:
        path, method = request.url.path, request.method
        self.requests.append((method, path + ("?" + request.url.query.decode()
                                              if request.url.query else "")))
        name, _, rest = path.removeprefix("/v2/").partition("/blobs/")
        if rest == "uploads/" and method == "POST":
            mount, source = request.url.params.get("mount"), request.url.params.get("from")
            if mount and (source, mount) in self.blobs:
                self.blobs[(name, mount)] = self.blobs[(source, mount)]
                return httpx.Response(201)
            self._uploads += 1
            return httpx.Response(202, headers={"Location": f"/v2/{name}/blobs/uploads/"
                                                            f"u{self._uploads}?_state=x"})
        if rest.startswith("uploads/") and method == "PUT":
            body = b""
            for chunk in request.stream:  # type: ignore[union-attr]
                self.largest_chunk = max(self.largest_chunk, len(chunk))
                body += chunk
            digest = request.url.params["digest"]
            assert sha(body) == digest and request.url.params["_state"] == "x"
            self.blobs[(name, digest)] = body
            return httpx.Response(201)
        if rest:
            found = self.blobs.get((name, rest))
            if found is None:
                return httpx.Response(404, json={"errors": [{"code": "BLOB_UNKNOWN"}]})
            if method == "HEAD":
                return httpx.Response(200)
            pieces = (found[i:i + 65536] for i in range(0, len(found), 65536))
            return httpx.Response(200, content=pieces)  # streamed, as a socket gives it
        name, _, reference = path.removeprefix("/v2/").partition("/manifests/")
        if method == "PUT":
            body = request.read()
            media = request.headers["content-type"]
            doc = json.loads(body)
            for d in [doc.get("config")] + doc.get("layers", []) + doc.get("manifests", []):
                if d and (name, d["digest"]) not in self.blobs | self.manifests:
                    return httpx.Response(400, json={"errors": [{"code": "BLOB_UNKNOWN"}]})
            self.manifests[(name, reference)] = self.manifests[(name, sha(body))] = (body, media)
            return httpx.Response(201, headers={"Docker-Content-Digest": sha(body)})
        found_m = self.manifests.get((name, reference))
        if found_m is None:
            return httpx.Response(404, json={"errors": [{"code": "MANIFEST_UNKNOWN"}]})
        return httpx.Response(200, content=b"" if method == "HEAD" else found_m[0], headers={
            "Content-Type": found_m[1], "Docker-Content-Digest": sha(found_m[0])})

    def seed_index(self, repo: str, tag: str) -> tuple[str, dict[str, str]]:
        base = b"B" * 300_000  # shared by both platforms
        children = {}
        entries = []
        for arch in ("amd64", "arm64"):
            layer, config = arch.encode() * 200_000, json.dumps({"architecture": arch}).encode()
            for blob in (base, layer, config):
                self.blobs[(repo, sha(blob))] = blob
            body = json.dumps({"schemaVersion": 2, "mediaType": MANIFEST, "config": {
                "digest": sha(config), "size": len(config)}, "layers": [
                {"digest": sha(base), "size": len(base)},
                {"digest": sha(layer), "size": len(layer)}]}, indent=3).encode()  # odd bytes
            self.manifests[(repo, sha(body))] = (body, MANIFEST)
            children[f"linux/{arch}"] = sha(body)
            entries.append({"mediaType": MANIFEST, "digest": sha(body), "size": len(body),
                            "platform": {"os": "linux", "architecture": arch}})
        index = json.dumps({"schemaVersion": 2, "mediaType": INDEX, "manifests": entries}
                           ).encode()
        self.manifests[(repo, tag)] = self.manifests[(repo, sha(index))] = (index, INDEX)
        return sha(index), children


def client(registry: FakeRegistry, host: str, *, writes: bool) -> RegistryClient:
    token = Token(host, f"https://{host}", "AWS", "pw", datetime.now(timezone.utc)
                  + timedelta(hours=1), "p", "r", datetime.now(timezone.utc))
    return RegistryClient(f"https://{host}", lambda refresh: token,
                          transport=httpx.MockTransport(registry.handler), writes=writes)


def request(src_repo: str = "app", dst_host: str = DST_HOST, dst_repo: str = "app",
            tag: str = "prod", platform: str = "") -> CopyRequest:
    return CopyRequest(CopyEnd(SRC_HOST, src_repo, "v1", "src", "us-east-1", "111122223333"),
                       CopyEnd(dst_host, dst_repo, tag, "dst", "eu-west-1", "444455556666"),
                       platform=platform)


@pytest.fixture()
def pool():
    with ThreadPoolExecutor(4) as executor:
        yield executor


def test_with_writes_off_the_registry_client_sends_no_write(pool) -> None:
    registry = FakeRegistry()
    dst = client(registry, DST_HOST, writes=False)
    with pytest.raises(WritesOff):
        start_upload(dst, "app")
    with pytest.raises(WritesOff):
        put_manifest(dst, "app", "v1", b"{}", MANIFEST)
    registry.seed_index("app", "v1")
    plan = read_plan(client(registry, SRC_HOST, writes=False), dst, request(), pool)
    with pytest.raises(WritesOff):
        send(client(registry, SRC_HOST, writes=False), dst, plan)
    assert {m for m, _ in registry.requests} <= {"GET", "HEAD"}  # the plan's reads only


def test_a_copy_puts_children_before_the_index_with_the_same_bytes(pool) -> None:
    source, destination = FakeRegistry(), FakeRegistry()
    digest, children = source.seed_index("app", "v1")
    src, dst = client(source, SRC_HOST, writes=False), client(destination, DST_HOST, writes=True)
    plan = read_plan(src, dst, request(), pool)
    assert plan.digest == digest and [m.platform for m in plan.manifests] == [
        "linux/amd64", "linux/arm64", ""]
    assert len(plan.blobs("upload")) == 5  # the shared base layer once
    progress = []
    send(src, dst, plan, progress.append)
    puts = [p for m, p in destination.requests if m == "PUT" and "/manifests/" in p]
    assert puts == [f"/v2/app/manifests/{d}" for d in children.values()] + [
        "/v2/app/manifests/prod"]
    assert destination.manifests[("app", "prod")] == source.manifests[("app", "v1")]
    assert progress[-1].manifests_done == 3 and progress[-1].bytes_done == plan.bytes_to_send
    assert src.writes is False  # the source is only read


def test_what_the_destination_has_is_skipped_and_a_second_run_sends_nothing(pool) -> None:
    source, destination = FakeRegistry(), FakeRegistry()
    source.seed_index("app", "v1")
    src, dst = client(source, SRC_HOST, writes=False), client(destination, DST_HOST, writes=True)
    send(src, dst, read_plan(src, dst, request(), pool))
    again = read_plan(src, dst, request(), pool)
    assert again.blobs("upload", "mount") == [] and again.nothing_to_do
    assert "has every blob" in " ".join(write_plan(again).warnings)


def test_within_one_registry_blobs_are_mounted_not_sent(pool) -> None:
    registry = FakeRegistry()
    registry.seed_index("app", "v1")
    src, dst = client(registry, SRC_HOST, writes=True), client(registry, SRC_HOST, writes=True)
    plan = read_plan(src, dst, request(dst_host=SRC_HOST, dst_repo="promoted"), pool)
    assert {b.action for b in plan.blobs()} == {"mount"}
    send(src, dst, plan)
    posts = [p for m, p in registry.requests if m == "POST"]
    assert len(posts) == 5 and all("mount=" in p and "from=app" in p for p in posts)
    assert not [p for m, p in registry.requests if m == "PUT" and "/blobs/" in p]


def test_one_platform_copies_its_child_and_the_tag_names_the_child(pool) -> None:
    source, destination = FakeRegistry(), FakeRegistry()
    _digest, children = source.seed_index("app", "v1")
    src, dst = client(source, SRC_HOST, writes=False), client(destination, DST_HOST, writes=True)
    plan = read_plan(src, dst, request(platform="linux/arm64"), pool)
    assert plan.digest == children["linux/arm64"] and len(plan.manifests) == 1
    send(src, dst, plan)
    assert sha(destination.manifests[("app", "prod")][0]) == children["linux/arm64"]


def test_the_preview_names_the_calls_and_refuses_an_immutable_tag_that_moves(pool) -> None:
    source, destination = FakeRegistry(), FakeRegistry()
    source.seed_index("app", "v1")
    destination.seed_index("app", "prod")  # the same image: the tag would not move
    src, dst = client(source, SRC_HOST, writes=False), client(destination, DST_HOST, writes=True)
    plan = read_plan(src, dst, request(), pool)
    immutable = Repository("app", "", "", tag_mutability="IMMUTABLE")
    from dataclasses import replace

    assert write_plan(replace(plan, destination_repository=immutable)).refusals == ()
    moved = replace(plan, destination_repository=immutable, current="sha256:" + "0" * 64)
    assert "immutable" in write_plan(moved).refusals[0].text
    archived = write_plan(replace(plan, source_status="ARCHIVED"))
    assert "ARCHIVED" in archived.refusals[0].text
    lines = write_plan(plan).preview()
    assert any(line.strip().startswith("PUT ") and line.strip().endswith("bytes)")
               for line in lines)
    assert lines[1].startswith("  source     " + SRC_HOST + "/app:v1")


def test_with_referrers_the_signature_and_its_tag_follow_the_image(pool) -> None:
    source, destination = FakeRegistry(), FakeRegistry()
    digest, _children = source.seed_index("app", "v1")
    config, sig = b"{}", b"signature"
    for blob in (config, sig):
        source.blobs[("app", sha(blob))] = blob
    body = json.dumps({"schemaVersion": 2, "mediaType": MANIFEST,
                       "artifactType": "application/vnd.dev.cosign.artifact.sig.v1+json",
                       "config": {"digest": sha(config), "size": 2},
                       "layers": [{"digest": sha(sig), "size": len(sig)}],
                       "subject": {"mediaType": INDEX, "digest": digest, "size": 1}}).encode()
    source.manifests[("app", sha(body))] = (body, MANIFEST)
    schema = json.dumps({"schemaVersion": 2, "mediaType": INDEX, "manifests": [{
        "mediaType": MANIFEST, "digest": sha(body), "size": len(body),
        "artifactType": "application/vnd.dev.cosign.artifact.sig.v1+json"}]}).encode()
    fallback = digest.replace(":", "-")
    source.manifests[("app", fallback)] = (schema, INDEX)  # no referrers API: the tag schema
    src, dst = client(source, SRC_HOST, writes=False), client(destination, DST_HOST, writes=True)
    plan = read_plan(src, dst, CopyRequest(request().source, request().destination,
                                           with_referrers=True), pool)
    assert plan.referrers == 2 and [m.tag for m in plan.manifests][-3:] == ["prod", "", fallback]
    send(src, dst, plan)
    assert destination.manifests[("app", sha(body))][0] == body
    assert destination.manifests[("app", fallback)][0] == schema
