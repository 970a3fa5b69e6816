"""The copy's plan overlaps its fixed costs: the destination's registry client (its token, its
account) is made while the source's is, and the destination tag's HEAD is asked while the
source's manifests are read. Each waits on an Event the other side sets: done one after the
other, the wait runs out and the test fails (no timing measured)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import httpx

from ecr_tui.core.aws.copying import plan_copy
from ecr_tui.core.copy.reading import read_plan
from tests.unit.core.copy.test_copy_engine import (
    DST_HOST,
    SRC_HOST,
    FakeRegistry,
    client,
    request,
)

PATIENCE = 10.0  # seconds an Event is waited for: only ever reached when nothing overlaps


class _Backend:
    """What plan_copy asks of the AWS backend; the source's registry client is handed out
    only once the destination's has been asked for (or the wait ran out)."""

    def __init__(self, source: FakeRegistry, destination: FakeRegistry) -> None:
        self._clients = {"src": client(source, SRC_HOST, writes=True),
                         "dst": client(destination, DST_HOST, writes=True)}
        self.destination_asked = threading.Event()
        self.overlapped = False

    def writes_enabled(self) -> bool:
        return True

    def account_id(self, profile: str, region: str) -> str:
        return {"src": "111122223333", "dst": "444455556666"}[profile]

    def registry(self, profile: str, region: str) -> object:
        if profile == "dst":
            self.destination_asked.set()
        else:
            self.overlapped = self.destination_asked.wait(PATIENCE)
        return self._clients[profile]

    def write_target(self, profile: str, region: str, repository: str, reference: str
                     ) -> SimpleNamespace:
        return SimpleNamespace(image=None, repository=None)


def test_the_destination_client_is_made_while_the_source_client_is() -> None:
    source = FakeRegistry()
    digest, _children = source.seed_index("app", "v1")
    backend = _Backend(source, FakeRegistry())
    with ThreadPoolExecutor(8) as pool:
        plan = plan_copy(backend, request(), pool)
    assert backend.overlapped
    assert plan.digest == digest and len(plan.blobs("upload")) == 5


def test_the_destination_tag_is_asked_while_the_source_is_read() -> None:
    source, destination = FakeRegistry(), FakeRegistry()
    digest, _children = source.seed_index("app", "v1")
    asked, overlapped = threading.Event(), []
    src_handler, dst_handler = source.handler, destination.handler

    def source_answers(req: httpx.Request) -> httpx.Response:
        if req.url.path == "/v2/app/manifests/v1":
            overlapped.append(asked.wait(PATIENCE))
        return src_handler(req)

    def destination_answers(req: httpx.Request) -> httpx.Response:
        if req.method == "HEAD" and req.url.path == "/v2/app/manifests/prod":
            asked.set()
        return dst_handler(req)

    source.handler, destination.handler = source_answers, destination_answers  # type: ignore[method-assign]
    with ThreadPoolExecutor(8) as pool:
        plan = read_plan(client(source, SRC_HOST, writes=False),
                         client(destination, DST_HOST, writes=False), request(), pool)
    assert overlapped == [True]
    assert plan.digest == digest and plan.current == ""
