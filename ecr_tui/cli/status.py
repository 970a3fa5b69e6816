"""`ecr-tui status`: credential and SSO expiry per profile, recorded logins with the time
their token has left, and the registries routed to the credential helper."""

from __future__ import annotations

import argparse
import os
from typing import Any, TextIO

from ecr_tui.cli import output
from ecr_tui.cli.helper import helper_routes, helper_rows
from ecr_tui.core.models import utcnow


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    now = utcnow()
    profiles = backend.profiles()
    logins = backend.recorded_logins()
    routes = helper_routes(backend, os.environ)
    if args.json:
        output.to_json(
            {
                "profiles": output.profile_json(profiles, now),
                "logins": output.login_json(logins, now),
                "helper": routes,
            },
            out,
        )
        return 0
    output.table(
        ("PROFILE", "KIND", "REGION", "EXPIRES IN", "SOURCE"),
        output.profile_rows(profiles, now),
        out,
    )
    out.write("\n")
    output.table(
        ("PROFILE", "REGION", "REGISTRY", "ENGINE", "TOKEN LEFT", "LOGGED IN"),
        output.login_rows(logins, now),
        out,
    )
    if routes:
        out.write("\n")
        output.table(("ROUTED TO HELPER", "PROFILE", "VIA"), helper_rows(routes), out)
    return 0
