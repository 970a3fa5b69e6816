"""Debian's docker-registry (distribution 2.8) with htpasswd auth on a loopback port."""

from __future__ import annotations

import subprocess
from pathlib import Path

REGISTRY_BIN = "/usr/bin/docker-registry"
REALM = "ecr-test"

CONFIG = """\
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: {root}
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:{port}
  secret: ecr-tui-test-secret
  headers:
    X-Content-Type-Options: [nosniff]
auth:
  htpasswd:
    realm: {realm}
    path: {htpasswd}
"""


BCRYPT_MAX = 72


def write_htpasswd(path: Path, user: str, password: str) -> None:
    """bcrypt entry via ``htpasswd -iBn`` (password on stdin, never on the command line).

    htpasswd refuses passwords over 255 bytes and bcrypt only ever reads the first 72, so the
    entry is made from those 72 bytes; the paging front checks the full ~2 KB password itself.
    """
    result = subprocess.run(
        ["htpasswd", "-iBn", user], input=password.encode()[:BCRYPT_MAX], capture_output=True,
        check=True,
    )
    line = result.stdout.decode().strip().splitlines()[0]
    path.write_text(line + "\n", encoding="utf-8")


def write_config(workdir: Path, root: Path, port: int, password: str) -> Path:
    htpasswd = workdir / "htpasswd"
    write_htpasswd(htpasswd, "AWS", password)
    config = workdir / "registry.yml"
    config.write_text(
        CONFIG.format(root=root, port=port, realm=REALM, htpasswd=htpasswd), encoding="utf-8"
    )
    return config


def start(config: Path, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [REGISTRY_BIN, "serve", str(config)],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
