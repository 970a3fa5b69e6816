"""The user's settings: `config.toml`, read in one place into one typed model.

A bad file never stops the app: an unknown key, a wrong type or a bad value is one warning line
naming the file, the key and what is expected, and that setting keeps its default.
`$ECR_TUI_CONFIG` overrides the path (tests, several set-ups).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from pathlib import Path
from typing import Any

from ecr_tui.core.errors import ConfigError
from ecr_tui.core.frozen import frozen_record
from ecr_tui.core.identity import ProfileRegion
from ecr_tui.core.store.paths import atomic_write_text, config_dir

ENGINES = ("docker", "podman", "finch", "nerdctl", "helm", "oras")
CONFIG_ENV = "ECR_TUI_CONFIG"
_REGION = r"^[a-z]{2}(-[a-z]+)+-\d+$"
"""Compiled (and cached by `re`) when a region is read: not at import, before the first frame."""


@frozen_record
class Settings:
    """Everything `config.toml` can say; every field has a working default."""

    path: Path
    engine: str | None = None
    """The container client to log in with; None: the first found, docker first."""
    clipboard_clear_seconds: float | None = None
    """None: the environment or the built-in default decides."""
    theme: str | None = None
    keys: Mapping[str, str] = field(default_factory=dict)
    """Binding id -> keys (comma-separated), e.g. {"open-repository": "o"}."""
    regions: tuple[str, ...] = ()
    """Regions to show first, whatever the profile says."""
    sso_role_preference: tuple[str, ...] = ()
    """Role names to prefer, in order, when one role per discovered account is enough."""
    login_sets: Mapping[str, tuple[ProfileRegion, ...]] = field(default_factory=dict)
    registries: Mapping[str, str] = field(default_factory=dict)
    """Registry host -> profile, for the credential helper."""
    writes: bool = False
    """Writes to ECR (tag, untag, delete) allowed without --allow-writes."""
    agent: bool = True
    """Credential helpers ask (and start) the in-memory token agent; False: each fetches alone."""
    warnings: tuple[str, ...] = ()
    """One line per problem found in the file; the setting concerned kept its default."""
    usage_ttl_seconds: float = 600.0
    """How long one pair's workloads (In use where) are kept before they are read again."""


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    import os

    env = os.environ if environ is None else environ
    override = env.get(CONFIG_ENV)
    return Path(override).expanduser() if override else config_dir(env) / "config.toml"


