"""What the app remembers (theme, favourites, recents) and its small caches: no secret, 0600 in
0700, written atomically, read back by the next run; a foreign file is forgotten, not fatal."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ecr_tui.core.store import caches
from ecr_tui.core.store.memory import (
    RECENTS_KEPT,
    Favourite,
    MemoryStore,
    Recent,
    load_memory,
    memory_path,
)

NOW = datetime(2026, 5, 1, 12, tzinfo=timezone.utc)


def env(tmp_path: Path) -> dict[str, str]:
    return {"HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state"),
            "XDG_CACHE_HOME": str(tmp_path / "cache")}


def test_favourites_recents_and_theme_survive_a_second_run(tmp_path: Path) -> None:
    first = MemoryStore(persist=True, environ=env(tmp_path))
    fav = Favourite("111122223333", "eu-west-1", "team/api", "prod")
    assert first.toggle_favourite(fav) is True
    for n in range(RECENTS_KEPT + 5):
        first.add_recent(Recent("prod", "eu-west-1", f"repo-{n}"))
    first.add_recent(Recent("prod", "eu-west-1", "repo-3", "v1"))
    first.set_theme("nord", None)

    second = MemoryStore(persist=True, environ=env(tmp_path)).remembered
    assert second.favourites == (fav,)
    assert second.is_favourite("111122223333", "eu-west-1", "team/api")
    assert second.favourite_names("111122223333", "us-east-1") == frozenset()
    assert len(second.recents) == RECENTS_KEPT
    assert second.recents[0] == Recent("prod", "eu-west-1", "repo-3", "v1")
    assert second.recents[1].repository == f"repo-{RECENTS_KEPT + 4}"
    assert second.theme_for(None) == "nord"

    path = memory_path(env(tmp_path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_toggling_twice_removes_the_favourite(tmp_path: Path) -> None:
    store = MemoryStore(persist=True, environ=env(tmp_path))
    fav = Favourite("1", "us-east-1", "a", "p")
    store.toggle_favourite(fav)
    assert store.toggle_favourite(Favourite("1", "us-east-1", "a", "other-profile")) is False
    assert load_memory(env(tmp_path)).favourites == ()


def test_a_config_theme_edited_later_wins_over_the_palette_choice(tmp_path: Path) -> None:
    store = MemoryStore(persist=True, environ=env(tmp_path))
    store.set_theme("nord", "gruvbox")
    remembered = load_memory(env(tmp_path))
    assert remembered.theme_for("gruvbox") == "nord"
    assert remembered.theme_for("tokyo-night") == "tokyo-night"


def test_a_foreign_or_broken_file_is_forgotten(tmp_path: Path) -> None:
    path = memory_path(env(tmp_path))
    path.parent.mkdir(parents=True)
    for text in ("{", "[]", json.dumps({"version": 1, "favourites": [{"account": 1}]}),
                 json.dumps({"version": 99})):
        path.write_text(text)
        assert load_memory(env(tmp_path)).favourites == ()


def test_without_persist_nothing_is_written(tmp_path: Path) -> None:
    store = MemoryStore(environ=env(tmp_path))
    store.add_recent(Recent("p", "us-east-1", "r"))
    assert store.remembered.recents and not (tmp_path / "state").exists()


def test_regions_with_repositories_are_cached_a_day_per_account(tmp_path: Path) -> None:
    e = env(tmp_path)
    assert caches.cached_repository_regions("1", NOW, e) is None
    caches.store_repository_regions("1", ["eu-west-1", "us-east-1"], NOW, e)
    assert caches.cached_repository_regions("1", NOW + timedelta(hours=23), e) == (
        "eu-west-1", "us-east-1")
    assert caches.cached_repository_regions("1", NOW + timedelta(hours=25), e) is None
    assert caches.cached_repository_regions("2", NOW, e) is None
    path = caches.regions_cache_path(e)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_region_scan_is_bounded_and_a_failing_region_counts_as_none() -> None:
    lock, running, peak = threading.Lock(), [0], [0]
    gate = threading.Barrier(caches.SCAN_CONCURRENCY, timeout=10)

    def has_repositories(region: str) -> bool:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        try:
            if int(region[1:]) < caches.SCAN_CONCURRENCY:
                gate.wait()  # the first batch runs all at once: the pool is really concurrent
            if region == "r05":
                raise RuntimeError("opt-in region not enabled")
            return int(region[1:]) % 3 == 0
        finally:
            with lock:
                running[0] -= 1

    regions = [f"r{n:02d}" for n in range(30)]
    found = caches.scan_regions(regions, has_repositories)
    assert found == [r for r in regions if int(r[1:]) % 3 == 0]
    assert peak[0] == caches.SCAN_CONCURRENCY


def test_a_scan_where_no_region_answers_is_no_answer() -> None:
    def offline(region: str) -> bool:
        raise OSError("network unreachable")

    assert caches.scan_regions(["us-east-1", "eu-west-1"], offline) is None
    assert caches.scan_regions([], offline) is None


def test_repository_names_for_completion(tmp_path: Path) -> None:
    e = env(tmp_path)
    caches.store_repository_names("prod", "eu-west-1", ["b", "a/x"], e)
    caches.store_repository_names("dev", "us-east-1", ["c"], e)
    assert caches.cached_repository_names("prod", "eu-west-1", e) == ["a/x", "b"]
    assert caches.cached_repository_names(None, None, e) == ["a/x", "b", "c"]
    assert caches.cached_repository_names("nobody", None, e) == []


def _load_in_a_process(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """As the TUI does at start, in a process of its own: pytest's log capture would hide what
    Python's last-resort handler prints on a real terminal."""
    code = ("from ecr_tui.core.store.memory import MemoryStore\n"
            "store = MemoryStore(persist=True)\nprint(store.warning)\n")
    return subprocess.run([sys.executable, "-c", code], env={**os.environ, **env(tmp_path)},
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize("text", ["{not json", "\xff\xfe", json.dumps({"version": 99}),
                                  json.dumps({"version": 1, "favourites": [{"account": 1}]})])
def test_a_corrupt_file_is_one_line_kept_aside_and_never_a_traceback(
    tmp_path: Path, text: str
) -> None:
    path = memory_path(env(tmp_path))
    path.parent.mkdir(parents=True)
    path.write_bytes(text.encode("latin-1"))
    result = _load_in_a_process(tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    line = result.stdout.strip()
    assert "\n" not in line and "moved aside to remembered.json.corrupt-" in line
    (aside,) = path.parent.glob("remembered.json.corrupt-*")
    assert aside.read_bytes() == text.encode("latin-1") and not path.exists()


def test_after_a_corrupt_file_a_favourite_is_written_afresh(tmp_path: Path) -> None:
    path = memory_path(env(tmp_path))
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    store = MemoryStore(persist=True, environ=env(tmp_path))
    assert store.warning and "favourites and recents start afresh" in store.warning
    fav = Favourite("1", "us-east-1", "a", "p")
    store.toggle_favourite(fav)
    assert load_memory(env(tmp_path)).favourites == (fav,)
    assert len(list(path.parent.glob("remembered.json.corrupt-*"))) == 1


@pytest.mark.parametrize("blocker", ["state dir is a file", "file is a directory"])
def test_an_unreadable_file_is_one_line_and_never_written_over(
    tmp_path: Path, blocker: str
) -> None:
    path = memory_path(env(tmp_path))
    if blocker == "state dir is a file":
        path.parent.parent.mkdir(parents=True)
        path.parent.write_text("not a directory")
    else:
        path.mkdir(parents=True)
    result = _load_in_a_process(tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    assert "cannot read" in result.stdout and "kept for this run only" in result.stdout
    store = MemoryStore(persist=True, environ=env(tmp_path))
    store.toggle_favourite(Favourite("1", "us-east-1", "a", "p"))  # kept in memory only
    assert store.remembered.favourites and store.warning and "cannot read" in store.warning
    if blocker == "state dir is a file":
        assert path.parent.read_text() == "not a directory"
    else:
        assert path.is_dir() and not list(path.iterdir())


def test_a_corrupt_cache_is_rebuilt_without_a_word_on_the_terminal(tmp_path: Path) -> None:
    """Caches hold nothing that is not fetched again: no line, no traceback, a fresh file."""
    path = caches.names_cache_path(env(tmp_path))
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    code = ("from ecr_tui.core.store import caches\n"
            "assert caches.cached_repository_names() == []\n"
            "caches.store_repository_names('p', 'us-east-1', ['a'])\n")
    result = subprocess.run([sys.executable, "-c", code], env={**os.environ, **env(tmp_path)},
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0 and result.stderr == ""
    assert caches.cached_repository_names(environ=env(tmp_path)) == ["a"]
