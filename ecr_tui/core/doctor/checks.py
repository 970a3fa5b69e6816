"""The registry-side checks, in order: `reference`, `profile`, `repository`, `image`, `status`,
`platform`. Each takes the Backend and the run's Facts, may add to the Facts, and returns one
Check (one line of detail; one line of fix on fail and warn)."""

from __future__ import annotations

import difflib
import re
from datetime import timedelta
from typing import Any

from ecr_tui.core.doctor.facts import Facts
from ecr_tui.core.doctor.records import Check, Place, skipped
from ecr_tui.core.errors import EcrTuiError

RECENT_PUSH = timedelta(hours=1)
"""A tag pushed this recently may have moved under a running deployment."""
RESTORE_DELAY = "up to 20 minutes"
"""AWS: 'You can expect ECR to restore the image within 20 minutes.'"""
FULL_REFERENCE = "ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY:TAG"


def _ago(facts: Facts, when: Any) -> str:
    if when is None:
        return "at an unknown time"
    seconds = max(0, int((facts.now - when).total_seconds()))
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''} ago"
    return f"{seconds} seconds ago"


def reference(backend: Any, facts: Facts) -> Check:
    ref = facts.extracted.reference
    if ref is None:
        return Check("reference", "fail", "no image reference with a registry host in the text",
                     f"paste the whole error message, or the reference ({FULL_REFERENCE})")
    facts.ref = ref
    named = [f"platform {facts.extracted.platform}"] if facts.extracted.platform else []
    if facts.extracted.http_status:
        named.append(f"HTTP {facts.extracted.http_status}")
    said = f" (the text names {', '.join(named)})" if named else ""
    if not ref.is_ecr:
        return Check("reference", "warn",
                     f"{ref.text()} is on {ref.host}, not an ECR registry: nothing more to check",
                     f"check it with {ref.host}'s own tools", could_not_run=True)
    what = f"digest {ref.digest[:19]}…" if ref.digest else f"tag {ref.tag or 'latest'}"
    if ref.is_public:
        return Check("reference", "ok", f"ECR Public: repository {ref.repository}, {what}{said}")
    host = ref.registry
    assert host is not None
    flavour = " dual-stack" if host.dualstack else ""
    flavour += " FIPS" if host.fips else ""
    default = "" if ref.tag or ref.digest else " (no tag: docker pulls latest)"
    return Check("reference", "ok",
                 f"ECR private{flavour} registry {host.account_id} in {host.region}: repository "
                 f"{ref.repository}, {what}{default}{said}")


def profile(backend: Any, facts: Facts) -> Check:
    from ecr_tui.core.errors import ConfigError
    from ecr_tui.core.fleet.find import reference_pair
    from ecr_tui.core.fleet.find_query import FindQuery, QueryKind

    ref = facts.ref
    assert ref is not None and ref.registry is not None
    query = FindQuery(ref.text(), QueryKind.REFERENCE, repository=ref.repository, tag=ref.tag,
                      digest=ref.digest, account_id=ref.registry.account_id,
                      region=ref.registry.region)
    tries = ([(facts.request.profile,)] if facts.request.profile else []) + [()]
    for names in tries:
        try:
            target = reference_pair(backend, query, names)
        except ConfigError:
            continue
        except EcrTuiError as exc:
            return Check("profile", "warn", f"cannot tell which profile reaches "
                         f"{ref.registry.account_id}: {exc.message}", exc.fix or
                         "pass --profile", could_not_run=True)
        facts.profile, facts.region = target.profile, target.region
        role = backend.profile(target.profile).role
        return Check("profile", "ok", f"profile {target.profile} reaches account "
                     f"{ref.registry.account_id}" + (f" (role {role})" if role else ""))
    return Check("profile", "fail", f"no profile of yours reaches account "
                 f"{ref.registry.account_id}: nothing more can be read from here",
                 "configure a profile of that account (or log in to the SSO session that "
                 "reaches it: `ecr-tui profiles` lists what is known), then run this again")


def _closest(name: str, names: list[str]) -> list[str]:
    return difflib.get_close_matches(name, names, n=3, cutoff=0.6)


