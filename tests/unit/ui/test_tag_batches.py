"""TagBatches: one message out at a time; the UI takes every batch kept meanwhile."""

from __future__ import annotations

from ecr_tui.core.models import TagBatch, TagRow
from ecr_tui.ui.tag_batches import TagBatches


def test_only_the_first_batch_tells_the_ui_until_it_releases() -> None:
    batches = TagBatches()
    assert batches.put(TagBatch((TagRow(tag="a"), TagRow(tag="b")), "details of 2 tags"))
    assert not batches.put(TagBatch((TagRow(tag="a", digest="sha256:1"),), "details of 1 tag"))
    rows, loading = batches.take()
    # A later row of a tag replaces the earlier one, in the place the tag first came.
    assert rows == [TagRow(tag="a", digest="sha256:1"), TagRow(tag="b")]
    assert loading == "details of 1 tag"
    assert not batches.put(TagBatch((TagRow(tag="c"),), ""))  # still told: it waits
    assert batches.release()  # more came while the UI painted: take again
    assert batches.take() == ([TagRow(tag="c")], "")
    assert not batches.release()  # nothing waiting: the next batch tells the UI
    assert batches.put(TagBatch((TagRow(tag="d"),), ""))


def test_an_empty_batch_does_not_tell_the_ui() -> None:
    batches = TagBatches()
    assert not batches.put(TagBatch((), "details of 3 tags"))
    assert batches.put(TagBatch((TagRow(tag="a"),), ""))
