"""`tags --json` into a pipe is built row by row (cli/tag_text.py): the text must be exactly what
json.dumps writes for `output.tag_json`, field by field, escapes and all."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone

import pytest

from ecr_tui.cli import output
from ecr_tui.cli.main import main
from ecr_tui.cli.tag_text import tags_json_text, write_tags_json
from ecr_tui.core.models import ScanSummary, TagRow

WHEN = datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=timezone.utc)


def _generic(rows: list[TagRow]) -> str:
    return json.dumps(output._plain(output.tag_json(rows)))


ROWS = [
    TagRow(tag="only-a-name"),
    TagRow(
        tag="v1.2.3", digest="sha256:" + "a" * 64, pushed_at=WHEN, size_bytes=123_456_789,
        platforms=("linux/amd64", "linux/arm64/v8"),
        media_type="application/vnd.oci.image.index.v1+json",
        scan=ScanSummary("COMPLETE", (("CRITICAL", 3), ("HIGH", 12))),
        last_pull=WHEN + timedelta(days=2), image_status="ARCHIVED",
        last_archived_at=WHEN + timedelta(days=3),
        last_activated_at=datetime(2026, 5, 1, tzinfo=timezone(timedelta(hours=-7))),
    ),
    TagRow(tag='quote"back\\slash\ttab\u00e9\u2603\U0001f600', digest="", size_bytes=0,
           scan=ScanSummary("UNSUPPORTED_IMAGE"), image_status="ACTIVE"),
    TagRow(tag="float-size", size_bytes=1.5, pushed_at=datetime(2020, 1, 1)),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("rows", [[], ROWS, ROWS[1:2], ROWS[::-1]])
def test_the_text_is_what_json_dumps_writes(rows: list[TagRow]) -> None:
    assert tags_json_text(rows) == _generic(rows)
    assert json.loads(tags_json_text(rows)) == output.tag_json(rows)


def test_a_pipe_gets_the_compact_text_and_a_terminal_the_indented_one() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    pipe, terminal = io.StringIO(), Terminal()
    write_tags_json(ROWS, pipe)
    write_tags_json(ROWS, terminal)
    assert pipe.getvalue() == _generic(ROWS) + "\n"
    assert terminal.getvalue() == json.dumps(output.tag_json(ROWS), indent=2) + "\n"


def test_the_demo_listing_is_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tags", "base/python", "--demo", "--json", "--platforms"]) == 0
    text = capsys.readouterr().out
    rows = json.loads(text)
    assert any(r["scan"] for r in rows) and any(r["platforms"] for r in rows)
    assert text == json.dumps(rows) + "\n"