def _toml_loads(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib.loads(text)


def _toml_error() -> type[Exception]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib.TOMLDecodeError


class _Problem(ValueError):
    """A value that does not fit; its text says what is expected."""


def _engine(value: Any) -> str:
    if value not in ENGINES:
        raise _Problem("one of " + ", ".join(ENGINES))
    return str(value)


def _seconds(value: Any) -> float:
    return _bounded_seconds(value, "0: never clear")


def _bounded_seconds(value: Any, zero: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 86400:
        raise _Problem(f"a number of seconds from 0 to 86400 ({zero})")
    return float(value)


def _name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Problem("a non-empty string")
    return value.strip()


def _names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Problem("a list of non-empty strings")
    return tuple(dict.fromkeys(v.strip() for v in value))


def _regions(value: Any) -> tuple[str, ...]:
    names = _names(value) if isinstance(value, list) else None
    if names is None or not all(re.match(_REGION, n) for n in names):
        raise _Problem('a list of region names, e.g. ["us-east-1", "eu-west-1"]')
    return names


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Problem("true or false")
    return value


def _string_table(what: str) -> Callable[[Any], dict[str, str]]:
    def parse(value: Any) -> dict[str, str]:
        if not isinstance(value, dict) or not all(
            isinstance(v, str) and v.strip() for v in value.values()
        ):
            raise _Problem(f"a table of {what}")
        return {str(k): v.strip() for k, v in value.items()}

    return parse


def _pairs(value: Any) -> tuple[ProfileRegion, ...]:
    expected = 'a table with pairs = [{ profile = "NAME", region = "REGION" }, ...]'
    pairs = value.get("pairs") if isinstance(value, dict) and set(value) == {"pairs"} else None
    if not isinstance(pairs, list):
        raise _Problem(expected)
    found = []
    for item in pairs:
        if (
            not isinstance(item, dict)
            or set(item) != {"profile", "region"}
            or not isinstance(item["profile"], str)
            or not item["profile"]
            or not isinstance(item["region"], str)
            or not re.match(_REGION, item["region"])
        ):
            raise _Problem(expected)
        found.append(ProfileRegion(item["profile"], item["region"]))
    return tuple(dict.fromkeys(found))


_FIELDS: dict[str, Callable[[Any], Any]] = {
    "engine": _engine,
    "clipboard_clear_seconds": _seconds,
    "theme": _name,
    "keys": _string_table("binding id = keys, e.g. open-repository = \"o\""),
    "regions": _regions,
    "sso_role_preference": _names,
    "registries": _string_table("registry host = profile name"),
    "writes": _flag,
    "usage_ttl_seconds": lambda value: _bounded_seconds(value, "0: read every time"),
    "agent": _flag,
}


def parse_settings(text: str, path: Path) -> Settings:
    """Settings from the text of a config file; never raises for what the text says."""
    try:
        data = _toml_loads(text)
    except _toml_error() as exc:
        return Settings(path, warnings=(f"{path}: not valid TOML ({exc}); using the defaults",))
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for key, raw in data.items():
        if key == "login_sets":
            values[key] = _login_sets(raw, path, warnings)
            continue
        parse = _FIELDS.get(key)
        if parse is None:
            known = ", ".join([*_FIELDS, "login_sets"])
            warnings.append(f"{path}: unknown key {key!r} (known: {known}); ignored")
            continue
        try:
            values[key] = parse(raw)
        except _Problem as problem:
            warnings.append(f"{path}: {key}: expected {problem}; using the default")
    return Settings(path, **values, warnings=tuple(warnings))


def _key(name: str) -> str:
    """A table key as TOML writes it: bare when it can be, else quoted (one line, always)."""
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else toml_string(name)


def _login_sets(
    raw: Any, path: Path, warnings: list[str]
) -> dict[str, tuple[ProfileRegion, ...]]:
    if not isinstance(raw, dict):
        warnings.append(f"{path}: login_sets: expected a table of sets; using none")
        return {}
    sets = {}
    for name, value in raw.items():
        try:
            sets[str(name)] = _pairs(value)
        except _Problem as problem:
            where = f"{path}: login_sets.{_key(str(name))}"
            warnings.append(f"{where}: expected {problem}; set ignored")
    return sets


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings in force: the file's, or every default when there is no file."""
    path = config_path(environ)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(path)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return Settings(path, warnings=(f"{path}: cannot read ({reason}); using the defaults",))
    return parse_settings(text, path)


def toml_string(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's; non-ASCII stays as it is)."""
    import json  # only when a set is written: the TUI's start reads no JSON of its own

    return json.dumps(value, ensure_ascii=False)


def _set_headers(name: str) -> set[str]:
    """The header lines a set of this name may stand under (quoted, or bare when it can be)."""
    headers = {f"[login_sets.{toml_string(name)}]"}
    if re.fullmatch(r"[A-Za-z0-9_-]+", name):
        headers.add(f"[login_sets.{name}]")
    return headers


def save_login_set(
    name: str, pairs: Sequence[ProfileRegion], environ: Mapping[str, str] | None = None,
    *, write: bool = True,
) -> Path:
    """Add or replace `[login_sets."NAME"]` in config.toml, keeping every other line as it is;
    `write` False checks everything (the same errors) and writes nothing."""
    if not name.strip():
        raise ConfigError("a login set needs a name", fix="type a name for the set")
    if not pairs:
        raise ConfigError(f"login set {name!r} has no pairs", fix="mark at least one pair")
    path = config_path(environ)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}", fix="check the file") from None
    new_text = _replace_set_block(text, name, pairs)
    try:
        saved = _toml_loads(new_text).get("login_sets", {}).get(name)
    except _toml_error() as exc:
        raise ConfigError(
            f"{path} is not valid TOML ({exc}); the set was not saved", fix="repair the file"
        ) from None
    if saved is None or _pairs(saved) != tuple(dict.fromkeys(pairs)):
        raise ConfigError(
            f"login set {name!r} is written another way in {path}; not saved",
            fix="edit the set in the file, or choose another name",
        )
    if write:
        atomic_write_text(path, new_text)
    return path


def _replace_set_block(text: str, name: str, pairs: Sequence[ProfileRegion]) -> str:
    headers = _set_headers(name)
    lines = text.splitlines()
    kept: list[str] = []
    skipping = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("["):
            skipping = stripped.split("#", 1)[0].strip() in headers
        if not skipping:
            kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    body = ",\n".join(
        f"  {{ profile = {toml_string(p.profile)}, region = {toml_string(p.region)} }}"
        for p in dict.fromkeys(pairs)
    )
    block = [f"[login_sets.{toml_string(name)}]", f"pairs = [\n{body},\n]"]
    return "\n".join([*kept, *([""] if kept else []), *block]) + "\n"
