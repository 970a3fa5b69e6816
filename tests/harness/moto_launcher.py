"""Run moto's server with ECR made realistic enough for ecr-tui's tests.

Usage (cwd = repo root)::

    python -m tests.harness.moto_launcher --port P --registry-url URL \
        [--latency-ms N] [--audit-file F] [--token-ttl SECONDS] [--seed-file F]

Patches, applied before the server starts:

* GetAuthorizationToken: a ~2 KB password from :func:`tests.harness.tokens.password_for`,
  ``expiresAt`` = now + ttl (negative ttl: already expired), ``proxyEndpoint`` = --registry-url.
* DescribeRepositories / DescribeImages / ListImages honour ``maxResults`` (1..1000, default 100,
  otherwise InvalidParameterException) and an opaque ``nextToken``.
* DescribePullThroughCacheRules (moto lacks it): the world's rules, see
  :mod:`tests.harness.pull_through`.
* --latency-ms sleeps in every request; --audit-file gets one ``service.Operation`` line per call.
* --seed-file (JSON written by :mod:`tests.harness.seed`) is loaded in-process before serving
  (:mod:`tests.harness.moto_seed`).
* Scan findings and DescribeImages' scan/pull/status fields: see :mod:`tests.harness.moto_scans`.
* ECS and Lambda workloads (issue 18): see :mod:`tests.harness.moto_workloads`.
* Lifecycle previews and the lifecycle example repository: see :mod:`tests.harness.moto_lifecycle`.
* --store-sync F (the write world, issue 21): ECR and the registry as one store, see
  :mod:`tests.harness.store_sync`.

Readiness: ``GET /_harness/ready`` answers 200 once the server is up and seeded.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import copy
import json
import os
import signal
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from tests.harness import bulk_images, moto_scans, moto_seed, moto_workloads, pull_through
from tests.harness.tokens import password_for

DEFAULT_PAGE = 100
MAX_PAGE = 1000


def _encode_token(offset: int, operation: str) -> str:
    raw = json.dumps({"o": offset, "op": operation, "v": 1}).encode()
    return base64.urlsafe_b64encode(raw).decode("ascii")


def _decode_token(token: str, operation: str) -> int:
    from moto.ecr.exceptions import InvalidParameterException

    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode("ascii")))
        offset = int(data["o"])
        if data.get("op") != operation or offset < 0:
            raise ValueError(token)
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeError) as exc:
        raise InvalidParameterException("Invalid parameter at 'nextToken'") from exc
    return offset


def paginate(
    items: list[Any], max_results: Any, next_token: str | None, operation: str
) -> tuple[list[Any], str | None]:
    """Slice ``items`` the way ECR does; returns (page, nextToken or None)."""
    from moto.ecr.exceptions import InvalidParameterException

    if max_results is None:
        size = DEFAULT_PAGE
    else:
        size = int(max_results)
        if not 1 <= size <= MAX_PAGE:
            bound = "greater than or equal to 1" if size < 1 else "less than or equal to 1000"
            raise InvalidParameterException(
                f"1 validation error detected: Value '{size}' at 'maxResults' failed to "
                f"satisfy constraint: Member must have value {bound}"
            )
    start = _decode_token(next_token, operation) if next_token else 0
    page = items[start : start + size]
    end = start + len(page)
    return page, (_encode_token(end, operation) if end < len(items) else None)


def _patch_ecr(
    registry_url: str, token_ttl: float, registry_urls: dict[str, str] | None = None
) -> None:
    from moto.core.responses import ActionResult
    from moto.ecr.responses import ECRResponse

    def get_authorization_token(self: Any) -> ActionResult:
        registry_ids = self._get_param("registryIds") or [self.current_account]
        data = []
        # One token per principal: another registry id changes the endpoint, not the password.
        token = base64.b64encode(f"AWS:{password_for(self.current_account)}".encode()).decode()
        for registry_id in registry_ids:
            data.append(
                {
                    "authorizationToken": token,
                    "expiresAt": time.time() + token_ttl,
                    "proxyEndpoint": (registry_urls or {}).get(
                        f"{registry_id}:{self.region}", registry_url
                    ),
                }
            )
        return ActionResult({"authorizationData": data})

    def describe_repositories(self: Any) -> ActionResult:
        repos = self.ecr_backend.describe_repositories(
            repository_names=self._get_param("repositoryNames"),
            registry_id=self._get_param("registryId"),
        )
        page, token = paginate(
            list(repos), self._get_param("maxResults"), self._get_param("nextToken"),
            "DescribeRepositories",
        )
        result: dict[str, Any] = {"repositories": page, "failures": []}
        if token:
            result["nextToken"] = token
        return ActionResult(result)

    original_describe_images = ECRResponse.describe_images
    original_list_images = ECRResponse.list_images

    def describe_images(self: Any) -> ActionResult | str:
        name = self._get_param("repositoryName")
        bulk = bulk_images.BULK.get(name)
        if bulk is not None and (bulk.account, bulk.region) == (
            self.ecr_backend.account_id, self.ecr_backend.region_name
        ):
            return _bulk_answer(self, bulk)
        if not self._get_param("imageIds"):
            # Page first, copy after: the same answer, without copying every image per page.
            images = list(self.ecr_backend.describe_images(
                self._get_param("repositoryName"), self._get_param("registryId"), None
            ))
            page, token = paginate(
                images, self._get_param("maxResults"), self._get_param("nextToken"),
                "DescribeImages",
            )
            dto_images = []
            for image in page:
                dto = copy.copy(image)
                if not dto.image_tags:
                    del dto.image_tags
                dto_images.append(dto)
            result: dict[str, Any] = {"imageDetails": dto_images}
            if token:
                result["nextToken"] = token
            return ActionResult(result)
        full = original_describe_images(self)
        details = list(full.result["imageDetails"])  # type: ignore[index]
        page, token = paginate(
            details, self._get_param("maxResults"), self._get_param("nextToken"),
            "DescribeImages",
        )
        result = {"imageDetails": page}
        if token:
            result["nextToken"] = token
        return ActionResult(result)

    def list_images(self: Any) -> ActionResult:
        full = original_list_images(self)
        ids = list(full.result["imageIds"])  # type: ignore[index]
        status = (self._get_param("filter") or {}).get("tagStatus")
        if status == "TAGGED":
            ids = [i for i in ids if i.get("imageTag")]
        elif status == "UNTAGGED":
            ids = [i for i in ids if not i.get("imageTag")]
        page, token = paginate(
            ids, self._get_param("maxResults"), self._get_param("nextToken"), "ListImages"
        )
        result: dict[str, Any] = {"imageIds": page}
        if token:
            result["nextToken"] = token
        return ActionResult(result)

    ECRResponse.get_authorization_token = get_authorization_token  # type: ignore[method-assign]
    ECRResponse.describe_repositories = describe_repositories  # type: ignore[method-assign]
    ECRResponse.describe_images = describe_images  # type: ignore[method-assign]
    ECRResponse.list_images = list_images  # type: ignore[method-assign]


def _bulk_answer(response: Any, bulk: bulk_images.BulkRepository) -> str:
    """DescribeImages on a bulk repository that the WSGI fast path left to moto (an unknown
    id, a parameter out of range): the same answer, or moto's error; like ECR, one unknown id
    fails the whole call."""
    from moto.ecr.exceptions import ImageNotFoundException

    image_ids = response._get_param("imageIds")
    if image_ids:
        out = bulk_images.by_ids(bulk, image_ids)
        if out is None:
            missing = next(i for i in image_ids if bulk_images.by_ids(bulk, [i]) is None)
            raise ImageNotFoundException(
                image_id=str(missing), repository_name=response._get_param("repositoryName"),
                registry_id=bulk.account,
            )
        return out.decode()
    positions, token = paginate(
        range(len(bulk.images)), response._get_param("maxResults"),
        response._get_param("nextToken"), "DescribeImages",
    )
    return bulk_images.answer(bulk, positions, token).decode()


def _caller(self: Any) -> tuple[str, str]:
    """(access key id, region) of a signed request, from its SigV4 Credential scope."""
    return bulk_images.caller(self.headers.get("Authorization", "") if self.headers else "")


def _recorder(audit_file: Path, calls_file: Path | None) -> Callable[[str, str, str], None]:
    """Writes one call's audit lines: (operation, access key id, region)."""
    lock = threading.Lock()

    def record(name: str, key: str, region: str) -> None:
        with lock, audit_file.open("a", encoding="utf-8") as fh:
            fh.write(name + "\n")
        if calls_file is not None:
            with lock, calls_file.open("a", encoding="utf-8") as fh:
                fh.write(f"{time.time():.3f} {name} {key} {region}\n")

    return record


