"""An ECR-like HTTP front for Debian's docker-registry (distribution 2.8).

Usage (cwd = repo root)::

    python -m tests.harness.paging_front --port P --upstream http://127.0.0.1:RP \
        [--latency-ms N] [--password-file F]

What it adds on top of a transparent proxy:

* ``GET /v2/<name>/tags/list`` pages like ECR: stable non-lexical order (sha1 of the tag),
  ``n`` 1..1000 (default 100; otherwise 400), an opaque ``last`` and an absolute ``Link`` header.
* ``GET /v2/<name>/blobs/<digest>`` answers 307 to a different origin
  (``http://localhost:P/_s3/<digest>?X-Amz-Signature=...``) like ECR's S3 redirect; ``/_s3/``
  serves the bytes without auth and answers 400 when an Authorization header is present.
* ``--password-file``: the full password is checked here (bcrypt in htpasswd only looks at the
  first 72 bytes, ECR passwords are ~2 KB), so a truncated password is rejected with 401.
* ``--latency-ms`` delays every request; ``PUT /_harness/latency?ms=N`` changes it at run time.
* ``--cache-tag-lists`` (benchmarks) keeps each repository's sorted tag list between pages, as
  ECR's per-page cost does not grow with the repository; any write empties the cache.
* ``--ecr-sync MOTO_URL --ecr-account A --ecr-region R`` (the write world): a manifest PUT or
  DELETE the registry accepts is made in moto's ECR too (:mod:`tests.harness.store_sync`).
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import http.client
import json
import re
import secrets
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

HOP_BY_HOP = {
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
    "trailers", "transfer-encoding", "upgrade", "content-length",
}
TAGS_RE = re.compile(r"^/v2/(?P<name>.+)/tags/list$")
BLOB_RE = re.compile(r"^/v2/(?P<name>.+)/blobs/(?P<digest>sha256:[0-9a-f]{64})$")
S3_RE = re.compile(r"^/_s3/(?P<digest>sha256:[0-9a-f]{64})$")
MANIFEST_RE = re.compile(r"^/v2/(?P<name>.+)/manifests/(?P<reference>[^/]+)$")
DEFAULT_PAGE = 100
MAX_PAGE = 1000


class Front(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, port: int, upstream: str, latency: float, password: str | None
    ) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        parts = urlsplit(upstream)
        self.upstream_host = parts.hostname or "127.0.0.1"
        self.upstream_port = parts.port or 80
        self.upstream_base = f"http://{self.upstream_host}:{self.upstream_port}"
        self.base = f"http://127.0.0.1:{port}"
        self.s3_base = f"http://localhost:{port}"
        self.latency = latency
        self.password = password
        self.presigned: dict[str, tuple[str, str, str | None]] = {}
        self.lock = threading.Lock()
        self.tag_cache: dict[str, list[str]] | None = None  # None: no caching
        self.ecr_sync: tuple[str, str, str] | None = None  # (moto url, account, region)


def order_key(tag: str) -> str:
    return hashlib.sha1(tag.encode()).hexdigest()


def encode_last(name: str, offset: int) -> str:
    raw = json.dumps({"r": name, "o": offset}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_last(name: str, token: str) -> int:
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        offset = int(data["o"])
        if data["r"] != name or offset < 0:
            raise ValueError(token)
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeError) as exc:
        raise ValueError("invalid last") from exc
    return offset


def registry_error(code: str, message: str, detail: object = None) -> bytes:
    return json.dumps({"errors": [{"code": code, "message": message, "detail": detail}]}).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Front

    def setup(self) -> None:
        super().setup()
        # headers and body go out in separate writes: without this, Nagle + delayed ACK
        # add ~40 ms to every keep-alive response
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        return

    # ------------------------------------------------------------------ plumbing

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(
        self, status: int, headers: list[tuple[str, str]], body: bytes, *, length: str | None = None
    ) -> None:
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", length if length is not None else str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def _json(self, status: int, body: bytes, extra: list[tuple[str, str]] | None = None) -> None:
        headers = [
            ("Content-Type", "application/json; charset=utf-8"),
            ("Docker-Distribution-Api-Version", "registry/2.0"),
        ]
        self._send(status, headers + (extra or []), body)

    def _upstream(
        self, method: str, path: str, body: bytes = b"", auth_only: bool = False
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        conn = http.client.HTTPConnection(
            self.server.upstream_host, self.server.upstream_port, timeout=60
        )
        try:
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", self.headers.get("Host") or urlsplit(self.server.base).netloc)
            for key, value in self.headers.items():
                lower = key.lower()
                if lower in HOP_BY_HOP or lower == "host":
                    continue
                if auth_only and lower not in ("authorization", "accept"):
                    continue
                conn.putheader(key, value)
            if body or method in ("PUT", "POST", "PATCH"):
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body or None)
            response = conn.getresponse()
            data = response.read()
            return response.status, response.getheaders(), data
        finally:
            conn.close()

    def _relay(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        out = []
        length = None
        for key, value in headers:
            lower = key.lower()
            if lower == "content-length":
                length = value
                continue
            if lower in HOP_BY_HOP:
                continue
            if lower == "location":
                value = value.replace(self.server.upstream_base, self.server.base)
            out.append((key, value))
        self._send(status, out, body, length=length if self.command == "HEAD" else None)

    def _check_password(self) -> bool:
        """False (and a 401 sent) when Basic credentials are present but not exactly right."""
        expected = self.server.password
        auth = self.headers.get("Authorization")
        if expected is None or not auth or not auth.lower().startswith("basic "):
            return True
        try:
            user, _, password = base64.b64decode(auth[6:].strip()).decode().partition(":")
        except (binascii.Error, UnicodeError):
            user, password = "", ""
        if user == "AWS" and secrets.compare_digest(password, expected):
            return True
        self._json(
            401, registry_error("UNAUTHORIZED", "authentication required"),
            [("WWW-Authenticate", 'Basic realm="ecr-test"')],
        )
        return False

    # ------------------------------------------------------------------ routes

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/_harness/latency" and self.command == "PUT":
            self.server.latency = float(parse_qs(parts.query).get("ms", ["0"])[0]) / 1000.0
            return self._send(204, [], b"")
        if self.server.latency:
            time.sleep(self.server.latency)
        body = self._body()
        if self.command not in ("GET", "HEAD") and self.server.tag_cache is not None:
            with self.server.lock:
                self.server.tag_cache.clear()
        s3 = S3_RE.match(parts.path)
        if s3 and self.command in ("GET", "HEAD"):
            return self._s3(s3.group("digest"), parts.query)
        if not self._check_password():
            return None
        tags = TAGS_RE.match(parts.path)
        if tags and self.command == "GET":
            return self._tags(tags.group("name"), parts.query)
        blob = BLOB_RE.match(parts.path)
        if blob and self.command == "GET":
            return self._blob(blob.group("name"), blob.group("digest"))
        manifest = MANIFEST_RE.match(parts.path)
        if manifest and self.command in ("PUT", "DELETE") and self.server.ecr_sync:
            return self._manifest_write(manifest.group("name"), manifest.group("reference"), body)
        try:
            self._relay(*self._upstream(self.command, self.path, body))
        except OSError as exc:
            self._json(502, registry_error("UNAVAILABLE", f"upstream: {exc}"))
        return None

    do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = _handle

    def _tags(self, name: str, query: str) -> None:
        params = parse_qs(query)
        try:
            n = int(params["n"][0]) if "n" in params else DEFAULT_PAGE
        except ValueError:
            n = -1
        if not 1 <= n <= MAX_PAGE:
            detail = {"n": params.get("n", [""])[0]}
            return self._json(
                400, registry_error("PAGINATION_NUMBER_INVALID", "invalid number of results "
                                    "requested; n must be between 1 and 1000", detail)
            )
        try:
            start = decode_last(name, params["last"][0]) if "last" in params else 0
        except ValueError:
            return self._json(400, registry_error("INVALID_PARAMETER", "invalid last parameter"))
        # Only a request whose full password this front has checked may skip the upstream.
        checked = self.server.password is not None and "Authorization" in self.headers
        cache = self.server.tag_cache if checked else None
        with self.server.lock:
            tags = cache.get(name) if cache is not None else None
        if tags is None:
            status, headers, data = self._upstream(
                "GET", f"/v2/{name}/tags/list", auth_only=True
            )
            if status != 200:
                return self._relay(status, headers, data)
            tags = sorted(json.loads(data).get("tags") or [], key=order_key)
            if cache is not None:
                with self.server.lock:
                    cache[name] = tags
        page = tags[start : start + n]
        extra = []
        end = start + len(page)
        if end < len(tags):
            qs = urlencode({"last": encode_last(name, end), "n": n})
            extra.append(("Link", f'<{self.server.base}/v2/{name}/tags/list?{qs}>; rel="next"'))
        return self._json(200, json.dumps({"name": name, "tags": page}).encode(), extra)

    def _blob(self, name: str, digest: str) -> None:
        status, headers, data = self._upstream("HEAD", f"/v2/{name}/blobs/{digest}", auth_only=True)
        if status != 200:
            return self._relay(*self._upstream("GET", self.path))
        signature = secrets.token_hex(32)
        with self.server.lock:
            self.server.presigned[signature] = (name, digest, self.headers.get("Authorization"))
        qs = urlencode({
            "X-Amz-Algorithm": "AWS4-HMAC-SHA256", "X-Amz-Expires": "1200",
            "X-Amz-SignedHeaders": "host", "X-Amz-Signature": signature,
        })
        location = f"{self.server.s3_base}/_s3/{digest}?{qs}"
        self._send(307, [("Location", location), ("Docker-Distribution-Api-Version",
                                                  "registry/2.0")], b"")
        return None

    def _manifest_write(self, name: str, reference: str, body: bytes) -> None:
        """The registry's answer, once ECR's side of the one store has taken the write too."""
        from tests.harness.store_sync import tell_moto

        status, headers, data = self._upstream(self.command, self.path, body)
        if status in (201, 202) and self.server.ecr_sync is not None:
            found = dict((k.lower(), v) for k, v in headers)
            digest = found.get("docker-content-digest", reference)
            media = self.headers.get("Content-Type", "")
            told, answer = tell_moto(*self.server.ecr_sync, self.command, name, reference,
                                     body, media, digest)
            if told != 200:
                return self._json(told, registry_error("DENIED", answer.decode()))
        return self._relay(status, headers, data)

    def _s3(self, digest: str, query: str) -> None:
        xml = [("Content-Type", "application/xml")]
        if "Authorization" in self.headers:
            return self._send(400, xml, (
                b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InvalidArgument</Code>"
                b"<Message>Only one auth mechanism allowed; only the X-Amz-Algorithm query "
                b"parameter, Signature query string parameter or the Authorization header should "
                b"be specified</Message></Error>"
            ))
        signature = parse_qs(query).get("X-Amz-Signature", [""])[0]
        with self.server.lock:
            grant = self.server.presigned.get(signature)
        if grant is None or grant[1] != digest:
            return self._send(403, xml, b"<Error><Code>AccessDenied</Code></Error>")
        name, _, auth = grant
        conn = http.client.HTTPConnection(
            self.server.upstream_host, self.server.upstream_port, timeout=60
        )
        try:
            conn.request("GET", f"/v2/{name}/blobs/{digest}",
                         headers={"Authorization": auth} if auth else {})
            response = conn.getresponse()
            data = response.read()
        finally:
            conn.close()
        if response.status != 200:
            return self._send(404, xml, b"<Error><Code>NoSuchKey</Code></Error>")
        return self._send(200, [
            ("Content-Type", "application/octet-stream"),
            ("ETag", f'"{hashlib.md5(data).hexdigest()}"'),  # noqa: S324 - like S3
        ], data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--password-file", type=Path)
    parser.add_argument("--cache-tag-lists", action="store_true")
    parser.add_argument("--ecr-sync", metavar="MOTO_URL")
    parser.add_argument("--ecr-account", default="")
    parser.add_argument("--ecr-region", default="")
    args = parser.parse_args(argv)
    password = args.password_file.read_text().strip() if args.password_file else None
    server = Front(args.port, args.upstream, args.latency_ms / 1000.0, password)
    if args.cache_tag_lists:
        server.tag_cache = {}
    if args.ecr_sync:
        server.ecr_sync = (args.ecr_sync, args.ecr_account, args.ecr_region)
    print(f"paging_front ready on {server.base} -> {server.upstream_base}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
