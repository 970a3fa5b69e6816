"""parse_policy refuses what ECR refuses, in one line naming the rule and the property."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.lifecycle.parse import parse_policy
from ecr_tui.core.lifecycle.policy import PolicyError
from ecr_tui.core.lifecycle.words import describe_rule
from tests.unit.core.lifecycle.lifecycle_cases import policy_text, rule

COUNT = {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 3}
PUSHED = {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days",
          "countNumber": 14}


def _refused(text: str) -> str:
    with pytest.raises(PolicyError) as caught:
        parse_policy(text)
    assert isinstance(caught.value, EcrTuiError)
    message = str(caught.value)
    assert "\n" not in message
    return message


def _with(selection: dict[str, Any], action: str = "expire", **extra: Any) -> str:
    return policy_text({**rule(7, selection, action), **extra})


@pytest.mark.parametrize(("text", "says"), [
    ("{not json", "not JSON (line 1, column 2"),
    ("[]", "must be a JSON object"),
    ('{"rules": []}', "rules must be a non-empty list"),
    ('{"rules": [], "other": 1}', "other is not a lifecycle policy property"),
    (json.dumps({"rules": [rule(1, COUNT)] * 51}), "at most 50 rules"),
    (policy_text({"selection": COUNT, "action": {"type": "expire"}}),
     "rule #1: rulePriority must be a positive integer (got missing)"),
    (policy_text(rule(0, COUNT)), "rule 0: rulePriority must be a positive integer (got 0)"),
    (policy_text(rule(1, PUSHED), rule(1, COUNT)), "rule 1: rulePriority is used by two rules"),
    (_with(COUNT, description=5), "rule 7: description must be a string"),
    (_with(COUNT, extra=1), "rule 7: extra is not a lifecycle policy property"),
    (_with({**COUNT, "tagStatus": "TAGGED"}), "rule 7: selection.tagStatus must be one of"),
    (_with({**COUNT, "tagStatus": "tagged"}),
     "rule 7: selection.tagPatternList or tagPrefixList is required when tagStatus is tagged"),
    (_with({**COUNT, "tagStatus": "tagged", "tagPrefixList": ["a"], "tagPatternList": ["a*"]}),
     "rule 7: selection.tagPatternList and tagPrefixList cannot both be given"),
    (_with({**COUNT, "tagPrefixList": ["a"]}),
     "rule 7: selection.tagPrefixList is only for tagStatus tagged"),
    (_with({**COUNT, "tagStatus": "tagged", "tagPrefixList": []}),
     "rule 7: selection.tagPrefixList must be a non-empty list"),
    (_with({**COUNT, "tagStatus": "tagged", "tagPatternList": ["test*1*2*3*4*5*6"]}),
     "rule 7: selection.tagPatternList allows at most 4 wildcards"),
    (_with({**COUNT, "countType": "sinceImagePushed"}),
     "rule 7: selection.countUnit must be days for sinceImagePushed (got missing)"),
    (_with({**COUNT, "countUnit": "days"}), "rule 7: selection.countUnit is only for"),
    (_with({**COUNT, "countNumber": 0}), "rule 7: selection.countNumber must be a positive"),
    (_with({**COUNT, "countNumber": "3"}), "rule 7: selection.countNumber must be a positive"),
    (_with({**COUNT, "countType": "imageCountLessThan"}), "rule 7: selection.countType must be"),
    (_with({**COUNT, "storageClass": "archive"}),
     "rule 7: selection.storageClass must be standard for imageCountMoreThan"),
    (_with({**PUSHED, "countType": "sinceImageTransitioned"}),
     "rule 7: selection.storageClass must be archive for sinceImageTransitioned"),
    (_with({**PUSHED, "countType": "sinceImageTransitioned", "storageClass": "archive"}),
     "rule 7: selection.countNumber must be at least 90 for sinceImageTransitioned"),
    (_with({**PUSHED, "countType": "sinceImageTransitioned", "storageClass": "archive",
            "countNumber": 90}, "transition"),
     "rule 7: action.type must be expire for sinceImageTransitioned"),
    (_with({**PUSHED, "countType": "sinceImagePulled"}),
     "rule 7: action.type must be transition for sinceImagePulled"),
    (policy_text({"rulePriority": 7, "selection": COUNT, "action": {"type": "transition"}}),
     "rule 7: action.targetStorageClass must be archive for a transition (got missing)"),
    (policy_text({"rulePriority": 7, "selection": COUNT,
                  "action": {"type": "expire", "targetStorageClass": "archive"}}),
     "rule 7: action.targetStorageClass is only for a transition"),
    (policy_text({"rulePriority": 7, "selection": COUNT}), "rule 7: action is missing"),
    (policy_text({"rulePriority": 7, "action": {"type": "expire"}}),
     "rule 7: selection is missing"),
    (policy_text(rule(1, COUNT), rule(2, PUSHED)),
     "rule 1: rulePriority must be higher than rule 2's: a rule with tagStatus any"),
    (policy_text(rule(1, PUSHED), rule(2, {**PUSHED, "countNumber": 3})),
     "rule 2: selection.tagStatus selects untagged images like rule 1 in the standard"),
    (policy_text(rule(1, {**COUNT, "tagStatus": "tagged", "tagPrefixList": ["prod"]}),
                 rule(2, {**COUNT, "tagStatus": "tagged", "tagPatternList": ["prod*"]})),
     "rule 2: selection.tagPatternList repeats the tag filters of rule 1"),
])
def test_refused_as_ecr_refuses_it(text: str, says: str) -> None:
    message = _refused(text)
    assert message.startswith("invalid lifecycle policy: ")
    assert says in message, message


def test_two_any_rules_last_and_archive_rules_beside_standard_ones_are_accepted() -> None:
    archived = {"tagStatus": "untagged", "storageClass": "archive",
                "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 90}
    policy = parse_policy(policy_text(rule(3, COUNT), rule(1, PUSHED), rule(2, archived),
                                      rule(4, {**COUNT, "countNumber": 9})))
    assert [r.priority for r in policy.rules] == [1, 2, 3, 4]
    assert policy.rules[1].storage_class == "archive"


@pytest.mark.parametrize(("selection", "action", "words"), [
    ({"tagStatus": "tagged", "tagPrefixList": ["prod"], "countType": "imageCountMoreThan",
      "countNumber": 10}, "expire", "keep the 10 newest images tagged prod*"),
    ({"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 1}, "expire",
     "keep the newest untagged image"),
    ({"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 5}, "transition",
     "archive all but the 5 newest images"),
    ({"tagStatus": "any", "countType": "sinceImagePulled", "countUnit": "days",
      "countNumber": 90}, "transition", "archive images not pulled for 90 days"),
    ({"tagStatus": "tagged", "tagPatternList": ["alpha*", "beta*"],
      "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 1}, "expire",
     "expire images tagged alpha* and beta* pushed more than 1 day ago"),
    ({"tagStatus": "any", "storageClass": "archive", "countType": "sinceImageTransitioned",
      "countUnit": "days", "countNumber": 365}, "expire",
     "expire images archived more than 365 days ago"),
])
def test_each_rule_in_words(selection: dict[str, Any], action: str, words: str) -> None:
    assert describe_rule(parse_policy(policy_text(rule(1, selection, action))).rules[0]) == words
