"""The ECR Public world: the API stand-in (tests/harness/ecr_public.py) and, behind the
`public.ecr.aws` seam (ECR_TUI_PUBLIC_REGISTRY_URL), Debian's docker-registry with htpasswd for
the public password, so a real `docker login` can be checked. Own AWS files, own ports.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.harness import procs, registry
from tests.harness.tokens import password_for
from tests.harness.world import REPO_ROOT, base_env

ACCOUNT_ID = "123456789012"
ALIAS = "ecr-tui-demo"
KEY = "AKIAPUBLICEXAMPLE001"
NO_TOKEN_KEY = "AKIAPUBLICNOTOKEN001"
NO_BEARER_KEY = "AKIAPUBLICNOBEARER01"
PROFILES = {"default": KEY, "no-token": NO_TOKEN_KEY, "no-bearer": NO_BEARER_KEY}
MANY_TAGS_REPO = "tools/many-tags"
MANY_TAGS = 1234
"""More than one page of 1,000: DescribeImageTags' nextToken is followed."""
EXTRA_REPOS = 105
"""`extra/repo-NNN`: more than DescribeRepositories' default page of 100."""
PUSHED = 1_780_000_000


def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def _images(repo: str, tags: list[list[str]]) -> list[dict[str, object]]:
    return [
        {"digest": _digest(f"{repo}:{i}"), "tags": names, "size": 10_000_000 + i * 1000,
         "pushedAt": PUSHED + i * 60,
         "mediaType": "application/vnd.oci.image.index.v1+json"}
        for i, names in enumerate(tags)
    ]


def public_data(password: str, token_ttl: float) -> dict[str, object]:
    repositories: list[dict[str, object]] = [
        {"name": "tools/api", "createdAt": PUSHED - 86400 * 30, "catalog": {
            "description": "The API server", "aboutText": "# api\nServes the API.",
            "usageText": "docker run public.ecr.aws/ecr-tui-demo/tools/api:1.2.0",
            "architectures": ["x86-64", "ARM 64"], "operatingSystems": ["Linux"],
        }, "images": _images("tools/api", [["1.0.0"], ["1.1.0"], ["1.2.0", "latest"], []])},
        {"name": "base/alpine", "createdAt": PUSHED - 86400 * 90, "catalog": {
            "description": "Alpine with our CA", "architectures": ["x86-64"],
            "operatingSystems": ["Linux"],
        }, "images": _images("base/alpine", [["3.20"], ["3.21", "latest"]])},
        {"name": MANY_TAGS_REPO, "createdAt": PUSHED - 86400, "catalog": {},
         "images": _images(MANY_TAGS_REPO, [[f"v{i:04d}"] for i in range(MANY_TAGS)])},
    ]
    repositories += [
        {"name": f"extra/repo-{i:03d}", "createdAt": PUSHED, "catalog": {}, "images": []}
        for i in range(EXTRA_REPOS)
    ]
    return {
        "password": password, "token_ttl": token_ttl,
        "keys": {key: ACCOUNT_ID for key in PROFILES.values()},
        "denied": {NO_TOKEN_KEY: "ecr-public:GetAuthorizationToken",
                   NO_BEARER_KEY: "sts:GetServiceBearerToken"},
        "accounts": {ACCOUNT_ID: {"aliases": [ALIAS], "repositories": repositories}},
    }


@dataclass(frozen=True)
class PublicWorld:
    api_url: str  # AWS_ENDPOINT_URL_ECR_PUBLIC
    registry_url: str  # ECR_TUI_PUBLIC_REGISTRY_URL
    registry_host: str
    password: str
    audit_file: Path
    home: Path
    env: Mapping[str, str]

    def audit_lines(self) -> list[str]:
        return self.audit_file.read_text(encoding="utf-8").splitlines()

    def calls(self) -> dict[str, int]:
        with httpx.Client(timeout=10, trust_env=False) as client:
            return dict(client.get(f"{self.api_url}/_harness/counts").json()["calls"])

    def set_latency(self, ms: float) -> None:
        with httpx.Client(timeout=10, trust_env=False) as client:
            client.put(f"{self.api_url}/_harness/latency", params={"ms": ms}).raise_for_status()