def repository(backend: Any, facts: Facts) -> Check:
    from ecr_tui.core.ecr.pullthrough import rule_for_repository

    ref = facts.ref
    assert ref is not None
    repos = backend.repositories(facts.profile, facts.region)
    try:
        facts.rules = backend.pull_through_cache_rules(facts.profile, facts.region)
    except EcrTuiError:
        facts.rules = []  # without the rules the check still stands; it just cannot say more
    rule = rule_for_repository(ref.repository, facts.rules)
    through = (f" (pull-through cache of {rule.upstream_registry_url}, rule {rule.prefix})"
               if rule else "")
    found = next((r for r in repos if r.name == ref.repository), None)
    here = Place("repository", facts.profile, facts.region, ref.repository)
    if found is not None:
        facts.repository = found
        created = f", created {found.created_at:%Y-%m-%d}" if found.created_at else ""
        return Check("repository", "ok", f"{found.name} exists{created}{through}", place=here)
    if rule is not None:
        auth = (f"; upstream credentials from {rule.credential_arn}" if rule.credential_arn
                else "")
        return Check(
            "repository", "warn",
            f"{ref.repository} does not exist yet; pull-through-cache rule {rule.prefix} "
            f"({rule.upstream_registry_url}) covers it: the first pull creates it",
            "that first pull needs ecr:CreateRepository and ecr:BatchImportUpstreamImage for the "
            f"puller and the image upstream{auth}",
            could_not_run=True, place=Place("rules", facts.profile, facts.region))
    near = _closest(ref.repository, [r.name for r in repos])
    where = f"account {facts.account_id} in {facts.region}"
    if near:
        return Check("repository", "fail",
                     f"no repository {ref.repository} in {where}; closest: {', '.join(near)}",
                     f"did you mean {near[0]}? ({ref.host}/{near[0]}:{ref.tag or 'latest'})",
                     place=Place("repository", facts.profile, facts.region, near[0]))
    return Check("repository", "fail",
                 f"no repository {ref.repository} in {where} ({len(repos)} repositories, none "
                 "named alike)", "check the name, the account and the region in the reference")


def _stem(tag: str) -> str:
    """`release-1.4.2` → `release-`, `v1.2` → `v`, `abc123` → ``: what tags like it share."""
    match = re.match(r"^[A-Za-z_-]*[_-]|^[A-Za-z]+(?=\d)", tag)
    return match.group(0) if match else ""


def _lifecycle_words(backend: Any, facts: Facts, tag: str) -> str:
    """The first expiring rule of the repository's lifecycle policy that selects a tag like
    TAG, in words; empty when none does (or the policy cannot be read)."""
    from ecr_tui.core.lifecycle.evaluate import matches_tags
    from ecr_tui.core.lifecycle.parse import parse_policy
    from ecr_tui.core.lifecycle.words import describe_rule

    ref = facts.ref
    assert ref is not None
    try:
        text = backend.lifecycle_policy(facts.profile, facts.region, ref.repository)
        policy = parse_policy(text) if text else None
    except EcrTuiError:
        return ""
    for rule in policy.rules if policy else ():
        if rule.action == "expire" and rule.tag_status != "untagged" and matches_tags(rule, (tag,)):
            return f"lifecycle rule {rule.priority} matches tags like it: {describe_rule(rule)}"
    return ""


def image(backend: Any, facts: Facts) -> Check:
    ref = facts.ref
    assert ref is not None
    wanted = facts.image_ref
    found = backend.image(facts.profile, facts.region, ref.repository, wanted)
    tag = ref.tag or ("" if ref.digest else "latest")
    if found is not None:
        facts.image = found
        place = Place("tag", facts.profile, facts.region, ref.repository, tag)
        short = found.digest[:19] + "…"
        pushed = _ago(facts, found.pushed_at)
        if ref.digest:
            return Check("image", "ok", f"{short} exists, pushed {pushed}", place=place)
        recent = found.pushed_at is not None and facts.now - found.pushed_at < RECENT_PUSH
        if recent:
            return Check("image", "warn",
                         f"{tag} → {short} was pushed {pushed}: a tag moved minutes ago is a "
                         "likely cause (running tasks keep the digest they resolved)",
                         f"pin the digest ({ref.repository}@{found.digest}) or check the push "
                         "that moved the tag", place=place)
        return Check("image", "ok", f"{tag} → {short}, pushed {pushed}", place=place)
    if ref.digest:
        return Check("image", "fail", f"no image {ref.digest[:19]}… in {ref.repository}",
                     "the digest was deleted (by a lifecycle rule?) or pushed elsewhere: pull a "
                     "tag that exists", place=Place("repository", facts.profile, facts.region,
                                                    ref.repository))
    return _missing_tag(backend, facts, tag)


