"""`docker-credential-ecr-tui`: docker's credential-helper protocol, with ecr-tui's profiles.

docker, podman and skopeo run `docker-credential-ecr-tui get` with the server URL on stdin and
read `{"ServerURL", "Username", "Secret"}` from stdout. Tokens are minted on every `get` (never
stored), so `store` and `erase` refuse. When no profile reaches the host, the answer is docker's
"not found" text, and the client goes on anonymously; every failure is one line on stderr.

A `get` asks the token agent first (`ecr_tui.agent`: tokens held in memory by one process
of the user, started by the first `get` that finds none); when it is off (`agent = false`),
missing, dead, refusing or slow, the token is fetched here as before. Only what `get` needs is
imported, and only when it needs it: the agent's answer costs no botocore at all, a fetch here
one boto3 client and one GetAuthorizationToken.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from typing import Any, NoReturn, TextIO

from ecr_tui.core.models import utcnow

NAME = "docker-credential-ecr-tui"
HELPER = "ecr-tui"
"""The name docker's config.json routes to (`credHelpers: {host: "ecr-tui"}`)."""
NOT_FOUND = "credentials not found in native keychain"
EXIT_OK, EXIT_FAIL = 0, 1


class NoRoute(Exception):
    """No profile reaches this registry: docker's "not found", the client goes on anonymously."""


def get_via_agent(server_url: str, environ: Mapping[str, str]) -> dict[str, str]:
    """The agent's answer when it gives one, else the token fetched here (`get`)."""
    from ecr_tui.core.store.settings import load_settings

    if load_settings(environ).agent:
        from ecr_tui.agent.client import ask_get

        reply = ask_get(server_url, environ)
        if reply is not None and reply.kind == "answer" and reply.answer is not None:
            return dict(reply.answer)
        if reply is not None and reply.kind == "not_found":
            raise NoRoute(server_url)
    return get(server_url, environ)  # after the agent failed too: the same error, the same prompt


def _settings_registries(environ: Mapping[str, str]) -> tuple[dict[str, str], tuple[str, ...]]:
    from ecr_tui.core.store.settings import load_settings

    settings = load_settings(environ)
    return dict(settings.registries), settings.warnings


def resolve(server_url: str, backend: Any, environ: Mapping[str, str]) -> list[tuple[str, str]]:
    """(profile, region) candidates for a registry, best first. GetCallerIdentity only for
    profiles whose account the config does not say and the account cache does not know, and only
    when no profile known to reach the host can answer now; the portal only after that."""
    from ecr_tui.core.login.helper_routes import can_answer, routes
    from ecr_tui.core.store.account_cache import AccountCache

    registries, _warnings = _settings_registries(environ)
    profiles = backend.profiles()
    cache = AccountCache(environ)
    preferred = environ.get("AWS_PROFILE")
    now = utcnow()

    def find(known: list[Any]) -> list[Any]:
        return routes(server_url, registries=registries, profiles=known,
                      accounts=cache.accounts(), preferred=preferred, now=now)

    found = find(profiles)
    if not can_answer(found, profiles, now):
        from ecr_tui.core.hosts import parse_registry_host
        from ecr_tui.core.login.helper_routes import unknown_accounts

        parsed = parse_registry_host(server_url)
        if parsed is not None and not parsed.public:
            askable = [
                p for p in unknown_accounts(profiles, cache.accounts())
                if not cache.recently_failed(p.name)
            ]
            _learn_accounts(backend, askable, parsed.region, cache)
            found = find(profiles)
            if not can_answer(found, profiles, now) and not backend.discovery_is_fresh():
                # Only on a miss: the SSO roles the 24 h cache does not know yet.
                backend.discover_profiles()
                profiles = backend.profiles()
                found = find(profiles)
    if not found:
        raise NoRoute(server_url)
    return [
        (r.profile, r.region or backend.default_region(r.profile) or "us-east-1") for r in found
    ]


def _learn_accounts(backend: Any, profiles: list[Any], region: str, cache: Any) -> None:
    """GetCallerIdentity for each profile at once; remembered in the account cache."""
    if not profiles:
        return
    from concurrent.futures import ThreadPoolExecutor

    from ecr_tui.core.errors import EcrTuiError

    def ask(name: str) -> tuple[str, str | None]:
        try:
            return name, backend.account_id(name, region)
        except EcrTuiError:
            return name, None

    with ThreadPoolExecutor(max_workers=min(8, len(profiles))) as pool:
        for name, account in pool.map(ask, [p.name for p in profiles]):
            if account:
                cache.remember(name, account)
            else:
                cache.failed(name)
    _save_quietly(cache)


def _save_quietly(cache: Any) -> None:
    try:
        cache.save()
    except OSError:
        pass  # a cache that cannot be written costs a GetCallerIdentity next time, nothing more


def _backend(environ: Mapping[str, str]) -> Any:
    from ecr_tui.core.aws.backend import AwsBackend
    from ecr_tui.core.login.terminal_mfa import terminal_mfa_prompt

    backend = AwsBackend(environ=environ, cli_credential_cache=True)
    backend.set_mfa_prompt(terminal_mfa_prompt)
    return backend


