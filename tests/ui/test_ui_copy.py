"""`C` on the tags screen (Pilot, demo data): read-only says how to turn writes on; with writes
on, the destination dialog (the Fleet's pairs, a repository, a tag) leads to the copy's preview
(a mount within one registry), Cancel copies nothing, and the copy shows its progress, ends in
one notification and updates the list in place when it lands in the repository on screen."""

from __future__ import annotations

import asyncio

from textual.widgets import Input, Select

from ecr_tui.core.models import Target
from ecr_tui.core.write_records import WRITES_OFF
from ecr_tui.ui.screens.copy_dialog import CopyProgressDialog, CopyTargetDialog
from ecr_tui.ui.screens.write_dialog import WriteDialog
from tests.ui.test_ui_writes import _app
from tests.ui.uihelpers import (
    SIZE,
    open_tags,
    record_notifications,
    settle,
    wait_for_target,
)

REPO = "base/python"
HOME = Target("default", "us-east-1")


def node_rows(app):  # type: ignore[no-untyped-def]
    return app.backend.tags(HOME.profile, HOME.region, "base/node")


def test_read_only_c_says_how_to_turn_writes_on_and_opens_nothing() -> None:
    async def scenario() -> None:
        app = _app(False)
        async with app.run_test(size=SIZE) as pilot:
            shown = record_notifications(app)
            await wait_for_target(pilot, HOME)
            await open_tags(pilot, REPO)
            await pilot.press("C")
            await settle(pilot)
            assert not isinstance(app.screen, CopyTargetDialog)
            assert shown == [WRITES_OFF]
            entry = app.backend.audit_log().entries()[-1]
            assert (entry.operation, entry.result) == ("copy", f"refused: {WRITES_OFF}")

    asyncio.run(scenario())


async def _choose(pilot, app, repository: str, tag: str) -> WriteDialog:  # type: ignore[no-untyped-def]
    await pilot.press("C")
    await settle(pilot, lambda: isinstance(app.screen, CopyTargetDialog))
    dialog = app.screen
    assert isinstance(dialog, CopyTargetDialog) and HOME in dialog.pairs
    assert len(dialog.pairs) > 1  # the Fleet's pairs, not only this one
    dialog.query_one("#copy-pair", Select).value = dialog.pairs.index(HOME)
    dialog.query_one("#copy-repository", Input).value = repository
    dialog.query_one("#copy-tag", Input).value = tag
    await pilot.click("#copy-preview")
    await settle(pilot, lambda: isinstance(app.screen, WriteDialog))
    preview = app.screen
    assert isinstance(preview, WriteDialog) and preview.plan.operation == "copy"
    return preview


def test_copy_is_chosen_previewed_confirmed_and_lands_in_place() -> None:
    async def scenario() -> None:
        app = _app(True)
        async with app.run_test(size=SIZE) as pilot:
            shown = record_notifications(app)
            await wait_for_target(pilot, HOME)
            screen = await open_tags(pilot, REPO)
            row = screen.tag_list.highlighted
            assert row is not None

            preview = await _choose(pilot, app, "base/node", "from-python")
            text = "\n".join(preview.plan.preview())
            assert "mount=" in text and row.digest in text and "111122223333" in text
            await pilot.click("#cancel")
            await settle(pilot)
            assert all(r.tag != "from-python" for r in node_rows(app))

            preview = await _choose(pilot, app, "base/node", "from-python")
            await pilot.click("#write")
            await settle(pilot, lambda: any(s.startswith("copy to") for s in shown))
            assert not isinstance(app.screen, CopyProgressDialog)  # closed at the end
            copied = [r for r in node_rows(app) if r.tag == "from-python"]
            assert [r.digest for r in copied] == [row.digest]

            await _choose(pilot, app, REPO, "copied-here")
            await pilot.click("#write")
            await settle(pilot, lambda: any(r.tag == "copied-here" and r.digest == row.digest
                                            for r in screen.tag_list.source_rows))
            results = [(e.operation, e.repository, e.result)
                       for e in app.backend.audit_log().entries()]
            assert results == [("copy", "base/node", "declined: cancelled in the dialog"),
                               ("copy", "base/node", "done"), ("copy", REPO, "done")]

    asyncio.run(scenario())
