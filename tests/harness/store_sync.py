"""moto's ECR and docker-registry as ONE store, as ECR is (issue 21's write world).

ECR's API and its registry are two doors to the same images; the stand-ins are two stores, so
each write through one door is routed to the other:

* ECR API -> registry (launcher side, :func:`patch`): after a PutImage or BatchDeleteImage that
  moto accepted, the repository's change (tags added or moved, tags removed, images deleted)
  is made in that account's docker-registry: a manifest PUT under each new or moved tag (the
  bytes moto holds, so the digest is the same), a manifest DELETE by digest for each image
  gone (distribution also drops its tags), and the tag's directory removed for a tag gone
  from an image that stays (distribution 2.8 has no API to delete a tag; 3.0 has).
* registry -> ECR API (front side, :func:`tell_moto`): a manifest PUT or DELETE the registry
  accepted is put into moto in-process through ``POST /_harness/registry-write``
  (:func:`wrap`): no ECR API call, so nothing loops back and the moto audit sees none.

The launcher reads ``--store-sync FILE``: ``{"ACCOUNT:REGION": {"url": upstream registry,
"root": its storage directory}}``; only the write world passes it.
"""

from __future__ import annotations

import base64
import http.client
import json
import shutil
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.harness.tokens import password_for

ROUTE = "/_harness/registry-write"
SYNC: dict[str, dict[str, str]] = {}
""""ACCOUNT:REGION" -> {"url": upstream registry, "root": its storage directory}."""
_LOCK = threading.RLock()


def _request(url: str, method: str, path: str, body: bytes = b"",
             headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80,
                                      timeout=30)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        answer = conn.getresponse()
        return answer.status, answer.read()
    finally:
        conn.close()


def _auth(account: str) -> dict[str, str]:
    token = base64.b64encode(f"AWS:{password_for(account)}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


Snapshot = dict[str, tuple[Any, frozenset[str]]]
"""digest -> (moto's Image, its tags)."""


def _snapshot(backend: Any, repository: str) -> Snapshot:
    repo = backend.repositories.get(repository)
    return {i.get_image_digest(): (i, frozenset(i.image_tags or ())) for i in
            (repo.images if repo else ())}


def _tag_map(snap: Snapshot) -> dict[str, str]:
    return {tag: digest for digest, (_i, tags) in snap.items() for tag in tags}


def mirror(account: str, region: str, repository: str, before: Snapshot, after: Snapshot
           ) -> None:
    """Make the registry of (account, region) show what moto's repository now holds."""
    target = SYNC.get(f"{account}:{region}")
    if target is None:
        return
    url, auth = target["url"], _auth(account)
    old_tags, new_tags = _tag_map(before), _tag_map(after)
    for tag, digest in new_tags.items():
        if old_tags.get(tag) != digest:
            image = after[digest][0]
            media = image.image_manifest_media_type or json.loads(image.image_manifest).get(
                "mediaType", "")
            status, body = _request(url, "PUT", f"/v2/{repository}/manifests/{tag}",
                                    image.image_manifest.encode(),
                                    {**auth, "Content-Type": media})
            if status != 201:
                raise RuntimeError(f"registry refused {repository}:{tag}: {status} {body!r}")
    for digest in before.keys() - after.keys():
        status, body = _request(url, "DELETE", f"/v2/{repository}/manifests/{digest}",
                                headers=auth)
        if status not in (202, 404):
            raise RuntimeError(f"registry kept {repository}@{digest}: {status} {body!r}")
    for tag in old_tags.keys() - new_tags.keys():
        if old_tags[tag] in after:  # the image stays: only its tag goes
            tags = Path(target["root"], "docker/registry/v2/repositories", repository,
                        "_manifests/tags", tag)
            shutil.rmtree(tags, ignore_errors=True)


def patch(sync_file: Path) -> None:
    """ECR API writes mirrored into the registry (see the top)."""
    from moto.ecr.responses import ECRResponse

    SYNC.update(json.loads(sync_file.read_text(encoding="utf-8")))

    def mirrored(original: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def handler(self: Any) -> Any:
            repository = self._get_param("repositoryName")
            with _LOCK:
                before = _snapshot(self.ecr_backend, repository)
                answer = original(self)
                mirror(self.current_account, self.region, repository, before,
                       _snapshot(self.ecr_backend, repository))
            return answer

        return handler

    ECRResponse.put_image = mirrored(ECRResponse.put_image)  # type: ignore[method-assign]
    ECRResponse.batch_delete_image = mirrored(  # type: ignore[method-assign]
        ECRResponse.batch_delete_image)


def _registry_write(data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A manifest the registry accepted (PUT) or deleted (DELETE), made in moto's ECR."""
    from moto.ecr.models import ecr_backends

    backend = ecr_backends[data["account"]][data["region"]]
    repository, reference = data["repository"], data["reference"]
    with _LOCK:
        if repository not in backend.repositories:
            return "404 Not Found", {"error": f"no repository {repository} in ECR"}
        if data["method"] == "DELETE":
            backend.batch_delete_image(repository, None, [{"imageDigest": reference}])
            return "200 OK", {}
        tag = None if reference.startswith("sha256:") else reference
        known = next((i for i in backend.repositories[repository].images
                      if i.get_image_digest() == data["digest"]), None)
        if known is not None and (tag is None or tag in (known.image_tags or ())):
            return "200 OK", {}  # nothing new: ECR keeps the image as it is
        backend.put_image(repository, data["manifest"], tag, data["media_type"],
                          data["digest"])
    return "200 OK", {}


def wrap(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
    """moto's WSGI app with the registry's door into ECR (`ROUTE`)."""

    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != ROUTE or environ["REQUEST_METHOD"] != "POST":
            return app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        data = json.loads(environ["wsgi.input"].read(length))
        try:
            status, answer = _registry_write(data)
        except Exception as exc:  # noqa: BLE001 - moto's refusal, told to the registry client
            status, answer = "400 Bad Request", {"error": f"{type(exc).__name__}: {exc}"}
        body = json.dumps(answer).encode()
        start_response(status, [("Content-Type", "application/json"),
                                ("Content-Length", str(len(body)))])
        return [body]

    return wrapped


def tell_moto(moto_url: str, account: str, region: str, method: str, repository: str,
              reference: str, manifest: bytes = b"", media_type: str = "", digest: str = ""
              ) -> tuple[int, bytes]:
    """The registry accepted a manifest write: ECR's side of the store takes it too."""
    data = {"account": account, "region": region, "method": method, "repository": repository,
            "reference": reference, "manifest": manifest.decode("utf-8"),
            "media_type": media_type, "digest": digest}
    return _request(moto_url, "POST", ROUTE, json.dumps(data).encode(),
                    {"Content-Type": "application/json"})
