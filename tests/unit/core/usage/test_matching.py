"""Workloads matched to one repository's images: digest vs tag, drift, REPO:TAG vs REPO@DIGEST."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ecr_tui.core.models import ImageDetail
from ecr_tui.core.usage.matching import match_repository, select_rows, unused_images
from ecr_tui.core.usage.models import WorkloadImage

A, B = "111111111111", "222222222222"
HOST = f"{A}.dkr.ecr.eu-west-1.amazonaws.com"
OLD, NEW, OTHER = ("sha256:" + c * 64 for c in "abc")
IMAGES = [ImageDetail(NEW, ("prod", "v2")), ImageDetail(OLD, ("v1",)), ImageDetail(OTHER, ())]


def workload(image: str, digest: str = "", *, name: str = "svc", kind: str = "ecs-service",
             account: str = B, running: int | None = 2) -> WorkloadImage:
    lam = kind == "lambda"
    return WorkloadImage(
        "p", account, "us-east-1", kind, "" if lam else "main", name, "" if lam else "svc:3",
        "" if lam else "app", image, digest, None if lam else running, None if lam else 2,
    )


def rows(*workloads: WorkloadImage) -> list:
    return match_repository(workloads, A, "eu-west-1", "team/api", IMAGES)


def test_running_digest_matches_by_digest_and_a_moved_tag_is_drift() -> None:
    [row] = rows(workload(f"{HOST}/team/api:prod", OLD))
    assert (row.digest, row.matched_by, row.tag_moved) == (OLD, "digest", True)
    assert row.account_id == B  # the workload's account, not the registry's


def test_no_running_digest_matches_by_the_tags_current_digest() -> None:
    [row] = rows(workload(f"{HOST}/team/api:prod"))
    assert (row.digest, row.matched_by, row.tag_moved) == (NEW, "tag", False)


def test_a_tag_still_on_the_running_digest_is_no_drift() -> None:
    [row] = rows(workload(f"{HOST}/team/api:prod", NEW))
    assert (row.matched_by, row.tag_moved) == ("digest", False)


def test_a_pinned_digest_runs_that_digest() -> None:
    [row] = rows(workload(f"{HOST}/team/api@{OLD}"))
    assert (row.digest, row.matched_by, row.tag_moved) == (OLD, "digest", False)


def test_no_tag_means_latest() -> None:
    images = [ImageDetail(NEW, ("latest",))]
    [row] = match_repository([workload(f"{HOST}/team/api")], A, "eu-west-1", "team/api", images)
    assert (row.digest, row.matched_by) == (NEW, "tag")


def test_every_ecr_host_form_matches_by_the_registry_not_the_workload() -> None:
    hosts = [f"{A}.dkr.ecr-fips.eu-west-1.amazonaws.com", f"{A}.dkr-ecr.eu-west-1.on.aws",
             HOST.upper()]
    found = rows(*(workload(f"{h}/team/api:v1", name=str(i)) for i, h in enumerate(hosts)))
    assert [r.name for r in found] == ["0", "1", "2"]
    assert not rows(
        workload(f"{B}.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1"),  # another registry
        workload(f"{A}.dkr.ecr.us-east-1.amazonaws.com/team/api:v1"),  # another region
        workload(f"{HOST}/team/api-old:v1"),  # another repository
        workload("public.ecr.aws/team/api:v1"),
        workload("docker.io/library/nginx:1.27"),
        workload("team/api:v1"),
    )


def test_lambda_rows_have_no_counts_and_no_cluster() -> None:
    [row] = rows(workload(f"{HOST}/team/api:v1", OLD, kind="lambda", name="fn"))
    assert row.as_json()["running"] is None and row.as_json()["cluster"] == ""
    assert (row.kind, row.matched_by, row.tag_moved) == ("lambda", "digest", False)


def test_select_by_tag_shows_drift_and_other_references_to_its_digest() -> None:
    found = rows(
        workload(f"{HOST}/team/api:prod", OLD, name="drifted"),
        workload(f"{HOST}/team/api@{NEW}", name="pinned"),
        workload(f"{HOST}/team/api:v2", NEW, name="other-tag"),
        workload(f"{HOST}/team/api:v1", OLD, name="unrelated"),
    )
    assert [r.name for r in select_rows(found, IMAGES, tag="prod")] == [
        "drifted", "other-tag", "pinned"]
    assert [r.name for r in select_rows(found, IMAGES, digest=OLD)] == ["drifted", "unrelated"]
    assert len(select_rows(found, IMAGES)) == 4


def test_unused_images_are_those_no_row_runs() -> None:
    found = rows(workload(f"{HOST}/team/api:prod"), workload(f"{HOST}/team/api@{OLD}", name="x"))
    assert unused_images(found, IMAGES) == [IMAGES[2]]


DIGESTS = st.sampled_from([OLD, NEW, OTHER, ""])
TAGS = st.sampled_from(["prod", "v1", "v2", "gone", ""])


@given(st.lists(st.tuples(TAGS, DIGESTS, DIGESTS), max_size=8))
def test_rows_follow_the_rules_whatever_the_workloads(specs: list) -> None:
    workloads = []
    for i, (tag, pinned, running) in enumerate(specs):
        image = f"{HOST}/team/api" + (f":{tag}" if tag else "") + (f"@{pinned}" if pinned else "")
        workloads.append(workload(image, running, name=f"w{i}"))
    current = {t: i.digest for i in IMAGES for t in i.tags}
    found = rows(*workloads)
    assert len(found) == len(workloads)
    for row in found:
        spec = specs[int(row.name[1:])]
        tag, pinned, running = spec
        runs = running or pinned
        assert row.matched_by == ("digest" if runs else "tag")
        named = tag or ("" if pinned else "latest")
        assert row.digest == (runs or current.get(named, ""))
        assert row.tag_moved == bool(runs and named in current and current[named] != runs)
    used = {r.digest for r in found}
    assert all(i.digest not in used for i in unused_images(found, IMAGES))
    for digest in (OLD, NEW):
        assert {r.name for r in select_rows(found, IMAGES, digest=digest)} == {
            r.name for r in found if r.digest == digest}
