"""HeaderBar: profile, kind, account, region, demo marker and the active token's countdown.

One widget drawing one line (context on the left; busy spinner and countdown on the right),
not a row of labels: it is on every screen's first frame, and each widget there costs
styling, layout and a render of its own before anything is painted. The line is fitted to the
width it has: labels, the app's name and the profile's kind go before anything is cut, and
the DEMO marker and the countdown always stay.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget

from ecr_tui.core.frozen import frozen_record
from ecr_tui.core.models import Profile
from ecr_tui.ui.formatting import countdown, level

if TYPE_CHECKING:
    from ecr_tui.core.models import Target
    from ecr_tui.ui.session import Session

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
TOKEN_STYLES = {
    "ok": "$success",
    "warn": "$warning",
    "error": "$error bold",
    "expired": "$error bold reverse",
    "none": "$text-muted",
}


@frozen_record  # ~3 M instructions fewer than dataclass() before the first frame
class Wording:
    """How much of the header to say; `render` tries the fullest first."""

    app_name: bool = True
    labels: bool = True
    kind: bool = True
    account: bool = True
    long_demo: bool = True
    long_token: bool = True


WORDINGS = (
    Wording(),
    Wording(app_name=False),
    Wording(app_name=False, long_demo=False),
    Wording(app_name=False, long_demo=False, labels=False),
    Wording(app_name=False, long_demo=False, labels=False, long_token=False),
    Wording(app_name=False, long_demo=False, labels=False, long_token=False, kind=False),
)
SHORTEST = replace(WORDINGS[-1], account=False)


class CurrentPlace(Protocol):
    """What a screen's header needs of the app: the current pair and its token."""

    session: Session
    clock: Callable[[], datetime]

    def token_expiry(self, target: Target | None) -> datetime | None: ...


def show_current(header: HeaderBar, app: CurrentPlace, where: str = "") -> None:
    """The main screen's profile, account, region and token countdown, on any screen."""
    session = app.session
    target = session.target
    account = session.accounts.get(target) if target is not None else None
    header.show_context(session.current_profile(), account, session.region, where)
    header.show_token(app.token_expiry(target), app.clock())


def show_pair(header: HeaderBar, app: CurrentPlace, target: Target, where: str = "") -> None:
    """A screen's own pair (its profile, account, region and token), whatever the main one."""
    account = app.session.accounts.get(target)
    header.show_context(app.session.profiles.get(target.profile), account, target.region, where)
    header.show_token(app.token_expiry(target), app.clock())


class HeaderBar(Widget):
    DEFAULT_CSS = """
    HeaderBar { height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self, demo: bool = False, *, writes: bool = False, id: str | None = None
                 ) -> None:
        """writes: the writes switch is on; the header says WRITES as long as it is."""
        super().__init__(id=id)
        self._demo = demo
        self._writes = writes
        self._expires_at: datetime | None = None
        self._busy_text: str | None = None
        self._spin_frame = 0
        self._spinner: Timer | None = None
        self._where_shown: tuple[Profile | None, str | None, str | None, str] = (
            None, None, None, "")
        """(profile, account, region, where) as last shown."""
        self._busy_line = ""
        self._token_line = ""
        self._token_level = "none"

    # -- what the line says, for the screens and the tests ------------------------------
    @property
    def context_text(self) -> str:
        """The left part in full, DEMO marker included (the line may say less when narrow)."""
        full = WORDINGS[0]
        return Content.assemble(self._left(full), "  ", self._demo_mark(full)).plain.rstrip()

    @property
    def busy_text(self) -> str:
        return self._busy_line

    @property
    def token_text(self) -> str:
        return self._token_line

    @property
    def token_level(self) -> str:
        """The colour of the countdown (ok, warn, error, expired, none)."""
        return self._token_level

    # -- updates --------------------------------------------------------------------------
    def show_context(
        self, profile: Profile | None, account: str | None, region: str | None, where: str = ""
    ) -> None:
        self._where_shown = (profile, account, region, where)
        self.refresh()

    def _left(self, say: Wording) -> Content:
        profile, account, region, where = self._where_shown
        parts: list[str | tuple[str, str]] = [("ecr-tui", "bold"), "  "] if say.app_name else []
        if profile is None:
            parts.append(("loading profiles…", "italic"))
        else:
            parts.append((profile.name, "bold"))
            if say.kind:
                parts.append((f" [{profile.kind.value}]", "dim"))
            if say.account:
                parts += [("  account " if say.labels else "  ", "dim"), account or "…"]
            parts += [("  region " if say.labels else "  ", "dim"), (region or "…", "bold")]
        if where:
            parts += [("  › ", "dim"), where]
        return Content.assemble(*parts)

    def _demo_mark(self, say: Wording) -> Content:
        writes = Content.styled("WRITES", "$error bold reverse") if self._writes else Content("")
        if not self._demo:
            return writes
        demo = "DEMO read-only" if say.long_demo and not self._writes else "DEMO"
        return Content.assemble(Content.styled(demo, "bold reverse"), *(
            (" ", writes) if self._writes else ()))

    def _right(self, say: Wording) -> Content:
        token = self._token_line
        if not say.long_token and self._expires_at is None:
            token = "no token"
        return Content.assemble(
            *([(self._busy_line, "$accent"), "  "] if self._busy_line else []),
            (token, TOKEN_STYLES[self._token_level]),
        )

    def show_busy(self, message: str | None) -> None:
        """A spinner and a word while something runs in the background; None stops it."""
        self._busy_text = message
        self._spin_frame = 0
        if message and self._spinner is None:
            self._spinner = self.set_interval(0.1, self._spin, name="busy-spinner")
        elif not message and self._spinner is not None:
            self._spinner.stop()
            self._spinner = None
        self._spin()

    def _spin(self) -> None:
        text = self._busy_text
        frame = SPINNER[self._spin_frame % len(SPINNER)]
        self._spin_frame += 1
        self._busy_line = f"{frame} {text}" if text else ""
        self.refresh()

    def show_token(self, expires_at: datetime | None, now: datetime) -> None:
        self._expires_at = expires_at
        self.update_countdown(now)

    def update_countdown(self, now: datetime) -> None:
        if self._expires_at is None:
            text, colour = "no token (l: log in)", "none"
        else:
            left = self._expires_at - now
            text, colour = f"token {countdown(left)}", level(left)
        if (text, colour) != (self._token_line, self._token_level):
            self._token_line, self._token_level = text, colour
            self.refresh()

    def render(self) -> Content:
        """The fullest wording that fits; at the last, the context is cut with `…`."""
        width = self.content_region.width
        say = next((w for w in WORDINGS if self._fits(w, width)), SHORTEST)
        left, demo, right = self._left(say), self._demo_mark(say), self._right(say)
        room = max(0, width - right.cell_length - demo.cell_length - 4)
        left = Content.assemble(left.truncate(room, ellipsis=True), "  ", demo)
        room = max(0, width - right.cell_length - 2)
        return Content.assemble(left.truncate(room, pad=True), "  ", right)

    def _fits(self, say: Wording, width: int) -> bool:
        used = self._left(say).cell_length + self._demo_mark(say).cell_length
        return used + self._right(say).cell_length + 4 <= width
