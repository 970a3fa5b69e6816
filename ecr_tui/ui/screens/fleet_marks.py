"""The Fleet's marks: space marks a pair, L logs every marked pair in (one summary), W saves
them as a login set. Mixed into FleetScreen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from ecr_tui.core.models import Target
from ecr_tui.ui.fleet_rows import mark_cell
from ecr_tui.ui.many_messages import FleetLoginsDone

if TYPE_CHECKING:
    from ecr_tui.ui.app_view import AppView
    from ecr_tui.ui.widgets.fitted_table import FittedTable


def row_key(t: Target) -> str:
    """The Fleet table's row key of a pair."""
    return f"{t.profile}\0{t.region}"


class FleetMarks:
    """Space, L and W on the Fleet (FleetScreen's own methods, kept apart)."""

    if TYPE_CHECKING:  # FleetScreen's, used here
        app: AppView
        table: FittedTable

        @property
        def highlighted(self) -> Target | None: ...
        def _status(self) -> None: ...

    @work(thread=True, exclusive=True, group="fleet-login", exit_on_error=False,
          description="log in to every marked registry")
    def login_marked(self, pairs: list[Target]) -> None:
        worker = get_current_worker()
        self.app.worker_context[worker] = (None, "login")
        from ecr_tui.core.errors import EcrTuiError

        done, failed = 0, []
        for target in pairs:
            try:
                self.app.backend.login(target.profile, target.region, self.app.settings.engine)
                done += 1
            except EcrTuiError as exc:
                failed.append((target, exc.message))
        self.post_message(FleetLoginsDone(done, failed))

    @work(thread=True, exclusive=True, group="fleet-set", exit_on_error=False,
          description="save the marked pairs as a login set")
    def save_set(self, name: str, pairs: list[Target]) -> None:
        worker = get_current_worker()
        self.app.worker_context[worker] = (None, "login set")
        from ecr_tui.core.store.settings import ProfileRegion

        said = self.app.backend.workstation().save_login_set(
            name, [ProfileRegion(t.profile, t.region) for t in pairs])
        self.app.call_from_thread(self.app.notify, said, markup=False)

    def on_fleet_logins_done(self, message: FleetLoginsDone) -> None:
        text = f"logged in to {message.logged_in} of {message.logged_in + len(message.failed)}"
        if message.failed:
            text += "; failed: " + "; ".join(
                f"{t.profile} {t.region}: {why}" for t, why in message.failed
            )
        self.app.notify(text, title="Logins", severity="error" if message.failed else "information",
                    timeout=12, markup=False)
        self.app.refresh_tokens()

    # -- keys ---------------------------------------------------------------------------
    def action_mark(self) -> None:
        target = self.highlighted
        if target is None:
            return
        marked = self.app.session.fleet_marked
        marked.symmetric_difference_update({target})
        self.table.set_fitted_cell(row_key(target), "mark", mark_cell(target in marked))
        self._status()

    def action_login_marked(self) -> None:
        pairs = sorted(self.app.session.fleet_marked, key=lambda t: (t.profile, t.region))
        if not pairs:
            self.app.notify("mark pairs with space first", severity="warning")
            return
        self.app.notify(f"logging in to {len(pairs)} registries…", timeout=4)
        self.login_marked(pairs)

    def action_save_set(self) -> None:
        pairs = sorted(self.app.session.fleet_marked, key=lambda t: (t.profile, t.region))
        if not pairs:
            self.app.notify("mark pairs with space first", severity="warning")
            return
        from ecr_tui.ui.screens.set_name import SetNameDialog

        def saved(name: str | None) -> None:
            if name:
                self.save_set(name, pairs)

        self.app.push_screen(SetNameDialog(), saved)
