"""RulesScreen: the registry's pull-through-cache rules; PullUriDialog: an upstream image ->
the reference that pulls it through the cache."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, Static

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.models import PullThroughRule, Target
from ecr_tui.ui.bindings import MODAL_BINDINGS, RULES_BINDINGS
from ecr_tui.ui.formatting import absolute
from ecr_tui.ui.messages import RulesLoaded
from ecr_tui.ui.widgets.header_bar import HeaderBar
from ecr_tui.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from ecr_tui.ui.app_view import AppView

COLUMNS = ("Prefix", "Upstream registry", "Kind", "Upstream prefix", "Credential", "Created",
           "Updated")


class RulesScreen(Screen[None]):
    DEFAULT_CSS = """
    #rules-table { height: 1fr; }
    #rules-status { height: 1; padding: 0 1; }
    """
    BINDINGS = RULES_BINDINGS
    AUTO_FOCUS = "#rules-table"
    app: AppView

    def __init__(self, target: Target) -> None:
        super().__init__(classes="rules-screen")
        self.target = target

    def compose(self) -> ComposeResult:
        yield HeaderBar(demo=self.app.backend.name == "demo",
                        writes=self.app.backend.writes_enabled(), id="rules-header")
        table: DataTable[Text] = DataTable(id="rules-table", cursor_type="row", zebra_stripes=True)
        table.border_title = "Pull-through cache rules"
        yield table
        yield Static("", id="rules-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        session = self.app.session
        header = self.query_one(HeaderBar)
        header.show_context(session.current_profile(), session.accounts.get(self.target),
                            self.target.region)
        rules = session.rules.get(self.target)
        if rules is not None:
            self.show_rules(rules)
        self.action_refresh()

    def show_rules(self, rules: list[PullThroughRule]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for r in rules:
            table.add_row(
                Text(r.prefix, "bold" if r.prefix == "ROOT" else ""),
                Text(r.upstream_registry_url),
                Text(r.upstream_registry),
                Text(r.upstream_repository_prefix),
                Text("yes" if r.credential_arn else "no"),
                Text(absolute(r.created_at)),
                Text(absolute(r.updated_at)),
                key=r.prefix,
            )
        where = f"{self.target.profile} / {self.target.region}"
        status = (
            f"{len(rules)} rule(s) in {where} · i: pull URI for an upstream image"
            if rules else f"no pull-through-cache rule in {where}"
        )
        self.query_one("#rules-status", Static).update(Text(status))

    def on_rules_loaded(self, message: RulesLoaded) -> None:
        if message.target != self.target:
            return  # another registry's rules
        if message.error is not None:
            line = self.app.error_line(message.error)
            self.query_one("#rules-status", Static).update(Text(line))
            return
        self.show_rules(message.rules)

    def action_refresh(self) -> None:
        self.query_one("#rules-status", Static).update(Text("loading rules…"))
        from ecr_tui.ui.app_view import RulesWanted

        self.post_message(RulesWanted(self.target))

    def action_back(self) -> None:
        self.app.pop_screen()


class PullUriDialog(ModalScreen[None]):
    DEFAULT_CSS = """
    PullUriDialog { align: center middle; }
    #pull-uri-box {
        width: 90;
        height: auto;
        border: round $accent;
        background: $surface;
        padding: 1 2;
    }
    #pull-uri-result { padding: 1 0 0 0; }
    """
    """Type an upstream image; the pull URI through the current registry's cache is shown
    and sent to the clipboard."""

    BINDINGS = MODAL_BINDINGS
    app: AppView

    def __init__(self, target: Target, rules: list[PullThroughRule]) -> None:
        super().__init__(id="pull-uri")
        self.target = target
        self.rules = rules

    def compose(self) -> ComposeResult:
        with Vertical(id="pull-uri-box") as box:
            box.border_title = f"Pull through the cache of {self.target.region}"
            box.border_subtitle = "enter: show and copy · esc: close"
            yield Input(placeholder="nginx:1.27, ghcr.io/org/app:tag, quay.io/…",
                        id="pull-uri-image")
            yield Static("", id="pull-uri-result")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from ecr_tui.core.ecr.pullthrough import pull_uri

        event.stop()
        result = self.query_one("#pull-uri-result", Static)
        try:
            uri = pull_uri(event.value, self.rules, self.target.region)
        except EcrTuiError as error:
            result.update(Text(str(error), "bold"))
            return
        result.update(Text(uri))
        self.app.copy_text(uri, "Pull URI")

    def action_close(self) -> None:
        self.dismiss()
