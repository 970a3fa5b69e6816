"""The write world (issue 21): its own moto, and per account its own docker-registry and paging
front, ECR and registry one store (:mod:`tests.harness.store_sync`), with its own audit file,
the only one the session-end audit lets write.

Two accounts, two static profiles (``alpha`` -> ALPHA, ``beta`` -> BETA, both us-east-1).
ALPHA us-east-1 holds:

* ``app`` (MUTABLE): ``v1``; ``v2`` + ``prod`` (service ``api`` runs ``app:prod``); ``v3``;
  ``v4`` + ``keep``; ``multi`` (an OCI index of two platforms); ``signed`` with a signature
  (an OCI artifact whose ``subject`` is it, listed under the referrers tag ``sha256-<hex>``);
* ``locked`` (IMMUTABLE): ``1.0``, ``1.1``;
* ``filtered`` (IMMUTABLE_WITH_EXCLUSION, filters ``dev-*`` and ``latest``): ``1.0`` + ``dev-1``,
  ``2.0`` + ``latest``;
* ``cold``: ``old`` (ARCHIVED), ``new``;
* ``run``: ``live`` (BETA's service ``web`` runs it: another account), ``idle``.

BETA us-east-1 holds ``app``: ``b1``. BETA's ECS answers AccessDenied in eu-west-1 (an
incomplete scan when that region is asked for).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.harness import procs, readonly_audit, registry, seed
from tests.harness.aws_config import EU_ACCESS_KEY, EU_SECRET_KEY
from tests.harness.seed import OCI_INDEX, OCI_MANIFEST, Plan, SeededImage, sha256_digest
from tests.harness.tokens import basic_token, password_for
from tests.harness.world import REPO_ROOT, _storage_dir, _world_env, base_env

ALPHA, BETA = seed.ACCOUNT_ID, seed.OTHER_ACCOUNT_ID
REGION = "us-east-1"
DENIED_REGION = "eu-west-1"
ALPHA_KEY, ALPHA_SECRET = "AKIAWRITEALPHAEXAMPL", "write/alpha/secret/EXAMPLEKEY"
SIG_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json"
MUTABILITY = {"locked": ("IMMUTABLE", ()),
              "filtered": ("IMMUTABLE_WITH_EXCLUSION", ("dev-*", "latest"))}
AWS_CONFIG = f"""\
[profile alpha]
region = {REGION}

[profile beta]
region = {REGION}
"""
AWS_CREDENTIALS = f"""\
[alpha]
aws_access_key_id = {ALPHA_KEY}
aws_secret_access_key = {ALPHA_SECRET}

[beta]
aws_access_key_id = {EU_ACCESS_KEY}
aws_secret_access_key = {EU_SECRET_KEY}
"""


@dataclass(frozen=True)
class WriteWorld:
    moto_url: str
    registries: Mapping[str, str]  # account -> its paging front (what proxyEndpoint names)
    env: Mapping[str, str]
    audit_file: Path
    images: Mapping[str, SeededImage]  # "repo:tag" (and "signature") -> the image seeded
    home: Path

    def host(self, account: str = ALPHA) -> str:
        """The ECR host workloads name (ecr-tui maps it to the registry's front)."""
        return f"{account}.dkr.ecr.{REGION}.amazonaws.com"

    def digest(self, reference: str) -> str:
        return self.images[reference].digest

    def audit_lines(self) -> list[str]:
        return self.audit_file.read_text(encoding="utf-8").splitlines()

    def manifest(self, repository: str, reference: str, account: str = ALPHA
                 ) -> httpx.Response:
        """GET a manifest from the account's registry, every media type accepted."""
        accept = ", ".join((OCI_INDEX, OCI_MANIFEST, seed.DOCKER_MANIFEST,
                            "application/vnd.docker.distribution.manifest.list.v2+json"))
        with httpx.Client(timeout=30, trust_env=False) as client:
            return client.get(
                f"{self.registries[account]}/v2/{repository}/manifests/{reference}",
                headers={"Authorization": f"Basic {basic_token(account)}", "Accept": accept})


def _signature(plan: Plan, subject: SeededImage) -> tuple[SeededImage, SeededImage]:
    """An OCI artifact signing `subject`, and the referrers tag's index listing it."""
    empty, payload = b"{}", f'{{"signed": "{subject.digest}"}}'.encode()
    plan.blobs[sha256_digest(empty)] = empty
    plan.blobs[sha256_digest(payload)] = payload
    body = seed._json({
        "schemaVersion": 2, "mediaType": OCI_MANIFEST, "artifactType": SIG_TYPE,
        "config": {"mediaType": "application/vnd.oci.empty.v1+json", "size": 2,
                   "digest": sha256_digest(empty)},
        "layers": [{"mediaType": SIG_TYPE, "size": len(payload),
                    "digest": sha256_digest(payload)}],
        "subject": {"mediaType": subject.media_type, "size": len(subject.manifest),
                    "digest": subject.digest},
    })
    signature = SeededImage(subject.repository, sha256_digest(body), OCI_MANIFEST, body,
                            config_digest=sha256_digest(empty),
                            layer_digests=(sha256_digest(payload),), pushed_at=seed.BASE_TIME)
    listing = seed._json({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": [
        {"mediaType": OCI_MANIFEST, "size": len(body), "digest": signature.digest,
         "artifactType": SIG_TYPE}]})
    index = SeededImage(subject.repository, sha256_digest(listing), OCI_INDEX, listing,
                        tags=(subject.digest.replace(":", "-"),), pushed_at=seed.BASE_TIME)
    plan.images += [signature, index]
    return signature, index


