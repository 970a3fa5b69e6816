"""A small world of its own for `ecr-tui doctor` (issue 20), every failure planted: moto (ECR and
STS) and Debian's docker-registry on loopback, seeded from a plan of their own, then the writes
moto takes through its API (policies, a KMS repository, a lifecycle policy, a tag pushed now),
made before the audit starts. The shared many-account world is left as it is.

Planted (in seed.ACCOUNT_ID, us-east-1):
* `app/web` — a near miss for `app/wbe`;
* `app/api` — `release-1.4.0..2` (a lifecycle policy keeps the 3 newest `release-*`, so
  `release-1.3.9` is what it expired), `hotfix` pushed at start, `archived-1` ARCHIVED;
* `multi/tool:2.0` — an index of linux/amd64 and linux/ppc64le, no linux/arm64;
* `shared/base` grants OTHER_ACCOUNT_ID pulls; `shared/denied` allows everyone and denies it;
* `secure/kms` — KMS with a customer key, granting OTHER_ACCOUNT_ID pulls;
* `docker-hub/…` — the harness's pull-through-cache rules (`docker-hub` prefix), no repository;
* account 999999999999 — no profile reaches it; the `other` profile's keys are OTHER_ACCOUNT_ID's.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.harness import procs, readonly_audit, registry, seed
from tests.harness.aws_config import EU_ACCESS_KEY, EU_SECRET_KEY
from tests.harness.tokens import password_for
from tests.harness.world import REPO_ROOT, base_env

ACCOUNT, OTHER, REGION = seed.ACCOUNT_ID, seed.OTHER_ACCOUNT_ID, seed.REGION
HOST = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com"
UNREACHED = "999999999999"
KMS_KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
LIFECYCLE = {"rules": [{
    "rulePriority": 1, "description": "keep 3 releases",
    "selection": {"tagStatus": "tagged", "tagPrefixList": ["release-"],
                  "countType": "imageCountMoreThan", "countNumber": 3},
    "action": {"type": "expire"}}]}
PULL = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]


def _policy(*statements: dict[str, object]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


GRANT_OTHER = _policy({"Sid": "OtherPulls", "Effect": "Allow",
                       "Principal": {"AWS": f"arn:aws:iam::{OTHER}:root"}, "Action": PULL})
DENY_OTHER = _policy(
    {"Sid": "EveryonePulls", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": PULL},
    {"Sid": "NotOther", "Effect": "Deny", "Principal": {"AWS": f"arn:aws:iam::{OTHER}:root"},
     "Action": "ecr:*"},
)


@dataclass(frozen=True)
class DoctorWorld:
    env: dict[str, str]
    docker_config: Path
    audit_file: Path


def _plan() -> tuple[seed.Plan, seed.SeededImage, seed.SeededImage]:
    b = seed._Builder()  # the shared world's image builder: real manifests, configs and layers
    plan = b.plan
    plan.repositories[REGION] = ["app/web", "app/api", "multi/tool", "shared/base",
                                 "shared/denied"]
    b.image("app/web", ("latest",), oci=True, unique="web")
    for tag in ("release-1.4.0", "release-1.4.1", "release-1.4.2"):
        b.image("app/api", (tag,), oci=True, unique=tag)
    archived = b.image("app/api", ("archived-1",), oci=True, unique="archived")
    hotfix = b.image("app/api", ("hotfix",), oci=True, unique="hotfix")
    children = [b.image("multi/tool", (), oci=True, arch=arch, unique=f"tool-{arch}")
                for arch in ("amd64", "ppc64le")]
    manifest = seed._json({"schemaVersion": 2, "mediaType": seed.OCI_INDEX, "manifests": [
        {"mediaType": seed.OCI_MANIFEST, "size": len(c.manifest), "digest": c.digest,
         "platform": {"architecture": c.architecture, "os": "linux"}} for c in children]})
    plan.images.append(seed.SeededImage(
        repository="multi/tool", digest=seed.sha256_digest(manifest), media_type=seed.OCI_INDEX,
        manifest=manifest, tags=("2.0",), children=tuple(c.digest for c in children),
        pushed_at=b._next_time()))
    for repo in ("shared/base", "shared/denied"):
        b.image(repo, ("v1",), oci=True, unique=repo)
    return plan, archived, hotfix


def _aws_files(home: Path) -> None:
    aws = home / ".aws"
    aws.mkdir(parents=True)
    (aws / "config").write_text("[default]\nregion = us-east-1\n\n[profile other]\n"
                                "region = us-east-1\n", encoding="utf-8")
    (aws / "credentials").write_text(
        "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n\n"
        f"[other]\naws_access_key_id = {EU_ACCESS_KEY}\naws_secret_access_key = {EU_SECRET_KEY}\n",
        encoding="utf-8")


def _plant(moto_url: str, plan: seed.Plan, hotfix: seed.SeededImage) -> None:
    import boto3

    ecr = boto3.session.Session(aws_access_key_id="seed", aws_secret_access_key="seed",
                                region_name=REGION).client("ecr", endpoint_url=moto_url)
    ecr.put_lifecycle_policy(repositoryName="app/api", lifecyclePolicyText=json.dumps(LIFECYCLE))
    ecr.put_image(repositoryName="app/api", imageManifest=hotfix.manifest.decode(),
                  imageManifestMediaType=hotfix.media_type, imageTag="hotfix",
                  imageDigest=hotfix.digest)
    ecr.set_repository_policy(repositoryName="shared/base", policyText=GRANT_OTHER)
    ecr.set_repository_policy(repositoryName="shared/denied", policyText=DENY_OTHER)
    ecr.create_repository(repositoryName="secure/kms", encryptionConfiguration={
        "encryptionType": "KMS", "kmsKey": KMS_KEY})
    ecr.set_repository_policy(repositoryName="secure/kms", policyText=GRANT_OTHER)
    image = plan.images[0]
    ecr.put_image(repositoryName="secure/kms", imageManifest=image.manifest.decode(),
                  imageManifestMediaType=image.media_type, imageTag="v1", imageDigest=image.digest)


@contextlib.contextmanager
def doctor_world(base: Path) -> Iterator[DoctorWorld]:
    plan, archived, hotfix = _plan()
    base.mkdir(parents=True, exist_ok=True)
    seed_file = base / "moto-seed.json"
    seed.write_moto_seed(plan, seed_file, skip=("app/api", "hotfix"))
    data = json.loads(seed_file.read_text(encoding="utf-8"))
    data["image_extras"] = {archived.digest: {"status": "ARCHIVED",
                                              "archived_at": seed.BASE_TIME + 86400}}
    seed_file.write_text(json.dumps(data), encoding="utf-8")
    storage = base / "registry-data"
    seed.write_registry_storage(plan, storage, skip=None)
    reg_port, moto_port = procs.free_port(), procs.free_port()
    config = registry.write_config(base, storage, reg_port, password_for(ACCOUNT))
    audit = base / "audit.log"
    server_env = base_env(base)
    server_env["PYTHONPATH"] = str(REPO_ROOT)
    with contextlib.ExitStack() as stack:
        spawn = procs.spawner(stack, base, server_env, REPO_ROOT)
        reg_url, moto_url = f"http://127.0.0.1:{reg_port}", f"http://127.0.0.1:{moto_port}"
        reg = spawn([registry.REGISTRY_BIN, "serve", str(config)], "registry.log")
        moto = spawn([sys.executable, "-m", "tests.harness.moto_launcher", "--port",
                      str(moto_port), "--registry-url", reg_url, "--audit-file", str(audit),
                      "--seed-file", str(seed_file)], "moto.log")
        procs.wait_until(f"{reg_url}/v2/", lambda r: r.status_code == 401, proc=reg,
                         log=base / "registry.log")
        procs.wait_until(f"{moto_url}/_harness/ready", lambda r: r.status_code == 200,
                         proc=moto, log=base / "moto.log", timeout=60)
        _plant(moto_url, plan, hotfix)
        audit.write_text("", encoding="utf-8")  # from here on, only ecr-tui's calls
        readonly_audit.watch(audit)
        home = base / "home"
        _aws_files(home)
        env = base_env(home)
        dirs = {"DOCKER_CONFIG": home / ".docker", "XDG_STATE_HOME": home / ".local/state",
                "XDG_CONFIG_HOME": home / ".config", "XDG_CACHE_HOME": home / ".cache"}
        for path in dirs.values():
            path.mkdir(parents=True, exist_ok=True)
        env.update({k: str(v) for k, v in dirs.items()})
        env.update({"AWS_CONFIG_FILE": str(home / ".aws/config"),
                    "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws/credentials"),
                    "AWS_ENDPOINT_URL": moto_url, "AWS_EC2_METADATA_DISABLED": "true"})
        yield DoctorWorld(env, dirs["DOCKER_CONFIG"] / "config.json", audit)
    shutil.rmtree(storage, ignore_errors=True)
