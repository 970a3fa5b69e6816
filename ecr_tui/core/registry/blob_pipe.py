"""A blob's bytes from one registry's GET straight into another's upload PUT over sockets of
our own (http.client, keep-alive, TLS as httpx has it): each piece is read into one reused
buffer and sent from it. Through httpx the same bytes pass h11's receive buffer (four copies)
and ~75 Python calls per 64 KiB piece: ~0.3 s more CPU for a 300 MB image, measured where a
copy's wall is its CPU (issue 21's loopback benchmark, two cores).

Used only where httpx would talk straight to both registries (`RegistryClient.direct`: no
proxy in the environment, no test transport); the same requests otherwise go through httpx
(`core/registry/upload.py`). Either way the destination checks the digest of what it got
before it keeps the blob (PUT `?digest=`): nothing is kept that is not the source's blob.
"""

from __future__ import annotations

import http.client
import select
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin, urlsplit

from ecr_tui.core.errors import NetworkError, RegistryError, WritesOff
from ecr_tui.core.registry.reach import unreachable

if TYPE_CHECKING:
    from ecr_tui.core.registry.client import RegistryClient

PIECE = 256 * 1024
"""Bytes read and sent at once (one buffer per blob in flight)."""
MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})

Origin = tuple[str, str, int]


def usable(source: RegistryClient, destination: RegistryClient) -> bool:
    """Both ends reachable without httpx's proxy or a test transport."""
    return source.direct is not None and destination.direct is not None


