"""The copy's blob bytes over its own sockets (core/registry/blob_pipe.py) between two real
registries (Debian's docker-registry): every blob arrives with its digest and httpx's streamed
GET and PUT are not used for them; bytes that are not the blob (a source that lies, or ends
early) are never kept by the destination, through either path."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ecr_tui.core.copy import engine
from ecr_tui.core.copy.reading import read_plan
from ecr_tui.core.copy_records import CopyEnd, CopyRequest
from ecr_tui.core.errors import NetworkError, RegistryError
from ecr_tui.core.records import Token
from ecr_tui.core.registry.blob_pipe import BlobPipe
from ecr_tui.core.registry.client import RegistryClient
from ecr_tui.core.registry.upload import blob_chunks, finish_upload, has_blob, start_upload
from tests.harness.copy_world import CopyWorld, Side, running_copy_world

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def copy_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CopyWorld]:
    with running_copy_world(tmp_path_factory.mktemp("copy-pipe-world")) as world:
        yield world


def registry(side: Side, *, writes: bool) -> RegistryClient:
    now = datetime.now(timezone.utc)
    token = Token(side.host, side.url, "AWS", side.password, now + timedelta(hours=1), "p",
                  side.region, now)
    return RegistryClient(side.url, lambda refresh: token, writes=writes)


def test_every_blob_goes_over_the_pipe_and_keeps_its_digest(
    copy_world: CopyWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_over_the_pipe_only(copy_world, monkeypatch, "piped")


def copy_over_the_pipe_only(w: CopyWorld, monkeypatch: pytest.MonkeyPatch, repo: str) -> None:
    """A's app:v1 copied to B's `repo`:v1 by the engine with httpx's blob path closed; every
    blob and the index then checked at B (the TLS tests run it over https)."""

    def not_httpx(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a blob went through httpx's streamed GET/PUT")

    monkeypatch.setattr(engine, "blob_chunks", not_httpx)
    monkeypatch.setattr(engine, "finish_upload", not_httpx)
    request = CopyRequest(CopyEnd(w.a.host, "app", "v1", "src", w.a.region, w.a.account),
                          CopyEnd(w.b.host, repo, "v1", "dst", w.b.region, w.b.account))
    with registry(w.a, writes=False) as src, registry(w.b, writes=True) as dst, \
            ThreadPoolExecutor(4) as pool:
        assert src.direct is not None and dst.direct is not None  # the pipe can be used
        plan = read_plan(src, dst, request, pool)
        progress: list[int] = []
        engine.send(src, dst, plan, lambda p: progress.append(p.bytes_done))
    assert progress[-1] == plan.bytes_to_send == w.image.size
    with w.b.client() as client:
        for digest in w.image.blobs:
            got = client.get(f"/v2/{repo}/blobs/{digest}")
            assert got.status_code == 200
            assert "sha256:" + hashlib.sha256(got.content).hexdigest() == digest
        index = client.get(f"/v2/{repo}/manifests/v1", headers={
            "Accept": "application/vnd.oci.image.index.v1+json"})
        assert index.headers["docker-content-digest"] == w.image.digest


class _Liar(BaseHTTPRequestHandler):
    """A source registry whose blobs are not what their digests say: `wrong` sends other
    bytes of the right length, `short` ends after half of them."""

    mode = "wrong"
    size = 0

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(self.size))
        self.end_headers()
        body = b"x" * self.size
        self.wfile.write(body[: self.size // 2] if self.mode == "short" else body)
        self.close_connection = True

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture()
def liar() -> Iterator[Callable[[str, int], RegistryClient]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Liar)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    clients: list[RegistryClient] = []

    def make(mode: str, size: int) -> RegistryClient:
        _Liar.mode, _Liar.size = mode, size
        now = datetime.now(timezone.utc)
        host = f"127.0.0.1:{server.server_address[1]}"
        token = Token(host, f"http://{host}", "AWS", "pw", now + timedelta(hours=1), "p", "r",
                      now)
        clients.append(RegistryClient(f"http://{host}", lambda refresh: token))
        return clients[-1]

    try:
        yield make
    finally:
        for client in clients:
            client.close()
        server.shutdown()
        server.server_close()


def _through_httpx(source: RegistryClient, destination: RegistryClient, digest: str,
                   size: int, location: str) -> None:
    with blob_chunks(source, "app", digest) as chunks:
        finish_upload(destination, location, digest, size, chunks)


def _through_pipe(source: RegistryClient, destination: RegistryClient, digest: str,
                  size: int, location: str) -> None:
    pipe = BlobPipe(source, destination)
    try:
        pipe.copy("app", digest, size, location, lambda _n: None)
    finally:
        pipe.close()


@pytest.mark.parametrize("path", [_through_pipe, _through_httpx], ids=["pipe", "httpx"])
@pytest.mark.parametrize("mode", ["wrong", "short"])
def test_bytes_that_are_not_the_blob_are_never_kept(
    copy_world: CopyWorld, liar: Callable[[str, int], RegistryClient],
    path: Callable[..., None], mode: str,
) -> None:
    digest, size = copy_world.image.blobs[0], 256 * 1024
    source = liar(mode, size)
    with registry(copy_world.b, writes=True) as destination:
        location = start_upload(destination, "liar")
        with pytest.raises((RegistryError, NetworkError)) as failed:
            path(source, destination, digest, size, location)
        assert copy_world.b.password not in failed.value.message
        assert not has_blob(destination, "liar", digest)


@pytest.fixture(scope="module")
def redirecting(copy_world: CopyWorld) -> Iterator[str]:
    """Account A's registry behind the harness's ECR-like front: a blob GET answers 307 to
    another origin (S3's stand-in), which refuses a request that carries Authorization."""
    from tests.harness import procs
    from tests.harness.copy_world import REPO_ROOT

    port = procs.free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.harness.paging_front", "--port", str(port),
         "--upstream", f"http://127.0.0.1:{copy_world.a.upstream}"],
        cwd=REPO_ROOT, env=copy_world.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        procs.wait_until(f"{url}/v2/", lambda r: r.status_code == 401, proc=proc)
        yield url
    finally:
        procs.stop(proc)


