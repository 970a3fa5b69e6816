"""RegistryClient against httpx.MockTransport: paging, auth refresh, retries, faults."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from ecr_tui.core.errors import AccessDeniedError, ConfigError, NetworkError, RegistryError
from ecr_tui.core.models import Token
from ecr_tui.core.registry.client import RegistryClient
from ecr_tui.core.registry.http_setup import ssl_verify
from ecr_tui.core.registry.manifests import parse_rfc3339
from ecr_tui.core.registry.retry_after import retry_delay

HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com"
ENDPOINT = f"https://{HOST}"
PASSWORDS = ["first-password-" + "a" * 48, "second-password-" + "b" * 48]
Handler = Callable[[httpx.Request], httpx.Response]


class Tokens:
    """A token provider that hands out a new password on each refresh and records calls."""

    def __init__(self) -> None:
        self.calls: list[bool] = []

    def __call__(self, refresh: bool) -> Token:
        self.calls.append(refresh)
        password = PASSWORDS[min(len(self.calls), len(PASSWORDS)) - 1]
        return Token(
            registry=HOST,
            endpoint=ENDPOINT,
            username="AWS",
            password=password,
            expires_at=datetime.now(timezone.utc) + timedelta(hours=12),
            profile="dev",
            region="us-east-1",
        )


def auth(password: str) -> str:
    return "Basic " + base64.b64encode(f"AWS:{password}".encode()).decode()


def make_client(
    handler: Handler, tokens: Tokens | None = None, endpoint: str = ENDPOINT, **kwargs: Any
) -> tuple[RegistryClient, Tokens, list[float]]:
    tokens = tokens or Tokens()
    sleeps: list[float] = []
    client = RegistryClient(
        endpoint, tokens, transport=httpx.MockTransport(handler), sleep=sleeps.append, **kwargs
    )
    return client, tokens, sleeps


def tags_page(tags: list[str] | None, link: str | None = None, **kwargs: Any) -> httpx.Response:
    headers = {"Link": link} if link else {}
    return httpx.Response(200, json={"name": "team/api", "tags": tags}, headers=headers, **kwargs)


def assert_no_secret(exc: BaseException) -> None:
    texts = [str(exc), repr(exc), repr(exc.args), "".join(traceback.format_exception(exc))]
    secrets = [*PASSWORDS, *(auth(p).split()[1] for p in PASSWORDS)]
    for text in texts:
        for secret in secrets:
            assert secret not in text
        assert "Authorization" not in text


def test_import_does_not_load_httpx() -> None:
    code = "import ecr_tui.core.registry.client, sys; assert 'httpx' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_ping_sends_basic_auth_from_token() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    client, tokens, _ = make_client(handler)
    with client:
        client.ping()
    assert [str(r.url) for r in seen] == [f"{ENDPOINT}/v2/"]
    assert seen[0].headers["authorization"] == auth(PASSWORDS[0])
    assert tokens.calls == [False]


def test_http_endpoint_used_as_given() -> None:
    urls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        urls.append(str(request.url))
        return tags_page(["v1"])

    client, _, _ = make_client(handler, endpoint="http://127.0.0.1:5000/v2/")
    assert client.host == "127.0.0.1:5000"
    assert client.list_tags("team/api") == ["v1"]
    assert urls == ["http://127.0.0.1:5000/v2/team/api/tags/list?n=1000"]


def test_list_tags_follows_relative_and_absolute_links() -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        last = request.url.params.get("last")
        if last is None:
            return tags_page(["b", "a"], '</v2/team/api/tags/list?n=2&last=a>; rel="next"')
        if last == "a":
            return tags_page(
                ["d", "c"], f'<{ENDPOINT}/v2/team/api/tags/list?n=2&last=c>; rel="next"'
            )
        return tags_page(["e"])

    client, _, _ = make_client(handler)
    assert client.list_tags("team/api", page_size=2) == ["b", "a", "d", "c", "e"]
    assert requests[0].url.raw_path == b"/v2/team/api/tags/list?n=2"
    assert [r.url.params.get("last") for r in requests] == [None, "a", "c"]


def test_list_tags_when_server_ignores_n() -> None:
    every = [f"t{i}" for i in range(2500)]
    client, _, _ = make_client(lambda request: tags_page(every))
    assert client.list_tags("team/api", page_size=1000) == every


def test_list_tags_clamps_page_size_and_accepts_null_tags() -> None:
    urls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        urls.append(str(request.url))
        return tags_page(None)

    client, _, _ = make_client(handler)
    assert client.list_tags("api", page_size=5000) == []
    assert urls[0].endswith("?n=1000")


def test_list_tags_rejects_link_to_another_host() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.host)
        return tags_page(["a"], '<https://evil.example/v2/team/api/tags/list?last=a>; rel="next"')

    client, _, _ = make_client(handler)
    with pytest.raises(RegistryError, match="another host"):
        client.list_tags("team/api")
    assert calls == [HOST]


def test_list_tags_stops_on_a_link_loop() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        other = "b" if request.url.params.get("last") == "a" else "a"
        return tags_page([other], f'</v2/api/tags/list?n=1000&last={other}>; rel="next"')

    client, _, _ = make_client(handler)
    with pytest.raises(RegistryError, match="loops back"):
        client.list_tags("api")
    assert len(calls) == 3


def test_list_tags_stops_after_max_pages() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        page = len(calls)
        return tags_page([f"t{page}"], f'</v2/api/tags/list?last=t{page}>; rel="next"')

    client, _, _ = make_client(handler, max_pages=5)
    with pytest.raises(RegistryError, match="more than 5 pages"):
        client.list_tags("api")
    assert len(calls) == 5


def test_malformed_json_is_a_registry_error() -> None:
    client, _, _ = make_client(lambda request: httpx.Response(200, content=b"{not json"))
    with pytest.raises(RegistryError, match=f"{HOST} returned an unreadable tag list"):
        client.list_tags("api")


def test_wrong_json_shape_is_a_registry_error() -> None:
    client, _, _ = make_client(lambda request: httpx.Response(200, json={"tags": "v1"}))
    with pytest.raises(RegistryError, match="unreadable"):
        client.list_tags("api")


def test_json_with_text_plain_content_type_is_accepted() -> None:
    body = json.dumps({"name": "api", "tags": ["v1", "v2"]}).encode()
    response = httpx.Response(200, content=body, headers={"Content-Type": "text/plain"})
    client, _, _ = make_client(lambda request: response)
    assert client.list_tags("api") == ["v1", "v2"]


def test_not_found() -> None:
    payload = {"errors": [{"code": "NAME_UNKNOWN", "message": "repository name not known"}]}
    client, _, _ = make_client(lambda request: httpx.Response(404, json=payload))
    with pytest.raises(RegistryError, match="repository or tag not found") as info:
        client.manifest("team/api", "latest")
    assert "NAME_UNKNOWN" in str(info.value)


def test_invalid_names_never_reach_the_network() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request expected")

    client, _, _ = make_client(handler)
    with pytest.raises(RegistryError, match="invalid repository"):
        client.list_tags("../etc")
    with pytest.raises(RegistryError, match="invalid tag"):
        client.manifest("api", "a/b")
    with pytest.raises(RegistryError, match="invalid digest"):
        client.image_config("api", "sha256:short")


def test_401_refreshes_the_token_once_then_succeeds() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["authorization"])
        if request.headers["authorization"] == auth(PASSWORDS[0]):
            return httpx.Response(401, headers={"WWW-Authenticate": 'Basic realm="x"'})
        return tags_page(["v1"])

    client, tokens, _ = make_client(handler)
    assert client.list_tags("api") == ["v1"]
    assert tokens.calls == [False, True]
    assert seen == [auth(PASSWORDS[0]), auth(PASSWORDS[1])]
    client.ping()
    assert tokens.calls == [False, True]  # the refreshed token is kept


def test_persistent_403_is_access_denied_without_secrets() -> None:
    payload = {"errors": [{"code": "DENIED", "message": f"token {PASSWORDS[1]}\n  is   expired"}]}
    client, tokens, _ = make_client(lambda request: httpx.Response(403, json=payload))
    with pytest.raises(AccessDeniedError) as info:
        client.ping()
    exc = info.value
    assert tokens.calls == [False, True]
    assert HOST in str(exc)
    assert "rejected the token" in str(exc)
    assert "DENIED" in str(exc)
    assert "\n" not in str(exc)
    assert_no_secret(exc)


def test_429_honours_retry_after_seconds_and_date() -> None:
    past = "Wed, 21 Oct 2015 07:28:00 GMT"
    responses = [
        httpx.Response(429, headers={"Retry-After": "2"}),
        httpx.Response(429, headers={"Retry-After": past}),
        httpx.Response(429, headers={"Retry-After": "120"}),
        tags_page(["v1"]),
    ]
    client, _, sleeps = make_client(lambda request: responses.pop(0))
    assert client.list_tags("api") == ["v1"]
    assert sleeps == [2.0, 0.0, 30.0]


def test_5xx_retried_with_backoff_then_reported() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(503, text="<html>\n  Service   Unavailable </html>")

    client, _, sleeps = make_client(handler, max_retries=3)
    with pytest.raises(RegistryError, match="HTTP 503") as info:
        client.list_tags("api")
    assert len(calls) == 4
    assert sleeps == [0.5, 1.0, 2.0]
    assert "Service Unavailable" in str(info.value)


def test_5xx_then_success() -> None:
    responses = [httpx.Response(500), httpx.Response(502), tags_page(["v1"])]
    client, _, sleeps = make_client(lambda request: responses.pop(0))
    assert client.list_tags("api") == ["v1"]
    assert sleeps == [0.5, 1.0]


def test_retry_delay_caps() -> None:
    now = datetime(2024, 1, 1, tzinfo=timezone.utc)
    assert retry_delay(10, None) == 8.0
    assert retry_delay(0, "Mon, 01 Jan 2024 00:00:05 GMT", now) == 5.0
    assert retry_delay(0, "Tue, 02 Jan 2024 00:00:00 GMT", now) == 30.0
    assert retry_delay(1, "soon") == 1.0
    assert retry_delay(1, "-3") == 0.0
    assert retry_delay(2, "nan") == 2.0


def test_error_summary_is_truncated() -> None:
    client, _, _ = make_client(lambda request: httpx.Response(400, text="x" * 5000))
    with pytest.raises(RegistryError, match="HTTP 400") as info:
        client.ping()
    assert len(str(info.value)) < 300


INDEX = {
    "schemaVersion": 2,
    "mediaType": "application/vnd.oci.image.index.v1+json",
    "manifests": [
        {"digest": "sha256:" + "1" * 64, "platform": {"os": "linux", "architecture": "amd64"}},
        {
            "digest": "sha256:" + "2" * 64,
            "platform": {"os": "linux", "architecture": "arm64", "variant": "v8"},
        },
        {
            "digest": "sha256:" + "3" * 64,
            "platform": {"os": "unknown", "architecture": "unknown"},
            "annotations": {"vnd.docker.reference.type": "attestation-manifest"},
        },
    ],
    "annotations": {"org.opencontainers.image.source": "https://example.com/repo"},
}


def test_manifest_index_gives_platforms() -> None:
    seen: list[httpx.Request] = []
    digest = "sha256:" + "f" * 64

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=INDEX, headers={"Docker-Content-Digest": digest})

    client, _, _ = make_client(handler)
    info = client.manifest("team/api", "latest")
    assert seen[0].url.path == "/v2/team/api/manifests/latest"
    accept = [a.strip() for a in seen[0].headers["accept"].split(",")]
    assert accept[:4] == [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ]
    assert all("manifest.v1" in a for a in accept[4:])
    assert info.digest == digest
    assert info.is_index
    assert [p.name for p in info.platforms] == ["linux/amd64", "linux/arm64/v8"]
    assert info.platforms[0].digest == "sha256:" + "1" * 64
    assert info.annotations == (("org.opencontainers.image.source", "https://example.com/repo"),)


def test_schema2_manifest_gives_config_and_size() -> None:
    manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"digest": "sha256:" + "c" * 64, "size": 1500},
        "layers": [
            {"digest": "sha256:" + "d" * 64, "size": 1000},
            {"digest": "sha256:" + "e" * 64, "size": 2000},
        ],
    }
    body = json.dumps(manifest).encode()
    client, _, _ = make_client(lambda request: httpx.Response(200, content=body))
    info = client.manifest("api", "sha256:" + "9" * 64)
    assert info.digest == "sha256:" + hashlib.sha256(body).hexdigest()
    assert not info.is_index
    assert info.media_type == "application/vnd.docker.distribution.manifest.v2+json"
    assert (info.config_digest, info.layer_count, info.size_bytes) == (
        "sha256:" + "c" * 64,
        2,
        4500,
    )


def test_image_config_follows_307_without_authorization_to_s3() -> None:
    digest = "sha256:" + "c" * 64
    s3 = "https://prod-us-east-1-starport-layer-bucket.s3.us-east-1.amazonaws.com"
    hops: list[str] = []
    config = {
        "created": "2024-05-06T07:08:09.123456789Z",
        "os": "linux",
        "architecture": "arm64",
        "variant": "v8",
        "config": {"Labels": {"team": "core", "app": "api"}},
    }

    def handler(request: httpx.Request) -> httpx.Response:
        hops.append(request.url.host)
        if request.url.host == HOST:
            assert request.headers["authorization"] == auth(PASSWORDS[0])
            assert request.url.path == f"/v2/team/api/blobs/{digest}"
            return httpx.Response(307, headers={"Location": f"{s3}/blob?X-Amz-Signature=abc"})
        assert "authorization" not in request.headers
        return httpx.Response(200, json=config, headers={"Content-Type": "binary/octet-stream"})

    client, _, _ = make_client(handler)
    result = client.image_config("team/api", digest)
    assert hops == [HOST, s3.removeprefix("https://")]
    assert result.created == datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=timezone.utc)
    assert (result.os, result.architecture, result.variant) == ("linux", "arm64", "v8")
    assert result.labels == (("app", "api"), ("team", "core"))


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (httpx.ConnectError("[Errno 111] Connection refused"), "Connection refused"),
        (httpx.ConnectError("[Errno -2] Name or service not known"), "Name or service"),
        (httpx.ReadTimeout("timed out"), "timed out"),
        (httpx.ConnectTimeout(""), "timed out"),
    ],
)
def test_connection_errors_are_network_errors(error: Exception, reason: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    client, _, sleeps = make_client(handler)
    with pytest.raises(NetworkError) as info:
        client.list_tags("api")
    exc = info.value
    assert HOST in str(exc) and reason in str(exc)
    assert exc.fix and "HTTPS_PROXY" in exc.fix
    assert "\n" not in str(exc)
    assert exc.__cause__ is None and exc.__context__ is None
    assert_no_secret(exc)


def test_ssl_verify_follows_aws_ca_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    import ssl

    import certifi

    monkeypatch.delenv("AWS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    assert ssl_verify() is True
    monkeypatch.setenv("SSL_CERT_FILE", certifi.where())
    assert isinstance(ssl_verify(), ssl.SSLContext)
    monkeypatch.setenv("AWS_CA_BUNDLE", str(tmp_path / "missing.pem"))
    with pytest.raises(ConfigError, match="AWS_CA_BUNDLE"):
        ssl_verify()
    with pytest.raises(ConfigError):
        RegistryClient(ENDPOINT, Tokens())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-06T07:08:09Z", datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)),
        (
            "2024-05-06T07:08:09.5+02:00",
            datetime(2024, 5, 6, 7, 8, 9, 500000, tzinfo=timezone(timedelta(hours=2))),
        ),
        (
            "2024-05-06T07:08:09.000000001-05:30",
            datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone(-timedelta(hours=5, minutes=30))),
        ),
        ("2024-13-06T07:08:09Z", None),
        ("yesterday", None),
    ],
)
def test_parse_rfc3339(text: str, expected: datetime | None) -> None:
    assert parse_rfc3339(text) == expected


def test_threads_hitting_401_together_refresh_the_token_once() -> None:
    both_sent = threading.Barrier(2, timeout=10)

    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers["authorization"] == auth(PASSWORDS[0]):
            both_sent.wait()
            return httpx.Response(401)
        return tags_page(["v1"])

    client, tokens, _ = make_client(handler)
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: client.list_tags("api"), range(2)))
    assert results == [["v1"], ["v1"]]
    assert tokens.calls == [False, True]


def test_a_manifest_read_once_is_served_by_digest_from_the_store(tmp_path) -> None:  # noqa: ANN001
    from ecr_tui.core.store.manifest_cache import ManifestCache

    body = json.dumps(INDEX).encode()
    digest = "sha256:" + hashlib.sha256(body).hexdigest()
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(200, content=body, headers={"Docker-Content-Digest": digest})

    store = ManifestCache(tmp_path)
    client, _, _ = make_client(handler, manifests=store)
    assert client.cached_manifest(digest) is None
    first = client.manifest("team/api", "latest")  # by tag: asked, then kept by its digest
    again = client.manifest("team/api", digest)
    assert seen == ["/v2/team/api/manifests/latest"]
    assert again.is_index and again.platforms == first.platforms
    other, _, _ = make_client(handler, manifests=ManifestCache(tmp_path))  # another run
    assert other.cached_manifest(digest) == again and seen == ["/v2/team/api/manifests/latest"]
