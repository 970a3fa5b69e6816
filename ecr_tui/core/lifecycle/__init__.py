"""Lifecycle policies, read and evaluated locally: a policy's JSON checked as ECR would refuse
it and turned into rules (`policy`: `parse_policy`, `LifecyclePolicy`, `PolicyError`), each rule
in words (`words`: `describe_rule`), and a pure evaluator of AWS's documented rules saying what
the policy would do to each image now (`evaluate`: `evaluate`, `Decision`); the preview ECR
itself made (`preview`). It may import `ecr_tui.core` only."""

ALLOWED_IMPORTS = ("ecr_tui.core",)
"""The packages this one may import (tests/unit/test_layering.py checks it)."""
