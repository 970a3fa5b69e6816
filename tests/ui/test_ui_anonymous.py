"""Repositories outside the profile's ECR in the TUI: `:` and find with public.ecr.aws/ALIAS/REPO
or any registry reference open its tag names read anonymously (no manifest read while listing);
enter reads the image into the detail tabs; results keyed by host/repository; errors one line.
Against the demo's anonymous registry and the real token flow over httpx.MockTransport."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from textual.widgets import Tab, TabbedContent

from ecr_tui.core.anonymous_registry import AnonymousRegistry
from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.models import Target
from ecr_tui.core.registry.anonymous import AnonymousRegistries
from ecr_tui.demo.anonymous import MOVED_TAG
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.app import EcrTuiApp, make_app
from ecr_tui.ui.screens.anonymous_tags import (
    UNREAD,
    AnonymousTagsFailed,
    AnonymousTagsLoaded,
    AnonymousTagsScreen,
)
from ecr_tui.ui.screens.find import FindScreen
from ecr_tui.ui.screens.jump import JumpScreen
from tests.ui.uihelpers import (
    SIZE,
    FakeClock,
    demo_app,
    open_tags,
    record_notifications,
    settle,
    wait_for_target,
)

DEFAULT = Target("default", "us-east-1")
PYTHON = "public.ecr.aws/docker/library/python"


class Recorder:
    """An AnonymousRegistry that remembers each call: listing must read no manifest."""

    def __init__(self, inner: AnonymousRegistry, calls: list[str]) -> None:
        self.host = inner.host
        self._inner = inner
        self._calls = calls

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._inner, name)

        def call(*args: Any) -> Any:
            self._calls.append(f"{name} {self.host}/{args[0]}")
            return method(*args)

        return call


class RecordingDemo(DemoBackend):
    def __init__(self, clock: FakeClock) -> None:
        super().__init__(clock=clock, delay=0.0)
        self.calls: list[str] = []

    def anonymous_registry(self, host: str) -> AnonymousRegistry:
        return Recorder(super().anonymous_registry(host), self.calls)  # type: ignore[return-value]


def recording_app() -> tuple[EcrTuiApp, RecordingDemo]:
    clock = FakeClock()
    backend = RecordingDemo(clock)
    return make_app(backend, clock=clock), backend


def listed(app: EcrTuiApp) -> bool:
    screen = app.screen
    return isinstance(screen, AnonymousTagsScreen) and bool(screen.tag_list.rows)


def test_jump_lists_tag_names_and_enter_reads_the_image() -> None:
    async def scenario() -> None:
        app, backend = recording_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await pilot.press("colon", *PYTHON)
            assert isinstance(app.screen, JumpScreen)
            first = app.screen.query_one("#jump-matches").get_option_at_index(0)
            assert str(first.prompt).startswith("image") and PYTHON in str(first.prompt)
            await pilot.press("enter")
            await settle(pilot, lambda: listed(app))
            screen = app.screen
            assert isinstance(screen, AnonymousTagsScreen)
            expected = backend.anonymous_registry("public.ecr.aws").tags("docker/library/python")
            backend.calls.clear()
            assert sorted(r.tag for r in screen.tag_list.rows) == sorted(expected)
            assert all(not r.digest for r in screen.tag_list.rows)  # names only
            await pilot.press("down", "down")  # looking is not pulling: nothing read
            await settle(pilot)
            assert backend.calls == []
            assert UNREAD in str(screen.query_one("#overview-body").render())
            await pilot.press("enter")
            row = screen.tag_list.highlighted
            assert row is not None
            await settle(pilot, lambda: screen.detail.shown_tag == row.tag)
            assert backend.calls[0] == f"manifest {PYTHON}"
            assert screen.detail.key is not None
            assert (screen.detail.key.host, screen.detail.key.target) == ("public.ecr.aws", None)
            await pilot.press("4")  # referrers: the same anonymous source
            await settle(pilot, lambda: any(c.startswith("referrers") for c in backend.calls))
            # No ECR scan and no workload of yours outside ECR: those tabs are not there,
            # and their keys leave the open tab as it is.
            tabs = screen.query_one("#detail-tabs", TabbedContent)
            assert [t.id for t in tabs.query(Tab) if t.display] == [
                "--content-tab-overview", "--content-tab-layers", "--content-tab-config",
                "--content-tab-referrers"]
            await pilot.press("5", "6")
            await settle(pilot)
            assert tabs.active == "referrers"
            assert not any(c.startswith("scan") for c in backend.calls)
            await pilot.press("escape")
            await settle(pilot, lambda: not isinstance(app.screen, AnonymousTagsScreen))

    asyncio.run(scenario())


def test_find_with_a_tag_opens_that_tag_read_at_once() -> None:
    async def scenario() -> None:
        app, backend = recording_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await pilot.press("f")
            await settle(pilot, lambda: isinstance(app.screen, FindScreen))
            await pilot.press(*"public.ecr.aws/nginx/nginx:latest", "enter")
            await settle(pilot, lambda: listed(app))
            screen = app.screen
            assert isinstance(screen, AnonymousTagsScreen)
            await settle(pilot, lambda: screen.detail.shown_tag == "latest")
            assert screen.tag_list.highlighted is not None
            assert screen.tag_list.highlighted.tag == "latest"
            assert "public.ecr.aws/nginx/nginx (anonymous)" in screen.query_one(
                "HeaderBar").context_text  # type: ignore[attr-defined]
            # No fleet search ran: the find screen below has no query of its own.
            await pilot.press("escape")
            await settle(pilot, lambda: isinstance(app.screen, FindScreen))
            assert app.screen.hits == [] and not app.screen.query_text  # type: ignore[attr-defined]
            assert not any(c.startswith("tags") and "nginx" not in c for c in backend.calls)

    asyncio.run(scenario())


def test_an_unknown_repository_is_one_line_and_the_tui_keeps_running() -> None:
    async def scenario() -> None:
        app, _backend = recording_app()
        async with app.run_test(size=SIZE) as pilot:
            shown = record_notifications(app)
            await wait_for_target(pilot, DEFAULT)
            await pilot.press("colon", *"public.ecr.aws/nothing/here", "enter")
            await settle(pilot, lambda: isinstance(app.screen, AnonymousTagsScreen)
                         and not app.screen.tag_list.loading and bool(shown))
            screen = app.screen
            assert isinstance(screen, AnonymousTagsScreen)
            assert shown == ["repository not found: public.ecr.aws/nothing/here (NAME_UNKNOWN)"]
            assert screen.tag_list.border_subtitle == shown[0]
            await pilot.press("escape")
            await settle(pilot, lambda: not isinstance(app.screen, AnonymousTagsScreen))

    asyncio.run(scenario())


def test_answers_for_another_host_or_repository_are_dropped() -> None:
    async def scenario() -> None:
        app, _backend = recording_app()
        async with app.run_test(size=SIZE) as pilot:
            shown = record_notifications(app)
            await wait_for_target(pilot, DEFAULT)
            await pilot.press("colon", *PYTHON, "enter")
            await settle(pilot, lambda: listed(app))
            screen = app.screen
            assert isinstance(screen, AnonymousTagsScreen)
            before = [r.tag for r in screen.tag_list.rows]
            for message in (
                AnonymousTagsLoaded("ghcr.io", "docker/library/python", ["stale"]),
                AnonymousTagsLoaded("public.ecr.aws", "docker/library/other", ["stale"]),
                AnonymousTagsFailed("ghcr.io", "docker/library/python", EcrTuiError("stale")),
            ):
                screen.post_message(message)
            await settle(pilot)
            assert [r.tag for r in screen.tag_list.rows] == before
            assert "stale" not in shown and "stale" not in str(screen.tag_list.border_subtitle)

    asyncio.run(scenario())


# -- the real token flow, over MockTransport ------------------------------------------------
DIGEST = "sha256:" + "a" * 64
CONFIG = "sha256:" + "c" * 64
MANIFEST = {
    "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": CONFIG,
               "size": 2},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                "digest": "sha256:" + "b" * 64, "size": 1234}],
}


def ghcr(seen: list[str]) -> httpx.MockTransport:
    """ghcr.io's anonymous flow: 401 with a Bearer challenge, a token, then the reads."""

    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        seen.append(f"{request.method} {path}")
        if path == "/token":
            return httpx.Response(200, json={"token": "anon-" + "t" * 30})
        if request.headers.get("authorization") != "Bearer anon-" + "t" * 30:
            challenge = ('Bearer realm="https://ghcr.io/token",service="ghcr.io",'
                         'scope="repository:org/app:pull"')
            return httpx.Response(401, headers={"WWW-Authenticate": challenge})
        if path == "/v2/org/app/tags/list":
            return httpx.Response(200, json={"name": "org/app", "tags": ["v1", "v2", "latest"]})
        if path.startswith("/v2/org/app/manifests/"):
            return httpx.Response(200, json=MANIFEST, headers={
                "Content-Type": MANIFEST["mediaType"], "Docker-Content-Digest": DIGEST})
        if path == f"/v2/org/app/blobs/{CONFIG}":
            return httpx.Response(200, json={"architecture": "amd64", "os": "linux"})
        return httpx.Response(404, json={"errors": [{"code": "NOT_FOUND"}]})

    return httpx.MockTransport(handler)


