"""PublicScreen: the "Public" place beside the regions — the profile's ECR Public repositories
with their catalog data, the highlighted one's tags, and `l` to log in to public.ecr.aws."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from ecr_tui.core.humanize import human_size
from ecr_tui.core.public_ecr import PUBLIC_HOST, PUBLIC_SCOPE, PublicRepository
from ecr_tui.ui.bindings import PUBLIC_BINDINGS
from ecr_tui.ui.formatting import absolute
from ecr_tui.ui.widgets.header_bar import HeaderBar
from ecr_tui.ui.widgets.key_footer import KeyFooter
from ecr_tui.ui.worker_events import ForwardWorkerEvents

if TYPE_CHECKING:
    from datetime import datetime

    from ecr_tui.core.models import TagRow
    from ecr_tui.ui.app_view import AppView
    from ecr_tui.ui.messages import CallFailed


@dataclass
class PublicRepositoriesLoaded(Message):
    profile: str
    repositories: list[PublicRepository]


@dataclass
class PublicTagsLoaded(Message):
    profile: str
    repository: str
    rows: list[TagRow]


def catalog_text(repo: PublicRepository) -> Text:
    """The detail pane: URI, then what the ECR Public Gallery shows of the repository."""
    text = Text(no_wrap=False)
    text.append(repo.uri + "\n", "bold")
    catalog = repo.catalog
    if catalog is None:
        return text.append("catalog data not readable", "dim")
    if catalog.description:
        text.append(catalog.description + "\n")
    systems = ", ".join(catalog.operating_systems) or "—"
    text.append(f"architectures {', '.join(catalog.architectures) or '—'} · os {systems}\n",
                "dim")
    for title, body in (("About", catalog.about), ("Usage", catalog.usage)):
        if body:
            text.append(f"\n{title}\n", "bold")
            text.append(body.strip() + "\n")
    return text


class PublicScreen(ForwardWorkerEvents, Screen[None]):
    DEFAULT_CSS = """
    #public-body { height: 1fr; }
    #public-repos { width: 1fr; }
    #public-side { width: 1fr; }
    #public-catalog { height: auto; max-height: 12; padding: 0 1; border: round $panel; }
    #public-tags { height: 1fr; }
    #public-status { height: 1; padding: 0 1; }
    """
    BINDINGS = PUBLIC_BINDINGS
    AUTO_FOCUS = "#public-repos"
    app: AppView

    def __init__(self, profile: str) -> None:
        super().__init__(classes="public-screen")
        self.profile = profile
        self._repositories: dict[str, PublicRepository] = {}
        self._shown_tags: str | None = None

    def compose(self) -> ComposeResult:
        yield HeaderBar(demo=self.app.backend.name == "demo", id="public-header")
        with Horizontal(id="public-body"):
            repos: DataTable[Text] = DataTable(id="public-repos", cursor_type="row")
            repos.border_title = f"Public repositories · {PUBLIC_HOST}"
            yield repos
            with Vertical(id="public-side"):
                yield Static("", id="public-catalog")
                tags: DataTable[Text] = DataTable(id="public-tags", cursor_type="row")
                tags.border_title = "Tags"
                yield tags
        yield Static("", id="public-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#public-repos", DataTable).add_columns("Repository", "Created")
        self.query_one("#public-tags", DataTable).add_columns("Tag", "Digest", "Pushed", "Size")
        header = self.query_one(HeaderBar)
        header.show_context(self.app.session.profiles.get(self.profile), None, PUBLIC_HOST)
        self.tokens_changed()
        self.action_refresh()

    # -- workers ------------------------------------------------------------------------
    def _begin(self, what: str) -> bool:
        worker = get_current_worker()
        self.app.worker_context[worker] = (None, what)  # shown whatever the main target
        return not worker.is_cancelled

    @work(thread=True, exclusive=True, group="public-repos", exit_on_error=False,
          description="ECR Public DescribeRepositories and catalog data")
    def load_repositories(self) -> None:
        if self._begin("public repositories"):
            found = self.app.backend.public_repositories(self.profile)
            if not get_current_worker().is_cancelled:
                self.post_message(PublicRepositoriesLoaded(self.profile, found))

    @work(thread=True, exclusive=True, group="public-tags", exit_on_error=False,
          description="ECR Public DescribeImageTags")
    def load_tags(self, repository: str) -> None:
        if self._begin("public tags"):
            rows = self.app.backend.public_tags(self.profile, repository)
            if not get_current_worker().is_cancelled:
                self.post_message(PublicTagsLoaded(self.profile, repository, rows))

    @work(thread=True, exclusive=True, group="public-token", exit_on_error=False,
          description="ECR Public GetAuthorizationToken for the countdown")
    def fetch_token(self) -> None:
        if self._begin("public token"):
            self.app.backend.public_token(self.profile)
            self.app.call_from_thread(self.app.refresh_tokens)

    # -- results ------------------------------------------------------------------------
    def on_public_repositories_loaded(self, message: PublicRepositoriesLoaded) -> None:
        if message.profile != self.profile:
            return
        self._repositories = {r.name: r for r in message.repositories}
        table = self.query_one("#public-repos", DataTable)
        table.clear()
        for repo in message.repositories:
            table.add_row(Text(repo.name), Text(absolute(repo.created_at), "dim"), key=repo.name)
        count = len(message.repositories)
        self._status(f"{count} public repositories of {self.profile} · enter: tags · "
                     "l: log in to public.ecr.aws" if count else
                     f"{self.profile} has no public repository")
        if count:
            self._show_catalog(message.repositories[0].name)

    def on_public_tags_loaded(self, message: PublicTagsLoaded) -> None:
        if (message.profile, message.repository) != (self.profile, self._shown_tags):
            return  # another repository's, the user moved on
        table = self.query_one("#public-tags", DataTable)
        table.clear()
        for row in message.rows:
            table.add_row(Text(row.tag), Text(row.digest[7:19], "dim"),
                          Text(absolute(row.pushed_at)), Text(human_size(row.size_bytes)),
                          key=row.tag)
        table.border_title = f"Tags · {message.repository} · {len(message.rows)}"

    def on_call_failed(self, message: CallFailed) -> None:
        if message.what.startswith("public"):
            self._status(self.app.error_line(message.error))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "public-repos" and event.row_key.value:
            self._show_catalog(event.row_key.value)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "public-repos" and event.row_key.value:
            self._open_tags(event.row_key.value)

    def _show_catalog(self, name: str) -> None:
        repo = self._repositories.get(name)
        if repo is not None:
            self.query_one("#public-catalog", Static).update(catalog_text(repo))

    def _open_tags(self, name: str) -> None:
        self._shown_tags = name
        tags = self.query_one("#public-tags", DataTable)
        tags.clear()
        tags.border_title = f"Tags · {name} · loading…"
        self.load_tags(name)

    def _status(self, line: str) -> None:
        self.query_one("#public-status", Static).update(Text(line))

    # -- the app's calls ----------------------------------------------------------------
    def tokens_changed(self) -> None:
        token = next((t for t in self.app.session.tokens
                      if (t.profile, t.region) == (self.profile, PUBLIC_SCOPE)), None)
        self.query_one(HeaderBar).show_token(token.expires_at if token else None,
                                             self.app.clock())

    def update_countdowns(self, now: datetime) -> None:
        self.query_one(HeaderBar).update_countdown(now)

    # -- actions ------------------------------------------------------------------------
    def action_refresh(self) -> None:
        self._status(f"loading the public repositories of {self.profile}…")
        self.load_repositories()
        self.fetch_token()

    def action_login_public(self) -> None:
        from ecr_tui.ui.public_login import start_public_login

        start_public_login(self, self.profile)

    def action_copy_uri(self) -> None:
        table = self.query_one("#public-repos", DataTable)
        if table.row_count:
            name = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
            repo = self._repositories.get(name)
            if repo is not None:
                self.app.copy_text(repo.uri, "Public repository URI")

    def action_back(self) -> None:
        self.app.pop_screen()
