"""One pair's workloads from ECS and Lambda (Stubber): services per deployment and per digest
their tasks run, standalone tasks, image functions; AccessDenied as one line; throttling retried;
the allowlist grows by exactly these reads."""

from __future__ import annotations

from concurrent.futures import Executor, Future
from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from ecr_tui.core.aws import workloads as wl
from ecr_tui.core.aws.allowlist import READ_OPERATIONS
from ecr_tui.core.aws.backend import AwsBackend
from ecr_tui.core.errors import AccessDeniedError

ENV = {"HOME": "/nonexistent", "AWS_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "a",
       "AWS_SECRET_ACCESS_KEY": "b"}
ACCOUNT = "222222222222"
IMAGE = "111111111111.dkr.ecr.eu-west-1.amazonaws.com/team/api"
OLD, NEW = ("sha256:" + c * 64 for c in "ab")
CLUSTER = f"arn:aws:ecs:eu-west-1:{ACCOUNT}:cluster/main"
TD = f"arn:aws:ecs:eu-west-1:{ACCOUNT}:task-definition/api:"


def test_the_allowlist_grows_by_exactly_the_ecs_and_lambda_reads() -> None:
    assert READ_OPERATIONS["ecs"] == {
        "ListClusters", "ListServices", "DescribeServices", "DescribeTaskDefinition",
        "ListTasks", "DescribeTasks",
    }
    assert READ_OPERATIONS["lambda"] == {"ListFunctions", "GetFunction"}


