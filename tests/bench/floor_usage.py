"""The peer: a bare boto3 script making the usage scan's calls with a 32-thread pool, one pair
a task (its calls one after another): GetRoleCredentials; ECS ListClusters, ListServices,
DescribeServices (10 a call), DescribeTaskDefinition of each PRIMARY/ACTIVE deployment,
ListTasks (RUNNING), DescribeTasks (100 a call); Lambda ListFunctions, GetFunction of each image
function; and the repository's DescribeImages once. Counts the workloads naming the repository.

Usage: python -m tests.bench.floor_usage ACCOUNTS_FILE REPOSITORY REGION[,REGION...]  (JSON)
ACCOUNTS_FILE: one account id per line, the repository's account first.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import boto3
from botocore import UNSIGNED
from botocore.config import Config

ROLE = "ECRReadOnly"


def main(accounts_file: str, repository: str, regions: list[str]) -> None:
    started = time.perf_counter()
    cache = Path(os.environ["HOME"]) / ".aws" / "sso" / "cache"
    token = json.loads((cache / (hashlib.sha1(b"corp").hexdigest() + ".json")).read_text())
    accounts = Path(accounts_file).read_text().split()
    sso = boto3.client("sso", region_name="us-east-1", config=Config(signature_version=UNSIGNED))

    def session(account: str) -> boto3.session.Session:
        creds = sso.get_role_credentials(
            roleName=ROLE, accountId=account, accessToken=token["accessToken"]
        )["roleCredentials"]
        return boto3.session.Session(
            aws_access_key_id=creds["accessKeyId"], aws_secret_access_key=creds["secretAccessKey"],
            aws_session_token=creds["sessionToken"])

    def pair(account: str, region: str) -> int:
        s = session(account)
        ecs, lam = s.client("ecs", region_name=region), s.client("lambda", region_name=region)
        images = []
        for cluster in ecs.list_clusters()["clusterArns"]:
            arns = ecs.list_services(cluster=cluster)["serviceArns"]
            for i in range(0, len(arns), 10):
                for svc in ecs.describe_services(cluster=cluster,
                                                 services=arns[i:i + 10])["services"]:
                    for d in svc["deployments"]:
                        if d["status"] in ("PRIMARY", "ACTIVE"):
                            td = ecs.describe_task_definition(taskDefinition=d["taskDefinition"])
                            images += [c["image"] for c in
                                       td["taskDefinition"]["containerDefinitions"]]
            tasks = ecs.list_tasks(cluster=cluster, desiredStatus="RUNNING")["taskArns"]
            for i in range(0, len(tasks), 100):
                for task in ecs.describe_tasks(cluster=cluster, tasks=tasks[i:i + 100])["tasks"]:
                    images += [c.get("image", "") for c in task["containers"]]
        for fn in lam.list_functions()["Functions"]:
            if fn.get("PackageType") == "Image":
                images.append(lam.get_function(FunctionName=fn["FunctionArn"])["Code"]["ImageUri"])
        return sum(f"/{repository}" in image for image in images)

    first, errors, rows = 0.0, [], 0
    with ThreadPoolExecutor(max_workers=32) as pool:
        ecr = session(accounts[0]).client("ecr", region_name="us-east-1")
        described = pool.submit(lambda: ecr.describe_images(repositoryName=repository))
        futures = [pool.submit(pair, a, r) for a in accounts for r in regions]
        for future in as_completed(futures):
            try:
                found = future.result()
            except Exception as exc:  # noqa: BLE001 - counted, as the scan counts its failures
                errors.append(type(exc).__name__ + ": " + str(exc)[:120])
                continue
            rows += found
            if found and not first:
                first = time.perf_counter() - started
        described.result()
    print(json.dumps({
        "first": first, "all": time.perf_counter() - started, "rows": rows,
        "errors": len(errors), "error_sample": errors[:2],
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3].split(","))
