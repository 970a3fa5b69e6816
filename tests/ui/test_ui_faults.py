"""Faults in the TUI: one line each, the app stays alive, and the way out works."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import pyperclip
import pytest
from textual.filter import Monochrome, NoColor
from textual.widgets import Input

from ecr_tui.core.aws.workstation import LocalWorkstation
from ecr_tui.core.login import clipboard
from ecr_tui.core.models import Target
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.app import make_app
from ecr_tui.ui.screens.mfa import MfaPrompt
from ecr_tui.ui.screens.tags import TagsScreen
from ecr_tui.ui.widgets.header_bar import HeaderBar
from ecr_tui.ui.widgets.token_panel import TokenPanel
from tests.ui.faulty import (
    ExpiredTokenBackend,
    FlakyNetworkBackend,
    MfaBackend,
    PartialListingBackend,
    StateFileBackend,
    SystemClipboardBackend,
)
from tests.ui.uihelpers import (
    SIZE,
    FakeClock,
    acting_demo_app,
    demo_app,
    notifications,
    open_tags,
    repos,
    settle,
    wait_for_target,
)

DEFAULT = Target("default", "us-east-1")


def _severities(app) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(n.severity, n.message) for n in app._notifications]


# -- login state file --
def test_corrupt_state_file_warns_once_and_the_app_keeps_running(tmp_path: Path) -> None:
    state = tmp_path / "ecr-tui" / "logins.json"
    state.parent.mkdir(mode=0o700)
    state.write_text("{not json", encoding="utf-8")

    async def scenario() -> None:
        clock = FakeClock()
        app = make_app(StateFileBackend(state, clock=clock), clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await settle(pilot, lambda: any("moved aside" in m for m in notifications(app)))
            warning = [(s, m) for s, m in _severities(app) if "moved aside" in m]
            assert len(warning) == 1 and warning[0][0] == "warning"
            assert "\n" not in warning[0][1]
            app.refresh_tokens()
            await pilot.press("r")
            await wait_for_target(pilot, DEFAULT)
            await settle(pilot)
            assert sum("moved aside" in m for m in notifications(app)) == 1
            await pilot.press("l")  # a login still records into a fresh file
            await settle(pilot, lambda: any("Logged in" in m for m in notifications(app)))
            assert app.is_running

    asyncio.run(scenario())
    assert list(state.parent.glob("logins.json.corrupt-*"))


# -- clipboard clearing --
class FakePyperclip:
    def __init__(self) -> None:
        self.value = "something the user had"
        self.copies: list[str] = []

    def copy(self, text: str) -> None:
        self.copies.append(text)
        self.value = text

    def paste(self) -> str:
        return self.value


@pytest.fixture
def fake_pyperclip(monkeypatch: pytest.MonkeyPatch) -> FakePyperclip:
    board = FakePyperclip()
    monkeypatch.setattr(pyperclip, "copy", board.copy)
    monkeypatch.setattr(pyperclip, "paste", board.paste)
    monkeypatch.setenv("DISPLAY", ":fake")  # the fake stands in for a real clipboard
    monkeypatch.setattr(clipboard, "_is_wsl", lambda: False)
    return board


def _clipboard_app(clear: float | None):  # noqa: ANN202
    clock = FakeClock()
    return make_app(SystemClipboardBackend(clock=clock), clock=clock, clipboard_clear=clear)


def test_copied_password_is_cleared_after_the_delay(fake_pyperclip: FakePyperclip) -> None:
    async def scenario() -> None:
        app = _clipboard_app(0.2)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            password = app.backend.token("default", "us-east-1").password
            await pilot.press("c")
            await settle(pilot, lambda: any("copied" in m for m in notifications(app)))
            assert fake_pyperclip.copies[0] == password
            line = next(m for m in notifications(app) if "copied" in m)
            assert "cleared in 0.2s" in line and password not in line
            await settle(pilot, lambda: fake_pyperclip.value == "", rounds=2000)
            assert any("cleared" in m for m in notifications(app))

    asyncio.run(scenario())


def test_clipboard_is_left_alone_when_the_user_copied_something_else(
    fake_pyperclip: FakePyperclip,
) -> None:
    async def scenario() -> None:
        app = _clipboard_app(0.2)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await pilot.press("c")
            await settle(pilot, lambda: any("copied" in m for m in notifications(app)))
            fake_pyperclip.value = "the user's own text"
            await settle(pilot, lambda: not any(w.name == "clear_clipboard" for w in app.workers)
                         and app._clear_timer is None, rounds=2000)
            assert fake_pyperclip.value == "the user's own text"

    asyncio.run(scenario())


def test_zero_disables_clearing(fake_pyperclip: FakePyperclip) -> None:
    async def scenario() -> None:
        app = _clipboard_app(0)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await pilot.press("c")
            await settle(pilot, lambda: any("copied" in m for m in notifications(app)))
            assert app._clear_timer is None
            assert not any("cleared in" in m for m in notifications(app))

    asyncio.run(scenario())


def test_clear_delay_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clipboard.CLEAR_ENV, "7.5")
    assert demo_app().clipboard_clear_seconds == 7.5
    monkeypatch.setenv(clipboard.CLEAR_ENV, "soon")
    assert demo_app().clipboard_clear_seconds == clipboard.DEFAULT_CLEAR_SECONDS
    monkeypatch.delenv(clipboard.CLEAR_ENV)
    assert demo_app().clipboard_clear_seconds == 60


def test_osc52_copy_says_it_cannot_be_cleared() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await pilot.press("c")
            await settle(pilot, lambda: any("OSC 52" in m for m in notifications(app)))
            line = next(m for m in notifications(app) if "OSC 52" in m)
            assert "cannot be confirmed nor cleared" in line
            assert app._clear_timer is None

    asyncio.run(scenario())


# -- SSO login from the TUI --
class CountingDemo(DemoBackend):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.region_loads: list[str] = []

    def regions(self, profile: str):  # noqa: ANN201
        self.region_loads.append(profile)
        return super().regions(profile)


@pytest.mark.parametrize(
    ("ssh", "argv"),
    [
        (False, ["aws", "sso", "login", "--profile", "staging-sso"]),
        (True, ["aws", "sso", "login", "--profile", "staging-sso", "--use-device-code"]),
    ],
)
def test_sso_login_key_runs_the_exact_command_then_reloads(
    monkeypatch: pytest.MonkeyPatch, ssh: bool, argv: list[str]
) -> None:
    if ssh:
        monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 22 10.0.0.2 50000")
    else:
        monkeypatch.delenv("SSH_CONNECTION", raising=False)
    ran: list[list[str]] = []

    async def scenario() -> None:
        clock = FakeClock()
        backend = CountingDemo(clock=clock, workstation=LocalWorkstation())
        app = make_app(backend, clock=clock)
        app.sso_runner = lambda command: ran.append(command) or 0
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            app.switch_profile("staging-sso")
            await settle(pilot, lambda: "staging-sso" in app.session.failures)
            titles = [c.title for c in app.get_system_commands(app.screen)]
            assert "SSO login: staging-sso" in titles
            loads = len(backend.region_loads)
            await pilot.press("s")
            await settle(pilot)
            assert ran == [argv]
            assert len(backend.region_loads) > loads  # the profile was loaded again
            assert app.session.profile == "staging-sso" and app.is_running

    asyncio.run(scenario())


def test_sso_login_needs_an_sso_profile() -> None:
    async def scenario() -> None:
        app = demo_app()
        app.sso_runner = lambda command: pytest.fail(f"ran {command}")
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await pilot.press("s")
            assert any("not an SSO profile" in m for m in notifications(app))

    asyncio.run(scenario())


def test_sso_login_without_a_terminal_to_hand_over_says_what_to_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail("must not run headless"))

    async def scenario() -> None:
        app = acting_demo_app()  # the default runner: app.suspend(), unavailable headless
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            app.switch_profile("staging-sso")
            await settle(pilot, lambda: "staging-sso" in app.session.failures)
            app.action_sso_login("staging-sso")
            await pilot.pause()
            line = next(m for m in notifications(app) if "cannot be handed over" in m)
            assert "`aws sso login --profile staging-sso`" in line and "press r" in line
            assert app.is_running

    asyncio.run(scenario())


def test_sso_login_failure_is_one_error_line() -> None:
    async def scenario() -> None:
        app = acting_demo_app()
        app.sso_runner = lambda command: 1
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            app.switch_profile("staging-sso")
            await settle(pilot, lambda: "staging-sso" in app.session.failures)
            app.action_sso_login()
            await pilot.pause()
            assert any("failed (exit status 1)" in m for m in notifications(app))
            assert "staging-sso" in app.session.failures

    asyncio.run(scenario())


# -- MFA --
def test_mfa_prompt_is_masked_and_its_code_reaches_the_backend() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = MfaBackend(clock=clock)
        app = make_app(backend, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            app.switch_profile("prod-admin")
            await settle(pilot, lambda: isinstance(app.screen, MfaPrompt))
            field = app.screen.query_one("#mfa-code", Input)
            assert field.password is True and field.has_focus
            await pilot.press(*"123456")
            assert "123456" not in str(app.screen.render())
            await pilot.press("enter")
            await wait_for_target(pilot, Target("prod-admin", "eu-west-1"))
            assert backend.codes == ["123456"]

    asyncio.run(scenario())


def test_cancelled_mfa_prompt_is_an_error_line_and_nothing_freezes() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = MfaBackend(clock=clock)
        app = make_app(backend, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            app.switch_profile("prod-admin")
            await settle(pilot, lambda: isinstance(app.screen, MfaPrompt))
            await pilot.press("escape")
            await settle(pilot, lambda: any("no MFA code" in m for m in notifications(app)))
            await settle(pilot)
            assert not isinstance(app.screen, MfaPrompt)
            assert not any(w.is_running for w in app.workers)
            assert backend.codes == []
            app.switch_profile("default")
            await wait_for_target(pilot, DEFAULT)
            app.switch_profile("prod-admin")  # a new choice may ask again
            await settle(pilot, lambda: isinstance(app.screen, MfaPrompt))
            await pilot.press(*"654321", "enter")
            await wait_for_target(pilot, Target("prod-admin", "eu-west-1"))
            assert backend.codes == ["654321"]

    asyncio.run(scenario())


# -- one call denied, the rest works --
def test_tags_screen_shows_the_partial_listing_warning() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        app = make_app(PartialListingBackend(clock=clock), clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            screen = await open_tags(pilot, "platform/api")
            assert screen.tag_list.rows and isinstance(app.screen, TagsScreen)
            await settle(pilot, lambda: any("DescribeImages" in m for m in notifications(app)))
            warned = [(s, m) for s, m in _severities(app) if "ecr:DescribeImages" in m]
            assert warned and warned[0][0] == "warning"
            assert "[x]" in warned[0][1]  # outside text is never parsed as markup

    asyncio.run(scenario())


# -- network --
def test_network_error_then_r_retries_until_it_works() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = FlakyNetworkBackend(2, clock=clock)
        app = make_app(backend, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, lambda: "press r to retry" in str(repos(app).border_subtitle))
            assert any("press r to retry" in m for m in notifications(app))
            await pilot.press("r")
            await settle(pilot, lambda: backend.repo_calls >= 2 and not any(
                w.is_running for w in app.workers))
            assert not repos(app).shown and app.is_running
            await pilot.press("r")
            await wait_for_target(pilot, DEFAULT)
            assert backend.repo_calls == 3

    asyncio.run(scenario())


# -- a token that arrives expired --
def test_token_expired_on_arrival_is_shown_expired_and_not_refetched() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = ExpiredTokenBackend(clock=clock)
        app = make_app(backend, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await settle(pilot, lambda: any("clock" in m for m in notifications(app)))
            panel = app.main_screen.query_one(TokenPanel)
            await settle(pilot, lambda: panel.level_of("token|default|us-east-1") == "expired")
            for _ in range(3):
                await pilot.press("r")
                await wait_for_target(pilot, DEFAULT)
                await settle(pilot)
            assert backend.token_calls == 1  # asked once, not in a loop
            header = str(app.main_screen.query_one(HeaderBar).render())
            assert app.is_running and header

    asyncio.run(scenario())


# -- terminal --
def test_tiny_terminal_and_resizes_do_not_crash() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=(40, 12)) as pilot:
            await wait_for_target(pilot, DEFAULT)
            for size in [(20, 6), (120, 40), (41, 13), (10, 3), (80, 24), (40, 12)]:
                await pilot.resize_terminal(*size)
                await pilot.pause()
            await open_tags(pilot, "platform/api")
            await pilot.resize_terminal(30, 8)
            await pilot.press("down", "down", "question_mark")
            await settle(pilot)
            await pilot.resize_terminal(40, 12)
            await pilot.press("escape", "escape")
            await settle(pilot)
            assert app.is_running and app.screen is app.main_screen

    asyncio.run(scenario())


def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            assert app.no_color
            assert any(isinstance(f, (NoColor, Monochrome)) for f in app._filters)

    asyncio.run(scenario())


def test_colour_is_on_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = demo_app()
    assert not app.no_color
    assert not any(isinstance(f, (NoColor, Monochrome)) for f in app._filters)
