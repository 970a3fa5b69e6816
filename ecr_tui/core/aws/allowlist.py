"""The allowlist every botocore client carries: each AWS operation ecr-tui may call, by whole
name, and the writes apart, opened only by the writes switch (--allow-writes, `writes = true`).
A new operation is a reviewed line here; tests assert each service's exact set."""

from __future__ import annotations

from typing import Any

from ecr_tui.core.errors import EcrTuiError

READ_OPERATIONS: dict[str, frozenset[str]] = {
    "ecr": frozenset({
        "DescribeRepositories", "DescribeImages", "DescribeImageScanFindings",
        "DescribePullThroughCacheRules", "GetAuthorizationToken",
        # Lifecycle, read and evaluated locally (starting a preview is a write and stays out).
        "GetLifecyclePolicy", "GetLifecyclePolicyPreview", "ListPullTimeUpdateExclusions",
        # Why can't it pull? (issue 20): the resource policies the doctor evaluates.
        "GetRepositoryPolicy",  # who may pull from one repository
        "GetRegistryPolicy",  # the registry's policy (scope V2: every ECR action)
    }),
    "sts": frozenset({"GetCallerIdentity"}),
    # The SSO portal; sso-oidc only refreshes a cached token.
    "sso": frozenset({"ListAccounts", "ListAccountRoles", "GetRoleCredentials"}),
    "sso-oidc": frozenset({"CreateToken"}),
    # In use where (issue 18): what runs each image.
    "ecs": frozenset({
        "ListClusters",  # the pair's clusters
        "ListServices",  # a cluster's services
        "DescribeServices",  # their deployments (PRIMARY, ACTIVE), 10 a call
        "DescribeTaskDefinition",  # a deployment's container images
        "ListTasks",  # a cluster's RUNNING tasks
        "DescribeTasks",  # their containers' image and imageDigest, 100 a call
    }),
    "lambda": frozenset({
        "ListFunctions",  # the pair's functions (PackageType)
        "GetFunction",  # an image function's Code.ImageUri and ResolvedImageUri
    }),
    # ECR Public (issue 22): your public registry read, and the public.ecr.aws token.
    "ecr-public": frozenset({
        "DescribeRegistries",  # the registry's aliases
        "DescribeRepositories",  # your public repositories
        "GetRepositoryCatalogData",  # description, about, usage, architectures, systems
        "DescribeImageTags",  # tags with their image's digest, size and date
        "DescribeImages",  # every image, untagged ones too
        "GetAuthorizationToken",  # the public.ecr.aws login (us-east-1 only)
    }),
}
"""Every AWS operation ecr-tui may call, by whole name: a new one is a reviewed line here."""
WRITE_OPERATIONS: dict[str, frozenset[str]] = {
    "ecr": frozenset({
        # Retag, AWS's recipe: BatchGetImage reads the manifest bytes (ECR counts it as a pull).
        "BatchGetImage",
        # Retag's write: the same manifest bytes under a new tag, digest unchanged.
        "PutImage",
        # Untag (by tag) and delete (by digest, the whole image).
        "BatchDeleteImage",
    }),
}
"""The write operations, a list apart: only clients of a pool made with writes on may call them
(--allow-writes or `writes = true`); everywhere else they are refused before anything is sent."""
class ReadOnlyViolation(EcrTuiError):
    """A call outside the allowlist: a bug in ecr-tui, never sent to AWS."""


def is_allowed(service: str, operation: str, *, writes: bool = False) -> bool:
    if operation in READ_OPERATIONS.get(service, ()):
        return True
    return writes and operation in WRITE_OPERATIONS.get(service, ())


def guard(model: Any, **_: Any) -> None:
    service = model.service_model.service_name
    if not is_allowed(service, model.name):
        raise ReadOnlyViolation(f"refusing {service}:{model.name}: ecr-tui is read-only")


def write_guard(model: Any, **_: Any) -> None:
    """The guard of clients made with writes on: the read list and the write list."""
    service = model.service_model.service_name
    if not is_allowed(service, model.name, writes=True):
        raise ReadOnlyViolation(f"refusing {service}:{model.name}: not an operation of ecr-tui")
