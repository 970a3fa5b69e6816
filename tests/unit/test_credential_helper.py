"""docker's credential-helper protocol, on a fake backend: answers, refusals, one-line errors."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ecr_tui import credential_helper
from ecr_tui.core.errors import CredentialsError
from ecr_tui.core.models import Profile, ProfileKind, Token

A = "111122223333"
HOST = f"{A}.dkr.ecr.eu-west-1.amazonaws.com"
SECRET = "s3cr3t-password-" * 8


class FakeBackend:
    def __init__(self, profiles: list[Profile], accounts: dict[str, str] | None = None,
                 fail: Exception | None = None) -> None:
        self._profiles = profiles
        self._accounts = accounts or {}
        self.fail = fail
        self.token_calls: list[tuple[str, str]] = []
        self.sts_calls: list[str] = []

    def profiles(self) -> list[Profile]:
        return self._profiles

    def discovery_is_fresh(self) -> bool:
        return True

    def default_region(self, profile: str) -> str | None:
        return "us-east-1"

    def account_id(self, profile: str, region: str) -> str:
        self.sts_calls.append(profile)
        if profile not in self._accounts:
            raise CredentialsError(f"no AWS credentials found for profile {profile}")
        return self._accounts[profile]

    def token(self, profile: str, region: str) -> Token:
        self.token_calls.append((profile, region))
        if self.fail:
            raise self.fail
        account = self._accounts.get(profile, A)
        return Token(f"{account}.dkr.ecr.{region}.amazonaws.com",
                     f"https://{account}.dkr.ecr.{region}.amazonaws.com", "AWS", SECRET,
                     datetime.now(timezone.utc) + timedelta(hours=12), profile, region)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "config.toml"
    # The helper's own fetch, on a fake backend; asking the agent is tests/unit/agent's.
    config.write_text('agent = false\n[registries]\n"127.0.0.1:5000" = "local"\n')
    return {"HOME": str(tmp_path), "ECR_TUI_CONFIG": str(config),
            "XDG_CACHE_HOME": str(tmp_path / "cache")}


def run(action: str, stdin: str, env: dict[str, str], backend: FakeBackend,
        monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setattr(credential_helper, "_backend", lambda environ: backend)
    out, err = io.StringIO(), io.StringIO()
    code = credential_helper.run(action, io.StringIO(stdin), out, err, env)
    return code, out.getvalue(), err.getvalue()


def test_get_answers_docker_json(env, monkeypatch) -> None:
    backend = FakeBackend([Profile("local", ProfileKind.STATIC, "eu-west-1")])
    code, out, err = run("get", "127.0.0.1:5000\n", env, backend, monkeypatch)
    assert code == 0 and err == ""
    assert json.loads(out) == {"ServerURL": "127.0.0.1:5000", "Username": "AWS", "Secret": SECRET}
    assert backend.token_calls == [("local", "us-east-1")]  # the profile's region
    assert backend.sts_calls == []


def test_no_profile_is_docker_not_found_and_one_reason_line(env, monkeypatch) -> None:
    code, out, err = run("get", "ghcr.io", env, FakeBackend([]), monkeypatch)
    assert (code, out) == (1, "credentials not found in native keychain\n")
    assert err.count("\n") == 1 and "no profile reaches ghcr.io" in err


def test_a_failing_call_is_one_line_without_secret(env, monkeypatch) -> None:
    fail = CredentialsError("the SSO session of profile local has expired",
                            fix="aws sso login --profile local")
    backend = FakeBackend([Profile("local", ProfileKind.SSO)], fail=fail)
    code, out, err = run("get", "127.0.0.1:5000", env, backend, monkeypatch)
    assert code == 1 and out.count("\n") == 1 and err.count("\n") == 1
    assert "aws sso login --profile local" in out and "aws sso login" in err
    assert "Traceback" not in err


def test_unknown_accounts_are_asked_once_then_cached(env, monkeypatch) -> None:
    profiles = [Profile("default", ProfileKind.STATIC, "us-east-1"),
                Profile("broken", ProfileKind.PROCESS, "us-east-1")]
    backend = FakeBackend(profiles, accounts={"default": A})
    code, out, _err = run("get", HOST, env, backend, monkeypatch)
    assert code == 0 and json.loads(out)["ServerURL"] == HOST
    assert sorted(backend.sts_calls) == ["broken", "default"]
    assert backend.token_calls == [("default", "eu-west-1")]
    again = FakeBackend(profiles, accounts={"default": A})
    assert run("get", HOST, env, again, monkeypatch)[0] == 0
    assert again.sts_calls == []  # the cache knows default; broken failed within the hour
    cache = json.loads((Path(env["XDG_CACHE_HOME"]) / "ecr-tui" / "accounts.json").read_text())
    assert cache["default"] == {"account": A} and "failed_at" in cache["broken"]
    assert SECRET not in json.dumps(cache)


def test_no_sts_call_when_the_config_already_says_the_account(env, monkeypatch) -> None:
    logged_in = datetime.now(timezone.utc) + timedelta(hours=1)
    backend = FakeBackend([Profile("static", ProfileKind.STATIC),
                           Profile("sso", ProfileKind.SSO, "eu-west-1", logged_in, A)])
    assert run("get", HOST, env, backend, monkeypatch)[0] == 0
    assert backend.sts_calls == [] and backend.token_calls == [("sso", "eu-west-1")]


@pytest.mark.parametrize("action", ["store", "erase"])
def test_store_and_erase_refuse(env, monkeypatch, action: str) -> None:
    code, out, err = run(action, '{"ServerURL":"x","Username":"AWS","Secret":"y"}', env,
                         FakeBackend([]), monkeypatch)
    assert code == 1 and "not supported" in err and err.count("\n") == 1
    assert "minted" in out


def test_list_needs_no_call(env) -> None:
    backend = FakeBackend([Profile("sso", ProfileKind.SSO, "eu-west-1", account_id=A)])
    registries = credential_helper.list_registries(env, backend)
    assert registries == {"127.0.0.1:5000": "AWS", HOST: "AWS"}
    assert backend.sts_calls == [] and backend.token_calls == []


def test_empty_stdin_and_unknown_action(env, monkeypatch) -> None:
    assert run("get", "", env, FakeBackend([]), monkeypatch)[0] == 1
    code, _out, err = run("nonsense", "", env, FakeBackend([]), monkeypatch)
    assert code == 1 and "usage" in err


def test_a_token_that_arrives_expired_is_an_error_not_an_answer(env, monkeypatch) -> None:
    from ecr_tui.core.login.tokens import expired_on_arrival

    expired = Token("127.0.0.1:5000", "http://127.0.0.1:5000", "AWS", SECRET,
                    datetime(2015, 1, 1, tzinfo=timezone.utc), "local", "us-east-1")
    backend = FakeBackend([Profile("local", ProfileKind.STATIC)], fail=expired_on_arrival(expired))
    code, out, err = run("get", "127.0.0.1:5000", env, backend, monkeypatch)
    assert code == 1 and "expired" in out and "clock" in err
    assert SECRET not in out + err


class StaleDiscoveryBackend(FakeBackend):
    """The SSO account cache is stale: a discovery finds a role of the host's account."""

    def __init__(self, profiles: list[Profile], found: list[Profile]) -> None:
        super().__init__(profiles)
        self.found, self.discoveries = found, 0

    def discovery_is_fresh(self) -> bool:
        return self.discoveries > 0

    def discover_profiles(self) -> None:
        self.discoveries += 1
        self._profiles = [*self._profiles, *self.found]


