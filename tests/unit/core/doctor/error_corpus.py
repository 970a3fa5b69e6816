"""Real pull errors, in the wording their clients print (from public issue threads and
troubleshooting pages; account ids as published). Each: (source, text, reference, platform,
HTTP status)."""

from __future__ import annotations

CORPUS: tuple[tuple[str, str, str, str, int | None], ...] = (
    # ECS stoppedReason, i/o timeout (devopsaitoolkit: CannotPullContainerError guide)
    ("ecs", 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to '
     'resolve ref "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v42": failed to do request: '
     'Head "https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/api/manifests/v42": dial tcp '
     '10.0.3.17:443: i/o timeout',
     "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v42", "", None),
    # ECS, a tag and digest whose blob answered 403 (aws-samples/bedrock-access-gateway#114)
    ("ecs", "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to "
     "resolve ref 366590864501.dkr.ecr.us-west-2.amazonaws.com/bedrock-proxy-api-ecs:latest@sha256"
     ":5de487da52320ad9978f3a7a4f6700910342956c7dcb3b6f955222b4cccbd600: unexpected status from "
     "HEAD request to https://366590864501.dkr.ecr.us-west-2.amazonaws.com/v2/bedrock-proxy-api-"
     "ecs/blobs/sha256:5de487da52320ad9978f3a7a4f6700910342956c7dcb3b6f955222b4cccbd600: "
     "403 Forbidden",
     "366590864501.dkr.ecr.us-west-2.amazonaws.com/bedrock-proxy-api-ecs:latest@sha256:"
     "5de487da52320ad9978f3a7a4f6700910342956c7dcb3b6f955222b4cccbd600", "", 403),
    # ECS with the docker daemon (linden.consulting: ECR RepositoryNotFoundException)
    ("ecs", "CannotPullContainerError: Error response from daemon: pull access denied for "
     "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app, repository does not exist or may "
     "require 'docker login'",
     "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app", "", None),
    # ECS, platform mismatch (AWS's CannotPullContainer troubleshooting wording)
    ("ecs", "CannotPullContainerError: pull image manifest has been retried 5 time(s): image "
     "Manifest does not contain descriptor matching platform 'linux/arm64' for "
     "111122223333.dkr.ecr.eu-west-1.amazonaws.com/web:2.1",
     "111122223333.dkr.ecr.eu-west-1.amazonaws.com/web:2.1", "linux/arm64", None),
    # kubelet event, NotFound (linden.consulting)
    ("kubelet", 'Failed to pull image "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app:v2.1.0":'
     " rpc error: code = NotFound desc = failed to pull and unpack image: failed to resolve "
     "reference: 123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app:v2.1.0: not found",
     "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app:v2.1.0", "", None),
    # kubectl describe pod events, docker runtime (kubernetes-sigs/aws-efs-csi-driver#245)
    ("kubelet", "  Warning  Failed     6m4s (x2 over 6m17s)  kubelet, ip-x.x.x.x.ec2.internal  "
     'Failed to pull image "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/aws-efs-csi-driver'
     ':v1.0.0": rpc error: code = Unknown desc = Error response from daemon: Get https://'
     "602401143452.dkr.ecr.us-west-2.amazonaws.com/v2/eks/aws-efs-csi-driver/manifests/v1.0.0: "
     "no basic auth credentials",
     "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/aws-efs-csi-driver:v1.0.0", "", None),
    # kubelet journal with escaped quotes, containerd runtime (kubernetes/kops#16762)
    ("kubelet", 'E0820 05:41:26.084358    3267 remote_runtime.go:193] "RunPodSandbox from runtime '
     'service failed" err="rpc error: code = Unknown desc = failed to get sandbox image \\"'
     "123456789101.dkr.ecr.ap-southeast-2.amazonaws.com/k8s-example/pause:3.9@sha256:7031c1b28338"
     '8d2c2e09b57badb803c05ebed362dc88d84b480cc47f72a21097\\": failed to pull image \\"12345678910'
     "1.dkr.ecr.ap-southeast-2.amazonaws.com/k8s-example/pause:3.9@sha256:7031c1b283388d2c2e09b57b"
     'adb803c05ebed362dc88d84b480cc47f72a21097\\": pull access denied, repository does not exist '
     'or may require authorization: authorization failed: no basic auth credentials"',
     "123456789101.dkr.ecr.ap-southeast-2.amazonaws.com/k8s-example/pause:3.9@sha256:7031c1b28338"
     "8d2c2e09b57badb803c05ebed362dc88d84b480cc47f72a21097", "", None),
    # docker CLI, tag gone
    ("docker", "Error response from daemon: manifest for 123456789012.dkr.ecr.eu-central-1."
     "amazonaws.com/billing/api:1.4.2 not found: manifest unknown: Requested image not found",
     "123456789012.dkr.ecr.eu-central-1.amazonaws.com/billing/api:1.4.2", "", None),
    # docker CLI, platform (link-assistant/hive-mind#962, with an ECR reference pulled)
    ("docker", "docker pull 123456789012.dkr.ecr.us-east-1.amazonaws.com/konard/hive-mind:latest\n"
     "Error response from daemon: no matching manifest for linux/arm64/v8 in the manifest list "
     "entries: no match for platform in manifest: not found",
     "123456789012.dkr.ecr.us-east-1.amazonaws.com/konard/hive-mind:latest", "linux/arm64/v8",
     None),
    # podman, reading a manifest (podman#6595's wording on an ECR host)
    ("podman", "Trying to pull 123456789012.dkr.ecr.us-east-1.amazonaws.com/lightmeter/"
     "controlcenter:latest...\nError: initializing source docker://123456789012.dkr.ecr.us-east-1"
     ".amazonaws.com/lightmeter/controlcenter:latest: reading manifest latest in 123456789012.dkr"
     ".ecr.us-east-1.amazonaws.com/lightmeter/controlcenter: manifest unknown: Requested image "
     "not found",
     "123456789012.dkr.ecr.us-east-1.amazonaws.com/lightmeter/controlcenter:latest", "", None),
    # podman, no platform in the index (podman#20916's wording)
    ("podman", "Error: choosing an image from manifest list docker://210987654321.dkr.ecr.us-west"
     '-2.amazonaws.com/f29/httpd:latest: no image found in manifest list for architecture arm64, '
     'variant "v8", OS linux',
     "210987654321.dkr.ecr.us-west-2.amazonaws.com/f29/httpd:latest", "linux/arm64/v8", None),
    # podman 4+, quoted values (podman#24016's wording)
    ("podman", 'Error: selecting image from manifest list in "docker://210987654321.dkr.ecr.us-'
     'west-2.amazonaws.com/akmods/nvidia:40": no image found in image index for architecture '
     '"amd64", variant "", OS "linux"',
     "210987654321.dkr.ecr.us-west-2.amazonaws.com/akmods/nvidia:40", "linux/amd64", None),
    # containerd ctr / nerdctl
    ("containerd", 'ctr: failed to resolve reference "111122223333.dkr.ecr.ap-northeast-1.amazon'
     'aws.com/batch/job:nightly": unexpected status from HEAD request to https://111122223333.'
     "dkr.ecr.ap-northeast-1.amazonaws.com/v2/batch/job/manifests/nightly: 401 Unauthorized",
     "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/batch/job:nightly", "", 401),
    # an old ECS agent, API error (RafalWilinski/deploy-with-serverless#11), on an ECR host
    ("ecs", "CannotPullContainerError: API error (404): repository 123456789012.dkr.ecr.us-east-1"
     ".amazonaws.com/serverless-batch not found: does not exist or no pull access",
     "123456789012.dkr.ecr.us-east-1.amazonaws.com/serverless-batch", "", 404),
    # public.ecr.aws (aws/aws-lambda-base-images#220)
    ("docker", 'Error response from daemon: failed to resolve reference "public.ecr.aws/lambda/'
     'provided:al2023": unexpected status from HEAD request to https://public.ecr.aws/v2/lambda/'
     "provided/manifests/al2023: 403 Forbidden",
     "public.ecr.aws/lambda/provided:al2023", "", 403),
    # the registry API URL alone (only a URL in the text)
    ("containerd", "failed to copy: httpReadSeeker: failed open: unexpected status code https://"
     "111122223333.dkr-ecr.us-east-1.on.aws/v2/team/app/manifests/sha256:" + "a" * 64
     + ": 404 Not Found",
     "111122223333.dkr-ecr.us-east-1.on.aws/team/app@sha256:" + "a" * 64, "", 404),
)
