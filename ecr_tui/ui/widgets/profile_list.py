"""ProfileList: every AWS profile with its kind, time left, and the fix when its call failed.

Each profile is one line and its fix one more, both cut with `…` to the list's width (never
wrapped: a wrapped fix would read as another profile); a narrow list drops the kind badge
before it cuts names short (the header shows the current profile's kind)."""

from __future__ import annotations

from datetime import datetime

from rich.control import strip_control_codes
from textual.content import Content, Span
from textual.message import Message
from textual.style import Style

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.humanize import ellipsize
from ecr_tui.core.models import Profile, ProfileKind
from ecr_tui.ui.formatting import level, short_duration
from ecr_tui.ui.widgets.option_lines import OptionLines

_BADGES = {
    ProfileKind.STATIC: "key",
    ProfileKind.ASSUME_ROLE: "role",
    ProfileKind.SSO: "sso",
    ProfileKind.LEGACY_SSO: "sso*",
    ProfileKind.SSO_DISCOVERED: "sso+",
    ProfileKind.PROCESS: "proc",
    ProfileKind.ENV: "env",
    ProfileKind.UNKNOWN: "?",
}
_LEVEL_STYLES = {"ok": "green", "warn": "yellow", "error": "bold red", "expired": "bold red"}
NAME_MIN, NAME_MAX = 14, 23
"""The name column: as wide as the longest name within these; a 44-column sidebar (with its
scroll bar) holds a 23-character name, its badge and its time left on one line."""
_BADGE, _LEFT = 5, 8
"""Cells of " sso+" and " expired" beside the name."""


class ProfileList(OptionLines):
    class Chosen(Message):
        """A profile chosen (a plain message: a dataclass compiles ~2 M instructions of
        methods before the first frame)."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._profiles: list[Profile] = []
        self._failures: dict[str, EcrTuiError] = {}
        self._prompts: dict[str, Content] = {}
        self._names: list[str] = []
        """The rows' profile names, in order."""
        self._styles: dict[tuple[str, object], Style] = {}
        """Each row style as Textual converts Rich's (by the app's ANSI theme), made once."""
        self._name_width = NAME_MIN
        self._badges = True
        self._now: datetime | None = None
        """The time the rows were last drawn for (the app's clock)."""
        self.border_title = "Profiles"

    def set_profiles(
        self, profiles: list[Profile], failures: dict[str, EcrTuiError], now: datetime
    ) -> None:
        self._profiles = list(profiles)
        self._failures = dict(failures)
        self._now = now
        self._fit_width()
        self._rebuild(now)
        self.border_title = f"Profiles {len(profiles)}"

    def _rebuild(self, now: datetime) -> None:
        self._prompts = {p.name: self._prompt(p, now) for p in self._profiles}
        self._names = [p.name for p in self._profiles]
        self._set_rows([self._prompts[name] for name in self._names])

    def prompts(self) -> list[Content]:
        """The rows as drawn, in order."""
        return list(self._rows)

    def _fit_width(self) -> bool:
        """Name width and badge for the width the list has; True when they changed."""
        longest = min(NAME_MAX, max([NAME_MIN, *(len(p.name) for p in self._profiles)]))
        room = self.content_region.width - self.styles.scrollbar_size_vertical
        if room <= 0:  # not laid out yet: the widest layout, fixed on the first resize
            room = NAME_MAX + _BADGE + _LEFT
        badges = room - _BADGE - _LEFT >= longest
        width = max(4, min(longest, room - _LEFT - (_BADGE if badges else 0)))
        changed = (width, badges) != (self._name_width, self._badges)
        self._name_width, self._badges = width, badges
        return changed

    def on_resize(self) -> None:
        if self._fit_width() and self._now is not None:
            highlighted = self.highlighted
            self._rebuild(self._now)
            self.highlighted = highlighted

    def set_failures(self, failures: dict[str, EcrTuiError], now: datetime) -> None:
        self._failures = dict(failures)
        self.update_times(now)

    def update_times(self, now: datetime) -> None:
        """Re-render only the rows whose text changed (called by the app's one timer)."""
        self._now = now
        for row, profile in enumerate(self._profiles):
            prompt = self._prompt(profile, now)
            if prompt.plain != self._prompts[profile.name].plain or (
                profile.name in self._failures
            ) != ("\n" in self._prompts[profile.name].plain):
                self._prompts[profile.name] = prompt
                self._replace_row(row, prompt)

    def highlight_name(self, name: str) -> None:
        if name in self._prompts:
            self.highlighted = self._names.index(name)

    def prompt_text(self, name: str) -> str:
        return self._prompts[name].plain if name in self._prompts else ""

    def _prompt(self, profile: Profile, now: datetime) -> Content:
        # cut at the end: a discovered ACCOUNT/ROLE keeps its account, which tells rows apart
        parts = [(f"{ellipsize(profile.name, self._name_width):<{self._name_width}}", "bold")]
        if self._badges:
            parts.append((f" {_BADGES[profile.kind]:<4}", "dim"))
        if profile.expires_at is not None:
            left = profile.expires_at - now
            parts.append((f" {short_duration(left):>7}", _LEVEL_STYLES[level(left)]))
        failure = self._failures.get(profile.name)
        if failure is not None:
            parts.append(("\n└", "dim"))  # under its profile, never read as one
            parts.append(("✗ ", "bold red"))
            parts.append((failure.fix or failure.message, "red"))
        return self._content(parts)

    def _content(self, parts: list[tuple[str, str]]) -> Content:
        """What Rich Text appended part by part gives once made Content
        (`Content.from_rich_text`), built directly: the first frame builds every row."""
        texts: list[str] = []
        spans: list[Span] = []
        at = 0
        for part, style in parts:
            text = strip_control_codes(part)
            if text:
                spans.append(Span(at, at + len(text), self._style(style)))
                texts.append(text)
                at += len(text)
        return Content("".join(texts), spans)

    def _style(self, name: str) -> Style:
        ansi_theme = self.app.ansi_theme
        style = self._styles.get((name, ansi_theme))
        if style is None:
            style = Style.from_rich_style(self.app.console.get_style(name), ansi_theme)
            self._styles[(name, ansi_theme)] = style
        return style

    def _selected(self, row: int) -> None:
        self.post_message(self.Chosen(self._names[row]))
