"""The agent's keeper: concurrent asks for one registry make one fetch; an MFA code sends the
helper back to asking itself; what is held is dropped in its last five minutes."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest

from ecr_tui.agent import keeper as keeper_module
from ecr_tui.agent.keeper import FALLBACK, TokenKeeper
from ecr_tui.core.errors import CredentialsError
from ecr_tui.core.models import utcnow

ASKERS = 8


class CountedEvent(threading.Event):
    """An Event that says how many threads are waiting on it."""

    waiting = 0
    arrived = threading.Condition()

    def wait(self, timeout: float | None = None) -> bool:
        with CountedEvent.arrived:
            CountedEvent.waiting += 1
            CountedEvent.arrived.notify_all()
        return super().wait(timeout)


def test_concurrent_asks_for_one_registry_share_one_fetch(monkeypatch) -> None:
    @dataclass(slots=True)
    class Flight:
        done: threading.Event = field(default_factory=CountedEvent)
        reply: dict | None = None

    monkeypatch.setattr(keeper_module, "_Flight", Flight)
    keeper = TokenKeeper({})
    release, calls = threading.Event(), []

    def answer(server_url: str) -> dict:
        calls.append(server_url)
        release.wait()
        return {"kind": "answer", "answer": {"ServerURL": server_url}}

    monkeypatch.setattr(keeper, "_answer", answer)
    replies: list[dict] = []
    threads = [threading.Thread(target=lambda: replies.append(keeper.get("host")))
               for _ in range(ASKERS)]
    for t in threads:
        t.start()
    with CountedEvent.arrived:  # every other asker waits on the leader's fetch
        CountedEvent.arrived.wait_for(lambda: CountedEvent.waiting == ASKERS - 1, timeout=60)
    release.set()
    for t in threads:
        t.join()
    assert calls == ["host"]
    assert replies == [{"kind": "answer", "answer": {"ServerURL": "host"}}] * ASKERS


def test_a_failure_goes_back_to_the_helper_and_an_mfa_session_is_dropped(monkeypatch) -> None:
    """Only the helper has the terminal to ask a code on, and its own error is the one users
    know: the agent says "fetch it yourself", and forgets the session that wanted a code."""
    keeper = TokenKeeper({})
    forgotten: list[str] = []

    class Backend:
        def forget_profile(self, profile: str) -> None:
            forgotten.append(profile)

    def get(server_url: str, environ: object, backend: object) -> dict:
        keeper_module._no_terminal("role-mfa", "arn:aws:iam::1:mfa/me")
        raise AssertionError("unreachable")

    monkeypatch.setattr(keeper, "_current", Backend)
    monkeypatch.setattr("ecr_tui.credential_helper.get", get)
    assert keeper._answer("host") == FALLBACK and forgotten == ["role-mfa"]

    def failing(server_url: str, environ: object, backend: object) -> dict:
        raise CredentialsError("the SSO session expired", fix="aws sso login --profile p")

    monkeypatch.setattr("ecr_tui.credential_helper.get", failing)
    assert keeper._answer("host") == FALLBACK and forgotten == ["role-mfa"]


class HeldBackend:
    def __init__(self, expiries: list[datetime]) -> None:
        self.expiries = expiries
        self.closed = False

    def held_expiries(self) -> list[datetime]:
        return self.expiries

    def close(self) -> None:
        self.closed = True


@pytest.mark.parametrize(("left", "dropped"), [
    (timedelta(hours=11), False),
    (timedelta(minutes=5, seconds=1), False),
    (timedelta(minutes=4, seconds=59), True),
    (timedelta(minutes=-1), True),
])
def test_nothing_is_held_into_its_last_five_minutes(left: timedelta, dropped: bool) -> None:
    now = utcnow()
    keeper = TokenKeeper({})
    backend = HeldBackend([now + timedelta(hours=12), now + left])
    keeper._backend = backend
    assert keeper.sweep(now) is dropped
    assert backend.closed is dropped and (keeper._backend is None) is dropped


def test_the_helper_takes_the_agents_answer_and_else_fetches_itself(
    monkeypatch, tmp_path
) -> None:
    from ecr_tui import credential_helper
    from ecr_tui.agent import client

    env = {"ECR_TUI_CONFIG": str(tmp_path / "none.toml"), "HOME": str(tmp_path)}
    fetched: list[str] = []
    monkeypatch.setattr(credential_helper, "get",
                        lambda url, environ: fetched.append(url) or {"Secret": "own"})
    monkeypatch.setattr(client, "ask_get", lambda url, environ: client.AgentReply(
        "answer", answer={"ServerURL": url, "Username": "AWS", "Secret": "agent's"}))
    assert credential_helper.get_via_agent("h", env)["Secret"] == "agent's" and fetched == []
    monkeypatch.setattr(client, "ask_get", lambda url, environ: None)  # missing, slow, refusing
    assert credential_helper.get_via_agent("h", env)["Secret"] == "own" and fetched == ["h"]
    monkeypatch.setattr(client, "ask_get", lambda url, environ: client.AgentReply("not_found"))
    with pytest.raises(credential_helper.NoRoute):
        credential_helper.get_via_agent("h", env)
    (tmp_path / "none.toml").write_text("agent = false\n")
    monkeypatch.setattr(client, "ask_get", lambda url, environ: pytest.fail("agent asked"))
    assert credential_helper.get_via_agent("h", env)["Secret"] == "own"