def test_a_miss_discovers_sso_roles_once_and_routes_to_one_of_the_hosts_account(
    env, monkeypatch
) -> None:
    role = Profile("payments/ECRReadOnly", ProfileKind.SSO_DISCOVERED, "us-east-1", account_id=A)
    other = Profile("web/ECRReadOnly", ProfileKind.SSO_DISCOVERED, "us-east-1",
                    account_id="444455556666")
    backend = StaleDiscoveryBackend([], [other, role])
    code, out, _err = run("get", HOST, env, backend, monkeypatch)
    assert code == 0 and json.loads(out)["Secret"] == SECRET
    assert backend.discoveries == 1
    assert backend.token_calls == [("payments/ECRReadOnly", "eu-west-1")]


def test_a_fresh_discovery_cache_is_not_asked_again_on_a_miss(env, monkeypatch) -> None:
    backend = StaleDiscoveryBackend([], [])
    backend.discoveries = 1  # fresh: the portal knows no role of this account
    code, out, _err = run("get", HOST, env, backend, monkeypatch)
    assert code == 1 and "credentials not found" in out and backend.discoveries == 1


class FailingFirst(FakeBackend):
    """Every profile named in `failing` fails its token call with its own fix."""

    def __init__(self, profiles: list[Profile], failing: set[str],
                 accounts: dict[str, str] | None = None) -> None:
        super().__init__(profiles, accounts=accounts)
        self.failing = failing

    def token(self, profile: str, region: str) -> Token:
        if profile in self.failing:
            self.token_calls.append((profile, region))
            raise CredentialsError(f"profile {profile} cannot answer",
                                   fix=f"aws sso login --profile {profile}")
        return super().token(profile, region)


