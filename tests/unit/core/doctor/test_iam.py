"""The resource-policy evaluator: Allow, explicit Deny wins, wildcards, `"AWS": "*"`, account root
vs role ARN, NotAction / NotPrincipal, conditions it can and cannot evaluate."""

from __future__ import annotations

import json

import pytest

from ecr_tui.core.doctor.iam import PolicyTextError, evaluate, parse_principal

REPO = "arn:aws:ecr:us-east-1:111122223333:repository/team/api"
B = "210987654321"
ROLE = f"arn:aws:iam::{B}:role/ecsTaskExecutionRole"
PULL = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]


def doc(*statements: dict) -> list[tuple[str, str]]:
    return [("repository policy", json.dumps({"Version": "2012-10-17",
                                              "Statement": list(statements)}))]


def allow(principal: object, actions: object = PULL, **extra: object) -> dict:
    return {"Sid": "Pull", "Effect": "Allow", "Principal": principal, "Action": actions, **extra}


def deny(principal: object, actions: object = "ecr:*", **extra: object) -> dict:
    return {"Sid": "NoPull", "Effect": "Deny", "Principal": principal, "Action": actions, **extra}


def test_an_allow_to_the_account_lets_the_account_and_its_roles_pull() -> None:
    policies = doc(allow({"AWS": f"arn:aws:iam::{B}:root"}))
    assert evaluate(policies, parse_principal(B), REPO).effect == "allow"
    assert evaluate(policies, parse_principal(ROLE), REPO).effect == "allow"
    assert evaluate(policies, parse_principal("999999999999"), REPO).effect == "none"


def test_a_bare_account_id_is_the_account() -> None:
    assert evaluate(doc(allow({"AWS": B})), parse_principal(B), REPO).effect == "allow"


def test_an_allow_to_one_role_is_not_the_whole_account() -> None:
    policies = doc(allow({"AWS": ROLE}))
    decision = evaluate(policies, parse_principal(B), REPO)
    assert decision.effect == "none" and decision.roles_only == (ROLE,)
    assert evaluate(policies, parse_principal(ROLE), REPO).effect == "allow"
    session = f"arn:aws:sts::{B}:assumed-role/ecsTaskExecutionRole/task-1"
    assert evaluate(policies, parse_principal(session), REPO).effect == "allow"
    other = f"arn:aws:iam::{B}:role/deployer"
    assert evaluate(policies, parse_principal(other), REPO).effect == "none"


def test_an_explicit_deny_wins_over_any_allow() -> None:
    policies = doc(allow("*"), deny({"AWS": f"arn:aws:iam::{B}:root"}))
    decision = evaluate(policies, parse_principal(ROLE), REPO)
    assert decision.effect == "deny" and decision.statement == "NoPull of the repository policy"
    assert evaluate(policies, parse_principal("999999999999"), REPO).effect == "allow"


def test_a_deny_in_the_registry_policy_wins_over_the_repository_allow() -> None:
    registry = ("registry policy", json.dumps({"Statement": [deny("*", "ecr:BatchGet*",
                                                                  Resource="arn:aws:ecr:*")]}))
    decision = evaluate([*doc(allow({"AWS": B})), registry], parse_principal(B), REPO)
    assert decision.effect == "deny" and "registry policy" in decision.statement


@pytest.mark.parametrize("actions", ["ecr:*", "*", ["ecr:BatchGet*", "ecr:GetDownloadUrl*"],
                                     ["ecr:batchgetimage",
                                                                     "ECR:GetDownload*"],
                                     "ecr:?atchGetImage"])
def test_wildcards_and_case_in_actions(actions: object) -> None:
    if actions == "ecr:?atchGetImage":
        decision = evaluate(doc(allow({"AWS": B}, actions)), parse_principal(B), REPO)
        assert decision.effect == "none" and decision.missing == ("ecr:GetDownloadUrlForLayer",)
        return
    assert evaluate(doc(allow({"AWS": B}, actions)), parse_principal(B), REPO).effect == "allow"


