"""An ECR Public API stand-in (moto has none): JSON 1.1, target prefix `SpencerFrontendService`.

Usage (cwd = repo root)::

    python -m tests.harness.ecr_public --port P --data FILE [--audit-file F] [--latency-ms N]

* POST / with ``X-Amz-Target: SpencerFrontendService.OPERATION``; SigV4 is accepted as moto
  accepts it: the ``Authorization`` header must name a known access key and the signing name
  ``ecr-public`` in its Credential scope; the signature itself is not checked.
* DescribeRegistries (aliases), DescribeRepositories, DescribeImages, DescribeImageTags,
  GetRegistryCatalogData, GetRepositoryCatalogData, GetAuthorizationToken (us-east-1 only, as the
  service: one ``authorizationData`` {authorizationToken = base64 "AWS:PASSWORD", expiresAt}, no
  proxyEndpoint). Lists honour ``maxResults`` (1..1000, default 100) and an opaque ``nextToken``.
* An access key listed under ``denied`` gets AccessDeniedException from GetAuthorizationToken,
  worded as AWS words it for that missing permission (ecr-public:… or sts:GetServiceBearerToken).
* Every call appends ``ecr-public.OPERATION`` to --audit-file and is counted:
  ``GET /_harness/counts``; ``PUT /_harness/latency?ms=N`` sets a delay per request.

--data: ``{"password": P, "token_ttl": SECONDS, "keys": {ACCESS_KEY: ACCOUNT},
"denied": {ACCESS_KEY: PERMISSION}, "accounts": {ACCOUNT: {"aliases": [NAME, ...],
"repositories": [{"name", "createdAt", "catalog": {...}, "images": [{"digest", "tags",
"size", "pushedAt", "mediaType"}]}]}}}``.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import json
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.harness.json_reply import send_json

TARGET_PREFIX = "SpencerFrontendService."
SIGNING_NAME = "ecr-public"
DEFAULT_PAGE = 100
MAX_PAGE = 1000
OPERATIONS = (
    "DescribeRegistries", "DescribeRepositories", "DescribeImages", "DescribeImageTags",
    "GetRegistryCatalogData", "GetRepositoryCatalogData", "GetAuthorizationToken",
)


class ApiError(Exception):
    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


class PublicApi(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, data: dict[str, Any], latency: float,
                 audit: Path | None) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.data = data
        self.latency = latency
        self.audit = audit
        self.lock = threading.Lock()
        self.calls: Counter[str] = Counter()

    def record(self, operation: str) -> None:
        with self.lock:
            self.calls[operation] += 1
            if self.audit:
                with self.audit.open("a", encoding="utf-8") as fh:
                    fh.write(f"ecr-public.{operation}\n")


def _caller(auth: str) -> tuple[str, str, str]:
    """(access key, region, signing name) from a SigV4 Authorization header's scope."""
    scope = auth.partition("Credential=")[2].split(",")[0].split("/")
    return (scope[0], scope[2], scope[3]) if len(scope) > 3 else ("", "", "")


def _page(items: list[Any], body: dict[str, Any], operation: str) -> tuple[list[Any], str | None]:
    size = body.get("maxResults", DEFAULT_PAGE)
    if not isinstance(size, int) or not 1 <= size <= MAX_PAGE:
        raise ApiError("InvalidParameterException",
                       f"Invalid parameter at 'maxResults': {size} is not in 1..{MAX_PAGE}")
    token = body.get("nextToken")
    start = 0
    if token:
        try:
            decoded = json.loads(base64.urlsafe_b64decode(str(token).encode()))
            start = int(decoded["o"])
            if decoded.get("op") != operation or start < 0:
                raise ValueError(token)
        except (ValueError, KeyError, TypeError, binascii.Error, UnicodeError):
            raise ApiError("InvalidParameterException",
                           "Invalid parameter at 'nextToken'") from None
    end = start + size
    nxt = base64.urlsafe_b64encode(json.dumps({"o": end, "op": operation}).encode()).decode()
    return items[start:end], (nxt if end < len(items) else None)


def _paged(key: str, items: list[Any], body: dict[str, Any], operation: str) -> dict[str, Any]:
    page, nxt = _page(items, body, operation)
    return {key: page, **({"nextToken": nxt} if nxt else {})}


