"""FindScreen: a query across the fleet (name, glob, digest or image reference); results fill in
as each (profile, region) answers; enter opens the repository's tags on the tag."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static
from textual.worker import get_current_worker

from ecr_tui.core.find import FindHit, QueryKind, find_across, parse_query, reference_pair
from ecr_tui.core.fleet import backend_pairs
from ecr_tui.ui.bindings import FIND_BINDINGS
from ecr_tui.ui.many_messages import FindPairDone
from ecr_tui.ui.widgets.header_bar import HeaderBar
from ecr_tui.ui.worker_events import ForwardWorkerEvents

if TYPE_CHECKING:
    from ecr_tui.ui.app_view import AppView


class FindScreen(ForwardWorkerEvents, Screen[None]):
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

    def compose(self) -> ComposeResult:
        yield HeaderBar(demo=self.app.backend.name == "demo", id="find-header")
        yield Input(placeholder="find: name, part of one, glob, sha256:… or an image reference",
                    id="find-query")
        table: DataTable[Text] = DataTable(id="find-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("REPOSITORY", "TAG", "DIGEST", "PROFILE", "ACCOUNT", "REGION")
        yield table
        yield Static(id="find-status")
        yield Footer()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#find-table", DataTable)

    def on_mount(self) -> None:
        session = self.app.session
        header = self.query_one(HeaderBar)
        header.show_context(session.current_profile(), None, session.region, "Find")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        self.query_text, self.hits, self.pairs_done, self.repositories = text, [], 0, 0
        self.failed = []
        self.table.clear()
        self._status("searching…")
        self.search(text)
        self.table.focus()

    @work(thread=True, exclusive=True, group="find", exit_on_error=False,
          description="find across the fleet")
    def search(self, text: str) -> None:
        worker = get_current_worker()
        self.app.worker_context[worker] = (None, "find")
        from ecr_tui.core.settings import load_settings

        backend = self.app.backend
        query = parse_query(text)
        if query.kind is QueryKind.REFERENCE:
            pairs = [reference_pair(backend, query)]
        else:
            pairs = backend_pairs(backend, preference=load_settings().sso_role_preference)
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
            self.table.add_row(
                Text(hit.repository, "bold"), Text(hit.tag or ""),
                Text(hit.digest[:19] if hit.digest else ""), Text(hit.profile),
                Text(hit.account_id), Text(hit.region), key=str(len(self.hits) - 1),
            )
        self._status()

    def _status(self, prefix: str = "") -> None:
        text = (f"{prefix} " if prefix else "") + (
            f"{len(self.hits)} found; searched {self.pairs_done} (profile, region) pairs and "
            f"{self.repositories} repositories"
        )
        if self.failed:
            text += f"; {len(self.failed)} failed: " + "; ".join(self.failed[:3])
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
