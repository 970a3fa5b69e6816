"""The app's own state files in the TUI: a corrupt remembered.json is one line at start, set
aside, and the run goes on remembering (Pilot, demo data, a persistent store in a temp dir)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from ecr_tui.core.memory import MemoryStore, load_memory, memory_path
from ecr_tui.core.models import Target
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