def _missing_tag(backend: Any, facts: Facts, tag: str) -> Check:
    ref = facts.ref
    assert ref is not None
    stem = _stem(tag)
    images = backend.images(facts.profile, facts.region, ref.repository)
    alike = sorted(((i.pushed_at, t) for i in images for t in i.tags
                    if t.startswith(stem) and i.pushed_at is not None), reverse=True)
    newest = [t for _, t in alike[:3]]
    lifecycle = _lifecycle_words(backend, facts, tag)
    detail = f"no tag {tag} in {ref.repository}"
    if newest:
        detail += f"; newest {stem + '*' if stem else 'tags'}: {', '.join(newest)}"
    if lifecycle:
        detail += f"; {lifecycle}"
    if newest:
        fix = f"pull {ref.repository}:{newest[0]} (the newest like it)"
        if lifecycle:
            fix += ", and keep the tags you deploy out of that rule"
        place = Place("tag", facts.profile, facts.region, ref.repository, newest[0])
    else:
        fix = "push the tag again, or pull a tag that exists"
        place = Place("repository", facts.profile, facts.region, ref.repository)
    return Check("image", "fail", detail, fix, place=place)


def status(backend: Any, facts: Facts) -> Check:
    from ecr_tui.core.images.status import restore_command

    found = facts.image
    assert found is not None and facts.ref is not None
    state = found.image_status.upper() or "ACTIVE"
    place = Place("tag", facts.profile, facts.region, facts.ref.repository, facts.ref.tag)
    if state == "ARCHIVED":
        when = f" {_ago(facts, found.last_archived_at)}" if found.last_archived_at else ""
        return Check("status", "fail", f"ARCHIVED{when}: an archived image answers 404 to a pull",
                     f"restore it ({RESTORE_DELAY}): "
                     f"{restore_command(facts.ref.repository, found.digest)}", place=place)
    if state == "ACTIVATING":
        since = _ago(facts, found.last_activated_at) if found.last_activated_at else "recently"
        return Check("status", "fail", f"ACTIVATING (restore asked {since}): not pullable until "
                     "ACTIVE", f"wait: a restore takes {RESTORE_DELAY}, then pull again",
                     place=place)
    return Check("status", "ok", f"{state}: pullable")


def _same_platform(wanted: str, name: str) -> bool:
    """linux/arm64 matches linux/arm64/v8 (docker's default arm64 variant) and back."""
    def parts(text: str) -> tuple[str, str, str]:
        os_, _, rest = text.partition("/")
        arch, _, variant = rest.partition("/")
        if arch == "arm64" and variant == "v8":
            variant = ""
        return os_, arch, variant

    w, n = parts(wanted), parts(name)
    return w[:2] == n[:2] and (not w[2] or not n[2] or w[2] == n[2])


def platform(backend: Any, facts: Facts) -> Check:
    wanted = facts.platform
    if not wanted:
        return skipped("platform", "no platform asked (--platform) or named in the text",
                       could_not_run=False)
    ref, found = facts.ref, facts.image
    assert ref is not None and found is not None
    if (found.image_status.upper() or "ACTIVE") != "ACTIVE":
        return skipped("platform", "the manifest cannot be read until the image is ACTIVE")
    note = "(read the manifest: ECR counts that as a pull)"
    manifest = backend.manifest(facts.profile, facts.region, ref.repository, found.digest)
    names = [p.name for p in manifest.platforms]
    if not names and manifest.config_digest:
        config = backend.image_config(facts.profile, facts.region, ref.repository,
                                      manifest.config_digest)
        names = ["/".join(x for x in (config.os, config.architecture, config.variant) if x)]
    place = Place("tag", facts.profile, facts.region, ref.repository, ref.tag)
    if any(_same_platform(wanted, n) for n in names):
        return Check("platform", "ok", f"has {wanted} {note}", place=place)
    kind = "the index" if manifest.platforms else "the image"
    has = ", ".join(names) or "no platform"
    return Check("platform", "fail", f"{kind} has no {wanted}; it has {has} {note}",
                 f"pull with --platform {names[0]}, or push a {wanted} image into the index "
                 f"(docker buildx build --platform {','.join([*names, wanted])} --push)"
                 if names else f"push a {wanted} image", place=place)