def build() -> tuple[Plan, Plan, dict[str, SeededImage]]:
    """ALPHA's plan, BETA's plan, and the images by "repo:tag"."""
    alpha, beta = seed._Builder(), seed._Builder()
    named: dict[str, SeededImage] = {}

    def image(builder: seed._Builder, repo: str, *tags: str) -> SeededImage:
        made = builder.image(repo, tags, oci=len(named) % 2 == 0, unique=f"{repo}:{tags[0]}",
                             extra_layer=True)
        named.update({f"{repo}:{t}": made for t in tags})
        return made

    for tags in (("v1",), ("v2", "prod"), ("v3",), ("v4", "keep")):
        image(alpha, "app", *tags)
    named["app:multi"] = alpha.index("app", "multi")
    named["signature"] = _signature(alpha.plan, image(alpha, "app", "signed"))[0]
    for repo, tag_sets in (("locked", (("1.0",), ("1.1",))),
                           ("filtered", (("1.0", "dev-1"), ("2.0", "latest"))),
                           ("cold", (("old",), ("new",))), ("run", (("live",), ("idle",)))):
        for tags in tag_sets:
            image(alpha, repo, *tags)
    image(beta, "app", "b1")
    alpha.plan.repositories[REGION] = ["app", "locked", "filtered", "cold", "run"]
    beta.plan.repositories[REGION] = ["app"]
    return alpha.plan, beta.plan, named


def _workloads(named: Mapping[str, SeededImage]) -> dict[str, object]:
    host = f"{ALPHA}.dkr.ecr.{REGION}.amazonaws.com"
    service = {"cluster": "main", "region": REGION, "desired": 1}
    return {"steps": [
        {**service, "kind": "service", "account": ALPHA, "name": "api", "family": "api",
         "desired": 2, "deployments": [{"image": f"{host}/app:prod", "batches": [{"tasks": 2}]}]},
        {**service, "kind": "service", "account": BETA, "name": "web", "family": "web",
         "deployments": [{"image": f"{host}/run:live", "batches": [{"tasks": 1}]}]},
    ], "deny_ecs": [[BETA, DENIED_REGION]]}


def write_seed(path: Path, alpha: Plan, beta: Plan, named: Mapping[str, SeededImage]) -> None:
    seed.write_moto_seed(alpha, path, skip=None, extra_accounts={BETA: beta.repositories},
                         extra_images=[
                             {"account": BETA, "region": REGION, "repository": i.repository,
                              "manifest": i.manifest.decode(), "tag": tag,
                              "media_type": i.media_type, "digest": i.digest}
                             for i in beta.images for tag in i.tags])
    data = json.loads(path.read_text(encoding="utf-8"))
    data["image_extras"] = {named["cold:old"].digest: {"status": "ARCHIVED"}}
    data["workloads"] = _workloads(named)
    path.write_text(json.dumps(data), encoding="utf-8")


