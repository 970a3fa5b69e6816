"""While the user looks at the repository list, the selected pair's registry client is made
(right after its token): opening a repository then waits for its pages, not for libraries and
TLS trust (~0.1-0.5 s on a loaded machine)."""

from __future__ import annotations

import asyncio

from ecr_tui.core.models import Target
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.app import make_app
from tests.ui.uihelpers import SIZE, FakeClock, settle, wait_for_target

DEFAULT = Target("default", "us-east-1")


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
