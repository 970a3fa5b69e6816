"""httpx made ready once per process: imported without what sync clients never use, one
shared trust store, and TLS trust as boto3 has it (AWS_CA_BUNDLE, SSL_CERT_FILE).

`warm_up` runs on a worker thread while GetAuthorizationToken is on its way, so a listing's
first registry page does not wait for ~60 ms of imports and OpenSSL work.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import TYPE_CHECKING

from ecr_tui.core.errors import ConfigError
from ecr_tui.core.registry.manifests import shorten

if TYPE_CHECKING:
    import ssl

_DEFAULT_TLS: list[ssl.SSLContext] = []
_TLS_LOCK = threading.Lock()
_IMPORT_LOCK = threading.Lock()


def default_tls() -> ssl.SSLContext:
    """httpx's default trust store, built once per process and shared by every client."""
    with _TLS_LOCK:
        if not _DEFAULT_TLS:
            import httpx

            _DEFAULT_TLS.append(httpx.create_ssl_context())
        return _DEFAULT_TLS[0]


def warm_up() -> None:
    """Import httpx and its transport and build the trust store registry clients will use,
    on another thread while the token is on its way: off a listing's critical path."""
    import_httpx()
    try:
        registry_tls()
    except ConfigError:
        pass  # the registry client says so, once, where the listing reports its errors


_NOT_NEEDED = ("trio", "httpx._main")
"""Imported by httpcore and httpx when installed, used by neither of our sync clients:
trio is for async clients (40-80 ms), httpx._main is the `httpx` command line (it imports
rich, click and pygments: 25-40 ms)."""


def import_httpx() -> None:
    """httpx and httpcore without what they import for async clients and for their command
    line (`_NOT_NEEDED`); both import normally afterwards."""
    with _IMPORT_LOCK:
        if "httpx" in sys.modules:
            return
        blocked = [name for name in _NOT_NEEDED if name not in sys.modules]
        for name in blocked:
            sys.modules[name] = None  # type: ignore[assignment]
        try:
            import httpcore  # noqa: F401
            import httpx  # noqa: F401
        finally:
            for name in blocked:
                del sys.modules[name]


def registry_tls() -> ssl.SSLContext:
    """The trust store registry clients use: ssl_verify's bundle, else the shared default."""
    verify = ssl_verify()
    return verify if not isinstance(verify, bool) else default_tls()


_BUNDLES: dict[tuple[str, int, int], ssl.SSLContext] = {}
"""A CA bundle's trust store by (path, mtime, size): loading one costs 40-100 ms of CPU."""


def ssl_verify() -> ssl.SSLContext | bool:
    """TLS trust like boto3: AWS_CA_BUNDLE, else SSL_CERT_FILE, else the default store."""
    import ssl

    for variable in ("AWS_CA_BUNDLE", "SSL_CERT_FILE"):
        path = os.environ.get(variable)
        if not path:
            continue
        try:
            return _bundle(path)
        except (OSError, ssl.SSLError):
            pass
        raise ConfigError(
            f"cannot load the CA bundle {shorten(path, 120)} named by {variable}",
            fix=f"fix or unset {variable}",
        )
    return True


def _bundle(path: str) -> ssl.SSLContext:
    """The trust store of a CA bundle, loaded once per process while the file is unchanged."""
    import ssl

    info = os.stat(path)
    key = (path, info.st_mtime_ns, info.st_size)
    with _TLS_LOCK:
        context = _BUNDLES.get(key)
        if context is None:
            context = _BUNDLES[key] = ssl.create_default_context(cafile=path)
        return context
