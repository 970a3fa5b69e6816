"""`parse_policy`: a lifecycle policy's JSON checked as ECR checks it (PutLifecyclePolicy and
StartLifecyclePolicyPreview refuse what fails here), from the documented properties and
evaluation rules: one `PolicyError` line naming the rule and the property."""

from __future__ import annotations

import json
from typing import Any, cast

from ecr_tui.core.lifecycle.policy import (
    CountType,
    LifecyclePolicy,
    PolicyError,
    Rule,
    RuleAction,
    StorageClass,
    TagStatus,
)

MAX_RULES = 50
"""ECR's quota of rules per lifecycle policy."""
MAX_WILDCARDS = 4
"""ECR's limit of `*` in one tagPatternList string."""
MIN_ARCHIVE_DAYS = 90
"""Archived images stay in archive at least 90 days before a rule may expire them."""
TAG_STATUSES = ("tagged", "untagged", "any")
COUNT_TYPES = ("imageCountMoreThan", "sinceImagePushed", "sinceImagePulled",
               "sinceImageTransitioned")
AGE_TYPES = COUNT_TYPES[1:]
_RULE_KEYS = {"rulePriority", "description", "selection", "action"}
_SELECTION_KEYS = {"tagStatus", "tagPatternList", "tagPrefixList", "storageClass", "countType",
                   "countUnit", "countNumber"}
_ACTION_KEYS = {"type", "targetStorageClass"}


def _fail(rule: str, prop: str, what: str) -> PolicyError:
    where = f"rule {rule}: {prop}" if rule else prop
    return PolicyError(f"invalid lifecycle policy: {where} {what}")


def _choice(value: Any, allowed: tuple[str, ...], rule: str, prop: str) -> str:
    if value not in allowed:
        shown = json.dumps(value) if value is not None else "missing"
        raise _fail(rule, prop, f"must be one of {', '.join(allowed)} (got {shown})")
    return cast(str, value)


