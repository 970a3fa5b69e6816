"""Each rule of a lifecycle policy in words: "keep the 10 newest images tagged prod*",
"archive images not pulled for 90 days"."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecr_tui.core.lifecycle.policy import Rule

_VERB = {"expire": "expire", "transition": "archive"}


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def subject(rule: Rule, *, plural: bool = True) -> str:
    """The images a rule selects: "images tagged prod* and beta*", "untagged images" (only
    sinceImageTransitioned selects archived ones, and its words say so)."""
    noun = "images" if plural else "image"
    if rule.tag_status == "untagged":
        return f"untagged {noun}"
    if rule.tag_status == "tagged":
        return f"{noun} tagged {' and '.join(rule.tag_filters)}"
    return noun


def describe_rule(rule: Rule) -> str:
    verb = _VERB[rule.action]
    n = rule.count_number
    match rule.count_type:
        case "imageCountMoreThan":
            kept = (f"the newest {subject(rule, plural=False)}" if n == 1
                    else f"the {n} newest {subject(rule)}")
            return f"keep {kept}" if rule.action == "expire" else f"archive all but {kept}"
        case "sinceImagePushed":
            return f"{verb} {subject(rule)} pushed more than {_days(n)} ago"
        case "sinceImagePulled":
            return f"{verb} {subject(rule)} not pulled for {_days(n)}"
        case _:
            return f"{verb} {subject(rule)} archived more than {_days(n)} ago"
