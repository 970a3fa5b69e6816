"""LifecycleScreen (`L` from the tags): what the repository's lifecycle policy would do now.
The rules in words; per image the action and the deciding rule, the workloads that run it and
what ECR's own preview said; the images in use a rule would expire or archive marked, first,
and counted at the top."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from ecr_tui.core.models import Repository, Target
from ecr_tui.ui.bindings import LIFECYCLE_BINDINGS
from ecr_tui.ui.lifecycle_load import (
    SCOPE_WORDS,
    LifecycleKey,
    LifecycleLoaded,
    LifecycleUsage,
    load_lifecycle,
)
from ecr_tui.ui.widgets.header_bar import HeaderBar, show_pair
from ecr_tui.ui.widgets.key_footer import KeyFooter
from ecr_tui.ui.widgets.lifecycle_list import LifecycleList
from ecr_tui.ui.worker_events import ForwardWorkerEvents

if TYPE_CHECKING:
    from ecr_tui.core.lifecycle.report import LifecycleReport
    from ecr_tui.ui.app_view import AppView
    from ecr_tui.ui.messages import CallFailed


WIDE = 100
"""Narrower than this, the rules go without their descriptions (the images need the rows)."""


class LifecycleScreen(ForwardWorkerEvents, Screen[None]):
    DEFAULT_CSS = """
    #lifecycle-summary { height: auto; max-height: 50%; padding: 0 1; }
    #lifecycle-images { height: 1fr; border-top: solid $primary-background; }
    """
    BINDINGS = LIFECYCLE_BINDINGS
    AUTO_FOCUS = "#lifecycle-images"
    app: AppView

    def __init__(self, target: Target, repository: Repository) -> None:
        super().__init__(classes="lifecycle-screen")
        self.target = target
        self.repository = repository
        self._key: LifecycleKey | None = None
        self.report: LifecycleReport | None = None
        self._usage: LifecycleUsage | None = None
        self._preview_error = ""
        self._error = ""

    def compose(self) -> ComposeResult:
        yield HeaderBar(demo=self.app.backend.name == "demo", id="lifecycle-header")
        yield Static("", id="lifecycle-summary")
        yield LifecycleList(id="lifecycle-images")
        yield KeyFooter()

    @property
    def images(self) -> LifecycleList:
        return self.query_one(LifecycleList)

    def on_mount(self) -> None:
        self.tokens_changed()
        self.action_refresh(refresh=False)

    # -- results ------------------------------------------------------------------------
    def on_lifecycle_loaded(self, message: LifecycleLoaded) -> None:
        if message.key != self._key:
            return  # another registry's, or an earlier run's
        self.report, self._preview_error = message.report, message.preview_error
        self.images.show(message.table, keep_scroll=message.with_use)
        self._show_summary()

    def on_lifecycle_usage(self, message: LifecycleUsage) -> None:
        if message.key == self._key:
            self._usage = message
            self._show_summary()

    def on_call_failed(self, message: CallFailed) -> None:
        if message.target == self.target and message.what == "lifecycle":
            self._error = self.app.error_line(message.error)
            self._show_summary()

    def _show_summary(self) -> None:
        self.query_one("#lifecycle-summary", Static).update(
            summary(self.repository.name, self.report, self._usage, self._preview_error,
                    self._error, described=self.app.size.width >= WIDE))

    def on_resize(self) -> None:
        self._show_summary()

    # -- called by the app --------------------------------------------------------------
    def on_screen_resume(self) -> None:
        self.app.catch_up(self)

    def update_countdowns(self, now: datetime) -> None:
        self.query_one(HeaderBar).update_countdown(now)

    def tokens_changed(self) -> None:
        show_pair(self.query_one(HeaderBar), self.app, self.target, self.repository.name)

    # -- actions ------------------------------------------------------------------------
    def action_refresh(self, refresh: bool = True) -> None:
        """Read the policy, images and preview again and scan the scope bypassing its cache."""
        run = self._key.run + 1 if self._key else 0
        self._key = LifecycleKey(self.target, self.repository.name,
                                 self.repository.registry_id, run)
        self._usage, self._error = None, ""
        self.query_one("#lifecycle-summary", Static).update(
            Text(f"reading the lifecycle policy of {self.repository.name}…"))
        load_lifecycle(self, self.app, self._key, refresh=refresh)

    def action_back(self) -> None:
        self.dismiss()


def summary(repository: str, report: LifecycleReport | None, usage: LifecycleUsage | None,
            preview_error: str, error: str, *, described: bool = True) -> Text:
    """The top of the view: counts, the rules in words (and their descriptions when
    `described`), the risks, the scope, the preview."""
    if error:
        return Text(error, "bold")
    if report is None:
        return Text(f"reading the lifecycle policy of {repository}…")
    counts, total = report.counts(), len(report.verdicts)
    out = Text()
    if report.policy is None:
        out.append(f"{repository} has no lifecycle policy: nothing expires or archives "
                   f"({total:,} images)\n")
    else:
        rules = len(report.policy.rules)
        out.append(f"{repository}: {rules} rule{'s' if rules != 1 else ''} · ", "bold")
        out.append(f"expire {counts['expire']:,} · archive {counts['transition']:,} · "
                   f"keep {counts['keep']:,} of {total:,} images\n")
        for priority, description, words in report.rule_lines():
            out.append(f"  rule {priority}  {words}")
            out.append(f"  ({description})\n" if description and described else "\n", "dim")
    _usage_lines(out, report, usage, described)
    _preview_line(out, report, preview_error)
    out.rstrip()
    return out


def _usage_lines(out: Text, report: LifecycleReport, usage: LifecycleUsage | None,
                 described: bool) -> None:
    if usage is None or not usage.finished:
        progress = f" {usage.done}/{usage.total} pairs" if usage and usage.total else ""
        out.append(f"In use: scanning{progress} of the Fleet's scope…\n", "dim")
        return
    if usage.error:
        out.append(f"In use not known: {usage.error}\n", "bold")
        return
    risks = report.risks()
    for risk in risks:
        out.append(f"! {risk.sentence()}\n", "bold red")
    if not risks and report.policy is not None:
        out.append("No image in use would be expired or archived.\n")
    line = f"In use across the Fleet's {usage.total} pairs"
    line += f" ({SCOPE_WORDS})" if described else ""
    if usage.failures:
        line += f"; {len(usage.failures)} did not answer: counts may be low"
    out.append(line + "\n", "dim")


def _preview_line(out: Text, report: LifecycleReport, preview_error: str) -> None:
    preview = report.preview
    if preview_error:
        out.append(f"ECR preview not read: {preview_error}\n", "dim")
    elif preview is None:
        out.append("No ECR preview of this repository (starting one is a write ecr-tui "
                   "never makes).\n", "dim")
    elif preview.status != "COMPLETE":
        out.append(f"ECR preview: {preview.status.lower().replace('_', ' ')}.\n", "dim")
    else:
        out.append(f"ECR preview: expire {preview.expiring:,} · archive "
                   f"{preview.transitioning:,} (column ECR preview).\n", "dim")
