"""Writing through the Registry HTTP API v2 (issue 21's copy): is a blob there (HEAD), a
cross-repository mount, a blob streamed from another registry's GET straight into an upload
(POST, then one PUT `?digest=` whose body is the GET's: never whole in memory), and a
manifest PUT with its exact bytes and media type. The client refuses every write while the
write switch is off."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.parse import quote

from ecr_tui.core.errors import NotFoundError, RegistryError

if TYPE_CHECKING:
    from ecr_tui.core.registry.client import RegistryClient

OCTETS = "application/octet-stream"


def has_blob(client: RegistryClient, repository: str, digest: str) -> bool:
    """HEAD the blob: what the destination has is never sent again (an interrupted copy,
    run again, sends only what did not arrive)."""
    url = f"{client.repository_url(repository)}/blobs/{digest}"
    try:
        client.request("HEAD", url, not_found="no blob")
    except NotFoundError:
        return False
    return True


def has_manifest(client: RegistryClient, repository: str, reference: str) -> str:
    """The digest `reference` names at the registry (HEAD), "" when none."""
    try:
        return client.manifest_digest(repository, reference)
    except NotFoundError:
        return ""


def mount_blob(client: RegistryClient, repository: str, digest: str, source: str) -> str:
    """Mount `digest` from `source` (same registry): "" when mounted; else the upload the
    registry started instead (its location: the blob is then uploaded there)."""
    url = (f"{client.repository_url(repository)}/blobs/uploads/?mount={quote(digest)}"
           f"&from={quote(source, safe='/')}")
    response = client.request("POST", url, not_found=f"no repository {repository}")
    if response.status_code == 201:
        return ""
    return _location(client, response.headers.get("location", ""), repository)


def start_upload(client: RegistryClient, repository: str) -> str:
    """POST an upload; its location (absolute, query string kept)."""
    url = f"{client.repository_url(repository)}/blobs/uploads/"
    response = client.request("POST", url, not_found=f"no repository {repository}")
    return _location(client, response.headers.get("location", ""), repository)


def finish_upload(
    client: RegistryClient, location: str, digest: str, size: int, chunks: Iterable[bytes]
) -> None:
    """The whole blob in one PUT `?digest=` streamed from `chunks` (monolithic: one round
    trip fewer than PATCH + PUT). The registry checks the digest of what it received."""
    sep = "&" if "?" in location else "?"
    url = f"{location}{sep}digest={quote(digest)}"
    headers = {"Content-Type": OCTETS, "Content-Length": str(size)}
    with client.stream("PUT", url, headers=headers, content=chunks) as response:
        if response.status_code not in (201, 204):
            raise client.failure(response, f"the upload of {digest}")


@contextmanager
def blob_chunks(client: RegistryClient, repository: str, digest: str) -> Iterator[Iterator[bytes]]:
    """The blob's bytes as they arrive (ECR's 307 to S3 followed; httpx drops the
    Authorization header on that hop). A refused token is renewed once (a HEAD) first."""
    url = f"{client.repository_url(repository)}/blobs/{digest}"
    for attempt in (0, 1):
        with client.stream("GET", url, follow_redirects=True) as response:
            if response.status_code in (401, 403) and attempt == 0:
                response.read()
            elif response.status_code != 200:
                raise client.failure(response, f"the download of {repository}@{digest}")
            else:
                yield response.iter_bytes()  # as they arrive, never rechunked
                return
        client.request("HEAD", url, not_found=f"no blob {digest} in {repository}")


def put_manifest(
    client: RegistryClient, repository: str, reference: str, body: bytes, media_type: str
) -> str:
    """PUT the exact bytes under a tag or digest; the digest the registry gives back."""
    url = f"{client.repository_url(repository)}/manifests/{reference}"
    response = client.request("PUT", url, not_found=f"no repository {repository}",
                              headers={"Content-Type": media_type}, content=body)
    return response.headers.get("docker-content-digest", "")


def _location(client: RegistryClient, location: str, repository: str) -> str:
    """An upload location on the registry's own origin (the token goes only there)."""
    import httpx

    if not location:
        raise RegistryError(f"registry {client.host} started an upload to {repository} "
                            "without a location")
    base = httpx.URL(client.endpoint)
    url = base.join(location)
    if (url.scheme, url.host, url.port) != (base.scheme, base.host, base.port):
        raise RegistryError(f"registry {client.host} sent the upload to another host "
                            f"({url.host}); ecr-tui sends its token only to {client.host}")
    return str(url)