class MockTransportDemo(DemoBackend):
    def __init__(self, clock: FakeClock, transport: httpx.MockTransport,
                 pool: ThreadPoolExecutor) -> None:
        super().__init__(clock=clock, delay=0.0)
        self.registries = AnonymousRegistries(pool, environ={}, transport=transport)

    def anonymous_registry(self, host: str) -> AnonymousRegistry:
        return self.registries.host(host)


def test_any_registry_through_its_token_flow_lists_without_reading_a_manifest() -> None:
    seen: list[str] = []

    async def scenario() -> None:
        clock = FakeClock()
        with ThreadPoolExecutor(2) as pool:
            backend = MockTransportDemo(clock, ghcr(seen), pool)
            app = make_app(backend, clock=clock)
            async with app.run_test(size=SIZE) as pilot:
                await wait_for_target(pilot, DEFAULT)
                await pilot.press("colon", *"ghcr.io/org/app", "enter")
                await settle(pilot, lambda: listed(app))
                screen = app.screen
                assert isinstance(screen, AnonymousTagsScreen)
                assert {r.tag for r in screen.tag_list.rows} == {"v1", "v2", "latest"}
                assert not any("/manifests/" in s for s in seen)
                assert "GET /token" in seen and "GET /v2/org/app/tags/list" in seen
                screen.tag_list.move_to(
                    next(i for i, r in enumerate(screen.tag_list.rows) if r.tag == "v1"))
                await pilot.press("enter")
                await settle(pilot, lambda: screen.detail.shown_tag == "v1")
                assert "GET /v2/org/app/manifests/v1" in seen
                await pilot.press("2")
                layers = str(screen.query_one("#layers-list").render_line(1).text)
                assert "linux/amd64: 1 layers, 0 empty, 1.2 KB" in layers
            backend.registries.close()

    asyncio.run(scenario())


