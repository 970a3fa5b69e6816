"""The registry's TLS trust is built once per process: a CA bundle (AWS_CA_BUNDLE,
SSL_CERT_FILE) costs 40-100 ms of CPU to load, and the listing's warm-up builds the one
registry clients use, off the critical path."""

from __future__ import annotations

import os
import shutil
import ssl
from pathlib import Path
from typing import Any

import certifi
import pytest

from ecr_tui.core.registry import http_setup
from ecr_tui.core.registry.client import RegistryClient


def _count_loads(monkeypatch: pytest.MonkeyPatch, bundle: Path) -> list[str]:
    loads: list[str] = []
    real = ssl.create_default_context

    def counting(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        if kwargs.get("cafile") == str(bundle):
            loads.append(str(bundle))
        return real(*args, **kwargs)

    monkeypatch.setattr(ssl, "create_default_context", counting)
    return loads


@pytest.fixture
def bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "ca.pem"
    shutil.copy(certifi.where(), path)
    monkeypatch.delenv("AWS_CA_BUNDLE", raising=False)
    monkeypatch.setenv("SSL_CERT_FILE", str(path))
    return path


def test_warm_up_loads_the_bundle_clients_use_once(
    monkeypatch: pytest.MonkeyPatch, bundle: Path
) -> None:
    loads = _count_loads(monkeypatch, bundle)
    http_setup.warm_up()
    assert loads == [str(bundle)]
    for _ in range(3):
        RegistryClient("https://example.invalid", lambda refresh: None).close()  # type: ignore[arg-type, return-value]
    assert loads == [str(bundle)]


def test_a_changed_bundle_is_loaded_again(monkeypatch: pytest.MonkeyPatch, bundle: Path) -> None:
    first = http_setup.ssl_verify()
    assert http_setup.ssl_verify() is first
    stat = bundle.stat()
    os.utime(bundle, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert http_setup.ssl_verify() is not first