class BlobPipe:
    """One copy's blob transfers; connections kept per origin between blobs (close() ends
    them). Safe to share between the copy's threads: a connection serves one at a time."""

    def __init__(self, source: RegistryClient, destination: RegistryClient) -> None:
        self._source, self._destination = source, destination
        self._idle: dict[Origin, list[http.client.HTTPConnection]] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, {}
        for connections in idle.values():
            for connection in connections:
                connection.close()

    def copy(self, repository: str, digest: str, size: int, location: str,
             on_bytes: Callable[[int], None]) -> None:
        """The source's `repository@digest` into the upload at `location` (one PUT
        `?digest=` of exactly `size` bytes); raises the first failure, nothing kept then."""
        if not self._destination.writes:
            from ecr_tui.core.write_records import WRITES_OFF

            raise WritesOff(WRITES_OFF)
        connection, response = self._download(repository, digest)
        try:
            self._upload(location, digest, size, response, on_bytes)
        finally:
            self._done(connection, response)

    # -- the GET ---------------------------------------------------------------------------
    def _download(self, repository: str, digest: str
                  ) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
        """The blob's answer, its body unread (ECR's 307 to S3 followed, the Authorization
        header only to the registry's own origin). A refused token is renewed once (a HEAD
        through the client, as `upload.blob_chunks` does) first."""
        client = self._source
        url = f"{client.repository_url(repository)}/blobs/{digest}"
        for attempt in (0, 1):
            connection, response = self._get(url)
            if response.status in (401, 403) and attempt == 0:
                self._done(connection, response, drain=True)
                client.request("HEAD", url, not_found=f"no blob {digest} in {repository}")
                continue
            if response.status != 200:
                body = self._read_error(client, response)
                connection.close()
                raise client.answer_error(response.status, body,
                                          f"the download of {repository}@{digest}")
            return connection, response
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _get(self, url: str) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
        client = self._source
        home = _origin(url)
        for _hop in range(MAX_REDIRECTS + 1):
            headers = {"User-Agent": "ecr-tui"}
            authorization = client.authorization(url) if _origin(url) == home else None
            if authorization:
                headers["Authorization"] = authorization
            connection = self._request(client, "GET", url, headers)
            response = self._response(client, connection)
            target = response.getheader("location")
            if response.status not in REDIRECTS or not target:
                return connection, response
            self._done(connection, response, drain=True)
            url = urljoin(url, target)
        raise RegistryError(f"registry {client.host} redirected a blob more than "
                            f"{MAX_REDIRECTS} times")

    # -- the PUT ---------------------------------------------------------------------------
    def _upload(self, location: str, digest: str, size: int,
                source: http.client.HTTPResponse, on_bytes: Callable[[int], None]) -> None:
        client = self._destination
        sep = "&" if "?" in location else "?"
        url = f"{location}{sep}digest={quote(digest)}"
        headers = {"User-Agent": "ecr-tui", "Content-Type": "application/octet-stream",
                   "Content-Length": str(size)}
        authorization = client.authorization(url)
        if authorization:
            headers["Authorization"] = authorization
        connection = self._request(client, "PUT", url, headers)
        buffer = memoryview(bytearray(min(PIECE, max(size, 1))))
        sent = 0
        try:
            while sent < size:
                got = _read_into(self._source, source, buffer[:min(len(buffer), size - sent)])
                if not got:
                    raise RegistryError(f"registry {self._source.host} ended {digest} after "
                                        f"{sent} of its {size} bytes")
                connection.send(buffer[:got])
                sent += got
                on_bytes(got)
            response = self._response(client, connection)
        except OSError as exc:
            connection.close()
            raise _unreachable(client, exc) from None
        except BaseException:
            connection.close()  # the registry drops an upload whose body never ended
            raise
        if response.status not in (201, 204):
            body = self._read_error(client, response)
            connection.close()
            raise client.answer_error(response.status, body, f"the upload of {digest}")
        self._done(connection, response, drain=True)

    # -- connections -----------------------------------------------------------------------
    def _request(self, client: RegistryClient, method: str, url: str,
                 headers: dict[str, str]) -> http.client.HTTPConnection:
        """The request line and headers sent on an idle connection to its origin, else a
        new one (a kept one the server has closed meanwhile is dropped first)."""
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection = self._take(client, _origin(url))
        try:
            connection.putrequest(method, target, skip_accept_encoding=method != "GET")
            for name, value in headers.items():
                connection.putheader(name, value)
            connection.endheaders()
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            raise _unreachable(client, exc) from None
        return connection

    def _response(self, client: RegistryClient, connection: http.client.HTTPConnection
                  ) -> http.client.HTTPResponse:
        try:
            return connection.getresponse()
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            raise _unreachable(client, exc) from None

    def _take(self, client: RegistryClient, origin: Origin) -> http.client.HTTPConnection:
        with self._lock:
            idle = self._idle.get(origin) or []
            while idle:
                connection = idle.pop()
                if not _dropped(connection):
                    return connection
                connection.close()
        direct = client.direct
        assert direct is not None  # usable() was asked first
        tls, timeout = direct
        scheme, host, port = origin
        if scheme == "https":
            return http.client.HTTPSConnection(host, port, timeout=timeout, context=tls)
        return http.client.HTTPConnection(host, port, timeout=timeout)

    def _done(self, connection: http.client.HTTPConnection,
              response: http.client.HTTPResponse, *, drain: bool = False) -> None:
        """Keep the connection when its answer was read to the end, else close it."""
        try:
            if drain and not response.isclosed():
                response.read(64 * 1024)
        except (OSError, http.client.HTTPException):
            connection.close()
            return
        if not response.isclosed() or response.will_close:
            connection.close()
            return
        origin = (("https" if isinstance(connection, http.client.HTTPSConnection) else "http"),
                  connection.host, connection.port)
        with self._lock:
            self._idle.setdefault(origin, []).append(connection)

    @staticmethod
    def _read_error(client: RegistryClient, response: http.client.HTTPResponse) -> bytes:
        try:
            return response.read(64 * 1024)
        except (OSError, http.client.HTTPException):
            return b""


def _read_into(client: RegistryClient, response: http.client.HTTPResponse,
               buffer: memoryview) -> int:
    try:
        return response.readinto(buffer)
    except (OSError, http.client.HTTPException) as exc:
        raise _unreachable(client, exc) from None


def _origin(url: str) -> Origin:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, parts.hostname or "", parts.port or (443 if scheme == "https" else 80)


def _dropped(connection: http.client.HTTPConnection) -> bool:
    """A kept connection the server closed (or wrote to) while it was idle."""
    sock = connection.sock
    if sock is None:
        return True
    try:
        poller = select.poll()
        poller.register(sock, select.POLLIN)
        return bool(poller.poll(0))
    except (OSError, ValueError):
        return True


def _unreachable(client: RegistryClient, exc: BaseException) -> NetworkError:
    message, fix = unreachable(client.host, exc)
    return NetworkError(client.scrub(message), fix=fix)
