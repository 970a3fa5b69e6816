"""TokenPanel: tokens fetched this session and logins recorded earlier, with live countdowns."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import DataTable

from ecr_tui.core.models import LoginRecord, Token
from ecr_tui.ui.formatting import countdown, level

_LEVEL_STYLES = {"ok": "green", "warn": "bold yellow", "error": "bold red", "expired": "red"}


class TokenPanel(DataTable):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._expiry: dict[str, datetime] = {}
        self._levels: dict[str, str] = {}
        self.border_title = "Tokens"

    def on_mount(self) -> None:
        for key, label, width in (
            ("profile", "Profile", 13),
            ("region", "Region", 14),
            ("engine", "Engine", 7),
            ("left", "Expires in", 10),
            ("registry", "Registry", 48),
        ):
            self.add_column(Text(label, style="bold"), key=key, width=width)

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
        self.clear()
        self._expiry = {}
        self._levels = {}
        for key, profile, region, registry, engine, expires in entries:
            self._expiry[key] = expires
            self.add_row(
                Text(profile), Text(region), Text(engine), self._left(key, now),
                Text(registry, "dim"), key=key,
            )
        self.border_title = f"Tokens {len(tokens)} · logins {len(logins)}"

    def update_countdowns(self, now: datetime) -> None:
        """Update the countdown cells in place."""
        for key in self._expiry:
            self.update_cell(key, "left", self._left(key, now))

    def level_of(self, key: str) -> str:
        return self._levels.get(key, "")

    def _left(self, key: str, now: datetime) -> Text:
        left = self._expiry[key] - now
        self._levels[key] = level(left)
        return Text(countdown(left), _LEVEL_STYLES[self._levels[key]], justify="right")
