"""Properties of the evaluator over generated policies and repositories: one decision per image,
a rule never acts on an image a higher-priority rule selects, untagged-only policies never touch
tagged images, a count rule keeps its newest images, referenced images are never acted on."""

from __future__ import annotations

import fnmatch
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from ecr_tui.core.lifecycle.evaluate import evaluate
from ecr_tui.core.lifecycle.parse import parse_policy
from ecr_tui.core.lifecycle.policy import LifecyclePolicy, PolicyError
from ecr_tui.core.models import ImageDetail
from tests.unit.core.lifecycle.lifecycle_cases import NOW, image, policy_text, rule

TAGS = ["a1", "a2", "b1", "b2", "c", "1", "ab"]
FILTERS = st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=2, unique=True)
PATTERNS = st.lists(st.sampled_from(["a*", "b*", "*1", "*b*", "c"]), min_size=1, max_size=2,
                    unique=True)
DAYS = st.integers(min_value=0, max_value=500)


@st.composite
def selections(draw: st.DrawFn, status: str) -> tuple[dict[str, Any], str]:
    selection: dict[str, Any] = {"tagStatus": status}
    if status == "tagged":
        if draw(st.booleans()):
            selection["tagPrefixList"] = draw(FILTERS)
        else:
            selection["tagPatternList"] = draw(PATTERNS)
    count_type = draw(st.sampled_from(["imageCountMoreThan", "sinceImagePushed",
                                       "sinceImagePulled", "sinceImageTransitioned"]))
    selection["countType"] = count_type
    if count_type == "imageCountMoreThan":
        selection["countNumber"] = draw(st.integers(min_value=1, max_value=4))
        return selection, draw(st.sampled_from(["expire", "transition"]))
    selection["countUnit"] = "days"
    if count_type == "sinceImageTransitioned":
        selection["storageClass"] = "archive"
        selection["countNumber"] = draw(st.integers(min_value=90, max_value=300))
        return selection, "expire"
    selection["countNumber"] = draw(st.integers(min_value=1, max_value=300))
    pulled = count_type == "sinceImagePulled"
    return selection, "transition" if pulled else draw(st.sampled_from(["expire", "transition"]))


@st.composite
def policies(draw: st.DrawFn, statuses: st.SearchStrategy[str] | None = None) -> LifecyclePolicy:
    if statuses is None:
        statuses = st.sampled_from(["tagged", "untagged", "any"])
    kinds = draw(st.lists(statuses, min_size=1, max_size=5))
    kinds.sort(key=lambda s: s == "any")  # `any` rules come last, as ECR requires
    priorities = sorted(draw(st.lists(st.integers(min_value=1, max_value=99), min_size=len(kinds),
                                      max_size=len(kinds), unique=True)))
    rules = []
    for priority, status in zip(priorities, kinds, strict=True):
        selection, action = draw(selections(status))
        rules.append(rule(priority, selection, action))
    try:
        return parse_policy(policy_text(*rules))
    except PolicyError:  # two rules with the same filters, two untagged rules: ECR refuses
        assume(False)
        raise


@st.composite
def repositories(draw: st.DrawFn) -> list[ImageDetail]:
    count = draw(st.integers(min_value=0, max_value=12))
    images = []
    for n in range(count):
        archived = draw(st.booleans())
        images.append(image(
            f"i{n}", draw(st.lists(st.sampled_from(TAGS), max_size=3, unique=True)), draw(DAYS),
            pulled=draw(st.none() | DAYS), status="ARCHIVED" if archived else "ACTIVE",
            archived=draw(DAYS) if archived else None, activated=draw(st.none() | DAYS)))
    return images


def _selects(r: Any, img: ImageDetail) -> bool:
    """The selection, written again independently (fnmatch) to check the evaluator's."""
    cls = "archive" if img.image_status == "ARCHIVED" else "standard"
    if cls != r.storage_class:
        return False
    if r.tag_status == "untagged":
        return not img.tags
    if r.tag_status == "any":
        return True
    filters = [p + "*" for p in r.tag_prefixes] + list(r.tag_patterns)
    return all(any(fnmatch.fnmatchcase(t, f) for t in img.tags) for f in filters)


@given(policies(), repositories())
def test_one_decision_per_image_by_at_most_one_rule(policy: LifecyclePolicy,
                                                    images: list[ImageDetail]) -> None:
    decisions = evaluate(policy, images, NOW)
    assert [d.digest for d in decisions] == [i.digest for i in images]
    for d in decisions:
        assert (d.action == "keep") == (d.rule is None)
        if d.rule is not None:
            assert policy.rule(d.rule).action == d.action  # type: ignore[union-attr]


@given(policies(), repositories())
def test_no_rule_acts_on_an_image_a_higher_priority_rule_selects(
        policy: LifecyclePolicy, images: list[ImageDetail]) -> None:
    for img, d in zip(images, evaluate(policy, images, NOW), strict=True):
        if d.rule is not None:
            assert _selects(policy.rule(d.rule), img)
            higher = [r.priority for r in policy.rules if r.priority < d.rule]
            assert not [p for p in higher if _selects(policy.rule(p), img)]


@given(policies(st.just("untagged")), repositories())
def test_untagged_only_rules_never_touch_tagged_images(
        policy: LifecyclePolicy, images: list[ImageDetail]) -> None:
    for img, d in zip(images, evaluate(policy, images, NOW), strict=True):
        if img.tags:
            assert d.action == "keep" and d.selected_by is None


@given(policies(), repositories())
def test_a_count_rule_never_acts_on_its_newest_images(
        policy: LifecyclePolicy, images: list[ImageDetail]) -> None:
    decisions = evaluate(policy, images, NOW)
    for r in policy.rules:
        if r.count_type == "imageCountMoreThan":
            hit = [d for d in decisions if d.rule == r.priority]
            selected = [i for i in images if _selects(r, i)]
            assert len(hit) <= max(0, len(selected) - r.count_number)


@given(policies(), repositories(), st.data())
def test_an_image_a_manifest_list_references_is_never_acted_on(
        policy: LifecyclePolicy, images: list[ImageDetail], data: st.DataObject) -> None:
    held = data.draw(st.sets(st.sampled_from([i.digest for i in images]))) if images else set()
    plain = evaluate(policy, images, NOW)
    with_held = evaluate(policy, images, NOW, referenced=held)
    for before, after in zip(plain, with_held, strict=True):
        if before.digest in held:
            assert after.action == "keep" and after.held == (before.action != "keep")
        else:
            assert after == before
