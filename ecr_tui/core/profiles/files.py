"""The AWS config and credentials files, read as botocore's configloader reads them.

Profile names must be exactly the ones boto3 will accept (`[profile\tx]`, quoted names with
spaces, nested blocks): the same `configparser.RawConfigParser`, nested blocks and section
names as `botocore.configloader`'s `raw_config_parse` and `build_profile_map` (a property test
checks every profile against botocore's session). Not botocore's module itself: importing it
(botocore, its exceptions, vendored requests, shlex) was ~20 M instructions of the TUI's first
frame, where nothing else needs botocore. Where the parse fails, the file is read again
here to say the line too.
"""

from __future__ import annotations

import configparser
import re
from pathlib import Path
from typing import Any

from ecr_tui.core.errors import ConfigError

Sections = dict[str, dict[str, Any]]
_SETTING = r"^[^\[=:][^=:]*[=:](.*)$"
"""A `key = value` (or `key: value`) line; group 1 is the value. Compiled (and cached by
`re`) only when a nested block fails: not at import, before the first frame."""


def load_config_file(path: Path) -> tuple[Sections, Sections]:
    """(profiles, sso-sessions) of the config file, as botocore's session sees them."""
    profiles: Sections = {}
    sso_sessions: Sections = {}
    for key, values in _parse(path).items():  # as configloader.build_profile_map
        if key.startswith("profile"):
            profiles.update(_named_section(key, values))
        elif key.startswith("sso-session"):
            sso_sessions.update(_named_section(key, values))
        elif key == "default":
            profiles[key] = values
    return profiles, sso_sessions


def load_credentials_file(path: Path) -> Sections:
    """Every section of the credentials file is a profile, named as written."""
    return _parse(path)


def _parse(path: Path) -> Sections:
    """Each section's settings, as configloader.raw_config_parse gives them."""
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fix = "check the file's permissions"
        raise ConfigError(f"cannot read {path}: {exc}", fix=fix) from None
    parser = configparser.RawConfigParser()
    try:
        parser.read_string(text, source=str(path))  # the text just read: one read a file
        return {
            section: {option: _nested(parser.get(section, option))
                      for option in parser.options(section)}
            for section in parser.sections()
        }
    except (configparser.Error, UnicodeDecodeError, ValueError):
        raise locate_error(path, text) from None


def _nested(value: str) -> Any:
    """An indented block under `key =` is a dict of its `name = value` lines (ValueError for a
    line without '=', as botocore's _parse_nested)."""
    if not value.startswith("\n"):
        return value
    parsed = {}
    for line in value.splitlines():
        line = line.strip()
        if line:
            key, setting = line.split("=", 1)
            parsed[key.strip()] = setting.strip()
    return parsed


_QUOTING = frozenset("'\"\\")


def _named_section(key: str, values: dict[str, Any]) -> Sections:
    """`[profile NAME]` -> {NAME: values}, split as botocore splits it (shlex: quotes allowed);
    {} unless it is two words."""
    if key.isprintable() and not _QUOTING.intersection(key):
        parts = key.split()  # no quote, escape, tab or other space: shlex's split is this
    else:
        import shlex

        try:
            parts = shlex.split(key)
        except ValueError:
            return {}
    return {parts[1]: values} if len(parts) == 2 else {}


def locate_error(path: Path, text: str) -> ConfigError:
    """The file and line botocore could not parse, with the fix."""
    parser = configparser.RawConfigParser(strict=True, interpolation=None)
    try:
        parser.read_string(text, source=str(path))
    except configparser.MissingSectionHeaderError as exc:
        return ConfigError(
            f"{path}, line {exc.lineno}: a setting before any [section] header",
            fix="start the file with [default] or [profile NAME]",
        )
    except configparser.ParsingError as exc:
        lineno = exc.errors[0][0] if exc.errors else 0
        return _bad_line(path, text, lineno, "use `key = value` lines under a [section]")
    except (configparser.DuplicateSectionError, configparser.DuplicateOptionError) as exc:
        return ConfigError(f"{path}, line {exc.lineno}: {exc.message}", fix="remove the duplicate")
    except configparser.Error as exc:
        return ConfigError(f"{path}: {exc.message}", fix="repair the file")
    lineno = _nested_error_line(text)
    return _bad_line(path, text, lineno, "indented lines under `key =` must be `name = value`")


def _bad_line(path: Path, text: str, lineno: int, fix: str) -> ConfigError:
    # configparser keeps repr(line); quote the file's own text instead.
    lines = text.splitlines()
    line = lines[lineno - 1].strip()[:80] if 0 < lineno <= len(lines) else ""
    return ConfigError(f"{path}, line {lineno}: cannot parse {line!r}", fix=fix)


def _nested_error_line(text: str) -> int:
    """The first indented line without '=' inside a nested block (`s3 =` then indented)."""
    nested = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        if line[:1] in (" ", "\t"):
            if nested and "=" not in stripped:
                return number
            continue
        match = re.match(_SETTING, stripped)
        nested = bool(match) and not match.group(1).strip()
    return 0
