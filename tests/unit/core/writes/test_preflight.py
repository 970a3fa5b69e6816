"""The preflight, on hand-made records: immutable tags (with exclusion filters), archived
images, images workloads run (hand-made UsageReports), and plans refused or forced."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

import pytest

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.records import ImageDetail, Repository
from ecr_tui.core.usage_records import PairFailure, UsageReport, UsageRow
from ecr_tui.core.write_records import WriteTarget
from ecr_tui.core.writes import preflight
from ecr_tui.core.writes.audit import MemoryAuditLog
from ecr_tui.core.writes.plan import Checks, plan_delete, plan_tag, plan_untag
from ecr_tui.core.writes.run import run_plan

ACCOUNT, REGION, REPO = "111122223333", "eu-west-1", "team/api"
OLD, NEW = "sha256:" + "0" * 64, "sha256:" + "1" * 64
WHEN = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _repo(mutability: str = "MUTABLE", *filters: str) -> Repository:
    return Repository(REPO, f"x/{REPO}", ACCOUNT, tag_mutability=mutability,
                      tag_mutability_exclusions=filters)


@pytest.mark.parametrize(("mutability", "filters", "tag", "immutable"), [
    ("MUTABLE", (), "prod", False),
    ("IMMUTABLE", (), "prod", True),
    ("IMMUTABLE_WITH_EXCLUSION", ("latest", "dev-*"), "dev-42", False),
    ("IMMUTABLE_WITH_EXCLUSION", ("latest", "dev-*"), "latest", False),
    ("IMMUTABLE_WITH_EXCLUSION", ("latest", "dev-*"), "prod", True),
    ("IMMUTABLE_WITH_EXCLUSION", ("dev-*",), "xdev-1", True),  # whole-tag match only
    ("MUTABLE_WITH_EXCLUSION", ("release-*",), "release-1.2", True),
    ("MUTABLE_WITH_EXCLUSION", ("release-*",), "prod", False),
    ("MUTABLE_WITH_EXCLUSION", ("v1.?",), "v1.2", False),  # `?` is literal in ECR filters
])
def test_tag_mutability_honours_exclusion_wildcards(
    mutability: str, filters: tuple[str, ...], tag: str, immutable: bool
) -> None:
    assert preflight.tag_is_immutable(_repo(mutability, *filters), tag) is immutable


def _row(name: str, digest: str, image: str = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/"
         f"{REPO}:prod") -> UsageRow:
    return UsageRow("prod", ACCOUNT, REGION, "ecs-service", "main", name, f"{name}:3", "app",
                    image, digest, "digest", 2, 2, False)


def _report(*rows: UsageRow, failures: tuple[PairFailure, ...] = ()) -> UsageReport:
    return UsageReport(ACCOUNT, REGION, REPO, rows, failures, 1, WHEN)


@dataclass
class FakeBackend:
    """The Backend's write methods over a dict of images (what plan and run call)."""

    repository: Repository = field(default_factory=_repo)
    images: dict[str, ImageDetail] = field(default_factory=dict)
    calls: list[tuple[str, ...]] = field(default_factory=list)
    log: MemoryAuditLog = field(default_factory=MemoryAuditLog)

    def write_target(self, profile: str, region: str, repository: str, ref: str) -> WriteTarget:
        found = next((i for i in self.images.values() if ref == i.digest or ref in i.tags), None)
        return WriteTarget(ACCOUNT, self.repository, found)

    def put_tag(self, profile: str, region: str, repo: str, digest: str, tag: str) -> bool:
        self.calls.append(("put_tag", digest, tag))
        return True

    def remove_tag(self, profile: str, region: str, repo: str, tag: str) -> None:
        self.calls.append(("remove_tag", tag))

    def delete_images(self, profile: str, region: str, repo: str, digests: tuple) -> None:
        self.calls.append(("delete_images", *digests))

    def referrers(self, profile: str, region: str, repo: str, digest: str) -> list:
        return []

    def audit_log(self) -> MemoryAuditLog:
        return self.log


def _backend(repository: Repository | None = None, *, archived: bool = False) -> FakeBackend:
    return FakeBackend(repository or _repo(), {
        OLD: ImageDetail(OLD, ("v1",), image_status="ARCHIVED" if archived else "ACTIVE"),
        NEW: ImageDetail(NEW, ("prod", "v2")),
    })


def _checks(report: UsageReport | None) -> Checks:
    return Checks(usage=lambda *_: report)


def test_rollback_preview_shows_what_prod_names_now_and_who_runs_it() -> None:
    backend = _backend()
    plan = plan_tag(backend, _checks(_report(_row("api", NEW))), "prod", REGION, REPO, OLD,
                    "prod")
    assert (plan.digest, plan.current) == (OLD, NEW)
    assert plan.workloads == (f"ecs-service main/api (2/2 running) in {ACCOUNT} {REGION}",)
    assert not plan.refusals
    text = "\n".join(plan.preview())
    assert f"prod now  {NEW}" in text and "ecr:PutImage" in text and ACCOUNT in text
    assert run_plan(backend, plan).result == "done"
    assert backend.calls == [("put_tag", OLD, "prod")]


def test_moving_an_immutable_tag_is_refused_in_one_line_and_audited() -> None:
    backend = _backend(_repo("IMMUTABLE_WITH_EXCLUSION", "dev-*"))
    plan = plan_tag(backend, _checks(_report()), "prod", REGION, REPO, OLD, "prod")
    assert [r.text for r in plan.refusals] == [
        "tag 'prod' is immutable in team/api (IMMUTABLE_WITH_EXCLUSION (exclusions: dev-*)): "
        "it cannot be moved or removed"]
    result = run_plan(backend, plan, force=True)  # --force does not override immutability
    assert result.result == "refused" and backend.calls == []
    assert backend.log.entries()[0].result.startswith("refused: tag 'prod' is immutable")


