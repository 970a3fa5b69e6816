"""One pair's workloads, read from ECS and Lambda (read calls only), and their cache.

ECS: ListClusters → per cluster, side by side, ListServices → DescribeServices (10 a call) and
ListTasks (RUNNING) → DescribeTasks (100 a call); then DescribeTaskDefinition of every PRIMARY
and ACTIVE deployment (once per task definition). Lambda, beside ECS: ListFunctions → GetFunction
of each image function. Independent calls go to the backend's bounded pool (`fan_out`: a call no
thread has taken yet runs in the caller's, so waiting never holds the pool); each call waits for
its pair's rate and a throttled one is retried with backoff.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from ecr_tui.core.login.tokens import RateLimiter
from ecr_tui.core.sso.portal import limited_call
from ecr_tui.core.usage.models import WorkloadImage

T = TypeVar("T")
ECS_CALLS_PER_SECOND = 20
"""ECS reads of one pair a second: ECS's Describe/List calls throttle from a sustained 20/s."""
LAMBDA_CALLS_PER_SECOND = 15
"""Lambda control-plane reads of one pair a second (ListFunctions' quota is 15/s)."""
DEPLOYMENTS = ("PRIMARY", "ACTIVE")
"""During a rollout both run; INACTIVE ones no longer do."""

Call = Callable[[str, str, Callable[[], Any]], Any]
"""(service, operation, fn) → fn's result: rate, throttling retries and error translation."""


def fan_out(pool: Executor, calls: Sequence[Callable[[], T]]) -> list[T]:
    """Every call's result in order; the calls no pool thread has started yet run here."""
    if len(calls) <= 1:
        return [call() for call in calls]
    futures: list[Future[T]] = [pool.submit(call) for call in calls[1:]]
    try:
        results = [calls[0]()]
        for future, call in zip(futures, calls[1:], strict=True):
            results.append(call() if future.cancel() else future.result())
        return results
    finally:
        for future in futures:
            future.cancel()


