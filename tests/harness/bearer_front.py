"""A registry behind the anonymous bearer-token flow: a small token service in front of Debian's
docker-registry (distribution 2.8, run with no auth of its own), as public.ecr.aws, Docker Hub
and ghcr.io answer an anonymous client.

* ``/v2/...`` without a valid ``Authorization: Bearer`` answers 401 with
  ``WWW-Authenticate: Bearer realm="<base>/token",service="<service>",scope="…"`` (``aws`` on
  ``/v2/``, like public.ecr.aws; ``repository:NAME:pull`` on a repository's paths).
* ``GET /token?service=…&scope=repository:NAME:pull`` issues a random token for that scope
  (``{"token", "access_token", "expires_in"}``); a token serves its own repository only.
* Reads only (GET, HEAD) are proxied; everything is counted (``GET /_harness/counts``).
* ``PUT /_harness/expire`` makes every token issued so far refused (expired on the server);
  ``PUT /_harness/mode?auth=basic`` answers 401 with a Basic challenge instead (a registry that
  wants a password), ``?auth=bearer`` goes back.

In-process: :func:`running` starts the registry and the front on free ports and yields a
:class:`BearerWorld`; tests seed through ``upstream_url`` (the registry itself, no auth).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import secrets
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.harness import procs, registry

SERVICE = "stand-in.registry"
TOKEN_LIFETIME = 300
REPO_PATH = re.compile(r"^/v2/(?P<name>.+?)/(?:tags|manifests|blobs|referrers)/")
CONFIG = registry.CONFIG.partition("auth:")[0]
"""The world's registry configuration without its htpasswd: the front does the auth."""


class Front(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, upstream_port: int) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.upstream_port = upstream_port
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        self.tokens: dict[str, tuple[str, float]] = {}  # token -> (scope, expires at)
        self.counts: Counter[str] = Counter()
        self.auth_mode = "bearer"
        self.lock = threading.Lock()

    def count(self, what: str) -> None:
        with self.lock:
            self.counts[what] += 1


