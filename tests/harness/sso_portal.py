"""An IAM Identity Center portal stand-in speaking the real REST shapes, for botocore's `sso`.

Usage (cwd = repo root)::

    python -m tests.harness.sso_portal --port P --sts-url MOTO_URL --data FILE \
        [--rate 20] [--latency-ms N] [--audit-file F]

* ``GET /assignment/accounts``, ``GET /assignment/roles?account_id=``,
  ``GET /federation/credentials?account_id=&role_name=``; bearer header
  ``x-amz-sso_bearer_token``; ``max_result`` 1..100 and an opaque ``next_token``; a page holds
  at most 20 items whatever was asked (AWS may return fewer than ``max_result``), so paging
  happens with 40+ accounts; errors as the portal sends them (``x-amzn-ErrorType`` header).
* Role credentials are minted by moto's STS AssumeRole on ``arn:aws:iam::ACCOUNT:role/ROLE``, so
  each role's requests land in its own moto account (moto maps the keys it minted).
* More than ``--rate`` requests within any second: 429 TooManyRequestsException. Every request is
  counted per wall-clock second: ``GET /_harness/counts``. ``PUT /_harness/rate?rps=N`` and
  ``PUT /_harness/latency?ms=N`` change the limits at run time.
* ``POST /token`` (sso-oidc CreateToken, a refresh attempt): 400 invalid_grant, so an expired
  cached token stays expired, as it does once its refresh token is gone.

--data: ``{"tokens": {ACCESS_TOKEN: SESSION}, "sessions": {SESSION: [{"accountId",
"accountName", "emailAddress", "roles": [NAME, ...]}]}}``.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import threading
import time
from collections import Counter, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.harness.json_reply import send_json

DEFAULT_PAGE = 20
MAX_PAGE = 100
PAGE_CAP = 20
CREDENTIAL_SECONDS = 3600


class Portal(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, data: dict[str, Any], sts_url: str, rate: int,
                 latency: float, audit: Path | None) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.tokens: dict[str, str] = data["tokens"]
        self.sessions: dict[str, list[dict[str, Any]]] = data["sessions"]
        self.sts_url = sts_url
        self.rate = rate
        self.latency = latency
        self.audit = audit
        self.lock = threading.Lock()
        self.recent: deque[float] = deque()
        self.per_second: Counter[int] = Counter()
        self.calls: Counter[str] = Counter()
        self.throttled = 0
        self._sts: Any = None

    def admit(self) -> bool:
        """Count the request; False when it is over the rate (sliding one-second window)."""
        now = time.monotonic()
        with self.lock:
            self.per_second[int(time.time())] += 1
            while self.recent and now - self.recent[0] >= 1.0:
                self.recent.popleft()
            if len(self.recent) >= self.rate:
                self.throttled += 1
                return False
            self.recent.append(now)
            return True

    def sts(self) -> Any:
        with self.lock:
            if self._sts is None:
                import boto3

                self._sts = boto3.session.Session(
                    aws_access_key_id="portal", aws_secret_access_key="portal",
                    region_name="us-east-1",
                ).client("sts", endpoint_url=self.sts_url)
            return self._sts

    def record(self, operation: str) -> None:
        with self.lock:
            self.calls[operation] += 1
            if self.audit:
                with self.audit.open("a", encoding="utf-8") as fh:
                    fh.write(operation + "\n")


def _page(items: list[Any], query: dict[str, list[str]]) -> tuple[list[Any], str | None]:
    size = int(query.get("max_result", [DEFAULT_PAGE])[0])
    if not 1 <= size <= MAX_PAGE:
        raise ValueError("max_result")
    size = min(size, PAGE_CAP)
    token = query.get("next_token", [""])[0]
    start = int(json.loads(base64.urlsafe_b64decode(token))["o"]) if token else 0
    end = start + size
    nxt = base64.urlsafe_b64encode(json.dumps({"o": end}).encode()).decode() if end < len(
        items) else None
    return items[start:end], nxt


class Handler(BaseHTTPRequestHandler):
    server: Portal
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        return

    def _send(self, status: int, body: dict[str, Any], error: str | None = None) -> None:
        send_json(self, status, body, error=error)

    def _harness(self, path: str, query: dict[str, list[str]]) -> None:
        portal = self.server
        if path == "/_harness/ready":
            self._send(200, {"ready": True})
        elif path == "/_harness/counts":
            with portal.lock:
                body = {"per_second": {str(k): v for k, v in portal.per_second.items()},
                        "calls": dict(portal.calls), "throttled": portal.throttled}
            self._send(200, body)
        elif path == "/_harness/rate":
            portal.rate = int(query["rps"][0])
            self._send(200, {"rate": portal.rate})
        elif path == "/_harness/latency":
            portal.latency = float(query["ms"][0]) / 1000.0
            self._send(200, {"latency": portal.latency})
        else:
            self._send(404, {"message": "unknown harness path"})

    def do_PUT(self) -> None:  # noqa: N802 - stdlib name
        parts = urlsplit(self.path)
        self._harness(parts.path, parse_qs(parts.query))

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.server.record("sso-oidc.CreateToken")
        self._send(400, {"error": "invalid_grant",
                         "error_description": "refresh token expired"}, "InvalidGrantException")

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if parts.path.startswith("/_harness/"):
            self._harness(parts.path, query)
            return
        portal = self.server
        if portal.latency:
            time.sleep(portal.latency)
        if not portal.admit():
            self._send(429, {"message": "Rate exceeded"}, "TooManyRequestsException")
            return
        session = portal.tokens.get(self.headers.get("x-amz-sso_bearer_token", ""))
        if session is None:
            self._send(401, {"message": "Session token not found or invalid"},
                       "UnauthorizedException")
            return
        accounts = {a["accountId"]: a for a in portal.sessions.get(session, [])}
        try:
            if parts.path == "/assignment/accounts":
                portal.record("sso.ListAccounts")
                page, nxt = _page([
                    {k: a[k] for k in ("accountId", "accountName", "emailAddress")}
                    for a in accounts.values()
                ], query)
                self._send(200, {"accountList": page, **({"nextToken": nxt} if nxt else {})})
            elif parts.path == "/assignment/roles":
                portal.record("sso.ListAccountRoles")
                account = accounts.get(query.get("account_id", [""])[0])
                roles = [{"roleName": r, "accountId": account["accountId"]}
                         for r in (account or {}).get("roles", [])] if account else []
                page, nxt = _page(roles, query)
                self._send(200, {"roleList": page, **({"nextToken": nxt} if nxt else {})})
            elif parts.path == "/federation/credentials":
                portal.record("sso.GetRoleCredentials")
                self._credentials(accounts, query)
            else:
                self._send(404, {"message": "not found"}, "ResourceNotFoundException")
        except (ValueError, KeyError):
            self._send(400, {"message": "Invalid request"}, "InvalidRequestException")

    def _credentials(self, accounts: dict[str, Any], query: dict[str, list[str]]) -> None:
        account = accounts.get(query.get("account_id", [""])[0])
        role = query.get("role_name", [""])[0]
        if account is None or role not in account["roles"]:
            self._send(403, {"message": "No access"}, "ForbiddenException")
            return
        creds = self.server.sts().assume_role(
            RoleArn=f"arn:aws:iam::{account['accountId']}:role/{role}",
            RoleSessionName="sso-portal", DurationSeconds=CREDENTIAL_SECONDS,
        )["Credentials"]
        self._send(200, {"roleCredentials": {
            "accessKeyId": creds["AccessKeyId"], "secretAccessKey": creds["SecretAccessKey"],
            "sessionToken": creds["SessionToken"],
            "expiration": int((time.time() + CREDENTIAL_SECONDS) * 1000),
        }})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--sts-url", required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rate", type=int, default=20)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--audit-file", type=Path)
    args = parser.parse_args(argv)
    data = json.loads(args.data.read_text(encoding="utf-8"))
    server = Portal(args.port, data, args.sts_url, args.rate, args.latency_ms / 1000.0,
                    args.audit_file)
    print(f"sso_portal ready on http://127.0.0.1:{args.port}", flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
