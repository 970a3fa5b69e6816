"""The user's `[keys]` checked against the bindings data: unknown ids and clashes become warning
lines (that binding keeps its default), the rest becomes the App's keymap."""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding
from textual.keys import _character_to_key

from ecr_tui.ui.bindings import KEY_SCOPES


def _normal(keys: str) -> str:
    """'?, ctrl+o' -> 'question_mark,ctrl+o': the form Textual matches key events with."""
    parts = [k.strip() for k in keys.split(",") if k.strip()]
    return ",".join(_character_to_key(k) if len(k) == 1 else k for k in parts)


def binding_ids() -> dict[str, Binding]:
    return {b.id: b for bindings in KEY_SCOPES.values() for b in bindings if b.id}


def check_keymap(keys: Mapping[str, str], source: str = "keys") -> tuple[dict[str, str], list[str]]:
    """(the keymap to apply, one warning line per problem)."""
    if not keys:  # every binding keeps its default: no clash to find (~4 M before the first frame)
        return {}, []
    known = binding_ids()
    warnings: list[str] = []
    keymap: dict[str, str] = {}
    for binding_id, value in keys.items():
        if binding_id not in known:
            warnings.append(f"{source}: unknown binding id {binding_id!r} (see the ids in the help "
                            "screen, ?); ignored")
        elif not _normal(value):
            warnings.append(f"{source}: {binding_id}: expected keys, e.g. \"o\" or \"ctrl+o\"; "
                            "default kept")
        else:
            keymap[binding_id] = _normal(value)
    for scope, bindings in KEY_SCOPES.items():
        owner: dict[str, str] = {}
        for binding in bindings:
            key_list = keymap.get(binding.id or "", binding.key)
            for key in _normal(key_list).split(","):
                other = owner.setdefault(key, binding.id or binding.action)
                if other == binding.id or (binding.id not in keymap and other not in keymap):
                    continue
                mine = binding.id if binding.id in keymap else other
                theirs = other if mine == binding.id else binding.id
                warnings.append(f"{source}: {mine} = {key!r} clashes with {theirs} in {scope}; "
                                f"{mine} keeps its default")
                keymap.pop(mine, None)
    return keymap, list(dict.fromkeys(warnings))


def keys_of(binding: Binding, keymap: Mapping[str, str]) -> str:
    """The keys a binding answers to once the user's keymap is applied."""
    return keymap.get(binding.id or "", binding.key)
