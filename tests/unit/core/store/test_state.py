"""The login state file: permissions, atomic replace, concurrency, corrupt-file recovery."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ecr_tui.core.models import LoginRecord
from ecr_tui.core.store.state import LoginStateStore, default_state_path

T0 = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def rec(
    registry: str = "1.dkr.ecr.eu-west-1.amazonaws.com",
    *,
    engine: str = "docker",
    profile: str = "dev",
    region: str = "eu-west-1",
    at: datetime = T0,
) -> LoginRecord:
    return LoginRecord(
        profile=profile,
        region=region,
        registry=registry,
        engine=engine,
        expires_at=at + timedelta(hours=12),
        logged_in_at=at,
    )


@pytest.fixture
def store(tmp_path: Path) -> LoginStateStore:
    return LoginStateStore(tmp_path / "state" / "ecr-tui" / "logins.json")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_path_uses_xdg_state_home(tmp_path: Path) -> None:
    env = {"XDG_STATE_HOME": str(tmp_path / "xdg"), "HOME": str(tmp_path / "home")}
    assert default_state_path(env) == tmp_path / "xdg" / "ecr-tui" / "logins.json"
    assert LoginStateStore(environ=env).path == tmp_path / "xdg" / "ecr-tui" / "logins.json"


def test_default_path_falls_back_to_home(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path)}
    assert default_state_path(env) == tmp_path / ".local" / "state" / "ecr-tui" / "logins.json"


def test_missing_file_loads_empty_without_creating_anything(store: LoginStateStore) -> None:
    assert store.load() == []
    assert store.last_warning is None
    assert not store.path.parent.exists()


def test_record_round_trip_with_permissions(store: LoginStateStore) -> None:
    store.record(rec())
    assert store.load() == [rec()]
    assert mode(store.path.parent) == 0o700
    assert mode(store.path) == 0o600
    # no temp files left behind
    names = sorted(p.name for p in store.path.parent.iterdir())
    assert names == ["logins.json", "logins.json.lock"]


def test_existing_wide_directory_is_tightened(store: LoginStateStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.parent.chmod(0o755)
    store.record(rec())
    assert mode(store.path.parent) == 0o700


def test_datetimes_stored_as_iso_utc(store: LoginStateStore) -> None:
    plus_two = timezone(timedelta(hours=2))
    store.record(rec(at=T0.astimezone(plus_two)))
    entry = json.loads(store.path.read_text())["logins"][0]
    assert entry["logged_in_at"] == "2026-01-02T03:04:05+00:00"
    assert entry["expires_at"] == "2026-01-02T15:04:05+00:00"
    assert store.load()[0].logged_in_at == T0


def test_record_replaces_same_key_keeps_others(store: LoginStateStore) -> None:
    store.record(rec("a"))
    store.record(rec("b"))
    store.record(rec("a", engine="podman"))
    later = rec("a", at=T0 + timedelta(hours=1))
    store.record(later)
    got = {(r.registry, r.engine): r for r in store.load()}
    assert set(got) == {("a", "docker"), ("b", "docker"), ("a", "podman")}
    assert got[("a", "docker")] == later


def test_file_holds_no_secret_fields(store: LoginStateStore) -> None:
    store.record(rec())
    entry = json.loads(store.path.read_text())["logins"][0]
    assert set(entry) == {"profile", "region", "registry", "engine", "expires_at", "logged_in_at"}


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe garbage",
        b"[]",
        b'{"logins": {}}',
        b'{"logins": [1]}',
        b'{"logins": [{"profile": "p"}]}',
        b'{"logins": [{"profile": "p", "region": "r", "registry": "x", "engine": "docker",'
        b' "expires_at": "yesterday", "logged_in_at": "2026-01-01T00:00:00+00:00"}]}',
        b"[" * 100_000,
    ],
)
def test_corrupt_file_is_set_aside(
    store: LoginStateStore, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="ecr_tui"):
        assert store.load() == []
    assert store.last_warning and "moved aside" in store.last_warning
    assert any(r.name == "ecr_tui" and r.levelno == logging.WARNING for r in caplog.records)
    aside = list(store.path.parent.glob("logins.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert not store.path.exists()
    # and the store works again afterwards
    store.record(rec())
    assert store.load() == [rec()]
    assert store.last_warning is None


def test_two_corruptions_keep_both_copies(store: LoginStateStore) -> None:
    store.path.parent.mkdir(parents=True)
    for content in (b"one", b"two"):
        store.path.write_bytes(content)
        assert store.load() == []
    aside = sorted(p.read_bytes() for p in store.path.parent.glob("logins.json.corrupt-*"))
    assert aside == [b"one", b"two"]


def test_record_over_corrupt_file_sets_it_aside(store: LoginStateStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text("{broken")
    store.record(rec())
    assert store.load() == [rec()]
    assert len(list(store.path.parent.glob("logins.json.corrupt-*"))) == 1


def test_unreadable_path_warns_without_raising(store: LoginStateStore) -> None:
    store.path.mkdir(parents=True)  # a directory where the file should be
    assert store.load() == []
    assert store.last_warning and "cannot read" in store.last_warning
    assert store.path.is_dir()  # not a corrupt file: left alone


def _record_many(path: str, worker: int, count: int) -> None:
    store = LoginStateStore(Path(path))
    for i in range(count):
        store.record(rec(f"w{worker}-{i}.example"))


def test_concurrent_processes_lose_no_record(tmp_path: Path) -> None:
    path = tmp_path / "ecr-tui" / "logins.json"
    ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    procs = [ctx.Process(target=_record_many, args=(str(path), w, 50)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    registries = {r.registry for r in LoginStateStore(path).load()}
    assert registries == {f"w{w}-{i}.example" for w in range(2) for i in range(50)}
