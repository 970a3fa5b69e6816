"""The 24 h cache of SSO account lists: ids, names, e-mail, role names. No secret.

One 0600 JSON file in the 0700 `$XDG_CACHE_HOME/ecr-tui/`, keyed by session name or start URL.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path

from ecr_tui.core.frozen import frozen_record
from ecr_tui.core.store.paths import atomic_write_text, cache_dir

log = logging.getLogger("ecr_tui")
MAX_AGE = timedelta(hours=24)
FILE_NAME = "sso-accounts.json"


@frozen_record
class SsoAccount:
    """An account the SSO portal lists, with the roles it offers."""

    account_id: str
    name: str
    email: str = ""
    roles: tuple[str, ...] = ()


@frozen_record
class SourceListing:
    """Every account and role one SSO session reaches, and when they were listed."""

    key: str
    start_url: str
    sso_region: str
    accounts: tuple[SsoAccount, ...]
    fetched_at: datetime

    def is_fresh(self, now: datetime) -> bool:
        return now - self.fetched_at < MAX_AGE


class AccountCache:
    def __init__(self, environ: Mapping[str, str]) -> None:
        self.path: Path = cache_dir(environ) / FILE_NAME
        self._lock = threading.Lock()

    def load(self) -> dict[str, SourceListing]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return {key: _listing(key, value) for key, value in raw["sources"].items()}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.debug("ignoring unreadable %s: %s", self.path, exc)
            return {}

    def save(self, listing: SourceListing) -> None:
        with self._lock:
            listings = self.load()
            listings[listing.key] = listing
            data = {"version": 1, "sources": {k: _plain(v) for k, v in listings.items()}}
            atomic_write_text(self.path, json.dumps(data, indent=1) + "\n")


def _plain(listing: SourceListing) -> dict[str, object]:
    return {
        "start_url": listing.start_url,
        "sso_region": listing.sso_region,
        "fetched_at": listing.fetched_at.isoformat(),
        "accounts": [
            {"id": a.account_id, "name": a.name, "email": a.email, "roles": list(a.roles)}
            for a in listing.accounts
        ],
    }


def _listing(key: str, raw: dict) -> SourceListing:  # type: ignore[type-arg]
    return SourceListing(
        key=key,
        start_url=str(raw["start_url"]),
        sso_region=str(raw["sso_region"]),
        fetched_at=datetime.fromisoformat(raw["fetched_at"]),
        accounts=tuple(
            SsoAccount(str(a["id"]), str(a["name"]), str(a.get("email", "")),
                       tuple(str(r) for r in a["roles"]))
            for a in raw["accounts"]
        ),
    )
