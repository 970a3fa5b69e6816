"""`ecr-tui tags` on the demo: every image status with its times, `multi-arch` until asked,
`--platforms` reads the indexes and says that ECR counts those reads as pulls."""

from __future__ import annotations

import json

import pytest

from ecr_tui.cli.main import main


def _rows(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[dict[str, dict], str]:
    assert main(["tags", "base/python", "--demo", "--json", *extra]) == 0
    out = capsys.readouterr()
    return {r["tag"]: r for r in json.loads(out.out)}, out.err


def test_rows_carry_every_image_status_and_its_times(capsys: pytest.CaptureFixture[str]) -> None:
    rows, _ = _rows(capsys)
    by_status = {r["image_status"]: r for r in rows.values() if r["image_status"]}
    assert set(by_status) == {"ARCHIVED", "ACTIVATING"}
    assert by_status["ARCHIVED"]["last_archived_at"] and not by_status["ARCHIVED"][
        "last_activated_at"]
    activating = by_status["ACTIVATING"]
    assert activating["last_archived_at"] < activating["last_activated_at"]
    assert all("last_archived_at" in r and "last_activated_at" in r for r in rows.values())


def test_indexes_say_multi_arch_until_platforms_are_asked_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows, err = _rows(capsys)
    indexes = [t for t, r in rows.items() if "index" in r["media_type"]
               or "manifest.list" in r["media_type"]]
    assert indexes and all(rows[t]["platforms"] == [] for t in indexes) and err == ""
    assert main(["tags", "base/python", "--demo"]) == 0
    table = capsys.readouterr().out
    assert "multi-arch" in table and table.splitlines()[0].split()[-1] == "STATUS"
    asked, err = _rows(capsys, "--platforms")
    assert all(len(asked[t]["platforms"]) > 1 for t in indexes)
    assert "ECR records each manifest read as a pull" in err


def test_the_listing_and_its_output_run_without_collections(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Full collections scanning 50,000 rows were a fifth of `tags`' CPU: the command pauses them.
    import gc

    from ecr_tui.cli import tag_text
    from ecr_tui.demo.backend_images import DemoImageReads

    seen: list[bool] = []
    listing, text = DemoImageReads.tag_listing, tag_text.tags_json_text

    def listed(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return listing(*args, **kwargs)  # type: ignore[arg-type]

    def written(rows: object) -> str:
        seen.append(gc.isenabled())
        return text(rows)  # type: ignore[arg-type]

    monkeypatch.setattr(DemoImageReads, "tag_listing", listed)
    monkeypatch.setattr(tag_text, "tags_json_text", written)
    was_enabled = gc.isenabled()  # another test of this process may have left it off
    gc.enable()
    try:
        _rows(capsys)
        assert seen == [False, False] and gc.isenabled()
    finally:
        if not was_enabled:
            gc.disable()
