"""The anonymous token flow against httpx.MockTransport: 401 → token → Bearer, tokens per
(registry, scope) until expires_in, a refused token fetched again, Basic-only registries and
token services that fail said in one line, and no token in any error."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from ecr_tui.core.anonymous_registry import registry_endpoint
from ecr_tui.core.errors import AccessDeniedError, EcrTuiError, RegistryError
from ecr_tui.core.registry.anonymous import AnonymousRegistries
from ecr_tui.core.registry.bearer import BearerTokens

HOST = "public.ecr.aws"
REALM = "https://public.ecr.aws/token/"
CHALLENGE = f'Bearer realm="{REALM}",service="public.ecr.aws",scope="aws"'
DIGEST = "sha256:" + "d" * 64


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Registry:
    """A public.ecr.aws-like registry and token service; records what it was asked."""

    def __init__(self, *, expires_in: object = 300, field: str = "token") -> None:
        self.issued: list[tuple[str, str]] = []  # (scope, token)
        self.valid: set[str] = set()
        self.requests: list[tuple[str, str, str]] = []  # (method, path, authorization)
        self.expires_in = expires_in
        self.field = field

    def __call__(self, request: httpx.Request) -> httpx.Response:
        auth = request.headers.get("authorization", "")
        if request.url.path == "/token/":
            assert "authorization" not in request.headers  # anonymous: no credentials
            assert request.url.params["service"] == "public.ecr.aws"
            scope = request.url.params.get("scope", "")
            token = f"tok-{len(self.issued)}-" + "s" * 40
            self.issued.append((scope, token))
            self.valid.add(token)
            body: dict[str, object] = {self.field: token}
            if self.expires_in is not None:
                body["expires_in"] = self.expires_in
            return httpx.Response(200, json=body)
        self.requests.append((request.method, request.url.path, auth))
        if auth.removeprefix("Bearer ") not in self.valid:
            return httpx.Response(401, headers={"WWW-Authenticate": CHALLENGE},
                                  json={"errors": [{"code": "DENIED"}]})
        if request.url.path.endswith("/tags/list"):
            return httpx.Response(200, json={"name": "x", "tags": ["1.27", "latest"]})
        return httpx.Response(200, headers={"Docker-Content-Digest": DIGEST})

    def token_scopes(self) -> list[str]:
        return [scope for scope, _ in self.issued]


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(2) as executor:
        yield executor


def _registries(handler: Callable[[httpx.Request], httpx.Response], pool: ThreadPoolExecutor,
                clock: Clock | None = None) -> AnonymousRegistries:
    return AnonymousRegistries(pool, environ={}, tokens=BearerTokens(clock or Clock()),
                               transport=httpx.MockTransport(handler))


def test_401_then_a_token_for_the_repository_then_bearer(pool: ThreadPoolExecutor) -> None:
    registry = Registry()
    with _registries(registry, pool) as registries:
        tags = registries.host(HOST).tags("docker/library/nginx")
    assert tags == ["1.27", "latest"]
    assert registry.token_scopes() == ["repository:docker/library/nginx:pull"]
    assert [r[2] for r in registry.requests] == ["", f"Bearer {registry.issued[0][1]}"]


def test_tokens_are_kept_per_scope_until_expires_in(pool: ThreadPoolExecutor) -> None:
    registry, clock = Registry(expires_in=60), Clock()
    with _registries(registry, pool, clock) as registries:
        public = registries.host(HOST)
        public.tags("a/one")
        public.digest("a/one", "latest")
        public.tags("a/two")
        assert registry.token_scopes() == ["repository:a/one:pull", "repository:a/two:pull"]
        clock.now += 50
        public.tags("a/one")
        assert len(registry.issued) == 2  # still within its 60 s
        clock.now += 10
        public.tags("a/one")
        assert registry.token_scopes()[2:] == ["repository:a/one:pull"]
        # The token expired on our clock: the request went out with none, not with it.
        assert registry.requests[-2][2] == ""


@pytest.mark.parametrize("expires_in", [None, "soon", -5, True])
def test_no_or_a_bad_expires_in_means_60_seconds(
    pool: ThreadPoolExecutor, expires_in: object
) -> None:
    registry, clock = Registry(expires_in=expires_in), Clock()
    with _registries(registry, pool, clock) as registries:
        registries.host(HOST).tags("a/one")
        clock.now += 50
        registries.host(HOST).tags("a/one")
        assert len(registry.issued) == 1
        clock.now += 10
        registries.host(HOST).tags("a/one")
        assert len(registry.issued) == 2


def test_access_token_field_is_used(pool: ThreadPoolExecutor) -> None:
    registry = Registry(field="access_token")
    with _registries(registry, pool) as registries:
        assert registries.host(HOST).digest("a/one", "latest") == DIGEST
    assert registry.requests[0][0] == "HEAD"


def test_a_refused_cached_token_is_fetched_again_once(pool: ThreadPoolExecutor) -> None:
    registry = Registry()
    with _registries(registry, pool) as registries:
        public = registries.host(HOST)
        public.tags("a/one")
        registry.valid.clear()  # the registry no longer takes it (revoked, clock skew)
        assert public.tags("a/one") == ["1.27", "latest"]
        assert len(registry.issued) == 2
        stale, fresh = registry.issued[0][1], registry.issued[1][1]
        assert [r[2] for r in registry.requests[2:]] == [f"Bearer {stale}", f"Bearer {fresh}"]


def test_a_token_refused_twice_is_one_line_without_the_token(pool: ThreadPoolExecutor) -> None:
    registry = Registry()

    def never(request: httpx.Request) -> httpx.Response:
        answer = registry(request)
        if request.url.path != "/token/":
            registry.valid.clear()  # every token is refused, and the body echoes it
            return httpx.Response(401, headers={"WWW-Authenticate": CHALLENGE}, json={
                "errors": [{"code": "DENIED", "message": request.headers.get("authorization")}]})
        return answer

    with _registries(never, pool) as registries, pytest.raises(AccessDeniedError) as caught:
        registries.host(HOST).tags("a/private")
    assert "refused its own anonymous token for repository:a/private:pull" in str(caught.value)
    _no_token(caught.value, registry)


def test_basic_only_registry_is_one_clear_line(pool: ThreadPoolExecutor) -> None:
    def basic(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, headers={"WWW-Authenticate": 'Basic realm="Registry"'})

    with _registries(basic, pool) as registries, pytest.raises(AccessDeniedError) as caught:
        registries.host("registry.example.com").tags("team/app")
    text = str(caught.value)
    assert "registry.example.com wants a username and password (Basic)" in text
    assert "docker login" in text and "\n" not in text


def test_401_without_any_challenge_is_one_line(pool: ThreadPoolExecutor) -> None:
    with _registries(lambda _r: httpx.Response(401), pool) as registries:
        with pytest.raises(AccessDeniedError, match="without saying how to authenticate"):
            registries.host("registry.example.com").tags("team/app")


@pytest.mark.parametrize(("status", "error"), [(401, AccessDeniedError), (500, RegistryError),
                                               (200, RegistryError)])
def test_token_service_failures_are_one_line(
    pool: ThreadPoolExecutor, status: int, error: type[EcrTuiError]
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/token/":
            return httpx.Response(status, json={"detail": "no"})
        return httpx.Response(401, headers={"WWW-Authenticate": CHALLENGE})

    with _registries(handler, pool) as registries, pytest.raises(error) as caught:
        registries.host(HOST).tags("a/one")
    assert "token service public.ecr.aws of registry public.ecr.aws" in str(caught.value)


@pytest.mark.parametrize("realm", ["http://evil.example/token", "file:///etc/passwd", "token"])
def test_a_realm_that_would_downgrade_or_is_not_http_is_refused(
    pool: ThreadPoolExecutor, realm: str
) -> None:
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(401, headers={"WWW-Authenticate": f'Bearer realm="{realm}"'})

    with _registries(handler, pool) as registries, pytest.raises(RegistryError, match="will not"):
        registries.host(HOST).tags("a/one")
    assert len(asked) == 1  # the realm was never asked


def test_concurrent_misses_for_one_repository_make_one_token_request(
    pool: ThreadPoolExecutor,
) -> None:
    registry = Registry()
    with _registries(registry, pool) as registries, ThreadPoolExecutor(8) as many:
        public = registries.host(HOST)
        list(many.map(lambda _i: public.tags("a/one"), range(16)))
    assert len(registry.issued) == 1


def test_where_each_host_is_asked() -> None:
    assert registry_endpoint("public.ecr.aws", {}) == "https://public.ecr.aws"
    assert registry_endpoint("public.ecr.aws",
                             {"ECR_TUI_PUBLIC_REGISTRY_URL": "http://127.0.0.1:5000/"}) == (
        "http://127.0.0.1:5000")
    assert registry_endpoint("docker.io", {}) == "https://registry-1.docker.io"
    assert registry_endpoint("ghcr.io", {}) == "https://ghcr.io"
    assert registry_endpoint("localhost:5000", {}) == "http://localhost:5000"
    assert registry_endpoint("127.0.0.1:5000", {}) == "http://127.0.0.1:5000"


def _no_token(exc: BaseException, registry: Registry) -> None:
    texts = [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
    for _scope, token in registry.issued:
        for text in texts:
            assert token not in text
