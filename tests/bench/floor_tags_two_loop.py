"""The naive floor for `ecr-tui tags REPO` with details: a boto3 token, then two loops side
by side, tags/list pages (n=1000) with httpx and DescribeImages pages (PageSize 1000) with
boto3, merged by tag. Usage: python floor_tags_two_loop.py REPOSITORY; prints how many tags
have a digest and a pushed date.
"""

import sys
import threading

import boto3
import httpx

repository = sys.argv[1]
ecr = boto3.client("ecr")
data = ecr.get_authorization_token()["authorizationData"][0]
auth = {"Authorization": "Basic " + data["authorizationToken"]}
names: list[str] = []
images: dict[str, dict] = {}


def list_names() -> None:
    url: str | None = f"{data['proxyEndpoint']}/v2/{repository}/tags/list?n=1000"
    with httpx.Client(headers=auth, timeout=60) as client:
        while url:
            response = client.get(url)
            response.raise_for_status()
            names.extend(response.json()["tags"])
            url = response.links.get("next", {}).get("url")


def describe() -> None:
    pages = ecr.get_paginator("describe_images").paginate(
        repositoryName=repository, PaginationConfig={"PageSize": 1000}
    )
    for page in pages:
        for image in page["imageDetails"]:
            for tag in image.get("imageTags", []):
                images[tag] = image


loops = [threading.Thread(target=list_names), threading.Thread(target=describe)]
for loop in loops:
    loop.start()
for loop in loops:
    loop.join()
print(sum(1 for n in names if n in images and images[n].get("imagePushedAt")))
