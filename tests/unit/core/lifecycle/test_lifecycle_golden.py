"""Every worked example of AWS's "Examples of lifecycle policies in Amazon ECR" (Amazon ECR User
Guide), as golden tests of the evaluator. Where the page gives a repository and a result, both
are copied; where it gives only a policy, the repository is ours and the expectation is the
page's sentence about the policy. "Pushed: N days ago" is exactly N days before now."""

from __future__ import annotations

import pytest

from tests.unit.core.lifecycle.lifecycle_cases import (
    acted,
    image,
    outcome,
    policy_text,
    rule,
)

PUSHED_14 = {"tagStatus": "tagged", "tagPatternList": ["prod*"], "countType": "sinceImagePushed",
             "countUnit": "days", "countNumber": 14}
NOT_PULLED_90 = {"tagStatus": "any", "countType": "sinceImagePulled", "countUnit": "days",
                 "countNumber": 90}
ARCHIVED_365 = {"tagStatus": "any", "storageClass": "archive",
                "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 365}


def _count(status: str, n: int, **tags: list[str]) -> dict[str, object]:
    return {"tagStatus": status, **tags, "countType": "imageCountMoreThan", "countNumber": n}


def test_filtering_on_image_age_expires_prod_images_older_than_14_days() -> None:
    images = [image("old-prod", ["prod-1"], 20), image("new-prod", ["prod-2"], 10),
              image("old-dev", ["dev-1"], 30), image("old-untagged", [], 30),
              image("exactly-14", ["production"], 14)]
    assert acted(policy_text(rule(1, PUSHED_14, description="Expire images older than 14 days")),
                 images) == {"old-prod"}


def test_filtering_on_last_pulled_time_archives_images_not_pulled_in_90_days() -> None:
    images = [
        image("pulled-long-ago", ["v1"], 400, pulled=120),
        image("pulled-lately", ["v2"], 400, pulled=10),
        image("never-pulled-old", [], 200),  # never pulled: its push time counts
        image("never-pulled-new", ["v3"], 30),
        image("restored-not-pulled", ["v4"], 400, pulled=300, activated=10),  # restore counts
        image("restored-long-ago", ["v5"], 400, pulled=300, activated=100),
        image("already-archived", ["v6"], 400, pulled=300, status="ARCHIVED", archived=100),
    ]
    text = policy_text(rule(1, NOT_PULLED_90, "transition"))
    assert acted(text, images, "transition") == {
        "pulled-long-ago", "never-pulled-old", "restored-long-ago"}
    assert acted(text, images) == set()


def test_filtering_on_archive_transition_time_expires_images_archived_over_365_days() -> None:
    images = [image("archived-long-ago", ["v1"], 900, status="ARCHIVED", archived=400),
              image("archived-lately", ["v2"], 900, status="ARCHIVED", archived=100),
              image("standard-old", ["v3"], 900)]
    assert acted(policy_text(rule(1, ARCHIVED_365)), images) == {"archived-long-ago"}


def test_filtering_on_image_count_keeps_only_one_untagged_image() -> None:
    images = [image("u1", [], 3), image("u2", [], 2), image("u3", [], 1),
              image("tagged", ["v1"], 9)]
    assert acted(policy_text(rule(1, _count("untagged", 1))), images) == {"u1", "u2"}


MULTIPLE_RULES = [image("A", ["beta-1", "prod-1"], 10), image("B", ["beta-2", "prod-2"], 9),
                  image("C", ["beta-3"], 8)]
PROD = {"tagPatternList": ["prod*"]}
BETA = {"tagPatternList": ["beta*"]}
PROD_PREFIX = {"tagPrefixList": ["prod"]}  # the page's older edition used prefix lists
BETA_PREFIX = {"tagPrefixList": ["beta"]}


@pytest.mark.parametrize(("prod", "beta"), [(PROD, BETA), (PROD_PREFIX, BETA_PREFIX)])
def test_multiple_rules_example_a_expires_image_a(prod: dict, beta: dict) -> None:
    text = policy_text(rule(1, _count("tagged", 1, **prod), description="Rule 1"),
                       rule(2, _count("tagged", 1, **beta), description="Rule 2"))
    # Rule 2 would mark B too, but B was seen by rule 1: expiring it would violate rule 1
    assert outcome(text, MULTIPLE_RULES) == {
        "A": ("expire", 1), "B": ("keep", None), "C": ("keep", None)}


@pytest.mark.parametrize(("prod", "beta"), [(PROD, BETA), (PROD_PREFIX, BETA_PREFIX)])
def test_multiple_rules_example_b_expires_images_a_and_b(prod: dict, beta: dict) -> None:
    text = policy_text(rule(1, _count("tagged", 1, **beta)), rule(2, _count("tagged", 1, **prod)))
    assert outcome(text, MULTIPLE_RULES) == {
        "A": ("expire", 1), "B": ("expire", 1), "C": ("keep", None)}


def test_multiple_tags_in_one_rule_example_a_expires_image_c() -> None:
    images = [image("A", ["alpha-1"], 12), image("B", ["beta-1"], 11),
              image("C", ["alpha-2", "beta-2"], 10), image("D", ["alpha-3"], 4),
              image("E", ["beta-3"], 3), image("F", ["alpha-4", "beta-4"], 2)]
    selection = {"tagStatus": "tagged", "tagPatternList": ["alpha*", "beta*"],
                 "countType": "sinceImagePushed", "countNumber": 5, "countUnit": "days"}
    assert acted(policy_text(rule(1, selection)), images) == {"C"}


def test_multiple_tags_in_one_rule_example_b_tags_are_not_exclusive() -> None:
    images = [image("A", ["alpha-1", "beta-1", "gamma-1"], 10),
              image("B", ["alpha-2", "beta-2"], 9),
              image("C", ["alpha-3", "beta-3", "gamma-2"], 8)]
    text = policy_text(rule(1, _count("tagged", 1, tagPatternList=["alpha*", "beta*"])))
    assert acted(text, images) == {"A", "B"}


def test_all_images_example_a_keeps_only_the_newest() -> None:
    images = [image("A", ["alpha-1"], 4), image("B", ["beta-1"], 3), image("C", [], 2),
              image("D", ["alpha-2"], 1)]
    assert acted(policy_text(rule(1, _count("any", 1))), images) == {"A", "B", "C"}


def test_all_images_example_b_combines_every_rule_type() -> None:
    # D and E were both pushed "1 day ago": E, listed later, is the newer (ties keep the order)
    images = [image("A", ["alpha-1", "beta-1"], 4), image("B", [], 3),
              image("C", ["alpha-2"], 2), image("D", ["git hash"], 1), image("E", [], 1)]
    untagged_1_day = {"tagStatus": "untagged", "countType": "sinceImagePushed",
                      "countUnit": "days", "countNumber": 1}
    text = policy_text(rule(1, _count("tagged", 1, tagPatternList=["alpha*"])),
                       rule(2, untagged_1_day), rule(3, _count("any", 1)))
    assert outcome(text, images) == {
        "A": ("expire", 1), "B": ("expire", 2), "C": ("keep", None), "D": ("expire", 3),
        "E": ("keep", None)}


def test_archive_example_archives_prod_images_older_than_30_days() -> None:
    images = [image("prod-old", ["prod-1"], 31), image("prod-new", ["prod-2"], 29),
              image("dev-old", ["dev-1"], 90)]
    selection = {**PUSHED_14, "countNumber": 30}
    assert acted(policy_text(rule(1, selection, "transition")), images, "transition") == {
        "prod-old"}


def test_archive_example_combines_archiving_and_expiring() -> None:
    images = [image("fresh", ["v1"], 10), image("old", ["v2"], 40),
              image("archived-lately", ["v3"], 500, status="ARCHIVED", archived=200),
              image("archived-long-ago", ["v4"], 900, status="ARCHIVED", archived=400)]
    archive_30 = {"tagStatus": "any", "countType": "sinceImagePushed", "countUnit": "days",
                  "countNumber": 30}
    text = policy_text(rule(1, archive_30, "transition"), rule(2, ARCHIVED_365))
    # rule 1 selects standard images only: it does not shield archived ones from rule 2
    assert outcome(text, images) == {
        "fresh": ("keep", None), "old": ("transition", 1), "archived-lately": ("keep", None),
        "archived-long-ago": ("expire", 2)}
