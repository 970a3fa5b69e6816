"""TokenPanel: tokens fetched this session and logins recorded earlier, with live countdowns;
its columns fit the width it has (the registry whole when there is room for it)."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.actions import SkipAction
from textual.binding import Binding

from ecr_tui.core.models import LoginRecord, Token
from ecr_tui.core.public_ecr import PUBLIC_SCOPE
from ecr_tui.ui.column_layout import ColumnSpec
from ecr_tui.ui.formatting import countdown, level
from ecr_tui.ui.widgets.fitted_table import FittedTable
from ecr_tui.ui.worker_events import ForwardWorkerEvents

_LEVEL_STYLES = {"ok": "green", "warn": "bold yellow", "error": "bold red", "expired": "red"}


COLUMNS = (
    ColumnSpec("profile", "Profile", 0, min_width=10, max_width=36),
    ColumnSpec("region", "Region", 1, whole=True),
    ColumnSpec("engine", "Engine", 2, whole=True),
    ColumnSpec("left", "Expires in", 0, whole=True),
    ColumnSpec("registry", "Registry", 3, min_width=16),
)


class TokenPanel(ForwardWorkerEvents, FittedTable):
    BINDINGS = [
        # The app's `l` (same id, so a [keys] remap moves both) unless the row is public.ecr.aws.
        Binding("l", "login_public", "Log in", show=False, id="login"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(COLUMNS, id=id)
        self._expiry: dict[str, datetime] = {}
        self._levels: dict[str, str] = {}
        self.border_title = "Tokens"

    def set_entries(self, tokens: list[Token], logins: list[LoginRecord], now: datetime) -> None:
        """Rebuild the rows: only when the set of tokens changed, never on a tick."""
        entries: list[tuple[str, str, str, str, str, datetime]] = [
            (f"token|{t.profile}|{t.region}", t.profile, t.region, t.registry, "token",
             t.expires_at)
            for t in tokens
        ] + [
            (f"login|{r.profile}|{r.region}|{r.engine}", r.profile, r.region, r.registry, r.engine,
             r.expires_at)
            for r in logins
        ]
        entries.sort(key=lambda e: e[5], reverse=True)
        self.clear_rows()
        self._expiry = {}
        self._levels = {}
        for key, profile, region, registry, engine, expires in entries:
            self._expiry[key] = expires
            self.add_fitted_row(key, {
                "profile": Text(profile), "region": Text(region), "engine": Text(engine),
                "left": self._left(key, now), "registry": Text(registry, "dim"),
            })
        self.border_title = f"Tokens {len(tokens)} · logins {len(logins)}"

    def update_countdowns(self, now: datetime) -> None:
        """Update the countdown cells in place."""
        for key in self._expiry:
            self.set_fitted_cell(key, "left", self._left(key, now))

    def level_of(self, key: str) -> str:
        return self._levels.get(key, "")

    def _left(self, key: str, now: datetime) -> Text:
        left = self._expiry[key] - now
        self._levels[key] = level(left)
        return Text(countdown(left), _LEVEL_STYLES[self._levels[key]], justify="right")

    def highlighted_public_profile(self) -> str | None:
        """The profile of the highlighted row when it is public.ecr.aws's, else None."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value or ""
        kind, profile, region = (key.split("|") + ["", "", ""])[:3]
        return profile if kind in ("token", "login") and region == PUBLIC_SCOPE else None

    def action_login_public(self) -> None:
        profile = self.highlighted_public_profile()
        if profile is None:
            raise SkipAction()  # a private row: the app's `l` logs in to the current registry
        from ecr_tui.ui.public_login import start_public_login

        start_public_login(self, profile)
