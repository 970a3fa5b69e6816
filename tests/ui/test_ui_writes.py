"""`T`, `U`, `X` on the tags screen (Pilot, demo data): read-only says how to turn writes on;
with writes on each write is previewed in a dialog, Cancel writes nothing, a refused write
offers no button that writes, and the list updates in place; the header says WRITES."""

from __future__ import annotations

import asyncio

from ecr_tui.core.models import Target
from ecr_tui.core.write_records import WRITES_OFF
from ecr_tui.core.writes.plan import Checks
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.app import make_app
from ecr_tui.ui.screens.set_name import SetNameDialog
from ecr_tui.ui.screens.write_dialog import WriteDialog
from ecr_tui.ui.widgets.header_bar import HeaderBar
from tests.ui.uihelpers import (
    SIZE,
    FakeClock,
    open_tags,
    record_notifications,
    settle,
    wait_for_target,
)

REPO = "base/python"


def _app(writes: bool):  # type: ignore[no-untyped-def]
    clock = FakeClock()
    return make_app(DemoBackend(clock=clock, allow_writes=writes), clock=clock)


def test_read_only_keys_say_how_to_turn_writes_on_and_write_nothing() -> None:
    async def scenario() -> None:
        app = _app(False)
        async with app.run_test(size=SIZE) as pilot:
            shown = record_notifications(app)
            await wait_for_target(pilot, Target("default", "us-east-1"))
            screen = await open_tags(pilot, REPO)
            assert "WRITES" not in screen.query_one(HeaderBar).context_text
            rows = screen.tag_list.source_rows
            for key in ("T", "U", "X"):
                await pilot.press(key)
                await settle(pilot)
                assert not isinstance(app.screen, (WriteDialog, SetNameDialog))
            assert shown.count(WRITES_OFF) == 3
            assert screen.tag_list.source_rows == rows
            assert [e.result for e in app.backend.audit_log().entries()] == [
                f"refused: {WRITES_OFF}"] * 3

    asyncio.run(scenario())


def test_tag_untag_delete_are_previewed_confirmed_and_update_the_list_in_place(
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    # What runs the demo's images: nothing, every pair read (a complete hand-made report).
    from ecr_tui.core.usage_records import UsageReport

    def checks(backend: object, *_: object) -> Checks:
        return Checks(usage=lambda p, r, a, name: UsageReport(a, r, name, (), (), 1, FakeClock()()))

    monkeypatch.setattr("ecr_tui.core.writes.checks.default_checks", checks)

    async def scenario() -> None:
        app = _app(True)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            screen = await open_tags(pilot, REPO)
            assert "WRITES" in screen.query_one(HeaderBar).context_text
            row = screen.tag_list.highlighted
            assert row is not None

            await pilot.press("T")
            await settle(pilot, lambda: isinstance(app.screen, SetNameDialog))
            await pilot.press(*"stable", "enter")
            await settle(pilot, lambda: isinstance(app.screen, WriteDialog))
            dialog = app.screen
            assert isinstance(dialog, WriteDialog)
            preview = "\n".join(dialog.plan.preview())
            assert "ecr:PutImage" in preview and row.digest in preview and "111122223333" in preview
            await pilot.click("#cancel")
            await settle(pilot)
            assert all(r.tag != "stable" for r in screen.tag_list.source_rows)

            await pilot.press("T")
            await settle(pilot, lambda: isinstance(app.screen, SetNameDialog))
            await pilot.press(*"stable", "enter")
            await settle(pilot, lambda: isinstance(app.screen, WriteDialog))
            await pilot.click("#write")
            await settle(pilot, lambda: any(r.tag == "stable" and r.digest == row.digest
                                            for r in screen.tag_list.source_rows))

            await pilot.press("U")
            await settle(pilot, lambda: isinstance(app.screen, WriteDialog))
            untag = app.screen  # base/python is IMMUTABLE in the demo: no button writes
            assert isinstance(untag, WriteDialog) and untag.plan.operation == "untag"
            assert "is immutable in base/python (IMMUTABLE)" in untag.plan.refusals[0].text
            assert not untag.query("#write") and not untag.query("#force")
            await pilot.press("escape")
            await settle(pilot)

            await pilot.press("X")
            await settle(pilot, lambda: isinstance(app.screen, WriteDialog))
            delete = app.screen
            assert isinstance(delete, WriteDialog) and delete.plan.operation == "delete"
            gone = delete.plan.digest
            await pilot.click("#write")
            await settle(pilot, lambda: all(r.digest != gone for r in screen.tag_list.source_rows))
            results = [(e.operation, e.result) for e in app.backend.audit_log().entries()]
            assert results == [("tag", "declined: cancelled in the dialog"), ("tag", "done"),
                               ("untag", "declined: cancelled in the dialog"), ("delete", "done")]

    asyncio.run(scenario())
