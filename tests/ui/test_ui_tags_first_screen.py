"""The tags screen's first screen of rows comes first: the listing waits until the screen
has painted its first details, the footer mounts after them, its keys mount without being
restyled, and the screen is born with its size class (not restyled whole by its resize)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from textual.app import App, ComposeResult
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from ecr_tui.core.models import TagBatch, TagListing, Target
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.app import EcrTuiApp, make_app
from ecr_tui.ui.born_sized import size_classes
from ecr_tui.ui.screens.tags import TagsScreen
from ecr_tui.ui.widgets.key_footer import KeyFooter
from tests.ui.uihelpers import SIZE, FakeClock, until, wait_for_target


class FirstScreenBackend(DemoBackend):
    """Five rows with details, then the rest: notes what the screen showed when the first
    batch's on_progress returned."""

    probe: Callable[[], bool] = staticmethod(lambda: False)
    painted_when_back: bool | None = None

    def tag_listing(
        self, profile: str, region: str, repository: str,
        on_progress: Callable[[TagBatch], None] | None = None,
    ) -> TagListing:
        rows = self.tags(profile, region, repository)
        assert on_progress is not None
        on_progress(TagBatch(tuple(rows[:5]), "details of the rest"))
        self.painted_when_back = self.probe()
        on_progress(TagBatch(tuple(rows)))
        return TagListing(rows)


def test_the_listing_goes_on_once_the_first_details_are_on_screen() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = FirstScreenBackend(clock=clock)
        app = make_app(backend, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))

            def painted() -> bool:
                screen = app.screen
                return isinstance(screen, TagsScreen) and any(
                    r.digest for r in screen.tag_list.rows)

            backend.probe = painted
            app.open_repository(app.session.repositories[0].name)
            await until(pilot, lambda: backend.painted_when_back is not None)
            assert backend.painted_when_back
            screen = app.screen
            assert isinstance(screen, TagsScreen)
            await until(pilot, lambda: bool(screen.query(FooterKey)))  # then the footer

    asyncio.run(scenario())


def test_the_tags_screen_is_born_with_its_size_class() -> None:
    async def scenario() -> None:
        app = make_app(DemoBackend(clock=FakeClock()), clock=FakeClock())
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            repository = app.session.repositories[0]
            screen = TagsScreen(Target("default", "us-east-1"), repository)
            assert screen.has_class("-medium")  # 120 columns: what the resize would give

    asyncio.run(scenario())


class FooterApp(App[None]):
    BINDINGS = [("x", "bell", "Ring"), ("z", "quit", "Leave")]

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeyFooter()


def test_footer_keys_mount_without_being_restyled(monkeypatch: object) -> None:
    restyled: list[str] = []
    update_nodes = Stylesheet.update_nodes

    def recording(self: Stylesheet, nodes: object, animate: bool = False) -> None:
        nodes = list(nodes)  # type: ignore[call-overload]
        restyled.extend(type(n).__name__ for n in nodes[:1])
        update_nodes(self, nodes, animate=animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", recording)  # type: ignore[attr-defined]

    async def scenario() -> None:
        app = FooterApp()
        async with app.run_test(size=SIZE) as pilot:
            footer = app.query_one(KeyFooter)
            await until(pilot, lambda: len(footer.query(FooterKey)) >= 2)
            keys = [k for k in footer.query(FooterKey) if not k.has_class("-command-palette")]
            assert keys and not any(k.has_class("-compact") for k in keys)

    asyncio.run(scenario())
    assert restyled.count("FooterKey") <= 1  # the palette's key only (not bound to compact)


@pytest.mark.parametrize("size", [(80, 24), (120, 35), (200, 60), (100, 30), (160, 45)])
def test_born_size_classes_are_the_ones_textual_gives_on_resize(size: tuple[int, int]) -> None:
    """born_sized copies Textual's breakpoint rule: at each width (and at the breakpoints
    themselves) a screen born with them has the same ones after Textual's own resize."""

    class Sized(App[None]):
        HORIZONTAL_BREAKPOINTS = EcrTuiApp.HORIZONTAL_BREAKPOINTS
        VERTICAL_BREAKPOINTS = EcrTuiApp.VERTICAL_BREAKPOINTS

    async def scenario() -> None:
        app = Sized()
        async with app.run_test(size=size) as pilot:
            born = set(size_classes(app, Screen).split())
            screen: Screen[None] = Screen()
            await app.push_screen(screen)
            await pilot.pause()
            names = {name for _, name in [*(app.HORIZONTAL_BREAKPOINTS or []),
                                          *(app.VERTICAL_BREAKPOINTS or [])]}
            assert born and born == names & set(screen.classes)

    asyncio.run(scenario())
