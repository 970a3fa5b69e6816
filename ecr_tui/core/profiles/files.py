"""The AWS config and credentials files, read by botocore's own loader.

Profile names must be exactly the ones boto3 will accept (`[profile\tx]`, quoted names with
spaces, nested blocks), so botocore.configloader reads the files. botocore's parse errors
name only the file: where it fails, the file is read again here to say the line too.
"""

from __future__ import annotations

import configparser
import re
from pathlib import Path
from typing import Any

from ecr_tui.core.errors import ConfigError

Sections = dict[str, dict[str, Any]]
_SETTING = re.compile(r"^[^\[=:][^=:]*[=:](.*)$")
"""A `key = value` (or `key: value`) line; group 1 is the value."""


def load_config_file(path: Path) -> tuple[Sections, Sections]:
    """(profiles, sso-sessions) of the config file, as botocore's session sees them."""
    from botocore import configloader

    raw = _parse(path)
    if not raw:
        return {}, {}
    mapped = configloader.build_profile_map(raw)
    return mapped["profiles"], mapped["sso_sessions"]


def load_credentials_file(path: Path) -> Sections:
    """Every section of the credentials file is a profile, named as written."""
    return _parse(path)


def _parse(path: Path) -> Sections:
    from botocore import configloader
    from botocore.exceptions import ConfigNotFound, ConfigParseError

    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fix = "check the file's permissions"
        raise ConfigError(f"cannot read {path}: {exc}", fix=fix) from None
    try:
        return configloader.raw_config_parse(str(path))
    except ConfigNotFound:
        return {}
    except ConfigParseError:
        raise locate_error(path, text) from None


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
        match = _SETTING.match(stripped)
        nested = bool(match) and not match.group(1).strip()
    return 0
