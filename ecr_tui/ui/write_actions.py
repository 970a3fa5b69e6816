"""`T` tag, `U` untag, `X` delete on the tags screen: planned in a worker, previewed in a
WriteDialog, written in a worker, and the list updated in place from the plan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from ecr_tui.core.write_records import WRITES_OFF, WritePlan, WriteResult

if TYPE_CHECKING:
    from ecr_tui.core.models import Repository, Target
    from ecr_tui.ui.widgets.image_list import ImageListView


@dataclass
class WritePlanned(Message):
    target: Target
    repository: str
    plan: WritePlan
    with_referrers: WritePlan | None = None


@dataclass
class WriteFinished(Message):
    target: Target
    repository: str
    plan: WritePlan
    result: WriteResult


class WriteActions:
    """Mixed into the tags screen (which has `target`, `repository`, `tag_list`, `app`)."""

    app: Any
    target: Target
    repository: Repository
    tag_list: ImageListView

    def _write_allowed(self, operation: str, tag: str = "", digest: str = "") -> bool:
        if self.app.backend.writes_enabled():
            return True
        from ecr_tui.core.writes.run import refuse_writes_off

        refuse_writes_off(self.app.backend, self.target.profile, self.target.region,
                          operation, self.repository.name, tag, digest)  # type: ignore[arg-type]
        self.app.notify(WRITES_OFF, title="Read-only", severity="warning", markup=False)
        return False

    def action_write_tag(self) -> None:
        row = self.tag_list.highlighted
        if row is None or not row.digest or not self._write_allowed("tag", "", row.digest):
            return
        from ecr_tui.ui.screens.set_name import SetNameDialog

        def chosen(tag: str | None) -> None:
            if tag:
                self.plan_write("tag", row.digest, tag)

        self.app.push_screen(SetNameDialog(
            f"Tag {self.repository.name}@{row.digest[:19]}…",
            "the new tag (it will name this digest; where it names another now, it moves):",
            "e.g. prod"), chosen)

    def action_write_untag(self) -> None:
        row = self.tag_list.highlighted
        if row is not None and row.tag and self._write_allowed("untag", row.tag, row.digest):
            self.plan_write("untag", row.tag, "")

    def action_write_delete(self) -> None:
        row = self.tag_list.highlighted
        if row is not None and row.digest and self._write_allowed("delete", "", row.digest):
            self.plan_write("delete", row.digest, "")

    def _usage_scope(self) -> list[Target]:
        """The Fleet's default survey (one role per account, the profiles' regions): the
        workloads a delete or untag is checked against; none when no profile qualifies."""
        from ecr_tui.core.errors import ConfigError
        from ecr_tui.core.fleet.runner import backend_pairs

        try:
            return backend_pairs(self.app.backend,
                                 preference=self.app.settings.sso_role_preference)
        except ConfigError:
            return []

    @work(thread=True, exclusive=True, group="write-plan", exit_on_error=False,
          description="preview a write (DescribeRepositories, DescribeImages, what runs it)")
    def plan_write(self, operation: str, reference: str, new_tag: str) -> None:
        from ecr_tui.core.writes import plan as plans
        from ecr_tui.core.writes.checks import default_checks

        worker = get_current_worker()
        self.app.worker_context[worker] = (self.target, "write preview")
        backend, t = self.app.backend, self.target
        checks = default_checks(backend, self._usage_scope)
        where = (backend, checks, t.profile, t.region, self.repository.name)
        extra = None
        if operation == "tag":
            plan = plans.plan_tag(*where, reference, new_tag)
        elif operation == "untag":
            plan = plans.plan_untag(*where, reference)
        else:
            plan = plans.plan_delete(*where, reference)
            extra = plans.plan_delete(*where, reference, with_referrers=True)
        if not worker.is_cancelled:
            self.post_message(WritePlanned(t, self.repository.name, plan, extra))  # type: ignore[attr-defined]

    def on_write_planned(self, message: WritePlanned) -> None:
        if (message.target, message.repository) != (self.target, self.repository.name):
            return
        from ecr_tui.ui.screens.write_dialog import WriteDialog

        def chosen(choice: str | None) -> None:
            plan = message.plan
            if choice is None:
                from ecr_tui.core.writes.run import decline

                decline(self.app.backend, plan, "cancelled in the dialog")
                return
            if choice == "referrers" and message.with_referrers is not None:
                plan = message.with_referrers
            self.run_write(plan, choice == "force")

        self.app.push_screen(WriteDialog(message.plan, message.with_referrers), chosen)

    @work(thread=True, exclusive=True, group="write-run", exit_on_error=False,
          description="write to ECR (PutImage / BatchDeleteImage)")
    def run_write(self, plan: WritePlan, force: bool) -> None:
        from ecr_tui.core.writes.run import run_plan

        worker = get_current_worker()
        self.app.worker_context[worker] = (self.target, "write")
        result = run_plan(self.app.backend, plan, force=force)
        self.post_message(WriteFinished(self.target, plan.repository, plan, result))  # type: ignore[attr-defined]

    def on_write_finished(self, message: WriteFinished) -> None:
        result = message.result
        name = f"{result.repository}:{result.tag}" if result.tag else result.repository
        if not result.ok:
            self.app.notify(f"{result.operation} {name}: {result.result}: {result.detail}",
                            title="Not written", severity="error", timeout=15, markup=False)
            return
        self.app.notify(f"{result.operation} {name} {result.digest[:19]}…: {result.result}",
                        title="Written" + (" (forced)" if result.forced else ""), markup=False)
        if (message.target, message.repository) == (self.target, self.repository.name):
            from ecr_tui.core.writes.rows import rows_after

            view = self.tag_list
            view.set_rows(rows_after(view.source_rows, message.plan), keep_position=True)