def test_a_blob_redirected_to_another_origin_is_fetched_without_the_token(
    copy_world: CopyWorld, redirecting: str
) -> None:
    w = copy_world
    digest = w.image.blobs[-1]
    with w.a.client() as plain:
        size = len(plain.get(f"/v2/app/blobs/{digest}").content)
    now = datetime.now(timezone.utc)
    token = Token(w.a.host, redirecting, "AWS", w.a.password, now + timedelta(hours=1), "p",
                  w.a.region, now)
    with RegistryClient(redirecting, lambda refresh: token) as source, \
            registry(w.b, writes=True) as destination:
        pipe = BlobPipe(source, destination)
        try:
            pipe.copy("app", digest, size, start_upload(destination, "redirected"),
                      lambda _n: None)
        finally:
            pipe.close()
        assert has_blob(destination, "redirected", digest)


def test_a_refused_token_is_renewed_once_and_the_blob_still_arrives(
    copy_world: CopyWorld,
) -> None:
    w = copy_world
    digest = w.image.blobs[0]
    now = datetime.now(timezone.utc)
    stale = Token(w.a.host, w.a.url, "AWS", "expired", now + timedelta(hours=1), "p",
                  w.a.region, now)
    fresh = Token(w.a.host, w.a.url, "AWS", w.a.password, now + timedelta(hours=1), "p",
                  w.a.region, now)
    asked: list[bool] = []

    def provider(refresh: bool) -> Token:
        asked.append(refresh)
        return fresh if refresh else stale

    with RegistryClient(w.a.url, provider) as source, \
            registry(w.b, writes=True) as destination:
        pipe = BlobPipe(source, destination)
        try:
            pipe.copy("app", digest, 256 * 1024, start_upload(destination, "renewed"),
                      lambda _n: None)
        finally:
            pipe.close()
        assert has_blob(destination, "renewed", digest)
    assert asked == [False, True]