def _patch_audit(record: Callable[[str, str, str], None]) -> None:
    from moto.core.responses import BaseResponse

    original = BaseResponse.call_action

    def call_action(self: Any) -> Any:
        try:
            name = f"{self.service_name}.{self._get_action()}"
        except Exception:  # noqa: BLE001 - never break a request for the audit line
            name = f"{self.service_name}.?"
        record(name, *_caller(self))
        return original(self)

    BaseResponse.call_action = call_action  # type: ignore[method-assign]


def _account_of(key: str) -> str:
    """The account moto maps an access key to (its own rule, without a request object)."""
    from moto.iam.models import get_account_id_from

    return os.environ.get("MOTO_ACCOUNT_ID") or get_account_id_from(key)


def _cache_module_listing() -> None:
    """moto lists its own package directory (~170 stat calls) on every request to find the
    backend: list it once."""
    from moto import backends

    modules = tuple(backends.list_of_moto_modules())
    backends.list_of_moto_modules = lambda: modules  # type: ignore[assignment]


def _wsgi(
    app: Callable[..., Iterable[bytes]], latency: float,
    record: Callable[[str, str, str], None] = lambda *_: None,
) -> Callable[..., Iterable[bytes]]:
    delay = [latency]  # changed at run time by PUT /_harness/latency?ms=N (benchmarks)

    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/_harness/ready":
            start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "5")])
            return [b"ready"]
        if environ.get("PATH_INFO") == "/_harness/latency" and environ["REQUEST_METHOD"] == "PUT":
            query = dict(p.partition("=")[::2] for p in environ.get("QUERY_STRING", "").split("&"))
            delay[0] = float(query.get("ms", "0")) / 1000.0
            start_response("204 No Content", [("Content-Length", "0")])
            return [b""]
        if delay[0] > 0:
            time.sleep(delay[0])
        if "HTTP_X_MOTO_ACCOUNT_ID" not in environ:
            fast = bulk_images.fast_path(environ, _account_of, paginate, record)
            if fast is not None:
                start_response("200 OK", [
                    ("Content-Type", "application/x-amz-json-1.1"),
                    ("Content-Length", str(len(fast))),
                    ("x-amzn-RequestId", str(uuid.uuid4())),
                ])
                return [fast]
        return app(environ, start_response)

    return wrapped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--registry-url", required=True)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--audit-file", type=Path)
    parser.add_argument("--token-ttl", type=float, default=43200.0)
    parser.add_argument("--seed-file", type=Path)
    parser.add_argument("--registry-urls", type=Path,
                        help='JSON {"ACCOUNT:REGION": url}: proxyEndpoint per registry')
    parser.add_argument("--calls-file", type=Path,
                        help='one "epoch service.Operation access-key region" line per call')
    parser.add_argument("--store-sync", type=Path,
                        help='JSON {"ACCOUNT:REGION": {"url", "root"}}: ECR writes mirrored')
    args = parser.parse_args(argv)

    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import make_server

    urls = json.loads(args.registry_urls.read_text()) if args.registry_urls else None
    _patch_ecr(args.registry_url.rstrip("/"), args.token_ttl, urls)
    pull_through.patch()
    moto_scans.patch()
    from tests.harness import moto_lifecycle

    moto_lifecycle.patch()
    _cache_module_listing()
    record: Callable[[str, str, str], None] = lambda *_: None  # noqa: E731
    if args.audit_file:
        args.audit_file.touch()
        record = _recorder(args.audit_file, args.calls_file)
        _patch_audit(record)
    if args.seed_file:
        moto_seed.seed(args.seed_file)
    # Issue 18: ECS tasks' imageDigest, Lambda's ResolvedImageUri, an AccessDenied pair; seeded.
    moto_workloads.patch()
    if args.seed_file:
        moto_workloads.seed(args.seed_file)

    app = _wsgi(
        DomainDispatcherApplication(create_backend_app), args.latency_ms / 1000.0, record
    )
    if args.store_sync:  # issue 21: ECR and the registry as one store (the write world)
        from tests.harness import store_sync

        store_sync.patch(args.store_sync)
        app = store_sync.wrap(app)
    server = make_server(args.host, args.port, app, threaded=True)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(f"moto_launcher ready on http://{args.host}:{args.port}", flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