def chunks(items: Sequence[str], size: int) -> list[Sequence[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _arn_account(arn: str) -> str:
    parts = arn.split(":")
    return parts[4] if len(parts) > 5 else ""


def _family_revision(arn: str) -> str:
    return arn.rsplit("/", 1)[-1]


def _digest_of(uri: str) -> str:
    return uri.rpartition("@")[2] if "@" in uri else ""


@dataclass(frozen=True, slots=True)
class _Cluster:
    arn: str
    name: str
    services: tuple[dict[str, Any], ...]
    tasks: tuple[dict[str, Any], ...]


class PairReader:
    """Reads the workloads of one (profile, region): `read()`."""

    def __init__(
        self, clients: Callable[[str], Any], call: Call, pool: Executor, *, profile: str,
        region: str,
    ) -> None:
        self._clients = clients
        self._call = call
        self._pool = pool
        self.profile = profile
        self.region = region

    def read(self) -> list[WorkloadImage]:
        ecs, lam = fan_out(self._pool, [self._ecs, self._lambda])
        return [*ecs, *lam]

    def _paged(self, service: str, operation: str, key: str, **kwargs: Any) -> list[Any]:
        client = self._clients(service)
        items: list[Any] = []
        token_name = "Marker" if service == "lambda" else "nextToken"
        next_name = "NextMarker" if service == "lambda" else "nextToken"
        token: str | None = None
        method = getattr(client, _snake(operation))
        while True:
            extra = {token_name: token} if token else {}
            page = self._call(service, operation, lambda e=extra: method(**kwargs, **e))
            items += page.get(key) or []
            token = page.get(next_name)
            if not token:
                return items

    # -- ECS ------------------------------------------------------------------------------
    def _ecs(self) -> list[WorkloadImage]:
        arns = self._paged("ecs", "ListClusters", "clusterArns", maxResults=100)
        clusters = fan_out(self._pool, [lambda a=arn: self._cluster(a) for arn in arns])
        wanted = {d["taskDefinition"] for c in clusters for s in c.services
                  for d in s.get("deployments") or () if d.get("status") in DEPLOYMENTS}
        wanted |= {t["taskDefinitionArn"] for c in clusters for t in c.tasks
                   if not _in_service(t, c) and any(not x.get("image")
                                                    for x in t.get("containers") or ())}
        arns = sorted(wanted)
        described = fan_out(self._pool, [lambda a=arn: self._task_definition(a) for arn in arns])
        definitions = dict(zip(arns, described, strict=True))
        out: list[WorkloadImage] = []
        for cluster in clusters:
            out += self._services(cluster, definitions)
            out += self._standalone(cluster, definitions)
        return out

    def _cluster(self, arn: str) -> _Cluster:
        services, tasks = fan_out(self._pool, [
            lambda: self._listed_then_described(
                arn, ("ListServices", "serviceArns", {}), ("DescribeServices", "services", 10)),
            lambda: self._listed_then_described(
                arn, ("ListTasks", "taskArns", {"desiredStatus": "RUNNING"}),
                ("DescribeTasks", "tasks", 100)),
        ])
        return _Cluster(arn, arn.rsplit("/", 1)[-1], tuple(services), tuple(tasks))

    def _listed_then_described(
        self, cluster: str, listing: tuple[str, str, dict[str, str]],
        describing: tuple[str, str, int],
    ) -> list[dict[str, Any]]:
        """A cluster's services or running tasks: their ARNs, then described SIZE a call."""
        list_op, list_key, extra = listing
        describe_op, key, size = describing
        arns = self._paged("ecs", list_op, list_key, cluster=cluster, maxResults=100, **extra)
        describe = getattr(self._clients("ecs"), _snake(describe_op))
        pages = fan_out(self._pool, [
            lambda part=part: self._call("ecs", describe_op, lambda: describe(
                cluster=cluster, **{key: list(part)}))
            for part in chunks(arns, size)])
        return [item for page in pages for item in page.get(key) or ()]

    def _task_definition(self, arn: str) -> dict[str, Any]:
        ecs = self._clients("ecs")
        found = self._call("ecs", "DescribeTaskDefinition",
                           lambda: ecs.describe_task_definition(taskDefinition=arn))
        return found.get("taskDefinition") or {}

    def _record(self, account: str, kind: str, cluster: str, name: str, definition: str,
                container: str, image: str, digest: str, running: int | None,
                desired: int | None) -> WorkloadImage:
        return WorkloadImage(self.profile, account, self.region, kind,  # type: ignore[arg-type]
                             cluster, name, definition, container, image, digest, running,
                             desired)

    def _services(
        self, cluster: _Cluster, definitions: dict[str, dict[str, Any]]
    ) -> list[WorkloadImage]:
        out = []
        account = _arn_account(cluster.arn)
        for service in cluster.services:
            name = service.get("serviceName", "")
            tasks = [t for t in cluster.tasks if t.get("group") == f"service:{name}"]
            for deployment in service.get("deployments") or ():
                if deployment.get("status") not in DEPLOYMENTS:
                    continue
                arn = deployment.get("taskDefinition", "")
                mine = [t for t in tasks if t.get("taskDefinitionArn") == arn]
                for container in definitions.get(arn, {}).get("containerDefinitions") or ():
                    out += self._service_rows(account, cluster.name, name, arn, container,
                                              mine, deployment)
        return out

    def _service_rows(
        self, account: str, cluster: str, service: str, arn: str, container: dict[str, Any],
        tasks: Iterable[dict[str, Any]], deployment: dict[str, Any],
    ) -> list[WorkloadImage]:
        cname = container.get("name", "")
        digests = Counter(c["imageDigest"] for t in tasks for c in t.get("containers") or ()
                          if c.get("name") == cname and c.get("imageDigest"))
        desired = deployment.get("desiredCount", 0)
        if len(digests) <= 1:  # one digest (or none known): the deployment's own counts
            digest = next(iter(digests), "")
            return [self._record(account, "ecs-service", cluster, service,
                                 _family_revision(arn), cname, container.get("image", ""),
                                 digest, deployment.get("runningCount", 0), desired)]
        return [self._record(account, "ecs-service", cluster, service, _family_revision(arn),
                             cname, container.get("image", ""), digest, count, desired)
                for digest, count in sorted(digests.items())]

    def _standalone(
        self, cluster: _Cluster, definitions: dict[str, dict[str, Any]]
    ) -> list[WorkloadImage]:
        out = []
        for task in cluster.tasks:
            if _in_service(task, cluster):
                continue
            arn = task.get("taskDefinitionArn", "")
            images = {c.get("name"): c.get("image", "")
                      for c in definitions.get(arn, {}).get("containerDefinitions") or ()}
            for container in task.get("containers") or ():
                cname = container.get("name", "")
                out.append(self._record(
                    _arn_account(task.get("taskArn", "")), "ecs-task", cluster.name,
                    task.get("taskArn", "").rsplit("/", 1)[-1], _family_revision(arn), cname,
                    container.get("image") or images.get(cname, ""),
                    container.get("imageDigest", ""), 1, 1))
        return out

    # -- Lambda ---------------------------------------------------------------------------
    def _lambda(self) -> list[WorkloadImage]:
        functions = self._paged("lambda", "ListFunctions", "Functions", MaxItems=50)
        images = [f for f in functions if f.get("PackageType") == "Image"]
        lam = self._clients("lambda")
        found = fan_out(self._pool, [
            lambda f=f: self._call("lambda", "GetFunction", lambda: lam.get_function(
                FunctionName=f["FunctionArn"])) for f in images])
        out = []
        for function, got in zip(images, found, strict=True):
            code = got.get("Code") or {}
            out.append(self._record(
                _arn_account(function.get("FunctionArn", "")), "lambda", "",
                function.get("FunctionName", ""), "", "", code.get("ImageUri", ""),
                _digest_of(code.get("ResolvedImageUri", "")), None, None))
        return out


def _in_service(task: dict[str, Any], cluster: _Cluster) -> bool:
    group = task.get("group") or ""
    return group.startswith("service:") and any(
        s.get("serviceName") == group[len("service:"):] for s in cluster.services)


def _snake(operation: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in operation).lstrip("_")


class PairLimits:
    """One limiter per service, keyed by pair: each pair's ECS and Lambda rates."""

    def __init__(self, sleep: Callable[[float], None] = time.sleep) -> None:
        self._sleep = sleep
        self._limiters = {"ecs": RateLimiter(ECS_CALLS_PER_SECOND, 1.0, sleep=sleep),
                          "lambda": RateLimiter(LAMBDA_CALLS_PER_SECOND, 1.0, sleep=sleep)}

    def call(self, service: str, key: Hashable, fn: Callable[[], T]) -> T:
        """``fn()`` within the pair's rate of SERVICE; throttling retried with backoff."""
        return limited_call(self._limiters[service], fn, limiter_key=key, sleep=self._sleep)


class WorkloadCache:
    """Each (account, region)'s workloads for ``ttl`` seconds; one read at a time per key."""

    def __init__(self, ttl: Callable[[], float], clock: Callable[[], datetime]) -> None:
        self._ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str], tuple[datetime, list[WorkloadImage]]] = {}
        self._reading: dict[tuple[str, str], threading.Lock] = {}

    def get(
        self, key: tuple[str, str], read: Callable[[], list[WorkloadImage]], *,
        refresh: bool = False,
    ) -> list[WorkloadImage]:
        with self._lock:
            gate = self._reading.setdefault(key, threading.Lock())
        with gate:  # two profiles of one account wait for one read
            with self._lock:
                known = self._entries.get(key)
            now = self._clock()
            if known and not refresh and now - known[0] < timedelta(seconds=self._ttl()):
                return list(known[1])
            found = read()
            with self._lock:
                self._entries[key] = (now, found)
            return list(found)