def _positive(value: Any, rule: str, prop: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        shown = json.dumps(value) if value is not None else "missing"
        raise _fail(rule, prop, f"must be a positive integer (got {shown})")
    return value


def _unknown(obj: dict[str, Any], allowed: set[str], rule: str, where: str) -> None:
    extra = sorted(set(obj) - allowed)
    if extra:
        raise _fail(rule, f"{where}{extra[0]}", "is not a lifecycle policy property")


def _object(value: Any, rule: str, prop: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(rule, prop, "must be an object" if value is not None else "is missing")
    return value


def _tag_list(value: Any, rule: str, prop: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(rule, prop, "must be a non-empty list of strings")
    if not all(isinstance(v, str) and v for v in value):
        raise _fail(rule, prop, "must hold non-empty strings only")
    return tuple(value)


def _tags(selection: dict[str, Any], status: str, rule: str) -> tuple[tuple[str, ...], ...]:
    prefixes, patterns = selection.get("tagPrefixList"), selection.get("tagPatternList")
    if status != "tagged":
        for prop, value in (("tagPrefixList", prefixes), ("tagPatternList", patterns)):
            if value is not None:
                raise _fail(rule, f"selection.{prop}", "is only for tagStatus tagged (remove it)")
        return (), ()
    if prefixes is not None and patterns is not None:
        raise _fail(rule, "selection.tagPatternList",
                    "and tagPrefixList cannot both be given (keep one)")
    if prefixes is None and patterns is None:
        raise _fail(rule, "selection.tagPatternList",
                    "or tagPrefixList is required when tagStatus is tagged")
    if prefixes is not None:
        return _tag_list(prefixes, rule, "selection.tagPrefixList"), ()
    found = _tag_list(patterns, rule, "selection.tagPatternList")
    for pattern in found:
        if pattern.count("*") > MAX_WILDCARDS:
            raise _fail(rule, "selection.tagPatternList",
                        f"allows at most {MAX_WILDCARDS} wildcards (*) per string "
                        f"({json.dumps(pattern)} has {pattern.count('*')})")
    return (), found


def _count(selection: dict[str, Any], rule: str) -> tuple[CountType, int]:
    count_type = _choice(selection.get("countType"), COUNT_TYPES, rule, "selection.countType")
    unit = selection.get("countUnit")
    if count_type in AGE_TYPES and unit != "days":
        shown = json.dumps(unit) if unit is not None else "missing"
        raise _fail(rule, "selection.countUnit", f"must be days for {count_type} (got {shown})")
    if count_type not in AGE_TYPES and unit is not None:
        raise _fail(rule, "selection.countUnit",
                    "is only for sinceImagePushed, sinceImagePulled and sinceImageTransitioned "
                    "(remove it)")
    number = _positive(selection.get("countNumber"), rule, "selection.countNumber")
    return cast(CountType, count_type), number


def _storage(selection: dict[str, Any], count_type: str, rule: str) -> StorageClass:
    given = selection.get("storageClass")
    if count_type == "sinceImageTransitioned":
        if given != "archive":
            raise _fail(rule, "selection.storageClass",
                        "must be archive for sinceImageTransitioned"
                        + ("" if given is None else f" (got {json.dumps(given)})"))
        return "archive"
    if given not in (None, "standard"):
        raise _fail(rule, "selection.storageClass",
                    f"must be standard for {count_type} (got {json.dumps(given)})")
    return "standard"


def _action(raw: dict[str, Any], count_type: str, number: int, rule: str) -> RuleAction:
    action = _object(raw.get("action"), rule, "action")
    _unknown(action, _ACTION_KEYS, rule, "action.")
    kind = _choice(action.get("type"), ("expire", "transition"), rule, "action.type")
    target = action.get("targetStorageClass")
    if kind == "transition" and target != "archive":
        shown = json.dumps(target) if target is not None else "missing"
        raise _fail(rule, "action.targetStorageClass",
                    f"must be archive for a transition (got {shown})")
    if kind == "expire" and target is not None:
        raise _fail(rule, "action.targetStorageClass", "is only for a transition (remove it)")
    if count_type == "sinceImagePulled" and kind != "transition":
        raise _fail(rule, "action.type",
                    "must be transition for sinceImagePulled (archive first, then expire with "
                    "sinceImageTransitioned)")
    if count_type == "sinceImageTransitioned":
        if kind != "expire":
            raise _fail(rule, "action.type", "must be expire for sinceImageTransitioned")
        if number < MIN_ARCHIVE_DAYS:
            raise _fail(rule, "selection.countNumber",
                        f"must be at least {MIN_ARCHIVE_DAYS} for sinceImageTransitioned "
                        f"(archived images are kept {MIN_ARCHIVE_DAYS} days; got {number})")
    return cast(RuleAction, kind)


def _rule(raw: Any, position: int) -> Rule:
    label = f"#{position}"
    if not isinstance(raw, dict):
        raise _fail(label, "", "must be an object")
    priority = raw.get("rulePriority")
    label = str(priority) if isinstance(priority, int) and not isinstance(priority, bool) else label
    priority = _positive(priority, label, "rulePriority")
    _unknown(raw, _RULE_KEYS, label, "")
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise _fail(label, "description", "must be a string")
    selection = _object(raw.get("selection"), label, "selection")
    _unknown(selection, _SELECTION_KEYS, label, "selection.")
    status = _choice(selection.get("tagStatus"), TAG_STATUSES, label, "selection.tagStatus")
    prefixes, patterns = _tags(selection, status, label)
    count_type, number = _count(selection, label)
    storage = _storage(selection, count_type, label)
    action = _action(raw, count_type, number, label)
    return Rule(priority=priority, tag_status=cast(TagStatus, status), count_type=count_type,
                count_number=number, action=action, tag_prefixes=prefixes,
                tag_patterns=patterns, storage_class=storage, description=description)


def _across(rules: list[Rule]) -> None:
    """What ECR checks between rules: unique priorities, `any` last, per storage class one
    untagged rule and no two rules with the same tag filters."""
    seen: dict[int, Rule] = {}
    for rule in rules:
        if rule.priority in seen:
            raise _fail(str(rule.priority), "rulePriority", "is used by two rules (make it unique)")
        seen[rule.priority] = rule
    ordered = sorted(rules, key=lambda r: r.priority)
    last_any = next((r for r in ordered if r.tag_status == "any"), None)
    if last_any is not None:
        later = next((r for r in ordered if r.priority > last_any.priority
                      and r.tag_status != "any"), None)
        if later is not None:
            raise _fail(str(last_any.priority), "rulePriority",
                        f"must be higher than rule {later.priority}'s: a rule with tagStatus any "
                        "is evaluated last")
    filters: dict[tuple[str, str, frozenset[str]], int] = {}
    for rule in ordered:
        if rule.tag_status == "any":
            continue
        # a prefix `prod` and a pattern `prod*` select the same images
        key = (rule.storage_class, rule.tag_status, frozenset(rule.tag_filters))
        if key in filters:
            prop = ("selection.tagStatus" if rule.tag_status == "untagged" else
                    f"selection.{'tagPrefixList' if rule.tag_prefixes else 'tagPatternList'}")
            what = ("selects untagged images like rule" if rule.tag_status == "untagged"
                    else "repeats the tag filters of rule")
            raise _fail(str(rule.priority), prop,
                        f"{what} {filters[key]} in the {rule.storage_class} storage class "
                        "(one rule per storage class may)")
        filters[key] = rule.priority


def parse_policy(text: str) -> LifecyclePolicy:
    """The policy in TEXT, or PolicyError (one line) for what ECR would refuse."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PolicyError(f"invalid lifecycle policy: not JSON (line {exc.lineno}, column "
                          f"{exc.colno}: {exc.msg})") from None
    if not isinstance(raw, dict):
        raise _fail("", "the policy", "must be a JSON object with rules")
    _unknown(raw, {"rules"}, "", "")
    found = raw.get("rules")
    if not isinstance(found, list) or not found:
        raise _fail("", "rules", "must be a non-empty list")
    if len(found) > MAX_RULES:
        raise _fail("", "rules", f"may hold at most {MAX_RULES} rules (got {len(found)})")
    rules = [_rule(item, n) for n, item in enumerate(found, 1)]
    _across(rules)
    return LifecyclePolicy(rules=tuple(sorted(rules, key=lambda r: r.priority)), text=text)
