"""Throwaway certificate authorities and server certificates for loopback TLS, made with the
`openssl` command line in a temp dir (keys never leave it; nothing is added to any trust store).

`make_ca(dir, name)` gives a CA; `server_cert(dir, ca, name, sans)` one server certificate it
signs, for the names in `sans` (e.g. `("IP:127.0.0.1", "DNS:localhost")`).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

OPENSSL = "openssl"
LOOPBACK_SANS = ("IP:127.0.0.1", "DNS:localhost")
_DAYS = "2"


@dataclass(frozen=True)
class Ca:
    cert: Path  # PEM: what a client's AWS_CA_BUNDLE names
    key: Path


@dataclass(frozen=True)
class ServerCert:
    cert: Path  # PEM: the leaf, then the CA (a chain as servers send it)
    key: Path


def _openssl(args: list[str], cwd: Path) -> None:
    subprocess.run([OPENSSL, *args], cwd=cwd, check=True, capture_output=True,
                   stdin=subprocess.DEVNULL)


def make_ca(directory: Path, name: str) -> Ca:
    """A self-signed P-256 CA valid for two days."""
    directory.mkdir(parents=True, exist_ok=True)
    ca = Ca(directory / f"{name}-ca.pem", directory / f"{name}-ca.key")
    _openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
              "-keyout", str(ca.key), "-out", str(ca.cert), "-days", _DAYS,
              "-subj", f"/CN=ecr-tui test CA {name}",
              "-addext", "basicConstraints=critical,CA:TRUE",
              "-addext", "keyUsage=critical,keyCertSign,cRLSign"], directory)
    return ca


def server_cert(directory: Path, ca: Ca, name: str,
                sans: tuple[str, ...] = LOOPBACK_SANS) -> ServerCert:
    """A serverAuth certificate for `sans` signed by `ca`."""
    key, csr, leaf = (directory / f"{name}.key", directory / f"{name}.csr",
                      directory / f"{name}.leaf.pem")
    extensions = directory / f"{name}.ext"
    extensions.write_text(
        f"subjectAltName={','.join(sans)}\nbasicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n", encoding="ascii")
    _openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
              "-keyout", str(key), "-out", str(csr), "-subj", f"/CN={name}"], directory)
    _openssl(["x509", "-req", "-in", str(csr), "-CA", str(ca.cert), "-CAkey", str(ca.key),
              "-CAcreateserial", "-out", str(leaf), "-days", _DAYS,
              "-extfile", str(extensions)], directory)
    chain = directory / f"{name}.pem"
    chain.write_bytes(leaf.read_bytes() + ca.cert.read_bytes())
    return ServerCert(chain, key)
