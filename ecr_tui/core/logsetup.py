"""Debug logging that never carries a credential."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import TextIO

_SECRET = re.compile(
    r"(?i)((?:authorization|authorizationtoken|password|x-amz-security-token|secretaccesskey|"
    r"sessiontoken|accesstoken|refreshtoken|clientsecret|x-amz-sso_bearer_token)[\"']?\s*[:=]\s*"
    r"[\"']?)(?:basic |bearer )?[^\s\"',}]+"
)


def redact(text: str) -> str:
    return _SECRET.sub(r"\1[redacted]", text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def enable_debug(stream: TextIO | None = None, path: Path | None = None) -> None:
    """Log ecr_tui at DEBUG to a stream or file. Library loggers stay at WARNING:
    botocore's DEBUG output prints response bodies, tokens included."""
    if path is not None:
        # 0600 before anything is written: the log names profiles, accounts and registries.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        os.chmod(path, 0o600)
    handler: logging.Handler = (
        logging.FileHandler(path, encoding="utf-8") if path else logging.StreamHandler(stream)
    )
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("ecr_tui")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    for noisy in ("botocore", "boto3", "urllib3", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
