"""The copy over https, as ECR is: two real registries (Debian's docker-registry serving TLS
with a throwaway CA's certificate for 127.0.0.1, htpasswd Basic auth) behind the copy world's
fronts. The blob pipe (core/registry/blob_pipe.py) trusts what httpx trusts (AWS_CA_BUNDLE);
a certificate that trust store does not accept, or one made for another name, is refused
with one line naming the registry and the fix, and nothing is written at the destination."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ecr_tui.core.errors import NetworkError
from ecr_tui.core.records import Token
from ecr_tui.core.registry.blob_pipe import BlobPipe
from ecr_tui.core.registry.client import RegistryClient
from ecr_tui.core.registry.upload import has_blob, start_upload
from tests.harness.copy_world import CopyWorld, running_copy_world
from tests.harness.tls_certs import Ca, ServerCert, make_ca, server_cert
from tests.integration.test_cli_e2e import ecr_tui
from tests.integration.test_copy_e2e import INDEX_ACCEPT, WRITES, uploads, writes_in
from tests.integration.test_copy_pipe import copy_over_the_pipe_only, registry

pytestmark = pytest.mark.integration
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY",
                   "all_proxy")
CA_FIX = "AWS_CA_BUNDLE"


@dataclass(frozen=True)
class Certs:
    ca: Ca  # signs the registries' certificate
    server: ServerCert  # 127.0.0.1 and localhost
    other_ca: Ca  # signs nothing the registries send
    elsewhere: ServerCert  # signed by `ca`, for another name only


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certs:
    where = tmp_path_factory.mktemp("certs")
    ca = make_ca(where, "test")
    return Certs(ca, server_cert(where, ca, "registry"), make_ca(where, "other"),
                 server_cert(where, ca, "elsewhere", ("DNS:registry.elsewhere.test",)))


@pytest.fixture(scope="module")
def tls_world(tmp_path_factory: pytest.TempPathFactory, certs: Certs) -> Iterator[CopyWorld]:
    with running_copy_world(tmp_path_factory.mktemp("copy-tls-world"),
                            tls=(certs.server, certs.ca)) as world:
        yield world


@pytest.fixture()
def trust(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path | None], None]:
    """trust(bundle): clients made afterwards trust AWS_CA_BUNDLE=bundle (None: the default
    store), with no proxy in the way (the pipe is used only then)."""
    for name in (*PROXY_VARIABLES, "SSL_CERT_FILE", "AWS_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)

    def use(bundle: Path | None) -> None:
        if bundle is None:
            monkeypatch.delenv("AWS_CA_BUNDLE", raising=False)
        else:
            monkeypatch.setenv("AWS_CA_BUNDLE", str(bundle))

    return use


def test_every_blob_crosses_https_over_the_pipe_and_keeps_its_digest(
    tls_world: CopyWorld, certs: Certs, trust: Callable[[Path | None], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert tls_world.a.url.startswith("https://") and tls_world.b.url.startswith("https://")
    trust(certs.ca.cert)
    copy_over_the_pipe_only(tls_world, monkeypatch, "piped")


def test_ecr_tui_copy_over_https_keeps_every_digest(tls_world: CopyWorld, certs: Certs) -> None:
    w = tls_world
    before = len(w.b.access())
    env = {**w.env, "AWS_CA_BUNDLE": str(certs.ca.cert)}
    result = ecr_tui(["copy", f"{w.a.host}/app:v1", f"{w.b.host}/app:over-tls", *WRITES], env)
    assert result.returncode == 0, result.stderr
    assert sorted(uploads(w.b, before)) == sorted(w.image.blobs)  # each once
    with w.b.client() as client:
        index = client.get("/v2/app/manifests/over-tls", headers=INDEX_ACCEPT)
        assert index.headers["docker-content-digest"] == w.image.digest
        assert index.content == w.image.body


@pytest.mark.parametrize("bundle", ["other", "none"])
def test_a_certificate_the_trust_store_refuses_stops_the_copy_in_one_line(
    tls_world: CopyWorld, certs: Certs, bundle: str,
) -> None:
    w = tls_world
    before = len(w.b.access())
    env = dict(w.env)
    if bundle == "other":
        env["AWS_CA_BUNDLE"] = str(certs.other_ca.cert)
    result = ecr_tui(["copy", f"{w.a.host}/app:v1", f"{w.b.host}/app:refused", *WRITES], env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert "Traceback" not in result.stderr and w.a.password not in result.stderr + result.stdout
    assert f"registry {w.a.url.split('://')[1]}" in line  # the source, read first
    assert "certificate" in line and CA_FIX in line.partition("(fix:")[2], line
    assert writes_in(w.b, before) == []


def _blob_of(w: CopyWorld) -> tuple[str, bytes]:
    digest = w.image.blobs[0]
    with w.a.client() as client:
        return digest, client.get(f"/v2/app/blobs/{digest}").content


@pytest.mark.parametrize("untrusted", ["source", "destination"])
def test_the_pipe_refuses_a_certificate_its_trust_store_does_not_accept(
    tls_world: CopyWorld, certs: Certs, trust: Callable[[Path | None], None], untrusted: str,
) -> None:
    w = tls_world
    digest, body = _blob_of(w)
    repo = f"refused-{untrusted}"
    trust(certs.ca.cert)
    with registry(w.a, writes=False) as good_src, registry(w.b, writes=True) as good_dst:
        location = start_upload(good_dst, repo)
        trust(certs.other_ca.cert)
        with registry(w.a, writes=False) as bad_src, registry(w.b, writes=True) as bad_dst:
            src, dst = (bad_src, good_dst) if untrusted == "source" else (good_src, bad_dst)
            pipe = BlobPipe(src, dst)
            try:
                with pytest.raises(NetworkError) as refused:
                    pipe.copy("app", digest, len(body), location, lambda _n: None)
            finally:
                pipe.close()
        side = w.a if untrusted == "source" else w.b
        error = refused.value
        assert f"registry {side.url.split('://')[1]}" in error.message
        assert "certificate" in error.message and error.fix and CA_FIX in error.fix
        assert w.a.password not in str(error) and w.b.password not in str(error)
        assert not has_blob(good_dst, repo, digest)


class _Elsewhere(BaseHTTPRequestHandler):
    """A registry at 127.0.0.1 whose certificate (from the trusted CA) names another host:
    it serves /v2/ and the blob, so only the name check stops a client."""

    protocol_version = "HTTP/1.1"
    blob = b""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        body = b"{}" if self.path == "/v2/" else self.blob
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture()
def elsewhere(tls_world: CopyWorld, certs: Certs) -> Iterator[str]:
    _Elsewhere.blob = _blob_of(tls_world)[1]
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Elsewhere)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certs.elsewhere.cert, certs.elsewhere.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_certificate_for_another_name_is_refused(
    tls_world: CopyWorld, certs: Certs, trust: Callable[[Path | None], None], elsewhere: str,
) -> None:
    w = tls_world
    digest, body = _blob_of(w)
    trust(certs.ca.cert)
    now = datetime.now(timezone.utc)
    host = elsewhere.split("://")[1]
    token = Token(host, elsewhere, "AWS", w.a.password, now + timedelta(hours=1), "p",
                  w.a.region, now)
    with RegistryClient(elsewhere, lambda refresh: token) as src, \
            registry(w.b, writes=True) as dst:
        with pytest.raises(NetworkError) as through_httpx:
            src.ping()
        pipe = BlobPipe(src, dst)
        try:
            with pytest.raises(NetworkError) as through_pipe:
                pipe.copy("app", digest, len(body), start_upload(dst, "elsewhere"),
                          lambda _n: None)
        finally:
            pipe.close()
        assert not has_blob(dst, "elsewhere", digest)
    for error in (through_httpx.value, through_pipe.value):
        assert f"registry {host}" in error.message and "another name" in error.message
        assert error.fix and "address" in error.fix
        assert w.a.password not in str(error)
