"""The floor for `ecr-tui tags REPO`: a boto3 token, then tags/list pages (n=1000) with httpx.

Names only: no digests, dates or platforms. Usage: python floor_tags.py REPOSITORY
"""

import sys

import boto3
import httpx

data = boto3.client("ecr").get_authorization_token()["authorizationData"][0]
auth = {"Authorization": "Basic " + data["authorizationToken"]}
url: str | None = f"{data['proxyEndpoint']}/v2/{sys.argv[1]}/tags/list?n=1000"
tags: list[str] = []
with httpx.Client(headers=auth, timeout=60) as client:
    while url:
        response = client.get(url)
        response.raise_for_status()
        tags += response.json()["tags"]
        url = response.links.get("next", {}).get("url")
print(len(tags))
