"""The peer: a bare boto3 script doing the fleet's calls with a thread pool and one client per
(account, region): GetRoleCredentials, GetAuthorizationToken, DescribeRepositories (all pages).

Usage: python -m tests.bench.floor_fleet ACCOUNTS_FILE REGION[,REGION...]   (prints JSON)
ACCOUNTS_FILE: one account id per line (what the fleet's cache knows). Prints as fleet_probe.
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


def main(accounts_file: str, regions: list[str]) -> None:
    started = time.perf_counter()
    cache = Path(os.environ["HOME"]) / ".aws" / "sso" / "cache"
    token = json.loads((cache / (hashlib.sha1(b"corp").hexdigest() + ".json")).read_text())
    accounts = Path(accounts_file).read_text().split()
    sso = boto3.client("sso", region_name="us-east-1", config=Config(signature_version=UNSIGNED))

    def pair(account: str, region: str) -> int:
        creds = sso.get_role_credentials(
            roleName=ROLE, accountId=account, accessToken=token["accessToken"]
        )["roleCredentials"]
        ecr = boto3.session.Session(
            aws_access_key_id=creds["accessKeyId"], aws_secret_access_key=creds["secretAccessKey"],
            aws_session_token=creds["sessionToken"],
        ).client("ecr", region_name=region)
        ecr.get_authorization_token()
        pages = ecr.get_paginator("describe_repositories").paginate(
            PaginationConfig={"PageSize": 1000})
        return sum(len(p["repositories"]) for p in pages)

    first, errors, rows = 0.0, [], 0
    with ThreadPoolExecutor(max_workers=32) as pool:
        futures = [pool.submit(pair, a, r) for a in accounts for r in regions]
        for future in as_completed(futures):
            rows += 1
            first = first or time.perf_counter() - started
            try:
                future.result()
            except Exception as exc:  # noqa: BLE001 - counted, as the fleet counts its errors
                errors.append(type(exc).__name__ + ": " + str(exc)[:120])
    print(json.dumps({
        "first": first, "all": time.perf_counter() - started, "rows": rows,
        "errors": len(errors), "error_sample": errors[:2],
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2].split(","))
