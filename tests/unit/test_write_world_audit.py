"""The session-end audit lets the write world's moto (and only it) see ecr-tui's writes."""

from __future__ import annotations

from pathlib import Path

from tests.harness import readonly_audit


def test_only_a_write_worlds_file_may_hold_the_writes(tmp_path: Path) -> None:
    lines = ("ecr.DescribeImages\necr.BatchGetImage\necr.PutImage\necr.BatchDeleteImage\n"
             "ecr.DeleteRepository\necr.PutImageTagMutability\n")
    read_only, writes = tmp_path / "world.log", tmp_path / "write-world.log"
    for path in (read_only, writes):
        path.write_text(lines)
    readonly_audit.watch(writes, writes=True)
    try:
        found = readonly_audit.check_files([read_only, writes])
    finally:
        readonly_audit.WATCHED.remove(writes)
        readonly_audit.WRITE_WORLDS.discard(writes)
    assert found == [
        f"{read_only}: ecr.BatchGetImage", f"{read_only}: ecr.PutImage",
        f"{read_only}: ecr.BatchDeleteImage", f"{read_only}: ecr.DeleteRepository",
        f"{read_only}: ecr.PutImageTagMutability",
        f"{writes}: ecr.DeleteRepository", f"{writes}: ecr.PutImageTagMutability",
    ]
