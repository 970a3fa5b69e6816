"""`C` on the tags screen: the image copied to another pair's repository (issue 21). The
destination chosen in a dialog (the Fleet's pairs), planned in a worker, previewed in the
WriteDialog, sent in a worker with a progress dialog; the result one notification, and the
list updated in place when the destination is the repository on screen."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

if TYPE_CHECKING:
    from ecr_tui.core.copy_records import CopyPlan, CopyProgress
    from ecr_tui.core.models import Repository, TagRow, Target
    from ecr_tui.core.write_records import WritePlan, WriteResult
    from ecr_tui.ui.screens.copy_dialog import CopyChoice, CopyProgressDialog
    from ecr_tui.ui.widgets.image_list import ImageListView


@dataclass
class CopyPlanned(Message):
    target: Target
    plan: CopyPlan
    write: WritePlan
    row: TagRow


@dataclass
class CopyProgressed(Message):
    progress: CopyProgress


@dataclass
class CopyFinished(Message):
    target: Target
    plan: CopyPlan
    result: WriteResult
    row: TagRow


class CopyActions:
    """Mixed into the tags screen (which has `target`, `repository`, `tag_list`, `app`)."""

    app: Any
    target: Target
    repository: Repository
    tag_list: ImageListView
    _copy_progress: CopyProgressDialog | None = None

    def action_write_copy(self) -> None:
        row = self.tag_list.highlighted
        if row is None or not row.digest or not self._write_allowed(  # type: ignore[attr-defined]
                "copy", row.tag, row.digest):
            return
        from ecr_tui.ui.screens.copy_dialog import CopyTargetDialog

        pairs = self._usage_scope() or [self.target]  # type: ignore[attr-defined]
        if self.target not in pairs:
            pairs = [self.target, *pairs]
        source = f"{self.repository.name}:{row.tag}" if row.tag else \
            f"{self.repository.name}@{row.digest}"

        def chosen(choice: CopyChoice | None) -> None:
            if choice is not None:
                self.plan_copy(row, choice)

        self.app.push_screen(CopyTargetDialog(
            f"{source} ({self.target.profile} {self.target.region})", pairs,
            self.repository.name, row.tag or "", row.platforms if len(row.platforms) > 1
            else ()), chosen)

    @work(thread=True, exclusive=True, group="copy-plan", exit_on_error=False,
          description="preview a copy (both registries' manifests and blobs, ECR's facts)")
    def plan_copy(self, row: TagRow, choice: CopyChoice) -> None:
        from ecr_tui.core.copy.preview import write_plan
        from ecr_tui.core.copy_records import CopyEnd, CopyRequest
        from ecr_tui.core.hosts import registry_host

        worker = get_current_worker()
        self.app.worker_context[worker] = (self.target, "copy preview")
        backend, t, d = self.app.backend, self.target, choice.target
        src_account = backend.account_id(t.profile, t.region)
        dst_account = backend.account_id(d.profile, d.region)
        request = CopyRequest(
            CopyEnd(registry_host(src_account, t.region), self.repository.name,
                    row.tag or row.digest, t.profile, t.region, src_account),
            CopyEnd(registry_host(dst_account, d.region), choice.repository, choice.tag,
                    d.profile, d.region, dst_account),
            platform=choice.platform)
        plan = backend.copy_plan(request)
        if not worker.is_cancelled:
            self.post_message(CopyPlanned(t, plan, write_plan(plan), row))  # type: ignore[attr-defined]

    def on_copy_planned(self, message: CopyPlanned) -> None:
        if message.target != self.target:
            return
        from ecr_tui.ui.screens.write_dialog import WriteDialog

        def chosen(choice: str | None) -> None:
            if choice is None:
                from ecr_tui.core.writes.run import decline

                decline(self.app.backend, message.write, "cancelled in the dialog")
                return
            from ecr_tui.ui.screens.copy_dialog import CopyProgressDialog

            self._copy_progress = CopyProgressDialog(message.write.preview()[0])
            self.app.push_screen(self._copy_progress)
            self.run_copy(message.plan, message.write, message.row)

        self.app.push_screen(WriteDialog(message.write), chosen)

    @work(thread=True, exclusive=True, group="copy-run", exit_on_error=False,
          description="copy an image (Registry API blob uploads, mounts, manifest PUTs)")
    def run_copy(self, plan: CopyPlan, write: WritePlan, row: TagRow) -> None:
        from ecr_tui.core.copy.run import run_copy

        worker = get_current_worker()
        self.app.worker_context[worker] = (self.target, "copy")

        def progressed(progress: CopyProgress) -> None:
            self.post_message(CopyProgressed(progress))  # type: ignore[attr-defined]

        result = run_copy(self.app.backend, plan, write, on_progress=progressed)
        self.post_message(CopyFinished(self.target, plan, result, row))  # type: ignore[attr-defined]

    def on_copy_progressed(self, message: CopyProgressed) -> None:
        if self._copy_progress is not None and self._copy_progress.is_attached:
            self._copy_progress.show(message.progress)

    def on_copy_finished(self, message: CopyFinished) -> None:
        dialog, self._copy_progress = self._copy_progress, None
        if dialog is not None and dialog.is_attached:
            dialog.dismiss(None)
        result, dst = message.result, message.plan.destination
        name = f"{dst.host}/{result.repository}:{result.tag}"
        if not result.ok:
            self.app.notify(f"copy to {name}: {result.result}: {result.detail}",
                            title="Not copied", severity="error", timeout=15, markup=False)
            return
        self.app.notify(f"copy to {name} {result.digest[:19]}…: {result.result}",
                        title="Copied", markup=False)
        here = (dst.profile, dst.region, dst.repository) == (
            self.target.profile, self.target.region, self.repository.name)
        if here and dst.reference:
            view = self.tag_list
            row = replace(message.row, tag=dst.reference, digest=message.plan.digest)
            kept = [r for r in view.source_rows if r.tag != dst.reference]
            view.set_rows([row, *kept], keep_position=True)
