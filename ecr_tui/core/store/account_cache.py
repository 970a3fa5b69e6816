"""Profile -> account id, remembered between credential-helper runs. Holds no secret.

`$XDG_CACHE_HOME/ecr-tui/accounts.json`: rebuilt by GetCallerIdentity whenever lost, corrected
whenever a token shows another account, and a failed lookup is not retried for an hour.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from pathlib import Path

from ecr_tui.core.store.paths import atomic_write_text, cache_dir

RETRY_FAILED_AFTER = 3600.0


class AccountCache:
    def __init__(self, environ: Mapping[str, str], clock: object = time.time) -> None:
        self.path: Path = cache_dir(environ) / "accounts.json"
        self._clock = clock
        self._data: dict[str, dict[str, object]] | None = None
        self._dirty = False

    def _load(self) -> dict[str, dict[str, object]]:
        if self._data is None:
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                raw = {}
            self._data = {
                k: v for k, v in raw.items() if isinstance(k, str) and isinstance(v, dict)
            } if isinstance(raw, dict) else {}
        return self._data

    def _now(self) -> float:
        return float(self._clock())  # type: ignore[operator]

    def accounts(self) -> dict[str, str]:
        """profile -> account id, for the lookups that succeeded."""
        return {
            name: str(entry["account"])
            for name, entry in self._load().items()
            if isinstance(entry.get("account"), str) and str(entry["account"]).isdigit()
        }

    def recently_failed(self, profile: str) -> bool:
        entry = self._load().get(profile) or {}
        failed = entry.get("failed_at")
        return isinstance(failed, (int, float)) and self._now() - failed < RETRY_FAILED_AFTER

    def remember(self, profile: str, account: str) -> None:
        if self._load().get(profile, {}).get("account") != account:
            self._load()[profile] = {"account": account}
            self._dirty = True

    def failed(self, profile: str) -> None:
        self._load()[profile] = {"failed_at": self._now()}
        self._dirty = True

    def save(self) -> None:
        if self._dirty and self._data is not None:
            atomic_write_text(self.path, json.dumps(self._data, indent=1, sort_keys=True) + "\n")
            self._dirty = False