def _aws_files(home: Path) -> tuple[Path, Path]:
    aws = home / ".aws"
    aws.mkdir(parents=True)
    config, credentials = aws / "config", aws / "credentials"
    # eu-west-1 everywhere: the public token must still be asked for in us-east-1.
    config.write_text("".join(
        f"[{'default' if name == 'default' else f'profile {name}'}]\nregion = eu-west-1\n"
        for name in PROFILES
    ), encoding="utf-8")
    credentials.write_text("".join(
        f"[{name}]\naws_access_key_id = {key}\naws_secret_access_key = public/secret/EXAMPLE\n"
        for name, key in PROFILES.items()
    ), encoding="utf-8")
    return config, credentials


@contextlib.contextmanager
def running_public_world(
    base: Path, *, latency_ms: float = 0.0, token_ttl: float = 43200.0
) -> Iterator[PublicWorld]:
    """Start the API stand-in and the registry on free loopback ports; stop them on exit."""
    password = password_for(f"public-{ACCOUNT_ID}")
    logs = base / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    api_port, registry_port = procs.free_port(), procs.free_port()
    api_url, registry_url = f"http://127.0.0.1:{api_port}", f"http://127.0.0.1:{registry_port}"
    audit = base / "public-audit.log"
    audit.write_text("", encoding="utf-8")
    data = base / "ecr-public.json"
    data.write_text(json.dumps(public_data(password, token_ttl)), encoding="utf-8")
    server_env = base_env(base)
    server_env["PYTHONPATH"] = str(REPO_ROOT)
    with contextlib.ExitStack() as stack:
        spawn = procs.spawner(stack, logs, server_env, REPO_ROOT)
        api = spawn([
            sys.executable, "-m", "tests.harness.ecr_public", "--port", str(api_port),
            "--data", str(data), "--audit-file", str(audit), "--latency-ms", str(latency_ms),
        ], "ecr-public.log")
        workdir, storage = base / "public-registry", base / "public-registry" / "data"
        storage.mkdir(parents=True)
        config = registry.write_config(workdir, storage, registry_port, password)
        reg = spawn([registry.REGISTRY_BIN, "serve", str(config)], "public-registry.log")
        procs.wait_until(f"{api_url}/_harness/ready", lambda r: r.status_code == 200, proc=api,
                         log=logs / "ecr-public.log")
        procs.wait_until(f"{registry_url}/v2/", lambda r: r.status_code == 401, proc=reg,
                         log=logs / "public-registry.log")
        home = base / "home"
        (home / "run").mkdir(parents=True)
        (home / "run").chmod(0o700)
        config_file, credentials = _aws_files(home)
        env = base_env(home)
        env.update({
            "AWS_CONFIG_FILE": str(config_file), "AWS_SHARED_CREDENTIALS_FILE": str(credentials),
            "AWS_ENDPOINT_URL_ECR_PUBLIC": api_url, "ECR_TUI_PUBLIC_REGISTRY_URL": registry_url,
            "AWS_EC2_METADATA_DISABLED": "true", "XDG_RUNTIME_DIR": str(home / "run"),
            "XDG_CONFIG_HOME": str(home / ".config"), "XDG_STATE_HOME": str(home / "state"),
            "XDG_CACHE_HOME": str(home / ".cache"), "DOCKER_CONFIG": str(home / ".docker"),
            "REGISTRY_AUTH_FILE": str(home / "run" / "auth.json"),
        })
        yield PublicWorld(
            api_url=api_url, registry_url=registry_url,
            registry_host=f"127.0.0.1:{registry_port}", password=password, audit_file=audit,
            home=home, env=env,
        )
