"""The scope-wide scan: every pair on the backend's pool, rows per pair as they come, failures
kept apart, one workload seen through two profiles counted once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from ecr_tui.core.errors import AccessDeniedError
from ecr_tui.core.models import ImageDetail, Profile, ProfileKind, ProfileRegion
from ecr_tui.core.usage.scan import in_use_by_repository, unused, usage_of
from ecr_tui.core.usage_records import PairFailure, WorkloadImage

A, B = "111111111111", "222222222222"
HOST = f"{A}.dkr.ecr.eu-west-1.amazonaws.com"
OLD, NEW, IDLE = ("sha256:" + c * 64 for c in "abc")
IMAGES = [ImageDetail(NEW, ("prod",)), ImageDetail(OLD, ()), ImageDetail(IDLE, ("v0",))]


def svc(profile: str, account: str, name: str, image: str, digest: str = "") -> WorkloadImage:
    return WorkloadImage(profile, account, "eu-west-1", "ecs-service", "main", name, "f:1", "app",
                         image, digest, 1, 1)


class FakeBackend:
    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(4)
        self.calls: list[tuple[str, str, bool]] = []
        self.images_read: list[tuple[str, str, str]] = []
        self.by_pair = {
            ("a-admin", "eu-west-1"): [svc("a-admin", A, "web", f"{HOST}/api:prod", OLD)],
            ("a-read", "eu-west-1"): [svc("a-read", A, "web", f"{HOST}/api:prod", OLD)],
            ("b", "eu-west-1"): [svc("b", B, "worker", f"{HOST}/api:prod"),
                                 svc("b", B, "other", f"{HOST}/web:1", NEW)],
        }

    def workloads(self, profile: str, region: str, *, refresh: bool = False) -> list:
        self.calls.append((profile, region, refresh))
        if profile == "denied":
            raise AccessDeniedError(f"access denied: ecs:ListClusters for profile denied in "
                                    f"{region}", fix="grant ecs:ListClusters to this identity")
        return self.by_pair.get((profile, region), [])

    def images(self, profile: str, region: str, repository: str) -> list[ImageDetail]:
        self.images_read.append((profile, region, repository))
        return IMAGES

    def profiles(self, *, discovered: bool = True) -> list[Profile]:
        return [self.profile(n) for n in ("a-admin", "a-read", "b", "denied")]

    def profile(self, name: str) -> Profile:
        account = {"a-admin": A, "a-read": A, "b": B}.get(name)
        return Profile(name, ProfileKind.STATIC, "eu-west-1", account_id=account)

    def account_id(self, profile: str, region: str) -> str:
        return self.profile(profile).account_id or ""

    def executor(self) -> ThreadPoolExecutor:
        return self.pool


PAIRS = [ProfileRegion(p, "eu-west-1") for p in ("a-admin", "a-read", "b", "denied")]


@pytest.fixture
def backend() -> FakeBackend:
    fake = FakeBackend()
    yield fake
    fake.pool.shutdown()


def test_usage_of_scans_every_pair_and_keeps_failures_apart(backend: FakeBackend) -> None:
    seen: list[tuple[str, object]] = []
    report = usage_of(backend, PAIRS, A, "eu-west-1", "api", images=IMAGES,
                      on_pair=lambda pair, got: seen.append((pair.profile, got)))
    assert [(r.account_id, r.name, r.digest, r.matched_by, r.tag_moved) for r in report.rows] == [
        (A, "web", OLD, "digest", True), (B, "worker", NEW, "tag", False)]
    assert report.failures == (PairFailure("denied", "eu-west-1", "access denied: "
                               "ecs:ListClusters for profile denied in eu-west-1"),)
    assert not report.complete and report.pairs_scanned == 4
    assert sorted(p for p, _ in seen) == ["a-admin", "a-read", "b", "denied"]
    given = [row for _, got in seen if isinstance(got, list) for row in got]
    assert sorted(given, key=lambda r: r.name) == sorted(report.rows, key=lambda r: r.name)
    assert backend.images_read == []
    assert unused(report, IMAGES) == [IMAGES[2]]


def test_images_are_read_through_a_profile_of_the_registry_account(backend: FakeBackend) -> None:
    report = usage_of(backend, PAIRS[2:], A, "eu-west-1", "api", refresh=True)
    assert backend.images_read == [("a-admin", "eu-west-1", "api")]
    assert {c[2] for c in backend.calls} == {True}
    assert [r.name for r in report.rows] == ["worker"]


def test_read_images_only_once_a_workload_names_the_repository(backend: FakeBackend) -> None:
    read: list[str] = []

    def read_images() -> list[ImageDetail]:
        read.append("read")
        return IMAGES

    report = usage_of(backend, PAIRS, A, "eu-west-1", "unused", read_images=read_images)
    assert read == [] and backend.images_read == [] and report.rows == ()
    report = usage_of(backend, PAIRS, A, "eu-west-1", "api", read_images=read_images)
    assert read == ["read"] and backend.images_read == []
    assert [(r.name, r.digest, r.matched_by) for r in report.rows] == [
        ("web", OLD, "digest"), ("worker", NEW, "tag")]


def test_in_use_by_repository_counts_images_of_every_registry(backend: FakeBackend) -> None:
    scope = in_use_by_repository(backend, PAIRS)
    assert scope.count(A, "eu-west-1", "api") == 2  # OLD by digest, "prod" by tag
    assert scope.count(A, "eu-west-1", "api", IMAGES) == 2  # OLD, NEW (prod's digest)
    assert scope.count(A, "eu-west-1", "web") == 1
    assert scope.count(B, "eu-west-1", "api") == 0
    assert [f.profile for f in scope.failures] == ["denied"] and not scope.complete