def get(server_url: str, environ: Mapping[str, str], backend: Any = None) -> dict[str, str]:
    """A token from the first candidate that answers; when every one fails, the first one's
    error (the best candidate's fix), naming the others tried."""
    from ecr_tui.core.errors import EcrTuiError
    from ecr_tui.core.login.public_route import is_public

    backend = backend or _backend(environ)
    if is_public(server_url, environ):
        return _public_get(server_url, environ, backend)
    candidates = resolve(server_url, backend, environ)
    first: EcrTuiError | None = None
    for profile, region in candidates:
        try:
            token = backend.token(profile, region)
        except EcrTuiError as exc:
            first = first or exc
            continue
        _correct_account(profile, token.registry, environ)
        return {"ServerURL": server_url, "Username": token.username, "Secret": token.password}
    assert first is not None
    if len(candidates) > 1:
        others = ", ".join(p for p, _ in candidates[1:])
        raise type(first)(f"{first.message}; also tried {others}", fix=first.fix)
    raise first


def _public_get(server_url: str, environ: Mapping[str, str], backend: Any) -> dict[str, str]:
    """public.ecr.aws: the `[registries]` profile, else the default chain's (issue 22)."""
    from ecr_tui.core.login.public_route import public_profile

    registries, _warnings = _settings_registries(environ)
    token = backend.public_token(public_profile(server_url, registries, backend.default_profile()))
    return {"ServerURL": server_url, "Username": token.username, "Secret": token.password}


def _correct_account(profile: str, registry: str, environ: Mapping[str, str]) -> None:
    """A token names its principal's registry: keep the account cache right for free."""
    from ecr_tui.core.hosts import parse_registry_host

    parsed = parse_registry_host(registry)
    if parsed is None or parsed.public:
        return
    from ecr_tui.core.store.account_cache import AccountCache

    cache = AccountCache(environ)
    if profile in cache.accounts() and cache.accounts()[profile] != parsed.account_id:
        cache.remember(profile, parsed.account_id)
        _save_quietly(cache)


def list_registries(environ: Mapping[str, str], backend: Any = None) -> dict[str, str]:
    """{registry: "AWS"} for every registry reachable without a network call."""
    from ecr_tui.core.login.helper_routes import known_registries
    from ecr_tui.core.store.account_cache import AccountCache

    if backend is None:
        from ecr_tui.core.aws.backend import AwsBackend

        backend = AwsBackend(environ=environ)
    registries, _warnings = _settings_registries(environ)
    found = known_registries(
        registries=registries, profiles=backend.profiles(),
        accounts=AccountCache(environ).accounts(),
    )
    return dict.fromkeys(sorted(found), "AWS")


def _fail(stdout: TextIO, stderr: TextIO, answer: str, reason: str) -> int:
    if not (stdout.isatty() and stderr.isatty()):  # a person at a terminal reads it once
        stdout.write(answer + "\n")
    stderr.write(f"{NAME}: {reason}\n")
    return EXIT_FAIL


def run(
    action: str, stdin: TextIO, stdout: TextIO, stderr: TextIO, environ: Mapping[str, str]
) -> int:
    if action in ("store", "erase"):
        stdin.read()  # the client writes before it reads: never leave it blocked
        why = (
            f"{action} is not supported: ECR tokens are minted on every get, never stored "
            "(docker login is not needed for a registry routed to ecr-tui)"
        )
        return _fail(stdout, stderr, why, why)
    if action == "version":
        from ecr_tui import __version__

        stdout.write(f"{NAME} (ecr-tui) {__version__}\n")
        return EXIT_OK
    if action not in ("get", "list"):
        stderr.write(f"usage: {NAME} get|list|store|erase|version (got {action!r})\n")
        return EXIT_FAIL
    from ecr_tui.core.errors import EcrTuiError

    try:
        if action == "list":
            stdin.close()
            answer: dict[str, str] = list_registries(environ)
        else:
            server_url = stdin.read().strip()
            if not server_url:
                return _fail(stdout, stderr, "no server URL on stdin", "no server URL on stdin")
            answer = get_via_agent(server_url, environ)
    except NoRoute as missing:
        return _fail(
            stdout, stderr, NOT_FOUND,
            f"no profile reaches {missing} (fix: map it in config.toml: "
            f'[registries] "{missing}" = "PROFILE", or add a profile of its account)',
        )
    except EcrTuiError as exc:
        return _fail(stdout, stderr, f"ecr-tui: {exc}", f"error: {exc}")
    except Exception as exc:  # noqa: BLE001 - never a traceback into docker's output
        line = f"unexpected {type(exc).__name__}"
        return _fail(stdout, stderr, f"ecr-tui: {line}", f"error: {line}")
    stdout.write(json.dumps(answer) + "\n")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        sys.stderr.write(f"usage: {NAME} get|list|store|erase|version\n")
        return EXIT_FAIL
    try:
        return run(args[0], sys.stdin, sys.stdout, sys.stderr, os.environ)
    except KeyboardInterrupt:
        return 130


def entry() -> NoReturn:
    """The `docker-credential-ecr-tui` console script: `main`, then out without Python's
    shutdown (docker runs it once per pull)."""
    from ecr_tui.cli.leave import run_and_leave

    run_and_leave(main)


if __name__ == "__main__":
    entry()
