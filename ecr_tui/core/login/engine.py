"""Log a container client in to a registry with an ECR token.

The password goes to the engine's stdin only: never argv, never a log, never an exception.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

from ecr_tui.core.errors import LoginError
from ecr_tui.core.humanize import ellipsize
from ecr_tui.core.models import Token

ENGINES: tuple[str, ...] = ("docker", "podman", "finch", "nerdctl", "helm", "oras")

# Engines that store credentials through ~/.docker/config.json and its helpers.
_DOCKER_CONFIG_ENGINES = frozenset({"docker", "finch", "nerdctl"})

# shutil.which-compatible: called as which(cmd) and which(cmd, path=...).
Which = Callable[..., "str | None"]

_MAX_LINE = 200
# ECR passwords are 2-4 KB of base64: any long run of such characters is treated as secret.
_SECRET_RUN = re.compile(r"[A-Za-z0-9+/=_-]{64,}")
# logrus-style chatter ("time=... level=info msg=...") is noise next to the real error line.
_NETWORK_HINTS = ("connection refused", "no such host", "i/o timeout", "network is unreachable")
_LOG_NOISE = re.compile(r'^time="[^"]*" level=(debug|info|warning)\b')


def detect_engine(preferred: str | None = None, which: Which = shutil.which) -> str:
    """The container client to use: `preferred` if given and installed, else the first found."""
    available = [name for name in ENGINES if which(name)]
    if preferred:
        name = preferred.strip().lower()
        if name not in ENGINES:
            raise LoginError(
                f"unknown container client {preferred!r}", fix=f"use one of: {', '.join(ENGINES)}"
            )
        if name in available:
            return name
        others = f", or pass --engine {available[0]}" if available else ""
        where = f" (available: {', '.join(available)})" if available else ""
        raise LoginError(f"{name} not found on PATH{where}", fix=f"install {name}{others}")
    if available:
        return available[0]
    raise LoginError(
        f"no container client found ({', '.join(ENGINES)})",
        fix="install docker or podman, or pass --engine",
    )


def login_argv(engine: str, host: str, *, insecure: bool) -> list[str]:
    """The engine's login command line. Holds no secret: the password goes to stdin."""
    # A host starting with '-' would be read as an option; a scheme is not accepted by docker.
    if not host or host.startswith("-") or "://" in host or any(c.isspace() for c in host):
        raise LoginError(f"invalid registry host {host!r}", fix="pass a bare host[:port]")
    creds = ["--username", "AWS", "--password-stdin"]
    if engine in ("docker", "podman", "finch", "nerdctl"):
        argv = [engine, "login", *creds]
        if insecure and engine == "podman":
            argv.append("--tls-verify=false")
    elif engine == "helm":
        argv = ["helm", "registry", "login", *creds]
        if insecure:
            argv.append("--insecure")
    elif engine == "oras":
        argv = ["oras", "login", *creds]
        if insecure:
            argv.append("--plain-http")
    else:
        raise LoginError(
            f"unknown container client {engine!r}", fix=f"use one of: {', '.join(ENGINES)}"
        )
    return [*argv, host]


def docker_config_path(environ: Mapping[str, str]) -> Path:
    """`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json` with environ's HOME."""
    if environ.get("DOCKER_CONFIG"):
        return Path(environ["DOCKER_CONFIG"]) / "config.json"
    home = environ.get("HOME") or os.path.expanduser("~")
    return Path(home) / ".docker" / "config.json"


def check_docker_config(host: str, environ: Mapping[str, str], which: Which = shutil.which) -> None:
    """Fail before `docker login` when its config would make it fail. Never modifies the file."""
    path = docker_config_path(environ)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise LoginError(f"cannot read {path}: {reason}", fix="repair or move the file") from None
    if not raw.strip():
        return  # docker treats an empty config.json as no config
    try:
        config = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LoginError(
            f"{path} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
            fix="repair or move the file",
        ) from None
    if not isinstance(config, dict):
        raise LoginError(f"{path} is not a JSON object", fix="repair or move the file")

    search_path = environ.get("PATH")
    helpers = config.get("credHelpers")
    helper = helpers.get(host) if isinstance(helpers, dict) else None
    if helper == "ecr-login":
        raise LoginError(
            f"{host} is routed to docker-credential-ecr-login in {path}: docker login cannot "
            'store credentials there ("not implemented")',
            fix=f"the helper already logs in by itself; or remove credHelpers[{host!r}]",
        )
    if isinstance(helper, str) and helper:
        if not which(f"docker-credential-{helper}", path=search_path):
            raise LoginError(
                f"credHelpers in {path} sends {host} to docker-credential-{helper}, which is not "
                'installed: "Error saving credentials" would follow',
                fix=f"install docker-credential-{helper}, or remove credHelpers[{host!r}]",
            )
        return  # a per-host helper wins over credsStore
    store = config.get("credsStore")
    if (
        isinstance(store, str)
        and store
        and not which(f"docker-credential-{store}", path=search_path)
    ):
        raise LoginError(
            f"credsStore {store!r} in {path} needs docker-credential-{store}, which is not "
            'installed: "Error saving credentials" would follow',
            fix=f'install docker-credential-{store}, or remove "credsStore" from {path}',
        )