# -- upstream moved? (M on a pull-through cache's tags) ------------------------------------
async def cached_tag(pilot: Any, app: EcrTuiApp, repository: str, tag: str) -> Any:
    """The tags screen of `repository`, one row per tag, the cursor on `tag`."""
    await wait_for_target(pilot, DEFAULT)
    await settle(pilot, lambda: DEFAULT in app.session.rules)
    screen = await open_tags(pilot, repository)
    await pilot.press("i")  # one row per tag
    await settle(pilot, lambda: not screen.tag_list.grouped)
    screen.tag_list.move_to(next(i for i, r in enumerate(screen.tag_list.rows) if r.tag == tag))
    return screen


def test_upstream_key_says_moved_or_same_with_one_head_each() -> None:
    async def scenario() -> None:
        app, backend = recording_app()
        async with app.run_test(size=SIZE) as pilot:
            shown = record_notifications(app)
            upstream = backend.anonymous_registry("docker.io").tags("library/nginx")
            same = next(t for t in upstream if t != MOVED_TAG)
            backend.calls.clear()
            await cached_tag(pilot, app, "docker-hub/library/nginx", MOVED_TAG)
            await pilot.press("M")
            await settle(pilot, lambda: any("upstream" in m for m in shown))
            moved = [m for m in shown if "upstream" in m]
            assert len(moved) == 1 and moved[0].startswith(
                f"docker-hub/library/nginx:{MOVED_TAG}: upstream moved — cached sha256:")
            assert f"docker.io/library/nginx:{MOVED_TAG} is now sha256:" in moved[0]
            screen = app.screen
            screen.tag_list.move_to(  # type: ignore[attr-defined]
                next(i for i, r in enumerate(screen.tag_list.rows)  # type: ignore[attr-defined]
                     if r.tag == same))
            await pilot.press("M")
            await settle(pilot, lambda: any("matches upstream" in m for m in shown))
            assert f"docker-hub/library/nginx:{same} matches upstream docker.io/library/nginx:" \
                f"{same}" in shown[-1]
            # One HEAD (digest) per check upstream; never a manifest or a tag list there.
            assert backend.calls == ["digest docker.io/library/nginx"] * 2

    asyncio.run(scenario())


def test_upstream_key_on_a_repository_no_rule_made_is_one_line_and_asks_nothing() -> None:
    async def scenario() -> None:
        app, backend = recording_app()
        async with app.run_test(size=SIZE) as pilot:
            shown = record_notifications(app)
            await wait_for_target(pilot, DEFAULT)
            await settle(pilot, lambda: DEFAULT in app.session.rules)
            await open_tags(pilot, "platform/api")
            await pilot.press("M")
            await settle(pilot)
            assert shown == ["platform/api is not a pull-through-cache repository: no rule of "
                             "us-east-1 made it (u lists the rules)"]
            assert backend.calls == []

    asyncio.run(scenario())


# -- snapshot --------------------------------------------------------------------------------
async def _anonymous_ready(pilot: Any) -> None:
    app = pilot.app
    await wait_for_target(pilot, DEFAULT)
    await pilot.press("colon", *f"{PYTHON}:latest", "enter")
    await settle(pilot, lambda: listed(app) and app.screen.detail.shown_tag == "latest")
    await settle(pilot)


def test_anonymous_tags_screen_snapshot(snap_compare) -> None:  # noqa: ANN001
    assert snap_compare(demo_app(), terminal_size=(120, 35), run_before=_anonymous_ready)