def test_an_sso_profile_never_logged_in_gives_way_to_keys_of_the_account(env, monkeypatch) -> None:
    """Issue 16: empty account cache, the SSO profile says the account but has no login; the
    static keys' account is learnt (STS) and they answer, in the SSO profile's region too."""
    sso = Profile("ops-sso", ProfileKind.SSO, "eu-west-1", None, A)
    keys = Profile("ops-keys", ProfileKind.STATIC, "us-east-1")
    for host in (HOST.replace("eu-west-1", "us-east-1"), HOST):
        backend = FailingFirst([sso, keys], {"ops-sso"}, accounts={"ops-keys": A})
        code, out, err = run("get", host, env, backend, monkeypatch)
        assert code == 0 and json.loads(out)["Secret"] == SECRET and err == ""
        assert [p for p, _ in backend.token_calls] == ["ops-keys"]


def test_when_the_best_profile_fails_the_next_is_tried(env, monkeypatch) -> None:
    live = datetime.now(timezone.utc) + timedelta(hours=1)
    first = Profile("a-eu", ProfileKind.SSO, "eu-west-1", live, A)
    second = Profile("a-us", ProfileKind.SSO, "us-east-1", live, A)
    backend = FailingFirst([first, second], {"a-eu"})
    code, out, err = run("get", HOST, env, backend, monkeypatch)
    assert code == 0 and json.loads(out)["Secret"] == SECRET and err == ""
    assert backend.token_calls == [("a-eu", "eu-west-1"), ("a-us", "eu-west-1")]


def test_when_every_profile_fails_it_is_the_best_ones_fix_in_one_line(env, monkeypatch) -> None:
    live = datetime.now(timezone.utc) + timedelta(hours=1)
    profiles = [Profile("a-eu", ProfileKind.SSO, "eu-west-1", live, A),
                Profile("a-us", ProfileKind.SSO, "us-east-1", None, A)]
    backend = FailingFirst(profiles, {"a-eu", "a-us"})
    code, out, err = run("get", HOST, env, backend, monkeypatch)
    assert code == 1 and out.count("\n") == 1 and err.count("\n") == 1
    assert "profile a-eu cannot answer; also tried a-us" in err
    assert "fix: aws sso login --profile a-eu" in err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_at_a_terminal_a_failure_is_said_once(env, monkeypatch) -> None:
    """A person running `get` by hand reads one line, not docker's answer and the reason."""
    monkeypatch.setattr(credential_helper, "_backend", lambda environ: FakeBackend([]))
    out, err = Terminal(), Terminal()
    code = credential_helper.run("get", io.StringIO("ghcr.io"), out, err, env)
    assert code == 1 and out.getvalue() == ""
    assert err.getvalue().count("\n") == 1 and "no profile reaches ghcr.io" in err.getvalue()
