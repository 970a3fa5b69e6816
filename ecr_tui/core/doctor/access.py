"""The access-side checks: `policy` (the repository and registry policies, for the puller's
account or role; a customer KMS key) and `client` (this machine's docker config and ecr-tui's
login records)."""

from __future__ import annotations

import json
import shutil
from typing import Any

from ecr_tui.core.doctor.facts import Facts
from ecr_tui.core.doctor.iam import PULL_ACTIONS, PolicyTextError, Principal, evaluate
from ecr_tui.core.doctor.records import Check, Place, skipped
from ecr_tui.core.errors import EcrTuiError

_AWS_OWN_KEY = "alias/aws/ecr"


def _puller(backend: Any, facts: Facts) -> Principal | None:
    """--principal; else the account of the profile you run as (--profile or the default), when
    it is not the registry's; None when there is no other principal to check."""
    from ecr_tui.core.doctor.iam import parse_principal

    if facts.request.principal:
        return parse_principal(facts.request.principal)
    own = facts.request.profile or backend.default_profile()
    account = backend.profile(own).account_id or backend.account_id(own, facts.region)
    return None if account == facts.account_id else Principal(account)


def _kms_warning(facts: Facts, who: Principal) -> Check | None:
    repo = facts.repository
    if repo is None or not repo.encryption.upper().startswith("KMS"):
        return None
    if not repo.kms_key or repo.kms_key.endswith(_AWS_OWN_KEY):
        return None
    return Check("policy", "warn",
                 f"{repo.name} is encrypted with customer KMS key {repo.kms_key}: "
                 f"{who.text()} needs kms:Decrypt on it to pull",
                 f"grant {who.text()} kms:Decrypt in that key's policy (or a grant)")


def policy(backend: Any, facts: Facts) -> Check:
    try:
        who = _puller(backend, facts)
    except PolicyTextError as exc:
        return Check("policy", "fail", f"--principal: {exc}",
                     "pass an account id or a role ARN", could_not_run=True)
    except EcrTuiError as exc:
        return skipped("policy", f"no --principal, and your own account is not known: "
                       f"{exc.message}", could_not_run=False)
    if who is None:
        return skipped("policy", f"you pull as account {facts.account_id}, the registry's own: "
                       "its IAM policies decide (pass --principal for another)",
                       could_not_run=False)
    ref, repo = facts.ref, facts.repository
    assert ref is not None and repo is not None
    documents = []
    try:
        text = backend.repository_policy(facts.profile, facts.region, ref.repository)
        if text:
            documents.append(("repository policy", text))
        text = backend.registry_policy(facts.profile, facts.region)
        if text:
            documents.append(("registry policy", text))
        arn = repo.arn or f"arn:aws:ecr:{facts.region}:{facts.account_id}:repository/{repo.name}"
        decision = evaluate(documents, who, arn)
    except PolicyTextError as exc:
        return Check("policy", "warn", str(exc), "repair the policy", could_not_run=True)
    except EcrTuiError as exc:
        return Check("policy", "warn", f"cannot read the policies: {exc.message}",
                     exc.fix or "use a profile that may read them (ecr:GetRepositoryPolicy)",
                     could_not_run=True)
    return _judge(facts, who, decision) or _kms_warning(facts, who) or _allowed(facts, who,
                                                                                decision)


def _judge(facts: Facts, who: Principal, decision: Any) -> Check | None:
    place = Place("repository", facts.profile, facts.region, facts.ref.repository)  # type: ignore[union-attr]
    if decision.effect == "deny":
        return Check("policy", "fail", f"an explicit Deny ({decision.statement}) refuses "
                     f"{who.text()}: a Deny wins over every Allow",
                     f"remove {who.text()} from that statement", place=place)
    same = who.account_id == facts.account_id
    if decision.effect == "none" and not same:
        if decision.roles_only:
            return Check("policy", "warn", f"only {', '.join(decision.roles_only)} of account "
                         f"{who.account_id} may pull, not the whole account",
                         "pass --principal ROLE_ARN with the puller's role to check it",
                         place=place)
        missing = ", ".join(decision.missing)
        return Check("policy", "fail", f"neither the repository policy nor the registry policy "
                     f"grants {missing} to {who.text()}",
                     f"allow {', '.join(PULL_ACTIONS)} to arn:aws:iam::{who.account_id}:root in "
                     "the repository policy", place=place)
    if decision.unknown_conditions:
        keys = ", ".join(decision.unknown_conditions)
        return Check("policy", "warn", f"allowed only if conditions hold that cannot be "
                     f"evaluated here: {keys}", f"check {keys} for {who.text()}'s pulls",
                     place=place)
    return None


