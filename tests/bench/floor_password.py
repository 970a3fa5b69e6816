"""The floor for `ecr-tui password`: the least a Python program can do (boto3, one call)."""

import base64

import boto3

data = boto3.client("ecr").get_authorization_token()["authorizationData"][0]
print(base64.b64decode(data["authorizationToken"]).decode().partition(":")[2])
