"""WriteDialog: a write's preview (account, region, repository, tag, digest, the exact calls,
the workloads, the preflight's refusals and warnings) and the choice to make it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ecr_tui.core.write_records import WritePlan


class WriteDialog(ModalScreen[str | None]):
    """Dismissed with "write", "force" (refusals --force overrides), "referrers" (delete with
    them), or None (cancelled)."""

    DEFAULT_CSS = """
    WriteDialog { align: center middle; }
    #write-box { width: 90%; max-width: 120; height: auto; max-height: 90%;
                 border: thick $warning; background: $surface; padding: 0 1; }
    #write-scroll { height: auto; max-height: 70vh; }  /* a copy's calls: many lines */
    #write-preview { height: auto; }
    #write-buttons { height: auto; margin-top: 1; }
    #write-buttons Button { margin-right: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-write")]

    def __init__(self, plan: WritePlan, with_referrers: WritePlan | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.with_referrers = with_referrers

    def compose(self) -> ComposeResult:
        plan = self.plan
        hard = plan.blocking(force=True)
        with Vertical(id="write-box") as box:
            box.border_title = f"Confirm {plan.operation} (a write to ECR)"
            with VerticalScroll(id="write-scroll"):
                yield Static("\n".join(plan.preview()), id="write-preview", markup=False)
            with Horizontal(id="write-buttons"):
                if not plan.refusals:
                    yield Button(plan.operation.capitalize(), variant="error", id="write")
                elif not hard:
                    yield Button(f"Force {plan.operation}", variant="error", id="force")
                extra = self.with_referrers
                if extra is not None and extra.referrers and not extra.blocking(force=False):
                    yield Button(f"Delete with {len(extra.referrers)} referrers",
                                 variant="error", id="referrers")
                yield Button("Cancel", variant="primary", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()  # a stray enter never writes

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