def _set_mutability(moto_url: str) -> None:
    """Tag mutability through the API (moto's seeding has no say in it): a seeding write, made
    before the audit file is emptied."""
    import boto3

    ecr = boto3.session.Session(aws_access_key_id=ALPHA_KEY, aws_secret_access_key="seed",
                                region_name=REGION).client("ecr", endpoint_url=moto_url)
    for name, (mutability, filters) in MUTABILITY.items():
        extra = {"imageTagMutabilityExclusionFilters": [
            {"filterType": "WILDCARD", "filter": f} for f in filters]} if filters else {}
        ecr.put_image_tag_mutability(repositoryName=name, imageTagMutability=mutability,
                                     **extra)


@contextlib.contextmanager
def running_write_world(base: Path) -> Iterator[WriteWorld]:
    """Start and seed it under ``base``; its audit file is watched, writes allowed in it."""
    logs = base / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    alpha, beta, named = build()
    moto_port = procs.free_port()
    moto_url = f"http://127.0.0.1:{moto_port}"
    audit = base / "audit.log"
    server_env = base_env(base)
    server_env["PYTHONPATH"] = str(REPO_ROOT)
    with contextlib.ExitStack() as stack:
        def spawn(args: list[str], log_name: str) -> subprocess.Popen[bytes]:
            with (logs / log_name).open("ab") as out:
                proc = subprocess.Popen(
                    args, cwd=REPO_ROOT, env=server_env, stdout=out, stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL, preexec_fn=procs.die_with_parent)
            stack.callback(procs.stop, proc)
            return proc

        fronts, sync, waits = {}, {}, []
        for account, plan in ((ALPHA, alpha), (BETA, beta)):
            storage = _storage_dir(base)
            stack.callback(shutil.rmtree, storage, True)
            seed.write_registry_storage(plan, storage, skip=None)
            upstream_port, front_port = procs.free_port(), procs.free_port()
            workdir = base / f"registry-{account}"
            workdir.mkdir()
            config = registry.write_config(workdir, storage, upstream_port,
                                           password_for(account))
            reg = spawn([registry.REGISTRY_BIN, "serve", str(config)], f"registry-{account}.log")
            password_file = workdir / "password"
            password_file.write_text(password_for(account), encoding="utf-8")
            password_file.chmod(0o600)
            upstream = f"http://127.0.0.1:{upstream_port}"
            front = spawn([
                sys.executable, "-m", "tests.harness.paging_front", "--port", str(front_port),
                "--upstream", upstream, "--password-file", str(password_file),
                "--ecr-sync", moto_url, "--ecr-account", account, "--ecr-region", REGION,
            ], f"front-{account}.log")
            fronts[account] = f"http://127.0.0.1:{front_port}"
            sync[f"{account}:{REGION}"] = {"url": upstream, "root": str(storage)}
            waits += [(f"{upstream}/v2/", reg, f"registry-{account}.log"),
                      (f"{fronts[account]}/v2/", front, f"front-{account}.log")]
        seed_file = base / "moto-seed.json"
        write_seed(seed_file, alpha, beta, named)
        (base / "sync.json").write_text(json.dumps(sync), encoding="utf-8")
        (base / "registry-urls.json").write_text(json.dumps(
            {f"{a}:{REGION}": url for a, url in fronts.items()}), encoding="utf-8")
        moto = spawn([
            sys.executable, "-m", "tests.harness.moto_launcher", "--port", str(moto_port),
            "--registry-url", fronts[ALPHA], "--audit-file", str(audit), "--seed-file",
            str(seed_file), "--registry-urls", str(base / "registry-urls.json"),
            "--store-sync", str(base / "sync.json"),
        ], "moto.log")
        for url, proc, log in waits:
            procs.wait_until(url, lambda r: r.status_code == 401, proc=proc, log=logs / log)
        procs.wait_until(f"{moto_url}/_harness/ready", lambda r: r.status_code == 200,
                         proc=moto, log=logs / "moto.log", timeout=60)
        _set_mutability(moto_url)
        audit.write_text("", encoding="utf-8")  # the seeding's calls were answered: emptied
        readonly_audit.watch(audit, writes=True)
        home = base / "home"
        home.mkdir()
        (home / ".aws").mkdir()
        config_file, credentials = home / ".aws" / "config", home / ".aws" / "credentials"
        config_file.write_text(AWS_CONFIG, encoding="utf-8")
        credentials.write_text(AWS_CREDENTIALS, encoding="utf-8")
        env = _world_env(home, moto_url, moto_url, config_file, credentials)
        yield WriteWorld(moto_url, fronts, env, audit, named, home)
