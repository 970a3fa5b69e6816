"""`ecr-tui tag SOURCE NEW_TAG`, `ecr-tui untag REPO:TAG`, `ecr-tui delete REPO:TAG|REPO@DIGEST`:
writes, off unless --allow-writes or `writes = true`; each previewed on stderr and confirmed
on the terminal (or by --yes), refused by the preflight, and audited whatever came of it."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, TextIO

from ecr_tui.core.errors import ConfigError

if TYPE_CHECKING:
    from ecr_tui.core.models import Target
    from ecr_tui.core.write_records import WriteResult

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
NO_TERMINAL = "stdin is not a terminal to ask on: add --yes to confirm"


def add_parser(command: Any) -> None:
    """`command(name, help, multi=True)` makes a subparser with the common options and --json:
    the first --profile and --region name the write's pair, all of them (with --regions and
    --all-regions) the scope whose workloads the preflight reads, as `ecr-tui usage` does."""
    from ecr_tui.cli.pairs import add_scope

    tag = command("tag", "point NEW_TAG at the image SOURCE names: the same manifest bytes, "
                  "digest unchanged (a write: needs --allow-writes)", multi=True)
    tag.add_argument("source", metavar="REPO:TAG|REPO@DIGEST")
    tag.add_argument("new_tag", metavar="NEW_TAG")
    untag = command("untag", "remove a tag; ECR deletes the image with its last tag (a write)",
                    multi=True)
    untag.add_argument("image", metavar="REPO:TAG")
    delete = command("delete", "delete a whole image, every tag with it (a write)", multi=True)
    delete.add_argument("image", metavar="REPO:TAG|REPO@DIGEST")
    delete.add_argument("--with-referrers", action="store_true",
                        help="delete its referrers (signatures, SBOMs, attestations) with it")
    for parser in (tag, untag, delete):
        parser.add_argument("--yes", action="store_true",
                            help="confirm without asking (scripts; never implied)")
        parser.add_argument("--force", action="store_true",
                            help="write although workloads run the image (recorded in the audit)")
        add_scope(parser)


def write_pair(backend: Any, args: argparse.Namespace) -> tuple[str, str | None]:
    """The write's (profile, region as given): the first --profile, the first region named."""
    profile = (args.profiles or [None])[0] or backend.default_profile()
    regions = [r.strip() for r in (args.regions or "").split(",") if r.strip()]
    return profile, (regions or args.region_list or [None])[0]


def split_reference(text: str, *, tag_only: bool = False) -> tuple[str, str]:
    """`REPO:TAG` or `REPO@sha256:…`, written out: a write never implies `latest`."""
    from ecr_tui.core.images.inspect import parse_reference

    want = "REPO:TAG" if tag_only else "REPO:TAG or REPO@sha256:..."
    explicit = "@" in text or ":" in text.rsplit("/", 1)[-1]
    try:
        repository, reference = parse_reference(text)
    except ValueError:
        explicit = False
    if not explicit or (tag_only and reference.startswith("sha256:")):
        raise ConfigError(f"not an image reference: {text!r}", fix=f"write {want}")
    return repository, reference


def write_scope_pairs(backend: Any, args: argparse.Namespace) -> list[Target]:
    """The scope options' pairs; none when no profile qualifies for a default survey (MFA
    profiles only when named): the write's own pair is scanned all the same."""
    from ecr_tui.cli.pairs import chosen_pairs

    try:
        return chosen_pairs(backend, args)
    except ConfigError:
        if args.profiles:
            raise
        return []


def confirm(yes: bool, stdin: TextIO, err: TextIO) -> str | None:
    """None when confirmed; else why not."""
    if yes:
        return None
    if not stdin.isatty():
        return NO_TERMINAL
    err.write("Proceed? [y/N] ")
    err.flush()
    answer = stdin.readline().strip().lower()
    return None if answer in ("y", "yes") else "not confirmed"


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    return run_write(args, backend, out, sys.stdin, sys.stderr)


def run_write(
    args: argparse.Namespace, backend: Any, out: TextIO, stdin: TextIO, err: TextIO
) -> int:
    from ecr_tui.core.write_records import WRITES_OFF
    from ecr_tui.core.writes import plan as plans
    from ecr_tui.core.writes.checks import default_checks
    from ecr_tui.core.writes.run import decline, refuse_writes_off, run_plan

    operation = args.command
    repository, reference = split_reference(
        args.source if operation == "tag" else args.image, tag_only=operation == "untag")
    profile, region_given = write_pair(backend, args)
    if not backend.writes_enabled():  # before anything else: no region needed to say so
        region = region_given or backend.default_region(profile) or ""
        tag = args.new_tag if operation == "tag" else reference
        refuse_writes_off(backend, profile, region, operation, repository,
                          "" if tag.startswith("sha256:") else tag,
                          reference if reference.startswith("sha256:") else "")
        err.write(f"ecr-tui: error: {WRITES_OFF}\n")
        return EXIT_USAGE
    region = backend.require_region(profile, region_given)
    checks = default_checks(backend, lambda: write_scope_pairs(backend, args))
    where = (backend, checks, profile, region, repository)
    if operation == "tag":
        plan = plans.plan_tag(*where, reference, args.new_tag)
    elif operation == "untag":
        plan = plans.plan_untag(*where, reference)
    else:
        plan = plans.plan_delete(*where, reference, with_referrers=args.with_referrers)
    err.write("\n".join(plan.preview()) + "\n")
    status = EXIT_FAILED
    if plan.blocking(force=args.force):
        result = run_plan(backend, plan, force=args.force)
    else:
        why = confirm(args.yes, stdin, err)
        if why is None:
            result = run_plan(backend, plan, force=args.force)
        else:
            result = decline(backend, plan, why)
            status = EXIT_USAGE if why == NO_TERMINAL else EXIT_FAILED
    name = f"{result.repository}:{result.tag}" if result.tag else result.repository
    return report(result, name, args.json, out, err, status)


def report(result: WriteResult, name: str, as_json: bool, out: TextIO, err: TextIO,
           status: int) -> int:
    """The result on stdout (JSON or one line), the reason on stderr; the exit status."""
    if as_json:
        from ecr_tui.cli import output

        output.to_json(result.as_json(), out)
    else:
        out.write(f"{result.operation} {name} {result.digest}: {result.result}\n")
    if not result.ok:
        err.write(f"ecr-tui: error: {result.result}: {result.detail}\n")
        return status
    return EXIT_OK