class Handler(BaseHTTPRequestHandler):
    server: Front
    protocol_version = "HTTP/1.1"

    def log_message(self, *_args: object) -> None:
        pass

    def _reply(self, status: int, body: bytes = b"", headers: tuple[tuple[str, str], ...] = (),
               ) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: object, headers: tuple[tuple[str, str], ...] = ()) -> None:
        self._reply(status, json.dumps(data).encode(),
                    (("Content-Type", "application/json"), *headers))

    def do_PUT(self) -> None:  # noqa: N802 - http.server's naming
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        front = self.server
        if parts.path == "/_harness/expire":
            with front.lock:
                front.tokens = {t: (scope, 0.0) for t, (scope, _exp) in front.tokens.items()}
            return self._json(200, {"expired": len(front.tokens)})
        if parts.path == "/_harness/mode":
            front.auth_mode = query.get("auth", ["bearer"])[0]
            return self._json(200, {"auth": front.auth_mode})
        self._json(405, {"errors": [{"code": "UNSUPPORTED", "message": "read-only stand-in"}]})

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        parts = urlsplit(self.path)
        front = self.server
        if parts.path == "/_harness/counts":
            with front.lock:
                return self._json(200, dict(front.counts))
        if parts.path == "/token":
            return self._token(parse_qs(parts.query))
        if not parts.path.startswith("/v2/"):
            return self._json(404, {"errors": [{"code": "NOT_FOUND"}]})
        found = REPO_PATH.match(parts.path)
        scope = f"repository:{found['name']}:pull" if found else "aws"
        if not self._authorized(scope):
            return self._challenge(scope)
        self._proxy(parts.path, parts.query)

    def _token(self, query: dict[str, list[str]]) -> None:
        front = self.server
        front.count("token")
        scope = query.get("scope", [""])[0]
        if query.get("service", [""])[0] != SERVICE:
            return self._json(400, {"errors": [{"code": "UNSUPPORTED", "message": "service"}]})
        token = secrets.token_urlsafe(48)
        with front.lock:
            front.tokens[token] = (scope, time.time() + TOKEN_LIFETIME)
        self._json(200, {"token": token, "access_token": token, "expires_in": TOKEN_LIFETIME})

    def _authorized(self, scope: str) -> bool:
        front = self.server
        if front.auth_mode != "bearer":
            return False
        header = self.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return False
        with front.lock:
            issued = front.tokens.get(header.removeprefix("Bearer "))
        # A token serves its own repository; any live one serves the base /v2/.
        ok = issued is not None and issued[1] > time.time() and scope in (issued[0], "aws")
        if not ok:
            front.count("refused")
        return ok

    def _challenge(self, scope: str) -> None:
        front = self.server
        front.count("challenge")
        if front.auth_mode == "basic":
            challenge = 'Basic realm="stand-in"'
        else:
            challenge = f'Bearer realm="{front.base}/token",service="{SERVICE}",scope="{scope}"'
        refusal = {"errors": [{"code": "UNAUTHORIZED", "message": "authentication required"}]}
        self._json(401, refusal, (("WWW-Authenticate", challenge),))

    def _proxy(self, path: str, query: str) -> None:
        front = self.server
        kind = "manifest" if "/manifests/" in path else path.rsplit("/", 2)[-2]
        front.count(f"{self.command} {kind}")
        conn = http.client.HTTPConnection("127.0.0.1", front.upstream_port, timeout=30)
        try:
            headers = {k: v for k, v in self.headers.items()
                       if k.lower() in ("accept", "user-agent")}
            conn.request(self.command, path + (f"?{query}" if query else ""), headers=headers)
            answer = conn.getresponse()
            body = answer.read()
            kept = tuple((k, v) for k, v in answer.getheaders()
                         if k.lower() in ("content-type", "docker-content-digest", "link",
                                          "docker-distribution-api-version"))
            if self.command == "HEAD":
                length = answer.getheader("Content-Length", "0")
                self.send_response(answer.status)
                for name, value in kept:
                    self.send_header(name, value)
                self.send_header("Content-Length", length)
                self.end_headers()
                return
            self._reply(answer.status, body, kept)
        finally:
            conn.close()


@dataclass(frozen=True)
class BearerWorld:
    url: str  # the front: what ecr-tui talks to
    host: str  # "127.0.0.1:PORT"
    upstream_url: str  # docker-registry itself, no auth: seed here

    def _harness(self, method: str, path: str, **params: str) -> dict:  # type: ignore[type-arg]
        with httpx.Client(timeout=10, trust_env=False) as client:
            answer = client.request(method, f"{self.url}/_harness/{path}", params=params)
            answer.raise_for_status()
            return answer.json()

    def counts(self) -> dict[str, int]:
        return self._harness("GET", "counts")

    def expire_tokens(self) -> None:
        self._harness("PUT", "expire")

    def set_auth(self, mode: str) -> None:
        self._harness("PUT", "mode", auth=mode)


@contextlib.contextmanager
def running(base: Path) -> Iterator[BearerWorld]:
    """docker-registry (no auth) on a free port, the token front in a thread before it."""
    port = procs.free_port()
    root = base / "storage"
    root.mkdir(parents=True, exist_ok=True)
    config = base / "registry.yml"
    config.write_text(CONFIG.format(root=root, port=port), encoding="utf-8")
    log = base / "registry.log"
    proc = registry.start(config, log)
    front = Front(port)
    thread = threading.Thread(target=front.serve_forever, name="bearer-front", daemon=True)
    thread.start()
    try:
        upstream = f"http://127.0.0.1:{port}"
        procs.wait_until(f"{upstream}/v2/", lambda r: r.status_code == 200, proc=proc, log=log)
        yield BearerWorld(front.base, front.base.removeprefix("http://"), upstream)
    finally:
        front.shutdown()
        front.server_close()
        procs.stop(proc)
