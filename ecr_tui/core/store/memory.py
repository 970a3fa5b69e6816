"""What the app remembers between runs: the theme chosen in the palette, favourite repositories,
recently opened repositories and tags. `$XDG_STATE_HOME/ecr-tui/remembered.json`, no secret.

config.toml is the user's file and is never rewritten for these: a palette choice lands here.
A palette theme wins over `theme` in config.toml until that setting itself changes.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from ecr_tui.core.frozen import frozen_record
from ecr_tui.core.store.paths import atomic_write_text, set_aside, state_dir

log = logging.getLogger("ecr_tui")

RECENTS_KEPT = 20
_VERSION = 1


@frozen_record
class Favourite:
    """A repository starred in one account and region."""

    account: str
    region: str
    repository: str
    profile: str
    """The profile it was starred with: how a jump gets back to it."""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.account, self.region, self.repository)


@frozen_record
class Recent:
    """A repository (tag empty) or a tag opened, newest first in `Remembered.recents`."""

    profile: str
    region: str
    repository: str
    tag: str = ""
    opened_at: str = ""
    """ISO time, for display only."""

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.profile, self.region, self.repository, self.tag)

    @property
    def title(self) -> str:
        name = f"{self.repository}:{self.tag}" if self.tag else self.repository
        return f"{name} ({self.profile} {self.region})"


@frozen_record
class Remembered:
    """What remembered.json holds."""

    theme: str | None = None
    theme_config: str | None = None
    """config.toml's `theme` when the palette choice was made: a later edit there wins."""
    favourites: tuple[Favourite, ...] = ()
    recents: tuple[Recent, ...] = field(default_factory=tuple)

    def theme_for(self, configured: str | None) -> str | None:
        if self.theme and self.theme_config == configured:
            return self.theme
        return configured

    def with_theme(self, theme: str, configured: str | None) -> Remembered:
        return replace(self, theme=theme, theme_config=configured)

    def is_favourite(self, account: str, region: str, repository: str) -> bool:
        return any(f.key == (account, region, repository) for f in self.favourites)

    def favourite_names(self, account: str | None, region: str | None) -> frozenset[str]:
        return frozenset(
            f.repository for f in self.favourites if (f.account, f.region) == (account, region)
        )

    def toggle_favourite(self, favourite: Favourite) -> tuple[Remembered, bool]:
        """The new state, and whether the repository is now a favourite."""
        kept = tuple(f for f in self.favourites if f.key != favourite.key)
        if len(kept) != len(self.favourites):
            return replace(self, favourites=kept), False
        return replace(self, favourites=(*self.favourites, favourite)), True

    def with_recent(self, recent: Recent) -> Remembered:
        others = tuple(r for r in self.recents if r.key != recent.key)
        return replace(self, recents=(recent, *others)[:RECENTS_KEPT])


def memory_path(environ: Mapping[str, str] | None = None) -> Path:
    return state_dir(environ) / "remembered.json"


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("not a string")
    return value


def _from_json(data: Any) -> Remembered:
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        raise ValueError("not a file of ours")
    theme, theme_config = data.get("theme"), data.get("theme_config")
    favourites = tuple(
        Favourite(*(_text(item[k]) for k in ("account", "region", "repository", "profile")))
        for item in data.get("favourites", [])
    )
    recents = tuple(
        Recent(*(_text(item.get(k, "")) for k in ("profile", "region", "repository", "tag",
                                                     "opened_at")))
        for item in data.get("recents", [])
    )
    return Remembered(
        theme if isinstance(theme, str) else None,
        theme_config if isinstance(theme_config, str) else None,
        tuple(dict.fromkeys(favourites)),
        recents[:RECENTS_KEPT],
    )


@frozen_record
class MemoryFile:
    """remembered.json as read: what it held, and what the user must be told about it."""

    remembered: Remembered
    warning: str | None = None
    """One line: the file was corrupt (moved aside) or could not be read."""
    writable: bool = True
    """False when writing would replace what could not be read or moved aside."""


def read_memory(environ: Mapping[str, str] | None = None) -> MemoryFile:
    """What earlier runs remembered. Never raises: a corrupt file is moved aside (`.corrupt-…`)
    and the run starts afresh; one that cannot be read is left alone and not written over."""
    path = memory_path(environ)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return MemoryFile(Remembered())
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return MemoryFile(Remembered(), f"cannot read {path} ({reason}): favourites, recents "
                          "and the palette theme are kept for this run only", writable=False)
    import json  # only with a file: a first run's first frame pays no JSON import

    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):  # bad JSON, bad UTF-8, absurd nesting
        why = "invalid JSON"
    else:
        try:
            return MemoryFile(_from_json(data))
        except (ValueError, KeyError, TypeError, AttributeError):
            why = "not what ecr-tui writes"
    line, moved_to = set_aside(path, why)
    return MemoryFile(Remembered(), f"{line}; favourites and recents start afresh",
                      writable=moved_to is not None)


def load_memory(environ: Mapping[str, str] | None = None) -> Remembered:
    """What earlier runs remembered; an unreadable or foreign file is forgotten, never fatal."""
    return read_memory(environ).remembered


def save_memory(remembered: Remembered, environ: Mapping[str, str] | None = None) -> Path:
    """Write it atomically, 0600 in a 0700 directory."""
    data = {
        "version": _VERSION,
        "theme": remembered.theme,
        "theme_config": remembered.theme_config,
        "favourites": [
            {"account": f.account, "region": f.region, "repository": f.repository,
             "profile": f.profile}
            for f in remembered.favourites
        ],
        "recents": [
            {"profile": r.profile, "region": r.region, "repository": r.repository, "tag": r.tag,
             "opened_at": r.opened_at}
            for r in remembered.recents
        ],
    }
    import json

    path = memory_path(environ)
    atomic_write_text(path, json.dumps(data, indent=1) + "\n")
    return path


def now_text(now: datetime) -> str:
    return now.replace(microsecond=0).isoformat()


class MemoryStore:
    """The remembered state of one run; `persist` False keeps it in memory only (tests, demo
    screenshots). Every change is written at once: a crash loses nothing already chosen."""

    def __init__(
        self, remembered: Remembered | None = None, *, persist: bool = False,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self._environ = environ
        loaded = read_memory(environ) if persist and remembered is None else MemoryFile(
            remembered if remembered is not None else Remembered())
        self.persist = persist and loaded.writable
        self.remembered = loaded.remembered
        self.warning: str | None = loaded.warning
        """The file's problem at start, or the last write failure: one line the app shows once."""

    def _save(self, remembered: Remembered) -> None:
        self.remembered = remembered
        if not self.persist:
            return
        try:
            save_memory(remembered, self._environ)
        except OSError as exc:
            self.warning = f"cannot write {memory_path(self._environ)}: {exc.strerror or exc}"

    def toggle_favourite(self, favourite: Favourite) -> bool:
        remembered, now_favourite = self.remembered.toggle_favourite(favourite)
        self._save(remembered)
        return now_favourite

    def add_recent(self, recent: Recent) -> None:
        self._save(self.remembered.with_recent(recent))

    def set_theme(self, theme: str, configured: str | None) -> None:
        if self.remembered.theme_for(configured) != theme:
            self._save(self.remembered.with_theme(theme, configured))
