"""Whether resource policies (a repository's, the registry's) let a principal pull, evaluated as
IAM does for a resource policy: an explicit Deny wins, else an Allow grants, else nothing does.
Statements match by Principal / NotPrincipal (`"*"`, `{"AWS": "*"}`, an account id or its root
ARN — which stands for every principal of that account — or a role ARN, whose assumed-role
sessions it also names), Action / NotAction (wildcards `*` and `?`, case-insensitive) and
Resource / NotResource. Conditions on `aws:PrincipalAccount` and `aws:PrincipalArn` are
evaluated when the principal says enough; every other condition cannot be evaluated here and is
named, never guessed. Pure: no I/O."""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

PULL_ACTIONS = ("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer")
"""What a pull needs from the repository (ecr:GetAuthorizationToken is the puller's own IAM)."""
_ACCOUNT = re.compile(r"^\d{12}$")
_ROLE = re.compile(r"^arn:aws[\w-]*:iam::(\d{12}):role/(?:.*/)?([\w+=,.@-]+)$")
_SESSION = re.compile(r"^arn:aws[\w-]*:sts::(\d{12}):assumed-role/([\w+=,.@-]+)/[^/]+$")
_ROOT = re.compile(r"^arn:aws[\w-]*:iam::(\d{12}):root$")

Effect = Literal["allow", "deny", "none"]


class PolicyTextError(ValueError):
    """Policy text that is not an IAM policy document."""


@dataclass(frozen=True, slots=True)
class Principal:
    """Who pulls: an account (every principal of it) or one role (by ARN)."""

    account_id: str
    role_arn: str = ""

    @property
    def role_name(self) -> str:
        match = _ROLE.match(self.role_arn) or _SESSION.match(self.role_arn)
        return match.group(2) if match else ""

    def text(self) -> str:
        return self.role_arn or f"account {self.account_id}"


def parse_principal(text: str) -> Principal:
    """`123456789012`, `arn:aws:iam::123456789012:root`, a role ARN or an assumed-role ARN."""
    value = text.strip()
    if _ACCOUNT.match(value):
        return Principal(value)
    if root := _ROOT.match(value):
        return Principal(root.group(1))
    if role := _ROLE.match(value) or _SESSION.match(value):
        return Principal(role.group(1), value)
    raise PolicyTextError(
        f"not an account id or role ARN: {value!r} (want 123456789012 or "
        "arn:aws:iam::123456789012:role/NAME)"
    )


@dataclass(frozen=True, slots=True)
class Decision:
    """What the policies say of one principal and the pull actions."""

    effect: Effect
    statement: str = ""
    """The Sid (or `statement N` of `source`) that decided."""
    unknown_conditions: tuple[str, ...] = ()
    """Condition keys that cannot be evaluated here, on statements that would otherwise match."""
    roles_only: tuple[str, ...] = ()
    """For an account principal: roles of that account that some Allow names (not the account)."""
    missing: tuple[str, ...] = ()
    """Pull actions no Allow grants."""


@dataclass(frozen=True, slots=True)
class Statement:
    source: str
    label: str
    effect: str
    principal: Any
    not_principal: Any
    actions: tuple[str, ...]
    not_actions: tuple[str, ...] | None
    resources: tuple[str, ...] | None
    not_resources: tuple[str, ...] | None
    condition: dict[str, Any]


def _list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(str(v) for v in value)


def statements(source: str, text: str) -> list[Statement]:
    """The statements of one policy document; PolicyTextError when it is not one."""
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise PolicyTextError(f"the {source} is not JSON: {exc}") from None
    raw = doc.get("Statement") if isinstance(doc, dict) else None
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        raise PolicyTextError(f"the {source} has no Statement list")
    found = []
    for n, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise PolicyTextError(f"statement {n} of the {source} is not an object")
        found.append(Statement(
            source=source, label=str(item.get("Sid") or f"statement {n}"),
            effect=str(item.get("Effect", "")).lower(), principal=item.get("Principal"),
            not_principal=item.get("NotPrincipal"), actions=_list(item.get("Action")),
            not_actions=_list(item["NotAction"]) if "NotAction" in item else None,
            resources=_list(item["Resource"]) if "Resource" in item else None,
            not_resources=_list(item["NotResource"]) if "NotResource" in item else None,
            condition=item.get("Condition") or {},
        ))
    return found


def _wild(pattern: str, value: str) -> bool:
    return fnmatch.fnmatchcase(value.lower(), pattern.lower())


def _aws_names(principal: Any) -> tuple[str, ...] | None:
    """The AWS principals a Principal element names; None for `"*"` (everyone)."""
    if principal == "*":
        return None
    if isinstance(principal, dict):
        names = _list(principal.get("AWS"))
        return None if "*" in names else names
    return ()


