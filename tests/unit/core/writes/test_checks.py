"""The preflight wired to its real sources on the demo: "In use where" over the write's scope
(workloads named, an incomplete scan refused unless forced) and the lifecycle evaluator (a tag
a rule would expire at once is a warning)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from ecr_tui.core.identity import Target
from ecr_tui.core.records import ImageDetail
from ecr_tui.core.writes.checks import default_checks, lifecycle_warning, write_scope
from ecr_tui.core.writes.plan import plan_delete, plan_tag, plan_untag
from ecr_tui.core.writes.run import run_plan
from ecr_tui.demo.backend import DemoBackend

HOME_PAIR = Target("default", "us-east-1")
HOME = ("default", "us-east-1")
DENIED = Target("ci-process", "ap-southeast-2")  # the demo's pair whose role may not read ECS


@pytest.fixture(scope="module")
def demo() -> DemoBackend:
    return DemoBackend(allow_writes=True)


def test_the_scope_is_the_chosen_pairs_each_profile_in_the_writes_region_and_its_own() -> None:
    chosen = [Target("a", "eu-west-1"), Target("b", "eu-west-1"), Target("a", "us-east-1")]
    assert write_scope(chosen, "w", "us-east-1") == [
        Target("w", "us-east-1"), *chosen, Target("b", "us-east-1")]
    assert write_scope([], "w", "us-east-1") == [Target("w", "us-east-1")]


def test_deleting_what_a_service_runs_names_it(demo: DemoBackend) -> None:
    newest = demo.images(*HOME, "base/node")[0]
    plan = plan_delete(demo, default_checks(demo, lambda: [HOME_PAIR]), *HOME, "base/node",
                       newest.digest)
    (refusal,) = plan.refusals
    assert refusal.forceable
    assert refusal.text == (f"base/node@{newest.digest} is in use by ecs-service prod/frontend "
                            "(3/3 running) in 111122223333 us-east-1")
    assert plan.workloads == ("ecs-service prod/frontend (3/3 running) in 111122223333 us-east-1",)


def test_a_workload_in_another_account_of_the_scope_counts(demo: DemoBackend) -> None:
    # prod-eu/api-eu (account 444455556666, eu-west-1) runs the home registry's newest api
    newest = demo.images(*HOME, "platform/api")[0]
    scope = [Target("prod-admin", "eu-west-1")]
    plan = plan_delete(demo, default_checks(demo, lambda: scope), *HOME, "platform/api",
                       newest.digest)
    assert any("ecs-service prod-eu/api-eu (4/4 running) in 444455556666 eu-west-1" in line
               for line in plan.workloads)


def test_an_incomplete_scan_refuses_a_delete_unless_forced(demo: DemoBackend) -> None:
    backend = DemoBackend(allow_writes=True)
    oldest = backend.images(*HOME, "base/node")[-1]
    checks = default_checks(backend, lambda: [HOME_PAIR, DENIED])
    plan = plan_delete(backend, checks, *HOME, "base/node", oldest.digest)
    (refusal,) = plan.refusals
    assert refusal.forceable and refusal.text.startswith(
        f"could not check every workload for base/node@{oldest.digest} (ci-process "
        "ap-southeast-2: User: arn:aws:sts::")
    assert run_plan(backend, plan).result == "refused"
    forced = run_plan(backend, plan, force=True)
    assert (forced.result, forced.forced) == ("done", True)
    assert backend.audit_log().entries()[-1].forced is True
    home = default_checks(backend, lambda: [HOME_PAIR])
    complete = plan_delete(backend, home, *HOME, "base/node",
                           backend.images(*HOME, "base/node")[-1].digest)
    assert complete.refusals == ()


def test_untagging_a_tag_a_workload_names_is_refused_and_an_unread_pair_too(
    demo: DemoBackend,
) -> None:
    rows = demo.images(*HOME, "base/node")
    named = next(t for t in rows[0].tags if t != "latest")  # prod/frontend names it
    plan = plan_untag(demo, default_checks(demo, lambda: [HOME_PAIR]), *HOME, "base/node", "latest")
    assert plan.refusals == () and plan.warnings == ()  # no workload names `latest`
    unread = plan_untag(demo, default_checks(demo, lambda: [DENIED]), *HOME, "base/node",
                        "latest")
    assert [r.text.split(" (")[0] for r in unread.refusals] == [
        "could not check every workload for base/node:latest"]
    home = default_checks(demo, lambda: [HOME_PAIR])
    frontend = plan_untag(demo, home, *HOME, "base/node", named)
    assert frontend.refusals[0].text == (f"base/node:{named} is named by ecs-service "
                                         "prod/frontend (3/3 running) in 111122223333 us-east-1")


def test_a_new_tag_reads_no_workloads(demo: DemoBackend) -> None:
    def scope() -> list[Target]:
        raise AssertionError("a new tag names nothing that runs: no scan")

    newest = demo.images(*HOME, "base/node")[0]
    plan = plan_tag(demo, default_checks(demo, scope), *HOME, "base/node", newest.digest,
                    "brand-new")
    assert plan.current == "" and plan.workloads == ()


def test_a_release_tag_on_an_old_image_warns_that_rule_1_expires_it(demo: DemoBackend) -> None:
    # platform/api keeps the newest 40 images with a release tag (*.*.*): an old image given
    # one is the 41st and beyond; the newest given one is kept.
    images = demo.images(*HOME, "platform/api")
    checks = default_checks(demo, lambda: [HOME_PAIR])
    old = plan_tag(demo, checks, *HOME, "platform/api", images[300].digest, "28.3.7")
    assert old.warnings == ("a lifecycle rule would expire the image tagged '28.3.7' at its "
                            "next run (rule 1)",)
    assert old.refusals == ()
    new = plan_tag(demo, checks, *HOME, "platform/api", images[0].digest, "28.3.7")
    assert new.warnings == ()


def test_a_tag_an_archive_rule_selects_warns_of_archiving() -> None:
    policy = ('{"rules": [{"rulePriority": 1, "selection": {"tagStatus": "tagged", '
              '"tagPrefixList": ["cold-"], "countType": "sinceImagePushed", "countUnit": "days",'
              ' "countNumber": 1}, "action": {"type": "transition", '
              '"targetStorageClass": "archive"}}]}')
    when = datetime(2026, 1, 10, tzinfo=timezone.utc)
    image = ImageDetail("sha256:" + "a" * 64, ("v1",), pushed_at=datetime(2026, 1, 1,
                                                                        tzinfo=timezone.utc))

    class Reads:
        def lifecycle_policy(self, profile: str, region: str, repository: str) -> str:
            return policy

        def images(self, profile: str, region: str, repository: str) -> list[ImageDetail]:
            return [image]

    tagged = ImageDetail(image.digest, ("v1", "cold-1"), pushed_at=image.pushed_at)
    warning = lifecycle_warning(Reads(), "p", "r", "repo", tagged, when)  # type: ignore[arg-type]
    assert warning == ("a lifecycle rule would archive the image tagged 'cold-1' at its next "
                       "run (rule 1)")
    fresh = ImageDetail(image.digest, ("v1", "warm-1"), pushed_at=image.pushed_at)
    assert lifecycle_warning(Reads(), "p", "r", "repo", fresh, when) is None  # type: ignore[arg-type]


def test_many_unread_pairs_stay_one_short_line() -> None:
    from ecr_tui.core.usage.models import PairFailure, UsageReport
    from ecr_tui.core.writes import preflight

    failures = tuple(PairFailure(f"p{n}", "us-east-1", "expired") for n in range(5))
    report = UsageReport("1", "us-east-1", "r", (), failures, 5, datetime.now(timezone.utc))
    refusal = preflight.in_use(report, "sha256:x", what="r@sha256:x")
    assert refusal is not None and refusal.text == (
        "could not check every workload for r@sha256:x (p0 us-east-1: expired; p1 us-east-1: "
        "expired; and 3 more pairs)")