def test_a_new_tag_in_an_immutable_repository_is_allowed() -> None:
    backend = _backend(_repo("IMMUTABLE"))
    plan = plan_tag(backend, _checks(_report()), "prod", REGION, REPO, OLD, "hotfix")
    assert plan.refusals == () and plan.current == ""


def test_an_archived_target_is_refused() -> None:
    backend = _backend(archived=True)
    for plan in (plan_tag(backend, _checks(_report()), "p", REGION, REPO, "v1", "prod"),
                 plan_delete(backend, _checks(_report()), "p", REGION, REPO, OLD)):
        assert [r.forceable for r in plan.refusals] == [False]
        assert plan.refusals[0].text.startswith(f"{OLD} is ARCHIVED: restore it first")
        assert run_plan(backend, plan, force=True).result == "refused"
    assert backend.calls == []


def test_deleting_what_runs_names_the_workloads_and_force_overrides_it_recorded() -> None:
    backend = _backend()
    report = _report(_row("api", NEW), _row("worker", NEW))
    plan = plan_delete(backend, _checks(report), "prod", REGION, REPO, "v2")
    (refusal,) = plan.refusals
    assert refusal.forceable and "ecs-service main/api" in refusal.text
    assert "ecs-service main/worker" in refusal.text
    assert run_plan(backend, plan).result == "refused" and backend.calls == []
    forced = run_plan(backend, plan, force=True)
    assert (forced.result, forced.forced) == ("done", True)
    assert backend.calls == [("delete_images", NEW)]
    assert [(e.result.split(":")[0], e.forced) for e in backend.log.entries()] == [
        ("refused", False), ("done", True)]


def test_an_incomplete_usage_scan_cannot_prove_unused() -> None:
    failed = (PairFailure("prod", REGION, "ecs:ListClusters denied"),)
    plan = plan_delete(_backend(), _checks(_report(failures=failed)), "p", REGION, REPO, OLD)
    assert plan.refusals[0].forceable and "ecs:ListClusters denied" in plan.refusals[0].text
    none = plan_delete(_backend(), _checks(None), "p", REGION, REPO, OLD)
    assert none.refusals[0].text == f"could not check what runs {REPO}@{OLD}"


def test_untag_of_a_last_tag_is_a_delete_and_of_a_named_tag_is_refused() -> None:
    backend = _backend()
    last = plan_untag(backend, _checks(_report(_row("api", OLD))), "p", REGION, REPO, "v1")
    assert "last tag" in last.warnings[0] and last.refusals[0].forceable
    named = plan_untag(backend, _checks(_report(_row("api", "sha256:" + "9" * 64))), "p",
                       REGION, REPO, "prod")
    assert named.refusals[0].text.startswith("team/api:prod is named by ecs-service main/api")
    free = plan_untag(backend, _checks(_report()), "p", REGION, REPO, "v2")
    assert free.refusals == () and run_plan(backend, free).result == "done"
    assert backend.calls == [("remove_tag", "v2")]


def test_untagging_latest_is_refused_when_a_workload_names_the_repository_bare() -> None:
    # `host/team/api` with no tag pulls `latest`: the workload's next pull needs that tag.
    backend = FakeBackend(_repo(), {NEW: ImageDetail(NEW, ("latest", "v2"))})
    bare = _row("api", "sha256:" + "9" * 64, f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/{REPO}")
    plan = plan_untag(backend, _checks(_report(bare)), "p", REGION, REPO, "latest")
    assert plan.refusals and plan.refusals[0].forceable
    assert "ecs-service main/api" in plan.refusals[0].text


def test_a_reference_without_an_image_is_one_line() -> None:
    with pytest.raises(EcrTuiError, match="team/api has no image nope"):
        plan_delete(_backend(), _checks(_report()), "p", REGION, REPO, "nope")


def test_a_lifecycle_warning_is_shown_not_refused() -> None:
    def expiry(profile: str, region: str, repo: str, image: ImageDetail) -> str | None:
        return preflight.expires_at_once("scratch", "scratch" in image.tags, "1")

    plan = plan_tag(_backend(), Checks(lambda *_: _report(), expiry), "p", REGION, REPO, OLD,
                    "scratch")
    assert plan.refusals == ()
    assert plan.warnings == ("a lifecycle rule would expire the image tagged 'scratch' at its "
                             "next run (rule 1)",)


def test_a_failed_write_keeps_the_errors_fix_in_its_result_and_audit_line() -> None:
    class Failing(FakeBackend):
        def put_tag(self, profile: str, region: str, repo: str, digest: str, tag: str) -> bool:
            raise EcrTuiError("registry r sent a TLS certificate nobody trusts",
                              fix="point AWS_CA_BUNDLE at the CA that signs it")

    backend = Failing(_repo(), _backend().images)
    plan = plan_tag(backend, _checks(_report()), "prod", REGION, REPO, OLD, "prod")
    result = run_plan(backend, plan)
    assert result.result == "failed"
    assert result.detail == ("registry r sent a TLS certificate nobody trusts "
                             "(fix: point AWS_CA_BUNDLE at the CA that signs it)")
    assert backend.log.entries()[-1].result == f"failed: {result.detail}"
