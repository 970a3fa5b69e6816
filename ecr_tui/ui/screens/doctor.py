"""DoctorScreen, "Why can't it pull?": paste an error message or an image reference; the eight
checks' lines fill in as each finishes (a named worker); enter on a line that points somewhere
(the repository, the tag, the pull-through-cache rules) goes there."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from ecr_tui.core.doctor.records import CHECK_IDS, Check, verdict_of
from ecr_tui.ui.bindings import DOCTOR_BINDINGS
from ecr_tui.ui.widgets.header_bar import HeaderBar, show_current
from ecr_tui.ui.widgets.key_footer import KeyFooter
from ecr_tui.ui.worker_events import ForwardWorkerEvents

if TYPE_CHECKING:
    from ecr_tui.ui.app_view import AppView

MARK_WIDTH = 4
"""`FAIL`, the longest status word."""
CHECK_WIDTH = len("repository")
_STYLE = {"ok": ("ok", "green"), "fail": ("FAIL", "bold red"), "warn": ("warn", "yellow"),
          "skip": ("skip", "dim"), "": ("…", "dim")}


@dataclass
class DoctorLine(Message):
    """One check finished, for the run `run`."""

    run: int
    check: Check


class DoctorScreen(ForwardWorkerEvents, Screen[None]):
    DEFAULT_CSS = """
    DoctorScreen #doctor-table { height: 1fr; }
    DoctorScreen #doctor-status { height: 1; padding: 0 1; }
    """
    BINDINGS = DOCTOR_BINDINGS
    AUTO_FOCUS = "#doctor-text"
    app: AppView

    def __init__(self, text: str = "") -> None:
        super().__init__(classes="doctor-screen")
        self.initial_text = text
        self.run_id = 0
        self.checks: dict[str, Check] = {}

    def compose(self) -> ComposeResult:
        yield HeaderBar(demo=self.app.backend.name == "demo", id="doctor-header")
        yield Input(self.initial_text, placeholder="paste the error message or the image "
                    "reference, then enter", id="doctor-text")
        table: DataTable[Text] = DataTable(id="doctor-table", cursor_type="row")
        table.border_title = "Why can't it pull?"
        yield table
        yield Static(id="doctor-status")
        yield KeyFooter()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#doctor-table", DataTable)

    def on_mount(self) -> None:
        self._lay_out()
        self.tokens_changed()
        if self.initial_text:
            self._start(self.initial_text)

    def tokens_changed(self) -> None:
        show_current(self.query_one(HeaderBar), self.app, "Why can't it pull?")

    def update_countdowns(self, now: datetime) -> None:
        self.query_one(HeaderBar).update_countdown(now)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self._start(event.value)
            self.table.focus()

    def _start(self, text: str) -> None:
        self.run_id += 1
        self.checks = {}
        self._lay_out()  # every line at once, each filled in when its check ends
        self._status(Text("checking…", "dim"))
        self.diagnose(self.run_id, text)

    @work(thread=True, exclusive=True, group="doctor", exit_on_error=False,
          description="why can't it pull")
    def diagnose(self, run: int, text: str) -> None:
        from ecr_tui.core.doctor.facts import Request
        from ecr_tui.core.doctor.run import run_doctor

        worker = get_current_worker()
        self.app.worker_context[worker] = (None, "doctor")
        target = self.app.session.target

        def line(check: Check) -> None:
            if not worker.is_cancelled:
                self.post_message(DoctorLine(run, check))

        request = Request(text, profile=target.profile if target else "")
        run_doctor(self.app.backend, request, environ=os.environ, now=self.app.clock(),
                   on_check=line)

    def _cells(self, check_id: str, check: Check | None) -> tuple[Text, Text, Text]:
        mark, style = _STYLE[check.status if check else ""]
        detail = Text(check.detail if check else "")
        if check is not None and check.fix:
            detail.append(f"\nfix: {check.fix}", "italic")
        return Text(mark, style), Text(check_id, "bold"), detail

    def on_doctor_line(self, message: DoctorLine) -> None:
        if message.run != self.run_id:
            return  # an earlier paste's line
        check = message.check
        self.checks[check.id] = check
        self._lay_out()
        if len(self.checks) == len(CHECK_IDS):
            verdict = verdict_of(tuple(self.checks[c] for c in CHECK_IDS))
            style = {"pullable": "green", "not-pullable": "bold red"}.get(verdict, "yellow")
            self._status(Text(f"verdict: {verdict}", style))

    def on_resize(self) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        """The lines again at the table's width: the status word whole, and the detail and
        its fix wrapped under each other, never cut (a line is as tall as it needs)."""
        table = self.table
        cursor = table.cursor_row
        width = table.scrollable_content_region.width or self.size.width
        detail_width = max(20, width - MARK_WIDTH - CHECK_WIDTH - 3 * 2 - 1)
        table.clear(columns=True)
        table.add_column("", width=MARK_WIDTH, key="mark")
        table.add_column("CHECK", width=CHECK_WIDTH, key="check")
        table.add_column("DETAIL", width=detail_width, key="detail")
        for check_id in CHECK_IDS:
            table.add_row(*self._cells(check_id, self.checks.get(check_id)), key=check_id,
                          height=None)
        table.move_cursor(row=min(cursor, len(CHECK_IDS) - 1))

    def _status(self, text: Text) -> None:
        self.query_one("#doctor-status", Static).update(text)

    def action_back(self) -> None:
        self.app.pop_screen()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_line(str(event.row_key.value))

    def action_open_line(self) -> None:
        table = self.table
        if self.focused is table and table.row_count:
            self.open_line(CHECK_IDS[table.cursor_row])

    def open_line(self, check_id: str) -> None:
        """Go where the line points: the repository, the tag, or the rules."""
        check = self.checks.get(check_id)
        place = check.place if check else None
        if place is None:
            self.app.notify(f"the {check_id} line points nowhere to go", markup=False)
            return
        if place.kind == "rules":
            from ecr_tui.core.models import Target
            from ecr_tui.ui.screens.rules import RulesScreen

            self.app.go_to(place.profile, place.region)
            self.app.push_screen(RulesScreen(Target(place.profile, place.region)))
            return
        self.app.go_to(place.profile, place.region, place.repository,
                       place.tag if place.kind == "tag" else None)
