"""Deterministic ECR-like registry passwords, shared by the moto launcher and the fixtures."""

from __future__ import annotations

import base64
import hashlib

PASSWORD_LENGTH = 2048


def password_for(account_id: str) -> str:
    """A realistic (~2 KB, base64-looking) password that is stable for ``account_id``.

    It contains no ':' and no newline, so it is safe for Basic auth and for stdin.
    """
    prefix = f"{account_id}-auth-token-"
    chunks: list[bytes] = []
    seed = f"ecr-tui-test-{account_id}".encode()
    while sum(len(c) for c in chunks) * 4 // 3 < PASSWORD_LENGTH:
        seed = hashlib.sha256(seed).digest()
        chunks.append(seed)
    filler = base64.b64encode(b"".join(chunks)).decode("ascii").rstrip("=")
    return (prefix + filler)[:PASSWORD_LENGTH]


def basic_token(account_id: str) -> str:
    """The ``authorizationToken`` value: base64("AWS:" + password)."""
    return base64.b64encode(f"AWS:{password_for(account_id)}".encode()).decode("ascii")
