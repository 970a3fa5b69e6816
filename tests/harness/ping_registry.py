"""Registry hosts that only answer `GET /v2/`: one port per (account, region) of the many-account
world, so `docker login` to several registries and the login proof run for real.

Usage: python -m tests.harness.ping_registry PORT [PORT ...]

A request is authorised when its Basic password is the stand-in ECR password of the account it
names (``ACCOUNT-auth-token-...``): one principal's token serves every registry, as in ECR.
"""

from __future__ import annotations

import base64
import binascii
import secrets
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.harness.tokens import password_for


def authorised(header: str) -> bool:
    if not header.startswith("Basic "):
        return False
    try:
        user, _, password = base64.b64decode(header[6:]).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return False
    account = password.partition("-")[0]
    return user == "AWS" and account.isdigit() and secrets.compare_digest(
        password, password_for(account)
    )


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        return

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        ok = self.path.rstrip("/") == "/v2" and authorised(self.headers.get("Authorization", ""))
        body = b"{}" if ok else b'{"errors":[{"code":"UNAUTHORIZED"}]}'
        self.send_response(200 if ok else 401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Docker-Distribution-API-Version", "registry/2.0")
        if not ok:
            self.send_header("WWW-Authenticate", 'Basic realm="ping-registry"')
        self.end_headers()
        self.wfile.write(body)


def main(argv: list[str]) -> int:
    servers = [ThreadingHTTPServer(("127.0.0.1", int(p)), Handler) for p in argv]
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print("ping_registry ready", flush=True)
    servers[0].serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