OWN_HELPER = "ecr-tui"
"""credHelpers value of our own helper, docker-credential-ecr-tui."""


def routed_to_own_helper(
    host: str, environ: Mapping[str, str], which: Which = shutil.which
) -> str | None:
    """The note to give instead of logging in, when docker already asks docker-credential-ecr-tui
    for this host: a login would only fail to store (the helper mints, never stores)."""
    try:
        config = json.loads(docker_config_path(environ).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # check_docker_config reports a broken file
    helpers = config.get("credHelpers") if isinstance(config, dict) else None
    if not isinstance(helpers, dict) or helpers.get(host) != OWN_HELPER:
        return None
    if not which(f"docker-credential-{OWN_HELPER}", path=environ.get("PATH")):
        return None  # check_docker_config says it is missing
    return (
        f"{host} is routed to docker-credential-ecr-tui in credHelpers: docker fetches a fresh "
        "token through it on every pull, nothing to store"
    )


def run_login(
    engine: str,
    token: Token,
    *,
    environ: Mapping[str, str] | None = None,
    timeout: float = 60.0,
) -> str:
    """Log `engine` in to the token's registry. Returns the engine's first stdout line."""
    env = dict(os.environ if environ is None else environ)
    if engine in _DOCKER_CONFIG_ENGINES:
        check_docker_config(token.registry, env)
        note = routed_to_own_helper(token.registry, env)
        if note:
            return note
    argv = login_argv(engine, token.registry, insecure=token.endpoint.startswith("http://"))
    try:
        # New session: the engine has no controlling tty, so it can never prompt in the TUI's.
        proc = subprocess.run(
            argv,
            input=token.password + "\n",
            capture_output=True,
            encoding="utf-8",
            errors="replace",  # an engine's odd bytes must not turn into a crash
            env=env,
            timeout=timeout,
            start_new_session=True,
            check=False,
        )
    except FileNotFoundError:
        raise LoginError(
            f"{engine} is not installed (not on PATH)", fix=f"install {engine}"
        ) from None
    except PermissionError:
        raise LoginError(f"{engine} on PATH is not executable", fix=f"reinstall {engine}") from None
    except subprocess.TimeoutExpired:
        # from None: the exception carries the engine's output, which we have not scrubbed.
        raise LoginError(
            f"{engine} login to {token.registry} timed out after {timeout:g}s",
            fix="check the network or proxy to the registry",
        ) from None

    secrets = _secrets(token)
    if proc.returncode != 0:
        line = _error_line(proc.stderr or proc.stdout, secrets)
        why = line or f"exit status {proc.returncode}"
        raise LoginError(
            f"{engine} login to {token.registry} failed: {why}",
            fix=_fix_for(line, engine, token.registry),
        )
    out = [ln for ln in _scrub(proc.stdout, secrets).splitlines() if ln.strip()]
    return _clip(out[0]) if out else "Login Succeeded"


def _secrets(token: Token) -> tuple[str, ...]:
    """The password and the forms an engine could echo it in (basic-auth base64)."""
    basic = base64.b64encode(f"{token.username}:{token.password}".encode()).decode()
    return tuple(s for s in (token.password, token.password.strip(), basic) if s)


def _scrub(text: str, secrets: tuple[str, ...]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    return _SECRET_RUN.sub("***", text)


def _clip(line: str) -> str:
    return ellipsize(" ".join(line.split()), _MAX_LINE)


def _error_line(stderr: str, secrets: tuple[str, ...]) -> str:
    """The most informative line: the last 'Error...' line, else the last non-noise one."""
    lines = [ln.strip() for ln in _scrub(stderr, secrets).splitlines() if ln.strip()]
    useful = [ln for ln in lines if not _LOG_NOISE.match(ln)] or lines
    errors = [ln for ln in useful if ln.lower().startswith("error")]
    pick = errors[-1] if errors else (useful[-1] if useful else "")
    return _clip(pick)


def _fix_for(line: str, engine: str, host: str) -> str | None:
    low = line.lower()
    if "error saving credentials" in low or "error storing credentials" in low:
        return "check credsStore/credHelpers in docker's config.json: install the helper or drop it"
    if "not implemented" in low:
        return f"{host} is handled by docker-credential-ecr-login; remove its credHelpers entry"
    if any(s in low for s in _NETWORK_HINTS):
        return f"check the network, VPN or HTTPS_PROXY/NO_PROXY for {host}"
    if "x509" in low or "certificate" in low:
        return "the registry's TLS certificate is not trusted: add its CA to the system trust store"
    if any(s in low for s in ("unauthorized", "denied", "401", "403")):
        return "the token may be expired or for another region: fetch a new token"
    if "http response to https client" in low and engine == "podman":
        return "the registry speaks plain http: use an http:// endpoint"
    return None
