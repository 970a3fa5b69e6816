"""One JSON reply of an AWS-like stand-in (the SSO portal, ECR Public): body, length, error type."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from typing import Any


def send_json(
    handler: BaseHTTPRequestHandler, status: int, body: dict[str, Any], *,
    content_type: str = "application/json", error: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    raw = json.dumps(body).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(raw)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    if error:
        handler.send_header("x-amzn-ErrorType", error)
    handler.end_headers()
    handler.wfile.write(raw)
