"""The one line for a registry we could not talk to, the same through httpx and the blob pipe:
a TLS certificate refused says which trust store refused it and how to fix that (a network
fix never helps there: behind a TLS-inspecting proxy the CA bundle is what is missing)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ecr_tui.core.registry.manifests import shorten

if TYPE_CHECKING:
    import ssl

NETWORK_FIX = "check network, VPN or HTTPS_PROXY"
CA_FIX = "point AWS_CA_BUNDLE at the CA bundle that signs the registry's certificate"
NAME_FIX = ("use the registry's own address: its certificate is for other names, and no "
            "trust store makes that safe")
_NAME_MISMATCH = frozenset({62, 64})
"""OpenSSL's X509_V_ERR_HOSTNAME_MISMATCH and X509_V_ERR_IP_ADDRESS_MISMATCH."""
_DEPTH = 8


def unreachable(host: str, exc: BaseException) -> tuple[str, str]:
    """(message, fix) for a failure to talk to registry `host`; the caller scrubs secrets."""
    refused = certificate_refusal(exc)
    if refused is not None:
        why = shorten(refused.verify_message or str(refused), 160)
        if refused.verify_code in _NAME_MISMATCH:
            return f"registry {host} sent a TLS certificate for another name: {why}", NAME_FIX
        return (f"registry {host} sent a TLS certificate {trust_store()} does not accept: "
                f"{why}", CA_FIX)
    reason = "timed out" if isinstance(exc, TimeoutError) else shorten(
        str(exc) or type(exc).__name__, 120)
    return f"cannot reach registry {host}: {reason}", NETWORK_FIX


def certificate_refusal(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    """The certificate check that failed behind `exc` (httpx wraps it twice), else None."""
    import ssl  # here: importing this module must not load OpenSSL before a request does

    seen: BaseException | None = exc
    for _ in range(_DEPTH):
        if seen is None:
            return None
        if isinstance(seen, ssl.SSLCertVerificationError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def trust_store() -> str:
    """Which trust store registry clients use, as `http_setup.ssl_verify` picks it."""
    for variable in ("AWS_CA_BUNDLE", "SSL_CERT_FILE"):
        path = os.environ.get(variable)
        if path:
            return f"the CA bundle {shorten(path, 80)} ({variable})"
    return "the system trust store"
