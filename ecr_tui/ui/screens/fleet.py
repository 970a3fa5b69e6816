"""FleetScreen: every (profile, region) pair at once, rows filled in as they arrive.

Rows are kept in the session, so coming back is instant; leaving cancels what is outstanding.
Space marks pairs, L logs every marked pair in (one summary), W saves them as a login set.
The table takes the height left between the header and the status line and the columns that
fit the width (the error column cut with `…`; the status line starts with the highlighted
pair's error).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from ecr_tui.core.fleet.runner import FleetRow, backend_pairs, fleet_rows
from ecr_tui.core.models import Target
from ecr_tui.ui.app_view import ProfilesRefreshed
from ecr_tui.ui.bindings import FLEET_BINDINGS
from ecr_tui.ui.fleet_rows import COLUMNS, SORTS, row_cells, row_shown, sorted_rows
from ecr_tui.ui.many_messages import (
    FleetPairsChosen,
    FleetRowLoaded,
)
from ecr_tui.ui.scope_usage_cells import ScopeUsageState
from ecr_tui.ui.screens.fleet_marks import FleetMarks, row_key
from ecr_tui.ui.usage_scan import ScopeUsageUpdated, start_scope_scan
from ecr_tui.ui.widgets.filter_input import FilterInput
from ecr_tui.ui.widgets.fitted_table import FittedTable
from ecr_tui.ui.widgets.header_bar import HeaderBar, show_current
from ecr_tui.ui.widgets.key_footer import KeyFooter
from ecr_tui.ui.worker_events import ForwardWorkerEvents

if TYPE_CHECKING:
    from ecr_tui.ui.app_view import AppView


class FleetScreen(FleetMarks, ForwardWorkerEvents, Screen[None]):
    DEFAULT_CSS = """
    FleetScreen #fleet-table {
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text-accent;
    }
    FleetScreen #fleet-table:focus { border: round $accent; }
    FleetScreen #fleet-status {
        height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """
    BINDINGS = FLEET_BINDINGS
    AUTO_FOCUS = "#fleet-table"
    app: AppView

    def __init__(self) -> None:
        super().__init__(classes="fleet-screen")
        self.pairs: list[Target] = []
        self.filter_text = ""
        self.hide_empty = False
        self.sort_index = 0
        self.usage = ScopeUsageState()

    def compose(self) -> ComposeResult:
        yield HeaderBar(demo=self.app.backend.name == "demo",
                        writes=self.app.backend.writes_enabled(), id="fleet-header")
        yield FilterInput(id="fleet-filter")
        yield FittedTable(COLUMNS, id="fleet-table")
        yield Static(id="fleet-status")
        yield KeyFooter()

    @property
    def table(self) -> FittedTable:
        return self.query_one("#fleet-table", FittedTable)

    @property
    def rows(self) -> dict[Target, FleetRow]:
        return self.app.session.fleet

    def on_mount(self) -> None:
        self.tokens_changed()
        self.render_rows()
        self.run_fleet(refresh=False)
        start_scope_scan(self, self.app, self.usage, refresh=False)

    # -- workers ------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="fleet", exit_on_error=False,
          description="fleet: token and repository count of every pair")
    def run_fleet(self, refresh: bool) -> None:
        worker = get_current_worker()
        self.app.worker_context[worker] = (None, "fleet")
        from ecr_tui.core.store.settings import load_settings

        backend = self.app.backend
        if refresh:
            report = backend.discover_profiles(refresh=True)
            self.app.post_message(ProfilesRefreshed(
                backend.profiles(), backend.default_profile(), report.problems))
        pairs = backend_pairs(backend, preference=load_settings().sso_role_preference)
        if worker.is_cancelled:
            return
        self.post_message(FleetPairsChosen(pairs))
        todo = pairs if refresh else [p for p in pairs if p not in self.rows]
        for row in fleet_rows(backend, todo, cancelled=lambda: worker.is_cancelled):
            if worker.is_cancelled:
                return
            self.post_message(FleetRowLoaded(row))

    # -- results ------------------------------------------------------------------------
    def on_fleet_pairs_chosen(self, message: FleetPairsChosen) -> None:
        self.pairs = message.pairs
        self._status()

    def on_fleet_row_loaded(self, message: FleetRowLoaded) -> None:
        row = message.row
        self.rows[row.target] = row
        if self._shown(row):
            if self.sort_index == 0:
                self._add(row)
            else:
                self.render_rows()
        self._status()

    def on_scope_usage_updated(self, message: ScopeUsageUpdated) -> None:
        if self.usage.update(message.scan, message.pairs_done, message.pairs_total,
                             message.usage):
            if message.usage is not None:
                self.render_rows()
            self._status()

    # -- rendering ----------------------------------------------------------------------
    def _shown(self, row: FleetRow) -> bool:
        return row_shown(row, self.filter_text, self.hide_empty)

    def _add(self, row: FleetRow) -> None:
        key = row_key(row.target)
        if key not in self.table.rows:
            marked = row.target in self.app.session.fleet_marked
            cells = row_cells(row, marked, self.app.clock())
            cells["in_use"] = self.usage.registry_cell(row.account_id, row.region)
            self.table.add_fitted_row(key, cells)

    def _sorted(self) -> list[FleetRow]:
        rows = [r for r in self.rows.values() if self._shown(r)]
        return sorted_rows(rows, SORTS[self.sort_index])

    def render_rows(self) -> None:
        table = self.table
        current = self.highlighted
        table.clear_rows()
        for row in self._sorted():
            self._add(row)
        if current is not None and row_key(current) in table.rows:
            table.move_cursor(row=table.get_row_index(row_key(current)))
        self._status()

    def _status(self) -> None:
        total = len(self.pairs) or len(self.rows)
        done = sum(1 for p in self.pairs if p in self.rows) if self.pairs else len(self.rows)
        failed = sum(1 for r in self.rows.values() if r.error)
        marked = len(self.app.session.fleet_marked)
        extra = "; empty hidden" if self.hide_empty else ""
        self.table.border_title = f"Fleet {self.table.row_count}/{len(self.rows)} pairs"
        self.table.border_subtitle = f"sort: {SORTS[self.sort_index]} (o)"
        target = self.highlighted
        row = self.rows.get(target) if target is not None else None
        counts = (f"{done}/{total} pairs answered, {failed} failed, {marked} marked; "
                  f"sort: {SORTS[self.sort_index]}{extra}")
        in_use = self.usage.registry_line(row.account_id, row.region) if row else ""
        status = Text("; ".join(x for x in (counts, self.usage.progress(), in_use) if x), "dim")
        if row is not None and row.error:  # first: the table's error cell may be cut
            status = Text.assemble((f"{row.profile} {row.region}: {row.error}", "red"), "  ·  ",
                                   status)
        self.query_one("#fleet-status", Static).update(status)

    def on_screen_resume(self) -> None:
        self.app.catch_up(self)  # its countdowns stood still while it was covered

    def update_countdowns(self, now: datetime) -> None:
        self.query_one(HeaderBar).update_countdown(now)

    def tokens_changed(self) -> None:
        show_current(self.query_one(HeaderBar), self.app, "Fleet")

    @property
    def highlighted(self) -> Target | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value or ""
        profile, _, region = key.partition("\0")
        return Target(profile, region)

    # -- actions ------------------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()  # the screen's workers are cancelled with it

    def action_open_pair(self) -> None:
        target = self.highlighted
        if target is not None:
            self.app.go_to(target.profile, target.region)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_pair()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._status()  # it names the highlighted pair's error in full

    def action_filter(self) -> None:
        self.query_one(FilterInput).open(self.table)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "fleet-filter":
            self.filter_text = event.value
            self.render_rows()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "fleet-filter":
            self.table.focus()

    def on_filter_input_closed(self, _message: FilterInput.Closed) -> None:
        self.filter_text = ""
        self.render_rows()
        self.table.focus()

    def action_toggle_empty(self) -> None:
        self.hide_empty = not self.hide_empty
        self.render_rows()

    def action_sort(self) -> None:
        """The next order, read from the top (where the new order starts)."""
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self.render_rows()
        self.table.move_cursor(row=0, animate=False)
        self.table.scroll_to(y=0, animate=False)

    def action_refresh(self) -> None:
        self.rows.clear()
        self.render_rows()
        self.run_fleet(refresh=True)
        start_scope_scan(self, self.app, self.usage, refresh=True)
