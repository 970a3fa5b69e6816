"""`tags --json` into a pipe: the text `json.dumps(tag_json(rows))` gives, built row by row.

At 50,000 tags the dicts of `output.tag_json` and the encoder walking them were two thirds of
the listing's output CPU. Here each row is one f-string around json's own C string encoder, so
the text is byte for byte what json.dumps writes (a unit test compares them on every kind of
field); a terminal still gets the indented form from `output.to_json`."""

from __future__ import annotations

import json
from json.encoder import encode_basestring_ascii as _string  # json.dumps' own (ensure_ascii)
from typing import TYPE_CHECKING, Any, TextIO

from ecr_tui.cli import output

if TYPE_CHECKING:
    from ecr_tui.core.models import TagRow


def write_tags_json(rows: list[TagRow], out: TextIO) -> None:
    if out.isatty():  # indented for a person, like every other --json
        output.to_json(output.tag_json(rows), out)
        return
    out.write(tags_json_text(rows) + "\n")


def tags_json_text(rows: list[TagRow]) -> str:
    """`json.dumps(output.tag_json(rows))`, the same text (keys, order, separators, escapes)."""
    parts = []
    append = parts.append
    for r in rows:
        pushed, pulled = r.pushed_at, r.last_pull
        archived, activated = r.last_archived_at, r.last_activated_at
        append(
            f'{{"tag": {_string(r.tag)}, '
            f'"digest": {_string(r.digest) if r.digest else "null"}, '
            f'"pushed_at": {_quoted(pushed.isoformat()) if pushed else "null"}, '
            f'"size": {_number(r.size_bytes)}, '
            f'"platforms": {_strings(r.platforms)}, '
            f'"media_type": {_string(r.media_type) if r.media_type else "null"}, '
            f'"scan": {json.dumps(output._plain(r.scan)) if r.scan else "null"}, '
            f'"last_pull": {_quoted(pulled.isoformat()) if pulled else "null"}, '
            f'"image_status": {_string(r.image_status) if r.image_status else "null"}, '
            f'"last_archived_at": {_quoted(archived.isoformat()) if archived else "null"}, '
            f'"last_activated_at": {_quoted(activated.isoformat()) if activated else "null"}}}'
        )
    return "[" + ", ".join(parts) + "]"


def _quoted(iso: str) -> str:
    return '"' + iso + '"'  # isoformat() writes nothing JSON escapes


def _number(value: Any) -> str:
    if value is None:
        return "null"
    return str(value) if value.__class__ is int else json.dumps(value)


def _strings(values: tuple[str, ...]) -> str:
    return "[" + ", ".join([_string(v) for v in values]) + "]" if values else "[]"