class InlinePool(Executor):
    """Starts nothing: every call runs in the caller's thread, in order (Stubber's order)."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future:
        return Future()


def _backend(monkeypatch: pytest.MonkeyPatch, slept: list[float] | None = None):
    clients = {s: boto3.client(s, region_name="eu-west-1", aws_access_key_id="a",
                               aws_secret_access_key="b") for s in ("ecs", "lambda")}
    backend = AwsBackend(environ=ENV)
    monkeypatch.setattr(backend, "_client", lambda p, r, service="ecr": clients[service])
    monkeypatch.setattr(backend, "executor", lambda: InlinePool())
    sleeps = slept if slept is not None else []
    cache, _ = backend._usage_parts()
    backend._usage = (cache, wl.PairLimits(sleep=sleeps.append))
    return backend, clients


def _task(tid: str, group: str, td: str, digest: str, image: str = f"{IMAGE}:prod") -> dict:
    return {"taskArn": f"arn:aws:ecs:eu-west-1:{ACCOUNT}:task/main/{tid}", "group": group,
            "taskDefinitionArn": td, "lastStatus": "RUNNING",
            "containers": [{"name": "app", "image": image, "imageDigest": digest}]}


def _queue_ecs(ecs: Stubber) -> None:
    ecs.add_response("list_clusters", {"clusterArns": [CLUSTER]})
    ecs.add_response("list_services", {"serviceArns": [f"{CLUSTER}/web", f"{CLUSTER}/idle"]})
    ecs.add_response("describe_services", {"services": [
        {"serviceName": "web", "deployments": [
            {"status": "PRIMARY", "taskDefinition": TD + "2", "runningCount": 3,
             "desiredCount": 3},
            {"status": "ACTIVE", "taskDefinition": TD + "1", "runningCount": 1,
             "desiredCount": 0},
            {"status": "INACTIVE", "taskDefinition": TD + "0", "runningCount": 0,
             "desiredCount": 0}]},
        {"serviceName": "idle", "deployments": [
            {"status": "PRIMARY", "taskDefinition": TD + "2", "runningCount": 0,
             "desiredCount": 0}]}]})
    ecs.add_response("list_tasks", {"taskArns": [f"t{i}" for i in range(5)]})
    ecs.add_response("describe_tasks", {"tasks": [
        _task("a", "service:web", TD + "2", OLD), _task("b", "service:web", TD + "2", NEW),
        _task("c", "service:web", TD + "2", NEW), _task("d", "service:web", TD + "1", OLD),
        _task("e", "family:api", TD + "1", NEW, image=f"{IMAGE}@{NEW}")]})
    for rev in ("1", "2"):
        ecs.add_response("describe_task_definition", {"taskDefinition": {
            "taskDefinitionArn": TD + rev, "containerDefinitions": [
                {"name": "app", "image": f"{IMAGE}:prod"}]}})


def test_services_tasks_and_functions_become_records(monkeypatch: pytest.MonkeyPatch) -> None:
    backend, clients = _backend(monkeypatch)
    with Stubber(clients["ecs"]) as ecs, Stubber(clients["lambda"]) as lam:
        _queue_ecs(ecs)
        fn = f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:resize"
        lam.add_response("list_functions", {"Functions": [
            {"FunctionName": "resize", "FunctionArn": fn, "PackageType": "Image"},
            {"FunctionName": "zip", "FunctionArn": fn + "2", "PackageType": "Zip"}]})
        lam.add_response("get_function", {"Configuration": {}, "Code": {
            "ImageUri": f"{IMAGE}:v1", "ResolvedImageUri": f"{IMAGE}@{OLD}"}})
        found = backend.workloads("(env)", "eu-west-1")
        ecs.assert_no_pending_responses()
        lam.assert_no_pending_responses()
    got = [(w.kind, w.cluster, w.name, w.task_definition, w.container, w.image, w.running_digest,
            w.running, w.desired, w.account_id) for w in found]
    assert got == [
        # The PRIMARY deployment's tasks run two digests (the tag moved mid-rollout): two rows.
        ("ecs-service", "main", "web", "api:2", "app", f"{IMAGE}:prod", OLD, 1, 3, ACCOUNT),
        ("ecs-service", "main", "web", "api:2", "app", f"{IMAGE}:prod", NEW, 2, 3, ACCOUNT),
        ("ecs-service", "main", "web", "api:1", "app", f"{IMAGE}:prod", OLD, 1, 0, ACCOUNT),
        ("ecs-service", "main", "idle", "api:2", "app", f"{IMAGE}:prod", "", 0, 0, ACCOUNT),
        ("ecs-task", "main", "e", "api:1", "app", f"{IMAGE}@{NEW}", NEW, 1, 1, ACCOUNT),
        ("lambda", "", "resize", "", "", f"{IMAGE}:v1", OLD, None, None, ACCOUNT),
    ]


def test_access_denied_is_one_line_naming_the_pair_and_permission(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backend, clients = _backend(monkeypatch)
    with Stubber(clients["ecs"]) as ecs, Stubber(clients["lambda"]):
        ecs.add_client_error("list_clusters", "AccessDeniedException", "not authorized",
                             http_status_code=400)
        with pytest.raises(AccessDeniedError) as caught:
            backend.workloads("(env)", "eu-west-1")
    assert caught.value.message == (
        "access denied: ecs:ListClusters for the environment credentials in eu-west-1")
    assert caught.value.fix == "grant ecs:ListClusters to this identity"
    assert "\n" not in str(caught.value)


def test_throttling_is_retried_with_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    backend, clients = _backend(monkeypatch, slept)
    with Stubber(clients["ecs"]) as ecs, Stubber(clients["lambda"]) as lam:
        ecs.add_client_error("list_clusters", "ThrottlingException", "Rate exceeded",
                             http_status_code=400)
        ecs.add_response("list_clusters", {"clusterArns": []})
        lam.add_client_error("list_functions", "TooManyRequestsException", "slow down",
                             http_status_code=429)
        lam.add_client_error("list_functions", "TooManyRequestsException", "slow down",
                             http_status_code=429)
        lam.add_response("list_functions", {"Functions": []})
        assert backend.workloads("(env)", "eu-west-1") == []
        ecs.assert_no_pending_responses()
        lam.assert_no_pending_responses()
    assert len(slept) == 3 and slept[2] >= 0.25  # Lambda's second wait: doubled, jittered


def test_cached_per_account_and_region_until_the_ttl_or_refresh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backend, clients = _backend(monkeypatch)
    now = [datetime(2026, 1, 1, tzinfo=timezone.utc)]
    cache = wl.WorkloadCache(lambda: 600, lambda: now[0])
    backend._usage = (cache, backend._usage[1])
    with Stubber(clients["ecs"]) as ecs, Stubber(clients["lambda"]) as lam:
        for _ in range(3):
            ecs.add_response("list_clusters", {"clusterArns": []})
            lam.add_response("list_functions", {"Functions": []})
        backend.workloads("(env)", "eu-west-1")
        backend.workloads("(env)", "eu-west-1")  # cached: no call
        assert len(ecs._queue) == 2
        backend.workloads("(env)", "eu-west-1", refresh=True)
        assert len(ecs._queue) == 1
        now[0] += timedelta(seconds=601)
        backend.workloads("(env)", "eu-west-1")
        ecs.assert_no_pending_responses()
        lam.assert_no_pending_responses()
