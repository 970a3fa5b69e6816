"""config.toml fuzzed: arbitrary TOML never crashes the parser, and every bad value is one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ecr_tui.core.store.settings import _key, _toml_loads, parse_settings
from ecr_tui.core.store.settings_example import EXAMPLE, render

PATH = Path("/x/config.toml")
KNOWN = ("engine", "clipboard_clear_seconds", "theme", "keys", "regions", "sso_role_preference",
         "registries", "login_sets")

scalars = st.one_of(
    st.text(max_size=12), st.integers(-10**6, 10**6), st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4),
    ),
    max_leaves=12,
)
documents = st.dictionaries(
    st.one_of(st.sampled_from(KNOWN), st.text(min_size=1, max_size=10)), values, max_size=6
)


def toml_string(text: str) -> str:
    escaped = "".join(
        f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F or c in '"\\' else c
        for c in text
    )
    return f'"{escaped}"'


def toml_value(value: Any) -> str:
    """A TOML value (inline form): enough of a writer for the generated documents."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    pairs = (f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items())
    return "{" + ", ".join(pairs) + "}"


def toml_document(document: dict[str, Any]) -> str:
    return "".join(f"{toml_string(k)} = {toml_value(v)}\n" for k, v in document.items())


@settings(max_examples=300, deadline=None)
@given(documents)
def test_any_toml_document_gives_settings_and_one_line_per_bad_key(document: dict) -> None:
    text = toml_document(document)
    assert _toml_loads(text) == document  # the writer above is faithful
    result = parse_settings(text, PATH)
    for line in result.warnings:
        assert line.startswith(f"{PATH}: ") and "\n" not in line
    for key in document:
        if key == "login_sets":
            continue  # one line per bad set, checked below
        mine = [w for w in result.warnings if w.startswith(f"{PATH}: {key}: ")
                or w.startswith(f"{PATH}: unknown key {key!r}")]
        accepted = key in KNOWN and len(mine) == 0
        assert len(mine) == (0 if accepted else 1), (key, result.warnings)
        if accepted:
            assert getattr(result, key) not in (None, ()) or document[key] in ([], {})
    if isinstance(document.get("login_sets"), dict):
        for name in document["login_sets"]:
            bad = [w for w in result.warnings if w.startswith(f"{PATH}: login_sets.{_key(name)}: ")]
            assert len(bad) == (0 if name in result.login_sets else 1)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_never_crashes(text: str) -> None:
    result = parse_settings(text, PATH)
    assert all(w.startswith(f"{PATH}: ") for w in result.warnings)


def test_the_commented_example_is_valid_once_uncommented() -> None:
    lines = []
    for line in EXAMPLE.splitlines():
        body = line[2:] if line.startswith("# ") else ""
        if body.startswith(("[", '"', "pairs", "  {", "]")) or " = " in body:
            lines.append(body)
    result = parse_settings("\n".join(lines), PATH)
    assert result.warnings == ()
    assert result.engine == "docker" and result.keys["open-repository"] == "o"
    assert result.login_sets["oncall"][1].profile == "staging"


def test_show_prints_settings_that_read_back_the_same() -> None:
    original = parse_settings(
        'engine = "podman"\ntheme = "nord"\nregions = ["eu-west-1"]\n[keys]\njump = "ctrl+g"\n'
        '[login_sets.a]\npairs = [{ profile = "p", region = "us-east-1" }]\n', PATH
    )
    again = parse_settings(render(original), PATH)
    assert again.warnings == ()
    assert (again.engine, again.theme, again.regions, again.keys, again.login_sets) == (
        original.engine, original.theme, original.regions, original.keys, original.login_sets
    )
