"""FindScreen: a query across the fleet (name, glob, digest or image reference); results fill in
as each (profile, region) answers; enter opens the repository's tags on the tag. An image outside
ECR (public.ecr.aws/…, ghcr.io/…) opens its tags, read anonymously."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from ecr_tui.core.fleet.find import FindHit, find_across, reference_pair, summary
from ecr_tui.core.fleet.find_query import parse_query
from ecr_tui.core.fleet.runner import backend_pairs
from ecr_tui.ui.bindings import FIND_BINDINGS
from ecr_tui.ui.column_layout import ColumnSpec
from ecr_tui.ui.many_messages import FindPairDone, FindPairsChosen
from ecr_tui.ui.scope_usage_cells import ScopeUsageState
from ecr_tui.ui.usage_scan import ScopeUsageUpdated, start_scope_scan
from ecr_tui.ui.widgets.fitted_table import FittedTable
from ecr_tui.ui.widgets.header_bar import HeaderBar, show_current
from ecr_tui.ui.widgets.key_footer import KeyFooter
from ecr_tui.ui.worker_events import ForwardWorkerEvents

if TYPE_CHECKING:
    from ecr_tui.ui.app_view import AppView


COLUMNS = (
    ColumnSpec("repository", "REPOSITORY", 0, min_width=20, max_width=64),
    ColumnSpec("tag", "TAG", 1, min_width=10, max_width=40),
    ColumnSpec("digest", "DIGEST", 4, whole=True),
    ColumnSpec("profile", "PROFILE", 2, min_width=12, max_width=40),
    ColumnSpec("role", "ROLE", 3, whole=True, max_width=40),
    ColumnSpec("account", "ACCOUNT", 5, whole=True),
    ColumnSpec("region", "REGION", 3, whole=True),
    ColumnSpec("in_use", "IN USE", 2, whole=True),
)


class FindScreen(ForwardWorkerEvents, Screen[None]):
    DEFAULT_CSS = """
    FindScreen #find-table { height: 1fr; }
    FindScreen #find-status {
        height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """
    BINDINGS = FIND_BINDINGS
    AUTO_FOCUS = "#find-query"
    app: AppView

    def __init__(self) -> None:
        super().__init__(classes="find-screen")
        self.query_text = ""
        self.hits: list[FindHit] = []
        self.pairs_done = 0
        self.repositories = 0
        self.failed: list[str] = []
        self.pairs_total = 0
        self.usage = ScopeUsageState()
        """How many images of each repository found are in use (scanned once find opens)."""

    def compose(self) -> ComposeResult:
        yield HeaderBar(demo=self.app.backend.name == "demo",
                        writes=self.app.backend.writes_enabled(), id="find-header")
        yield Input(placeholder="find: name, part of one, glob, REPO:TAG, REPO@sha256:…, sha256:… "
                    "or an image reference", id="find-query")
        yield FittedTable(COLUMNS, id="find-table")
        yield Static(id="find-status")
        yield KeyFooter()

    @property
    def table(self) -> FittedTable:
        return self.query_one("#find-table", FittedTable)

    def on_mount(self) -> None:
        self.tokens_changed()
        start_scope_scan(self, self.app, self.usage, refresh=False)

    def on_scope_usage_updated(self, message: ScopeUsageUpdated) -> None:
        if not self.usage.update(message.scan, message.pairs_done, message.pairs_total,
                                 message.usage):
            return
        if message.usage is not None:
            for n, hit in enumerate(self.hits):
                self.table.set_fitted_cell(str(n), "in_use", self._in_use(hit))
        if self.query_text:
            self._status()
        else:  # nothing searched yet: only the scan's progress
            self.query_one("#find-status", Static).update(Text(self.usage.progress(), "dim"))

    def _in_use(self, hit: FindHit) -> Text:
        return self.usage.repository_cell(hit.account_id, hit.region, hit.repository)

    def tokens_changed(self) -> None:
        show_current(self.query_one(HeaderBar), self.app, "Find")

    def update_countdowns(self, now: datetime) -> None:
        self.query_one(HeaderBar).update_countdown(now)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        outside = parse_query(text).outside
        if outside is not None:  # no account holds it: its tags, read anonymously
            from ecr_tui.ui.screens.anonymous_tags import open_anonymous

            open_anonymous(self.app, outside)
            return
        self.query_text, self.hits, self.pairs_done, self.repositories = text, [], 0, 0
        self.pairs_total = 0
        self.failed = []
        self.table.clear_rows()
        self._status("searching…")
        self.search(text)
        self.table.focus()

    @work(thread=True, exclusive=True, group="find", exit_on_error=False,
          description="find across the fleet")
    def search(self, text: str) -> None:
        worker = get_current_worker()
        self.app.worker_context[worker] = (None, "find")
        from ecr_tui.core.store.settings import load_settings

        backend = self.app.backend
        query = parse_query(text)
        preference = load_settings().sso_role_preference
        if query.account_id:
            pairs = [reference_pair(backend, query, preference=preference)]
        else:
            pairs = backend_pairs(backend, preference=preference)
        self.post_message(FindPairsChosen(text, len(pairs)))
        for result in find_across(backend, pairs, query, cancelled=lambda: worker.is_cancelled):
            if worker.is_cancelled:
                return
            self.post_message(FindPairDone(text, result))

    def on_find_pair_done(self, message: FindPairDone) -> None:
        if message.query != self.query_text:
            return  # an earlier query's answer
        result = message.result
        self.pairs_done += 1
        self.repositories += result.repositories_searched
        if result.error:
            self.failed.append(f"{result.target.profile} {result.target.region}: {result.error}")
        for hit in result.hits:
            self.hits.append(hit)
            self.table.add_fitted_row(str(len(self.hits) - 1), {
                "repository": Text(hit.repository, "bold"), "tag": Text(hit.tag or ""),
                "digest": Text(hit.digest[:19] if hit.digest else ""),
                "profile": Text(hit.profile), "role": Text(hit.role),
                "account": Text(hit.account_id),
                "region": Text(hit.region), "in_use": self._in_use(hit),
            })
        self._status()

    def on_find_pairs_chosen(self, message: FindPairsChosen) -> None:
        if message.query == self.query_text:
            self.pairs_total = message.pairs
            self._status()

    def _status(self, prefix: str = "") -> None:
        finished = bool(self.pairs_total) and self.pairs_done >= self.pairs_total
        if self.hits or finished:  # "0 found" only once every pair has answered
            text = summary(parse_query(self.query_text), len(self.hits), self.pairs_done,
                           self.repositories, len(self.failed))
        else:
            text = (f"searched {self.pairs_done} (profile, region) pairs and "
                    f"{self.repositories} repositories so far")
        if prefix:
            text = f"{prefix} {text}"
        if self.usage.progress():
            text += f"; {self.usage.progress()}"
        if self.failed:
            text += " — failed: " + "; ".join(self.failed[:3])
        self.query_one("#find-status", Static).update(Text(text, "dim"))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_open_hit(self) -> None:
        table = self.table
        if not table.row_count or self.focused is not table:
            return
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        if key is not None:  # its pair on the main screen, then its tags at its tag
            hit = self.hits[int(key)]
            self.app.go_to(hit.profile, hit.region, hit.repository, hit.tag or hit.digest)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_hit()
