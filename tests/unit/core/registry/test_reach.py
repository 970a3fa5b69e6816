"""The one line for a registry we could not talk to (core/registry/reach.py): a refused TLS
certificate names the trust store and the CA-bundle fix, wherever httpx buries it."""

from __future__ import annotations

import ssl

import pytest

from ecr_tui.core.registry.reach import CA_FIX, NAME_FIX, NETWORK_FIX, unreachable

HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com"


def _refusal(code: int, message: str) -> ssl.SSLCertVerificationError:
    exc = ssl.SSLCertVerificationError(1, f"[SSL: CERTIFICATE_VERIFY_FAILED] {message}")
    exc.verify_code, exc.verify_message = code, message
    return exc


def _wrapped(inner: BaseException) -> BaseException:
    """As httpx raises it: ConnectError from httpcore's ConnectError from the ssl error."""
    try:
        try:
            raise inner
        except BaseException as exc:
            raise ConnectionError("httpcore ConnectError") from exc
    except ConnectionError as middle:
        try:
            raise RuntimeError("httpx ConnectError") from middle
        except RuntimeError as outer:
            return outer


@pytest.fixture(autouse=True)
def no_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)


def test_an_untrusted_certificate_names_the_trust_store_and_the_ca_bundle_fix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    refused = _wrapped(_refusal(19, "self-signed certificate in certificate chain"))
    message, fix = unreachable(HOST, refused)
    assert message == (f"registry {HOST} sent a TLS certificate the system trust store does "
                       "not accept: self-signed certificate in certificate chain")
    assert fix == CA_FIX and "AWS_CA_BUNDLE" in fix
    monkeypatch.setenv("AWS_CA_BUNDLE", "/etc/corp/ca.pem")
    assert "the CA bundle /etc/corp/ca.pem (AWS_CA_BUNDLE)" in unreachable(HOST, refused)[0]


@pytest.mark.parametrize("code", [62, 64])  # hostname, IP address
def test_a_certificate_for_another_name_is_not_a_ca_bundle_matter(code: int) -> None:
    message, fix = unreachable(HOST, _refusal(code, "Hostname mismatch, certificate is not "
                                                    f"valid for '{HOST}'."))
    assert message.startswith(f"registry {HOST} sent a TLS certificate for another name: ")
    assert HOST in message.partition(": ")[2] and fix == NAME_FIX


@pytest.mark.parametrize(("error", "reason"), [
    (ConnectionRefusedError(111, "Connection refused"), "Connection refused"),
    (TimeoutError(), "timed out"),
    (ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number"), "wrong version"),
])
def test_anything_else_is_a_network_matter(error: BaseException, reason: str) -> None:
    message, fix = unreachable(HOST, error)
    assert message.startswith(f"cannot reach registry {HOST}: ") and reason in message
    assert fix == NETWORK_FIX
