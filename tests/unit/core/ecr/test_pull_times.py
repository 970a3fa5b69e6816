"""Whose reads count as pulls: ListPullTimeUpdateExclusions, every page, matched to the caller."""

from __future__ import annotations

import boto3
import pytest
from botocore.stub import Stubber

from ecr_tui.core.ecr.pull_times import is_excluded, list_exclusions, principal_of

ROLE = "arn:aws:iam::123456789012:role/ci-reader"
SESSION = "arn:aws:sts::123456789012:assumed-role/ci-reader/botocore-session-1"


def test_every_page_of_exclusions_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    client = boto3.client("ecr", region_name="eu-west-1", aws_access_key_id="a",
                          aws_secret_access_key="b")
    user = "arn:aws:iam::123456789012:user/scanner"
    with Stubber(client) as stub:
        stub.add_response("list_pull_time_update_exclusions",
                          {"pullTimeUpdateExclusions": [user], "nextToken": "t"},
                          {"maxResults": 1000})
        stub.add_response("list_pull_time_update_exclusions",
                          {"pullTimeUpdateExclusions": [ROLE]},
                          {"maxResults": 1000, "nextToken": "t"})
        assert list_exclusions(client) == [user, ROLE]


def test_an_assumed_role_session_is_its_role() -> None:
    assert principal_of(SESSION) == ROLE
    assert principal_of("arn:aws:iam::123456789012:user/me") == "arn:aws:iam::123456789012:user/me"
    assert is_excluded(SESSION, [ROLE])
    assert is_excluded(SESSION, ["arn:aws:iam::123456789012:role/team/ci-reader"])  # a path
    assert not is_excluded(SESSION, ["arn:aws:iam::123456789012:role/ci-reader-2"])
    assert not is_excluded(SESSION, ["arn:aws:iam::210987654321:role/ci-reader"])
    assert not is_excluded("arn:aws:iam::123456789012:user/me", [ROLE])
    assert not is_excluded(SESSION, [])