def _allowed(facts: Facts, who: Principal, decision: Any) -> Check:
    if who.account_id == facts.account_id:
        return Check("policy", "ok", f"{who.text()} is in the registry's account and no Deny "
                     "refuses it: its IAM policy decides")
    return Check("policy", "ok", f"{decision.statement} allows {who.text()} to pull (its own "
                 "IAM policy must allow it too)")


def _docker_config(facts: Facts) -> tuple[str, dict[str, Any]] | Check:
    from ecr_tui.core.login.engine import docker_config_path

    path = docker_config_path(facts.environ)
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
    except FileNotFoundError:
        data = {}
    except (OSError, ValueError) as exc:
        return Check("client", "fail", f"cannot read {path}: {exc}", "repair or move the file")
    return str(path), data if isinstance(data, dict) else {}


def _stored_for(data: dict[str, Any], host: str) -> bool:
    from ecr_tui.core.hosts import host_from_endpoint

    auths = data.get("auths") or {}
    return isinstance(auths, dict) and any(host_from_endpoint(k) == host for k in auths)


def client(backend: Any, facts: Facts) -> Check:
    ref = facts.ref
    assert ref is not None
    read = _docker_config(facts)
    if isinstance(read, Check):
        return read
    path, data = read
    host = ref.host
    helpers = data.get("credHelpers") or {}
    helper = helpers.get(host) if isinstance(helpers, dict) else None
    if helper:
        program = f"docker-credential-{helper}"
        if shutil.which(program, path=facts.environ.get("PATH")) is None:
            return Check("client", "fail", f"{path} routes {host} to {program}, which is not on "
                         "PATH", f"install {program} or put it on PATH")
        return Check("client", "ok", f"{path} routes {host} to {program} (a fresh token each "
                     "pull)")
    login = _login_record(backend, host)
    if _stored_for(data, host):
        return _stored_login(facts, host, path, login)
    if ref.is_public:
        return Check("client", "ok", f"no login stored for {host}: pulls are anonymous")
    login_fix = (f"ecr-tui helper install --registry {host}, or ecr-tui login --profile "
                 f"{facts.profile or 'PROFILE'} --region {ref.registry.region}")  # type: ignore[union-attr]
    return Check("client", "fail", f"{path} has no route for {host}: no credHelpers entry, no "
                 "stored login", login_fix)


def _login_record(backend: Any, host: str) -> Any:
    logins = [r for r in backend.recorded_logins() if r.registry == host]
    return max(logins, key=lambda r: r.logged_in_at, default=None)


def _stored_login(facts: Facts, host: str, path: str, login: Any) -> Check:
    ref = facts.ref
    assert ref is not None
    if ref.is_public and login is None:
        return Check("client", "warn", f"{path} stores a login for {host}; once its token "
                     "expires (12 hours) every pull fails with 403",
                     f"docker logout {host} (public pulls need no login)")
    if login is None:
        return Check("client", "warn", f"{path} stores a login for {host} that ecr-tui did not "
                     "make: its age is unknown (ECR tokens last 12 hours)",
                     f"log in again (ecr-tui login --region {ref.registry.region}), or ecr-tui "  # type: ignore[union-attr]
                     f"helper install --registry {host}")
    left = (login.expires_at - facts.now).total_seconds()
    if left <= 0:
        return Check("client", "fail", f"the login stored for {host} (ecr-tui login "
                     f"{login.logged_in_at:%Y-%m-%d %H:%M} UTC, {login.engine}) expired "
                     f"{int(-left // 60)} minutes ago",
                     f"ecr-tui login --profile {login.profile} --region {login.region}, or "
                     f"ecr-tui helper install --registry {host}")
    return Check("client", "ok", f"a login is stored for {host} ({login.engine}, token valid "
                 f"{int(left // 3600)} h {int(left % 3600 // 60)} min more)")
