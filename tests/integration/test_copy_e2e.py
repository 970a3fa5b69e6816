"""`ecr-tui copy` against two accounts' real registries (Debian's docker-registry, their access
logs the record of what was sent): digests identical at the destination, a mount within one
registry, nothing sent with writes off, the immutable tag refused, and a copy killed half way
that, run again, finishes without sending again what arrived."""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.harness.copy_world import CopyWorld, Side, push_index, running_copy_world
from tests.harness.installed import ecr_tui_command
from tests.integration.test_cli_e2e import ecr_tui

pytestmark = pytest.mark.integration
INDEX_ACCEPT = {"Accept": "application/vnd.oci.image.index.v1+json, "
                          "application/vnd.oci.image.manifest.v1+json"}
WRITES = ("--allow-writes", "--yes", "--json")
_UPLOAD = re.compile(r'"PUT /v2/(?P<repo>\S+)/blobs/uploads/\S*digest=(?P<digest>\S+?)(?:&\S*)? '
                     r'HTTP/1.1" 201')


@pytest.fixture(scope="module")
def copy_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CopyWorld]:
    with running_copy_world(tmp_path_factory.mktemp("copy-world")) as world:
        yield world


def uploads(side: Side, since: int = 0) -> list[str]:
    """The blob digests the registry received in full (its upload PUTs answered 201)."""
    found = (_UPLOAD.search(line) for line in side.access()[since:])
    return [unquote(m["digest"]) for m in found if m]


def writes_in(side: Side, since: int) -> list[str]:
    return [line for line in side.access()[since:]
            if re.search(r'"(PUT|POST|PATCH|DELETE) ', line)]


def test_copy_across_accounts_keeps_every_digest(copy_world: CopyWorld) -> None:
    w = copy_world
    before = len(w.b.access())
    result = ecr_tui(["copy", f"{w.a.host}/app:v1", f"{w.b.host}/app:promoted", *WRITES], w.env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "operation": "copy", "account_id": w.b.account, "region": w.b.region,
        "repository": "app", "tag": "promoted", "digest": w.image.digest, "result": "done"}
    assert "10/10 blobs" in result.stderr and "4/4 manifests" in result.stderr  # progress
    with w.b.client() as client:
        index = client.get("/v2/app/manifests/promoted", headers=INDEX_ACCEPT)
        assert index.headers["docker-content-digest"] == w.image.digest
        assert index.content == w.image.body  # the exact bytes
        for child in w.image.children.values():
            got = client.head(f"/v2/app/manifests/{child}", headers=INDEX_ACCEPT)
            assert got.headers["docker-content-digest"] == child
    assert sorted(uploads(w.b, before)) == sorted(w.image.blobs)  # each once, the shared too


def test_a_copy_within_one_registry_mounts_instead_of_sending(copy_world: CopyWorld) -> None:
    w = copy_world
    before = len(w.a.access())
    result = ecr_tui(["copy", f"{w.a.host}/app:v1", f"{w.a.host}/dest:v1", *WRITES], w.env)
    assert result.returncode == 0, result.stderr
    lines = w.a.access()[before:]
    mounts = [unquote(m[1]) for line in lines
              if (m := re.search(r'"POST /v2/dest/blobs/uploads/\?mount=(\S+?)&from=app '
                                 r'HTTP/1.1" 201', line))]
    assert sorted(mounts) == sorted(w.image.blobs)
    assert uploads(w.a, before) == []  # no blob sent


def test_with_writes_off_nothing_leaves_and_the_refusal_is_audited(
        copy_world: CopyWorld) -> None:
    w = copy_world
    counts = len(w.a.access()), len(w.b.access())
    result = ecr_tui(["copy", f"{w.a.host}/app:v1", f"{w.b.host}/app:off", "--yes"], w.env)
    assert result.returncode == 2
    assert result.stderr == ("ecr-tui: error: writes are off: add --allow-writes to the "
                             "command, or set `writes = true` in config.toml\n")
    assert (len(w.a.access()), len(w.b.access())) == counts  # not even a read
    audit = ecr_tui(["audit", "--json"], w.env)
    last = json.loads(audit.stdout)[-1]
    assert (last["operation"], last["repository"], last["tag"]) == ("copy", "app", "off")
    assert last["result"].startswith("refused")


def test_an_immutable_destination_tag_is_refused_before_any_write(
        copy_world: CopyWorld) -> None:
    w = copy_world
    before = len(w.b.access())
    result = ecr_tui(["copy", f"{w.a.host}/app:v1", f"{w.b.host}/locked:v1", *WRITES], w.env)
    assert result.returncode == 1
    assert json.loads(result.stdout)["result"] == "refused"
    assert "tag 'v1' is immutable in locked (IMMUTABLE)" in result.stderr
    assert writes_in(w.b, before) == []


def test_a_killed_copy_run_again_finishes_without_sending_again_what_arrived(
        copy_world: CopyWorld, tmp_path: Path) -> None:
    w = copy_world
    with w.a.client() as client:
        big = push_index(client, "app", "big", layers=3, layer_size=2 << 20, salt="big")
    before = len(w.b.access())
    w.a.slow(rate=1 << 20)  # 1 MB/s a connection from the source: the copy takes seconds
    args = ["copy", f"{w.a.host}/app:big", f"{w.b.host}/app:big", *WRITES]
    try:
        first = subprocess.Popen([ecr_tui_command(), *args], env=w.env, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not uploads(w.b, before) and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # waiting on the registry's log, not timing anything
        first.kill()
        first.wait(timeout=10)
    finally:
        w.a.slow(rate=0)
    sent_first = uploads(w.b, before)
    assert sent_first, "the first run sent nothing before it was killed"
    assert len(sent_first) < len(big.blobs), "the first run finished before it was killed"
    middle = len(w.b.access())
    again = ecr_tui(args, w.env)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["digest"] == big.digest
    sent_again = uploads(w.b, middle)
    assert not set(sent_first) & set(sent_again)  # nothing that arrived was sent again
    assert sorted(sent_first + sent_again) == sorted(big.blobs)
    with w.b.client() as client:
        got = client.get("/v2/app/manifests/big", headers=INDEX_ACCEPT)
        assert got.headers["docker-content-digest"] == big.digest


def test_one_platform_of_an_index_is_its_child_digest(copy_world: CopyWorld) -> None:
    w = copy_world
    result = ecr_tui(["copy", f"{w.a.host}/app:v1", f"{w.b.host}/app:arm",
                      "--platform", "linux/arm64", *WRITES], w.env)
    assert result.returncode == 0, result.stderr
    child = w.image.children["linux/arm64"]
    assert json.loads(result.stdout)["digest"] == child
    with w.b.client() as client:
        got = client.head("/v2/app/manifests/arm", headers=INDEX_ACCEPT)
        assert got.headers["docker-content-digest"] == child
