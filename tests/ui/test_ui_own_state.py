"""What the TUI writes and runs on this machine: a corrupt remembered.json is one line at start,
set aside, and the run goes on remembering; the demo's own machine writes nothing and runs
nothing, and says what it would do (Pilot, demo data, every path in a temp dir)."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import pytest

from ecr_tui.core.models import Target
from ecr_tui.core.store.memory import MemoryStore, load_memory, memory_path
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.screens.fleet import FleetScreen
from tests.ui.uihelpers import SIZE, demo_app, notifications, repos, settle, wait_for_target

DEFAULT = Target("default", "us-east-1")


def test_a_corrupt_remembered_file_is_one_line_and_favourites_go_on(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")}
    path = memory_path(env)
    path.parent.mkdir(parents=True)
    path.write_text('{"version": 1, "favourites": [{"account": ')

    async def scenario() -> str:
        app = demo_app(memory=MemoryStore(persist=True, environ=env))
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            lines = [n for n in notifications(app) if "remembered.json" in n]
            assert len(lines) == 1 and "moved aside" in lines[0] and "\n" not in lines[0]
            table = repos(app)
            table.move_to(3)
            starred = table.highlighted_repository.name
            await pilot.press("asterisk")
            await settle(pilot)
            assert app.is_running
            assert sum("remembered.json" in n for n in notifications(app)) == 1
            return starred

    starred = asyncio.run(scenario())
    assert [f.repository for f in load_memory(env).favourites] == [starred]
    (aside,) = path.parent.glob("remembered.json.corrupt-*")
    assert aside.read_text().startswith('{"version": 1, "favourites"')


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every path the app could write under tmp_path; any command run fails the test."""
    for name, sub in (("HOME", ""), ("XDG_CONFIG_HOME", ".config"),
                      ("XDG_STATE_HOME", ".local/state"), ("XDG_CACHE_HOME", ".cache"),
                      ("DOCKER_CONFIG", ".docker")):
        monkeypatch.setenv(name, str(tmp_path / sub))
    monkeypatch.delenv("ECR_TUI_CONFIG", raising=False)
    for name in ("run", "Popen", "call", "check_call", "check_output"):
        monkeypatch.setattr(subprocess, name, lambda *a, **k: pytest.fail(f"ran {a}"))
    return tmp_path


def test_the_demo_says_what_sso_login_would_run_and_runs_nothing(home: Path) -> None:
    async def scenario() -> None:
        app = demo_app()
        app.sso_runner = lambda command: pytest.fail(f"ran {command}")
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            app.switch_profile("staging-sso")
            await settle(pilot, lambda: "staging-sso" in app.session.failures)
            await pilot.press("s")
            await settle(pilot, lambda: any("nothing was run" in n for n in notifications(app)))
            line = next(n for n in notifications(app) if "nothing was run" in n)
            assert line.startswith("demo mode: `aws sso login --profile staging-sso` would run")
            assert app.is_running and "staging-sso" in app.session.failures

    asyncio.run(scenario())
    assert not any(home.rglob("*"))


def test_the_demo_fleet_says_where_a_login_set_would_go_and_writes_nothing(home: Path) -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await pilot.press("F")
            await settle(pilot, lambda: isinstance(app.screen, FleetScreen)
                         and len(app.session.fleet) > 2)
            await pilot.press("space", "down", "space", "W", *"oncall", "enter")
            await settle(pilot, lambda: any("would be saved" in n for n in notifications(app)))
            line = next(n for n in notifications(app) if "would be saved" in n)
            assert line.startswith("demo mode: login set oncall (2 pairs) would be saved in "
                                   f"{home}/.config/ecr-tui/config.toml")
            assert line.endswith("nothing was written")

    asyncio.run(scenario())
    assert not any(home.rglob("*"))


def test_the_demo_remembers_favourites_for_the_run_only(home: Path) -> None:
    async def scenario() -> None:
        backend = DemoBackend()
        keeps = backend.workstation().keeps_memory()
        app = demo_app(memory=MemoryStore(persist=keeps))  # as `ecr-tui --demo` makes it
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            repos(app).move_to(2)
            starred = repos(app).highlighted_repository.name
            await pilot.press("asterisk")
            await settle(pilot)
            assert [f.repository for f in app.memory.remembered.favourites] == [starred]
            app.theme = "nord"
        assert app.memory.remembered.theme == "nord"

    asyncio.run(scenario())
    assert not any(home.rglob("*"))
