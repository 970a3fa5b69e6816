"""ECS and Lambda in moto as ECS and Lambda answer the usage scan (issue 18).

Patches (applied by :mod:`tests.harness.moto_launcher` before serving):

* A task's containers get ``imageDigest`` as ECS reports it: the digest the image's tag (or
  pinned digest) resolved to in moto's ECR when the task started. A tag moved later does not
  move it (moto reports no digest at all; its serializer picks ``image_digest`` up).
* An image function's ``Code.ResolvedImageUri`` is ``REPO@DIGEST`` of what its ``ImageUri``
  resolved to at creation (moto makes one up from the code hash). No docker is involved: moto
  never runs an image function unless invoked.
* Every ECS request of the (account, region) pairs in ``DENY_ECS`` answers AccessDeniedException.

The workloads are seeded in-process from the seed file's ``workloads`` section (written by
:mod:`tests.harness.workload_world`): no HTTP call, so the read-only audit sees none of it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DENY_ECS: set[tuple[str, str]] = set()
"""(account, region) pairs whose every ECS call is refused."""
ROLE = "lambda-exec"


def _resolve(image: str) -> str:
    """The digest an ECR reference resolves to in moto now, "" when it names nothing there."""
    from moto.ecr.models import ecr_backends

    from ecr_tui.core.image_ref import parse_image_reference

    ref = parse_image_reference(image)
    if ref is None or ref.registry is None or ref.registry.public:
        return ""
    if ref.digest:
        return ref.digest
    repo = ecr_backends[ref.registry.account_id][ref.registry.region].repositories.get(
        ref.repository)
    tag = ref.tag or "latest"
    for found in repo.images if repo else ():
        if tag in (found.image_tags or ()):
            return str(found.image_digest)
    return ""


def patch() -> None:
    from moto.awslambda.models import LambdaFunction
    from moto.ecs.models import Task
    from moto.ecs.responses import EC2ContainerServiceResponse

    task_init = Task.__init__

    def started(self: Any, *args: Any, **kwargs: Any) -> None:
        task_init(self, *args, **kwargs)
        for container in self.containers:
            digest = _resolve(container.image or "")
            if digest:
                container.image_digest = digest

    Task.__init__ = started  # type: ignore[method-assign]

    get_code = LambdaFunction.get_code

    def code(self: Any) -> dict[str, Any]:
        answer = get_code(self)
        uri = self.code.get("ImageUri") if isinstance(self.code, dict) else None
        resolved = getattr(self, "harness_resolved", "")
        if uri and resolved:
            answer["Code"]["ResolvedImageUri"] = f"{uri.split('@')[0].rsplit(':', 1)[0]}@{resolved}"
        return answer

    LambdaFunction.get_code = code  # type: ignore[method-assign]

    call_action = EC2ContainerServiceResponse.call_action

    def refusing(self: Any) -> Any:
        if (self.current_account, self.region) in DENY_ECS:
            action = self._get_action()
            body = {"__type": "AccessDeniedException",
                    "message": f"User is not authorized to perform: ecs:{action}"}
            return 400, {"Content-Type": "application/x-amz-json-1.1"}, json.dumps(body)
        return call_action(self)

    EC2ContainerServiceResponse.call_action = refusing  # type: ignore[method-assign]


def seed(seed_file: Path) -> None:
    """Images, ECS clusters, services, tasks and functions of the seed file's `workloads`."""
    plan = json.loads(seed_file.read_text(encoding="utf-8")).get("workloads")
    if not plan:
        return
    DENY_ECS.update(tuple(p) for p in plan.get("deny_ecs", ()))
    for step in plan["steps"]:
        kind = step["kind"]
        if kind == "image":
            _put_image(step)
        elif kind == "service":
            _service(step)
        elif kind == "task":
            _tasks(step, step.get("group") or None, step.get("count", 1))
        elif kind == "lambda":
            _function(step)


def _definition(step: dict[str, Any], image: str) -> str:
    from moto.ecs.models import ecs_backends

    backend = ecs_backends[step["account"]][step["region"]]
    if step["cluster"] not in backend.clusters:
        backend.create_cluster(step["cluster"])
    td = backend.register_task_definition(
        step["family"], [{"name": step.get("container", "app"), "image": image, "memory": 128}])
    return str(td.arn)


def _tasks(step: dict[str, Any], group: str | None, count: int, td: str = "") -> None:
    from moto.ecs.models import ecs_backends

    if count <= 0:
        return
    td = td or _definition(step, step["image"])
    ecs_backends[step["account"]][step["region"]].run_task(
        step["cluster"], td, count, None, None, None, "FARGATE", None, group, None)


def _service(step: dict[str, Any]) -> None:
    """Deployments oldest first, the PRIMARY one last; each starts its tasks in batches, and a
    batch may move tags afterwards (`then`): a rollout whose tag moved halfway."""
    from moto.ecs.models import ecs_backends

    backend = ecs_backends[step["account"]][step["region"]]
    made = []
    for deployment in step["deployments"]:
        td = _definition(step, deployment["image"])
        running = 0
        for batch in deployment.get("batches", ()):
            _tasks(step, f"service:{step['name']}", batch["tasks"], td)
            running += batch["tasks"]
            for move in batch.get("then", ()):
                _put_image(move)
        made.append((td, running, deployment.get("desired", step["desired"])))
    service = backend.create_service(step["cluster"], step["name"], step["desired"], made[-1][0],
                                     launch_type="FARGATE")
    template = service.deployments[0]
    service.deployments = [
        {**template, "taskDefinition": td, "runningCount": running, "desiredCount": desired,
         "pendingCount": 0, "status": "PRIMARY" if i == 0 else "ACTIVE"}
        for i, (td, running, desired) in enumerate(reversed(made))
    ]
    service.running_count = sum(d["runningCount"] for d in service.deployments)


def _put_image(step: dict[str, Any]) -> None:
    from moto.ecr.models import ecr_backends

    ecr_backends[step["account"]][step["region"]].put_image(
        step["repository"], step["manifest"], step["tag"],
        "application/vnd.oci.image.manifest.v1+json", step["digest"])


def _function(step: dict[str, Any]) -> None:
    from moto.awslambda.models import lambda_backends
    from moto.iam.models import iam_backends

    account = step["account"]
    iam = iam_backends[account]["global"]
    try:
        role = iam.get_role(ROLE)
    except Exception:  # noqa: BLE001 - moto's NoSuchEntity: the account's first function
        role = iam.create_role(ROLE, "{}", "/", None, "", [], None)
    fn = lambda_backends[account][step["region"]].create_function({
        "FunctionName": step["name"], "Role": role.arn, "PackageType": "Image",
        "Code": {"ImageUri": step["image"]}})
    fn.harness_resolved = _resolve(step["image"])
