"""The record of past logins (no secrets), shared safely between concurrent processes."""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import stat
import tempfile
from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ecr_tui.core.models import LoginRecord
from ecr_tui.core.store.paths import set_aside

log = logging.getLogger("ecr_tui")

_VERSION = 1
_FIELDS = ("profile", "region", "registry", "engine")
_TIMES = ("expires_at", "logged_in_at")


class CorruptStateError(ValueError):
    """The state file is not what we write. Internal: load() never lets it out."""


def default_state_path(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_STATE_HOME/ecr-tui/logins.json`, default `~/.local/state/ecr-tui/logins.json`."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_STATE_HOME")
    if not base:
        home = env.get("HOME") or os.path.expanduser("~")
        base = os.path.join(home, ".local", "state")
    return Path(base) / "ecr-tui" / "logins.json"


class LoginStateStore:
    """Logins in a JSON file: 0700 directory, 0600 file, flock'ed read-modify-write."""

    def __init__(self, path: Path | None = None, environ: Mapping[str, str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_state_path(environ)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.last_warning: str | None = None
        """Set by load() when the file was unreadable or set aside; the UI shows it once."""

    def load(self) -> list[LoginRecord]:
        """All recorded logins. Never raises: a corrupt file is moved aside and [] returned."""
        self.last_warning = None
        try:
            return self._read()
        except FileNotFoundError:
            return []
        except OSError as exc:
            self._warn(f"cannot read {self.path}: {exc.strerror or type(exc).__name__}")
            return []
        except CorruptStateError:
            pass
        # Re-check under the lock: a concurrent record() may have just replaced the bad file.
        try:
            with self._locked():
                try:
                    return self._read()
                except CorruptStateError as exc:
                    self._quarantine(exc)
                    return []
        except FileNotFoundError:
            return []
        except OSError as exc:
            self._warn(f"cannot read {self.path}: {exc.strerror or type(exc).__name__}")
            return []

    def record(self, rec: LoginRecord) -> None:
        """Add `rec`, replacing any login with the same profile, region, registry and engine."""
        self._ensure_dir()
        with self._locked():
            try:
                records = self._read()
            except FileNotFoundError:
                records = []
            except CorruptStateError as exc:
                self._quarantine(exc)
                records = []
            key = _key(rec)
            records = [r for r in records if _key(r) != key]
            records.append(rec)
            self._write(records)

    # -- internals ----------------------------------------------------------------------

    def _warn(self, message: str) -> None:
        self.last_warning = message
        log.warning("%s", message)

    def _read(self) -> list[LoginRecord]:
        raw = self.path.read_bytes()
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CorruptStateError(f"invalid JSON: {exc}") from None
        except RecursionError:  # absurdly nested JSON: corrupt, not a crash
            raise CorruptStateError("invalid JSON: nested too deeply") from None
        return _decode(data)

    def _quarantine(self, exc: Exception) -> None:
        self._warn(set_aside(self.path, str(exc))[0])

    def _ensure_dir(self) -> None:
        directory = self.path.parent
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = directory.stat()
        # Tighten only a directory we own; never chmod a shared sticky one such as /tmp.
        if st.st_mode & 0o077 and st.st_uid == os.getuid() and not st.st_mode & stat.S_ISVTX:
            directory.chmod(0o700)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the flock

    def _write(self, records: list[LoginRecord]) -> None:
        payload = {"version": _VERSION, "logins": [_encode(r) for r in records]}
        # mkstemp creates 0600; os.replace makes the new content appear all at once.
        fd, tmp = tempfile.mkstemp(prefix=".logins-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(payload, fh, indent=2)
                fh.write("\n")
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _fsync_dir(self.path.parent)


def _key(rec: LoginRecord) -> tuple[str, str, str, str]:
    return (rec.profile, rec.region, rec.registry, rec.engine)


def _iso(dt: datetime) -> str:
    if dt.tzinfo is None:  # a naive time is taken as UTC, as models.utcnow() produces
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc).isoformat()


def _parse_time(value: Any) -> datetime:
    if not isinstance(value, str):
        raise CorruptStateError(f"time is not a string: {type(value).__name__}")
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise CorruptStateError(f"bad time {value!r}") from None
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)


def _encode(rec: LoginRecord) -> dict[str, str]:
    out = {name: getattr(rec, name) for name in _FIELDS}
    out.update({name: _iso(getattr(rec, name)) for name in _TIMES})
    return out


def _decode(data: Any) -> list[LoginRecord]:
    if not isinstance(data, dict) or not isinstance(data.get("logins"), list):
        raise CorruptStateError("expected an object with a 'logins' list")
    records = []
    for item in data["logins"]:
        if not isinstance(item, dict):
            raise CorruptStateError("a login entry is not an object")
        fields = {}
        for name in _FIELDS:
            if not isinstance(item.get(name), str):
                raise CorruptStateError(f"login entry field {name!r} missing or not a string")
            fields[name] = item[name]
        times = {name: _parse_time(item.get(name)) for name in _TIMES}
        records.append(LoginRecord(**fields, **times))
    return records


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable; best effort (some filesystems refuse)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