class Handler(BaseHTTPRequestHandler):
    server: PublicApi
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        return

    def _send(self, status: int, body: dict[str, Any], error: str | None = None) -> None:
        send_json(self, status, body, content_type="application/x-amz-json-1.1", error=error,
                  headers={"x-amzn-RequestId": "ecr-public-stand-in"})

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path = urlsplit(self.path).path
        if path == "/_harness/ready":
            self._send(200, {"ready": True})
        elif path == "/_harness/counts":
            with self.server.lock:
                self._send(200, {"calls": dict(self.server.calls)})
        else:
            self._send(404, {"message": "not found"})

    def do_PUT(self) -> None:  # noqa: N802 - stdlib name
        parts = urlsplit(self.path)
        if parts.path == "/_harness/latency":
            self.server.latency = float(parse_qs(parts.query)["ms"][0]) / 1000.0
            self._send(200, {"latency": self.server.latency})
        else:
            self._send(404, {"message": "not found"})

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.server.latency:
            time.sleep(self.server.latency)
        target = self.headers.get("X-Amz-Target", "")
        operation = target.removeprefix(TARGET_PREFIX)
        try:
            if not target.startswith(TARGET_PREFIX) or operation not in OPERATIONS:
                raise ApiError("UnknownOperationException", f"unknown operation {target!r}")
            self.server.record(operation)
            account, region = self._authenticate()
            body = json.loads(raw or b"{}")
            self._send(200, self._answer(operation, body, account, region))
        except ApiError as exc:
            self._send(exc.status, {"__type": exc.code, "message": exc.message}, exc.code)
        except (ValueError, TypeError):
            self._send(400, {"__type": "SerializationException", "message": "bad request"},
                       "SerializationException")

    def _authenticate(self) -> tuple[str, str]:
        key, region, service = _caller(self.headers.get("Authorization", ""))
        if not key:
            raise ApiError("MissingAuthenticationTokenException",
                           "Missing Authentication Token", 403)
        if service != SIGNING_NAME:
            raise ApiError("InvalidSignatureException",
                           f"Credential should be scoped to correct service: '{SIGNING_NAME}'.")
        account = self.server.data["keys"].get(key)
        if account is None:
            raise ApiError("UnrecognizedClientException",
                           "The security token included in the request is invalid.")
        return account, region

    def _repositories(self, account: str) -> list[dict[str, Any]]:
        return list(self.server.data["accounts"].get(account, {}).get("repositories", []))

    def _repository(self, account: str, body: dict[str, Any]) -> dict[str, Any]:
        name = body.get("repositoryName", "")
        for repo in self._repositories(account):
            if repo["name"] == name:
                return repo
        raise ApiError(
            "RepositoryNotFoundException",
            f"The repository with name '{name}' does not exist in the registry with id "
            f"'{account}'",
        )

    def _answer(
        self, operation: str, body: dict[str, Any], account: str, region: str
    ) -> dict[str, Any]:
        if operation == "GetAuthorizationToken":
            return self._token(account, region)
        if operation == "DescribeRegistries":
            return _paged("registries", [self._registry(account)], body, operation)
        if operation == "GetRegistryCatalogData":
            return {"registryCatalogData": {"displayName": self._alias(account)}}
        if operation == "DescribeRepositories":
            names = body.get("repositoryNames")
            repos = [r for r in self._repositories(account) if not names or r["name"] in names]
            return _paged("repositories", [self._repo_item(account, r) for r in repos], body,
                          operation)
        repo = self._repository(account, body)
        if operation == "GetRepositoryCatalogData":
            return {"catalogData": repo.get("catalog", {})}
        if operation == "DescribeImages":
            items = [self._image_item(account, repo, i) for i in repo.get("images", [])]
            return _paged("imageDetails", items, body, operation)
        tags = [
            {"imageTag": tag, "createdAt": image["pushedAt"], "imageDetail": {
                "imageDigest": image["digest"], "imageSizeInBytes": image["size"],
                "imagePushedAt": image["pushedAt"],
                "imageManifestMediaType": image.get("mediaType", ""),
            }}
            for image in repo.get("images", []) for tag in image.get("tags", [])
        ]
        return _paged("imageTagDetails", tags, body, operation)

    def _token(self, account: str, region: str) -> dict[str, Any]:
        if region != "us-east-1":
            raise ApiError("UnsupportedCommandException",
                           "GetAuthorizationToken is only available in us-east-1")
        key = _caller(self.headers.get("Authorization", ""))[0]
        missing = self.server.data.get("denied", {}).get(key)
        if missing:
            raise ApiError(
                "AccessDeniedException",
                f"User: arn:aws:iam::{account}:user/public-test is not authorized to perform: "
                f"{missing} on resource: *",
            )
        data = self.server.data
        token = base64.b64encode(f"AWS:{data['password']}".encode()).decode()
        expires = time.time() + float(data.get("token_ttl", 43200))
        return {"authorizationData": {"authorizationToken": token, "expiresAt": expires}}

    def _alias(self, account: str) -> str:
        aliases = self.server.data["accounts"].get(account, {}).get("aliases", [])
        return aliases[0] if aliases else ""

    def _registry(self, account: str) -> dict[str, Any]:
        aliases = self.server.data["accounts"].get(account, {}).get("aliases", [])
        return {
            "registryId": account,
            "registryArn": f"arn:aws:ecr-public::{account}:registry/{account}",
            "registryUri": f"public.ecr.aws/{aliases[0] if aliases else account}",
            "verified": False,
            "aliases": [
                {"name": name, "status": "ACTIVE", "primaryRegistryAlias": i == 0,
                 "defaultRegistryAlias": i == 0}
                for i, name in enumerate(aliases)
            ],
        }

    def _repo_item(self, account: str, repo: dict[str, Any]) -> dict[str, Any]:
        alias = self._alias(account) or account
        return {
            "repositoryArn": f"arn:aws:ecr-public::{account}:repository/{repo['name']}",
            "registryId": account, "repositoryName": repo["name"],
            "repositoryUri": f"public.ecr.aws/{alias}/{repo['name']}",
            "createdAt": repo["createdAt"],
        }

    @staticmethod
    def _image_item(account: str, repo: dict[str, Any], image: dict[str, Any]) -> dict[str, Any]:
        item = {
            "registryId": account, "repositoryName": repo["name"],
            "imageDigest": image["digest"], "imageSizeInBytes": image["size"],
            "imagePushedAt": image["pushedAt"],
            "imageManifestMediaType": image.get("mediaType", ""),
        }
        if image.get("tags"):
            item["imageTags"] = list(image["tags"])
        return item


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--audit-file", type=Path)
    args = parser.parse_args(argv)
    data = json.loads(args.data.read_text(encoding="utf-8"))
    server = PublicApi(args.port, data, args.latency_ms / 1000.0, args.audit_file)
    print(f"ecr_public ready on http://127.0.0.1:{args.port}", flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