def _names(name: str, who: Principal) -> Literal["yes", "no", "role-of-account"]:
    """Does one Principal entry name WHO? An account (id or root) names all of it; a role ARN
    names that role and its sessions; for an account principal, a role of it is 'partly'."""
    if _ACCOUNT.match(name) or _ROOT.match(name):
        account = name if _ACCOUNT.match(name) else _ROOT.match(name).group(1)  # type: ignore[union-attr]
        return "yes" if account == who.account_id else "no"
    role = _ROLE.match(name) or _SESSION.match(name)
    if role is None:
        return "no"
    if role.group(1) != who.account_id:
        return "no"
    if not who.role_arn:
        return "role-of-account"
    return "yes" if role.group(2) == who.role_name else "no"


def _principal_matches(stmt: Statement, who: Principal) -> tuple[bool, tuple[str, ...]]:
    """(matches, roles of the account it names instead, for an account principal)."""
    if stmt.not_principal is not None:
        listed = _aws_names(stmt.not_principal)
        if listed is None:
            return False, ()
        return not any(_names(n, who) == "yes" for n in listed), ()
    listed = _aws_names(stmt.principal)
    if listed is None:
        return True, ()
    verdicts = [(_names(n, who), n) for n in listed]
    if any(v == "yes" for v, _ in verdicts):
        return True, ()
    return False, tuple(n for v, n in verdicts if v == "role-of-account")


def _action_matches(stmt: Statement, action: str) -> bool:
    if stmt.not_actions is not None:
        return not any(_wild(p, action) for p in stmt.not_actions)
    return any(_wild(p, action) for p in stmt.actions)


def _resource_matches(stmt: Statement, resource: str) -> bool:
    if stmt.not_resources is not None:
        return not any(_wild(p, resource) for p in stmt.not_resources)
    return stmt.resources is None or any(_wild(p, resource) for p in stmt.resources)


_STRING_OPS = {
    "StringEquals": lambda p, v: p == v, "StringNotEquals": lambda p, v: p != v,
    "StringEqualsIgnoreCase": lambda p, v: p.lower() == v.lower(),
    "StringLike": lambda p, v: fnmatch.fnmatchcase(v, p),
    "StringNotLike": lambda p, v: not fnmatch.fnmatchcase(v, p),
    "ArnEquals": lambda p, v: p == v, "ArnLike": lambda p, v: fnmatch.fnmatchcase(v, p),
    "ArnNotEquals": lambda p, v: p != v, "ArnNotLike": lambda p, v: not fnmatch.fnmatchcase(v, p),
}
_NEGATED = {"StringNotEquals", "StringNotLike", "ArnNotEquals", "ArnNotLike"}


def _known_value(key: str, who: Principal) -> str | None:
    if key.lower() == "aws:principalaccount":
        return who.account_id
    if key.lower() == "aws:principalarn" and who.role_arn:
        return who.role_arn
    return None


def _conditions(stmt: Statement, who: Principal) -> tuple[bool, tuple[str, ...]]:
    """(every evaluable condition holds, keys that cannot be evaluated here)."""
    unknown: list[str] = []
    for operator, block in stmt.condition.items():
        if not isinstance(block, dict):
            continue
        op = operator.removeprefix("ForAnyValue:").removeprefix("ForAllValues:")
        for key, wanted in block.items():
            value = _known_value(key, who)
            test = _STRING_OPS.get(op)
            if value is None or test is None or op.endswith("IfExists"):
                unknown.append(key)
                continue
            hits = [test(w, value) for w in _list(wanted)]
            if not (all(hits) if op in _NEGATED else any(hits)):
                return False, ()
    return True, tuple(dict.fromkeys(unknown))


def evaluate(
    documents: Sequence[tuple[str, str]], who: Principal, resource: str,
    actions: Iterable[str] = PULL_ACTIONS,
) -> Decision:
    """Evaluate (source name, policy text) documents for WHO doing ACTIONS on RESOURCE."""
    all_statements = [s for source, text in documents for s in statements(source, text)]
    wanted = tuple(actions)
    unknown: list[str] = []
    roles: list[str] = []
    granted: dict[str, tuple[Statement, tuple[str, ...]]] = {}
    for stmt in all_statements:
        acts = [a for a in wanted if _action_matches(stmt, a)]
        if not acts or not _resource_matches(stmt, resource):
            continue
        matches, role_names = _principal_matches(stmt, who)
        if not matches:
            if stmt.effect == "allow":
                roles += role_names
            continue
        holds, open_keys = _conditions(stmt, who)
        if not holds:
            continue
        if stmt.effect == "deny":
            if not open_keys:
                return Decision("deny", f"{stmt.label} of the {stmt.source}")
            unknown += open_keys
        elif stmt.effect == "allow":
            for action in acts:
                best = granted.get(action)
                if best is None or (best[1] and not open_keys):
                    granted[action] = (stmt, open_keys)
    missing = tuple(a for a in wanted if a not in granted)
    for _stmt, open_keys in granted.values():
        unknown += open_keys
    if missing:
        return Decision("none", unknown_conditions=tuple(dict.fromkeys(unknown)),
                        roles_only=tuple(dict.fromkeys(roles)), missing=missing)
    first = granted[wanted[0]][0]
    return Decision("allow", f"{first.label} of the {first.source}",
                    unknown_conditions=tuple(dict.fromkeys(unknown)))