def test_aws_star_and_star_name_everyone() -> None:
    for principal in ("*", {"AWS": "*"}, {"AWS": ["*"]}):
        assert evaluate(doc(allow(principal)), parse_principal(B), REPO).effect == "allow"
    service = {"Service": "codebuild.amazonaws.com"}
    assert evaluate(doc(allow(service)), parse_principal(B), REPO).effect == "none"


def test_one_action_missing_is_named() -> None:
    decision = evaluate(doc(allow({"AWS": B}, "ecr:BatchGetImage")), parse_principal(B), REPO)
    assert decision.effect == "none" and decision.missing == ("ecr:GetDownloadUrlForLayer",)


def test_not_action_and_not_principal() -> None:
    push_only = {"Sid": "AllButDelete", "Effect": "Allow", "Principal": {"AWS": B},
                 "NotAction": ["ecr:Delete*", "ecr:Put*"]}
    assert evaluate(doc(push_only), parse_principal(B), REPO).effect == "allow"
    no_pulls = {**push_only, "NotAction": "ecr:BatchGetImage"}
    assert evaluate(doc(no_pulls), parse_principal(B), REPO).missing == ("ecr:BatchGetImage",)
    everyone_but = {"Sid": "OnlyOps", "Effect": "Deny", "NotPrincipal": {"AWS": ROLE},
                    "Action": "ecr:*"}
    policies = doc(allow({"AWS": B}), everyone_but)
    assert evaluate(policies, parse_principal(ROLE), REPO).effect == "allow"
    assert evaluate(policies, parse_principal(f"arn:aws:iam::{B}:role/x"), REPO).effect == "deny"


def test_a_resource_elsewhere_does_not_grant() -> None:
    other = allow({"AWS": B}, Resource="arn:aws:ecr:us-east-1:111122223333:repository/other/*")
    assert evaluate(doc(other), parse_principal(B), REPO).effect == "none"
    mine = allow({"AWS": B}, Resource="arn:aws:ecr:us-east-1:111122223333:repository/team/*")
    assert evaluate(doc(mine), parse_principal(B), REPO).effect == "allow"


def test_unknown_conditions_are_named_not_guessed() -> None:
    cond = {"StringEquals": {"aws:PrincipalOrgID": "o-abc"},
            "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}
    decision = evaluate(doc(allow({"AWS": "*"}, Condition=cond)), parse_principal(B), REPO)
    assert decision.effect == "allow"
    assert decision.unknown_conditions == ("aws:PrincipalOrgID", "aws:SourceIp")
    maybe_deny = deny({"AWS": "*"}, Condition={"StringNotEquals": {"aws:SourceVpce": "vpce-1"}})
    decision = evaluate(doc(allow({"AWS": B}), maybe_deny), parse_principal(B), REPO)
    assert decision.effect == "allow" and decision.unknown_conditions == ("aws:SourceVpce",)


def test_conditions_on_the_principal_are_evaluated() -> None:
    by_account = allow("*", Condition={"StringEquals": {"aws:PrincipalAccount": [B]}})
    assert evaluate(doc(by_account), parse_principal(B), REPO).effect == "allow"
    assert evaluate(doc(by_account), parse_principal("999999999999"), REPO).effect == "none"
    by_arn = allow("*", Condition={"ArnLike": {"aws:PrincipalArn": f"arn:aws:iam::{B}:role/ecs*"}})
    assert evaluate(doc(by_arn), parse_principal(ROLE), REPO).effect == "allow"
    deployer = f"arn:aws:iam::{B}:role/deployer"
    assert evaluate(doc(by_arn), parse_principal(deployer), REPO).effect == "none"
    # an account principal does not say which role pulls: the ARN condition stays open
    assert evaluate(doc(by_arn), parse_principal(B), REPO).unknown_conditions == (
        "aws:PrincipalArn",)


def test_no_policy_grants_nothing_and_bad_text_is_one_error() -> None:
    assert evaluate([], parse_principal(B), REPO).effect == "none"
    with pytest.raises(PolicyTextError, match="not JSON"):
        evaluate([("repository policy", "{")], parse_principal(B), REPO)
    with pytest.raises(PolicyTextError, match="not an account id or role ARN"):
        parse_principal("bob")
    assert parse_principal(f"arn:aws:iam::{B}:root").account_id == B
