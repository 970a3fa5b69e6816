"""The report the CLI and the Lifecycle view share: in use added after the evaluation, and the
rules that would act on images in use."""

from __future__ import annotations

from ecr_tui.core.lifecycle.parse import parse_policy
from ecr_tui.core.lifecycle.report import build_report
from tests.unit.core.lifecycle.lifecycle_cases import NOW, image, policy_text, rule


def test_in_use_added_later_keeps_the_decisions_and_counts_the_risks() -> None:
    text = policy_text(rule(1, {"tagStatus": "any", "countType": "imageCountMoreThan",
                                "countNumber": 1}, "transition"))
    images = [image("a", ["v3"], 1), image("b", ["v2"], 2), image("c", ["v1"], 3)]
    report = build_report("app", "repository", parse_policy(text), images, NOW)
    assert {v.in_use for v in report.verdicts} == {None} and report.risks() == []
    running = {"sha256:a": 4, "sha256:b": 2, "sha256:c": 3}
    used = report.with_in_use(lambda digest: running[digest])
    assert [v.decision for v in used.verdicts] == [v.decision for v in report.verdicts]
    assert [v.in_use for v in used.verdicts] == [4, 2, 3]  # newest push first
    (risk,) = used.risks()  # a is kept; b and c archived while 5 workloads run them
    assert (risk.priority, risk.images, risk.workloads) == (1, 2, 5)
    assert risk.sentence() == "rule 1 would archive 2 images that 5 services run"
