"""5. `ecr-tui inspect --json` of the 100-layer image with 2,400 findings, whole process,
vs what a user runs today for the same facts: `skopeo inspect --config` (password from
`aws ecr get-login-password`) plus `aws ecr describe-image-scan-findings` (every page)."""

from __future__ import annotations

import json
import shlex

from tests.bench.timing import Row, console_script, interleaved, python_env, ratio_row
from tests.harness import inspect_seed
from tests.harness.world import World

GOAL = 0.4


def run(world: World, *, runs: int) -> list[Row]:
    env = python_env(world.env)
    repo, tag = inspect_seed.REPO, inspect_seed.BIG_TAG
    aws = shlex.quote(console_script("aws"))
    skopeo = (
        f'skopeo inspect --tls-verify=false --config --creds "AWS:$({aws} ecr '
        f'get-login-password)" docker://{world.registry_host}/{repo}:{tag}'
    )
    commands = {
        "ecr-tui": [console_script("ecr-tui"), "inspect", f"{repo}:{tag}", "--json"],
        "skopeo": ["bash", "-c", skopeo],
        "aws cli": [console_script("aws"), "ecr", "describe-image-scan-findings",
                    "--repository-name", repo, "--image-id", f"imageTag={tag}",
                    "--output", "json"],
    }
    layers = len(inspect_seed.build().history[tag])
    checks = {
        "ecr-tui": lambda out: len(json.loads(out)["layers"]) == layers,
        "skopeo": lambda out: len(json.loads(out)["history"]) == layers,
        "aws cli": lambda out: len(json.loads(out)["imageScanFindings"]["findings"])
        == inspect_seed.BIG_FINDINGS,
    }
    samples = interleaved(commands, env, runs=runs, check=checks)
    samples["skopeo + aws cli"] = [
        a + b for a, b in zip(samples["skopeo"], samples["aws cli"], strict=True)
    ]
    label = f"inspect {inspect_seed.BIG_LAYERS} layers + {inspect_seed.BIG_FINDINGS:,} findings"
    return [ratio_row(label, samples, "ecr-tui",
                      {"skopeo + aws cli": GOAL})]
