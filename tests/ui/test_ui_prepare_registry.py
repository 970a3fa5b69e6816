"""While the user looks at the repository list, opening a repository is made ready: the
selected pair's registry client (right after its token) and the tags screen's modules, so
Enter waits for the pages only, not for libraries, TLS trust and imports (~0.1-0.5 s)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from ecr_tui.core.models import Target
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.app import make_app
from tests.ui.uihelpers import SIZE, FakeClock, settle, wait_for_target

DEFAULT = Target("default", "us-east-1")
ROOT = Path(__file__).resolve().parents[2]


class RecordingBackend(DemoBackend):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.calls: list[tuple[str, ...]] = []

    def token(self, profile: str, region: str, *, refresh: bool = False):  # noqa: ANN201
        self.calls.append(("token", profile, region))
        return super().token(profile, region, refresh=refresh)

    def prepare_registry(self, profile: str, region: str) -> None:
        self.calls.append(("prepare", profile, region))


def test_the_selected_pairs_registry_is_prepared_after_its_token() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = RecordingBackend(clock=clock)
        app = make_app(backend, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await settle(pilot, lambda: ("prepare", "default", "us-east-1") in backend.calls)
            prepared = backend.calls.index(("prepare", "default", "us-east-1"))
            assert ("token", "default", "us-east-1") in backend.calls[:prepared]

    asyncio.run(scenario())


PRELOAD_PROBE = """
import asyncio, sys
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.app import make_app

async def main() -> None:
    app = make_app(DemoBackend())
    async with app.run_test(size=(120, 35)) as pilot:
        for _ in range(400):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if app.session.repositories and "ecr_tui.ui.screens.tags" in sys.modules:
                break
        print(bool(app.session.repositories), "ecr_tui.ui.screens.tags" in sys.modules)

asyncio.run(main())
"""


def test_the_tags_screen_is_imported_while_the_repository_list_is_read(tmp_path: Path) -> None:
    """Its modules cost 50-200 ms: imported in a worker once repositories are in, not after
    Enter (a fresh process: this test session has imported it long ago)."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "PYTHONPATH", "LANG")}
    env = {**keep, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", PRELOAD_PROBE], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["True", "True"]
