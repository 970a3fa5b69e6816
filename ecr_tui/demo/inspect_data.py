"""Demo layers, history, config details, referrers and scan findings, derived from digests."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from ecr_tui.core.image_records import Finding, Referrer, ScanReport, severity_rank
from ecr_tui.core.images.findings import sort_findings
from ecr_tui.core.models import HistoryEntry, ImageDetail, LayerDescriptor, TagRow
from ecr_tui.core.registry.manifests import redact
from ecr_tui.core.registry.referrers import cosign_tags, fallback_tag
from ecr_tui.demo.data import digest_of

OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
DECORATED = ("base/python", "base/node")
"""Small repositories that get signatures, SBOMs, archived and untagged images."""
MANY_FINDINGS = 2_400
_EMPTY_STEPS = (
    'ENV LANG=C.UTF-8', 'WORKDIR /app', 'EXPOSE 8080', 'USER app', 'LABEL team=platform',
    'ENV APP_ENV=production', 'ARG BUILD_DATE', 'HEALTHCHECK CMD ["/app/healthcheck"]',
)
_LAYER_STEPS = (
    "RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl",
    "COPY requirements.txt /app/", "RUN pip install --no-cache-dir -r requirements.txt",
    "COPY . /app", "RUN useradd --system app", "COPY --from=build /out/app /usr/local/bin/app",
    "RUN npm ci --omit=dev", "ADD https://example.com/certs.pem /etc/ssl/certs/",
)
_PACKAGES = ("openssl", "libssl3", "zlib1g", "glibc", "curl", "libxml2", "python3.12", "nodejs",
             "busybox", "expat", "sqlite3", "libgnutls30", "perl-base", "tar", "ncurses")
_TITLES = ("buffer overflow in {p}", "denial of service in {p} parser", "use after free in {p}",
           "{p}: integer overflow when handling large input", "information disclosure in {p}")


def layer_count(config_digest: str) -> int:
    rng = random.Random(f"layers/{config_digest}")
    return rng.randint(150, 300) if rng.random() < 0.05 else rng.randint(4, 14)


def layers_for(config_digest: str, total: int) -> tuple[LayerDescriptor, ...]:
    count = layer_count(config_digest)
    rng = random.Random(f"sizes/{config_digest}")
    weights = [rng.random() ** 3 for _ in range(count)]
    scale = max(total, count) / (sum(weights) or 1.0)
    return tuple(
        LayerDescriptor(digest_of(config_digest, "layer", i), max(32, int(w * scale)), OCI_LAYER)
        for i, w in enumerate(weights)
    )


def history_for(config_digest: str, created: datetime) -> tuple[HistoryEntry, ...]:
    rng = random.Random(f"history/{config_digest}")
    count = layer_count(config_digest)
    base = created - timedelta(days=rng.randint(20, 90))
    entries = [
        HistoryEntry("/bin/sh -c #(nop) ADD file:4f3a9e0c in / ", base),
        HistoryEntry('/bin/sh -c #(nop)  CMD ["bash"]', base, empty_layer=True),
    ]
    for i in range(1, count):
        if rng.random() < 0.35:
            step = redact(rng.choice(_EMPTY_STEPS), [])  # as a real config is shown
            entries.append(HistoryEntry(step, created - timedelta(seconds=60 * (count - i) + 5),
                                        empty_layer=True))
        step = _LAYER_STEPS[i % len(_LAYER_STEPS)]
        entries.append(HistoryEntry(step, created - timedelta(seconds=60 * (count - i))))
    entries.append(HistoryEntry('ENTRYPOINT ["/usr/local/bin/app"]', created, empty_layer=True))
    return tuple(entries)


def config_details(config_digest: str) -> dict[str, object]:
    rng = random.Random(f"config/{config_digest}")
    port = rng.choice(("8080/tcp", "3000/tcp", "9090/tcp"))
    return {
        "entrypoint": ("/usr/local/bin/app",),
        "cmd": ("serve", "--port", port.split("/")[0]),
        "user": rng.choice(("app", "1000:1000", "")),
        "workdir": "/app",
        "exposed_ports": (port,),
        # Names only: a real image's values may be secrets, so the demo has none either.
        "env_names": ("PATH", "LANG", "APP_ENV", "DATABASE_URL", "API_TOKEN", "SENTRY_DSN"),
    }


def decorate(repository: str, rows: list[TagRow]) -> list[TagRow]:
    """Cosign and referrers-schema tags for some images, one archived image (decorated repos)."""
    if repository not in DECORATED or not rows:
        return rows
    out = list(rows)
    for i, row in enumerate(rows[:12]):
        kinds = (".sig", ".sbom", ".att") if i % 3 == 0 else (".sig",) if i % 3 == 1 else ()
        for tag in cosign_tags(row.digest):
            if tag.endswith(kinds) and kinds:
                out.append(TagRow(tag=tag, digest=digest_of(row.digest, tag),
                                  pushed_at=row.pushed_at, size_bytes=1_200,
                                  media_type="application/vnd.oci.image.manifest.v1+json"))
    newest = rows[0].pushed_at or datetime.now(timezone.utc)
    if len(rows) > 4:
        old = len(rows) - 1
        pushed = rows[old].pushed_at or newest
        out[old] = replace(rows[old], image_status="ARCHIVED", last_pull=None,
                           last_archived_at=pushed + (newest - pushed) / 2)
    if len(rows) > 6:  # one restore under way: archived, then asked back two hours ago
        back = len(rows) - 3
        pushed = rows[back].pushed_at or newest
        out[back] = replace(rows[back], image_status="ACTIVATING",
                            last_archived_at=pushed + (newest - pushed) / 3,
                            last_activated_at=newest - timedelta(hours=2))
    return out


def untagged_images(repository: str, rows: list[TagRow], epoch: datetime) -> list[ImageDetail]:
    rng = random.Random(f"untagged/{repository}")
    return [
        ImageDetail(digest=digest_of(repository, "untagged", i),
                    pushed_at=epoch - timedelta(days=rng.randint(30, 400)),
                    size_bytes=rng.randint(20_000_000, 400_000_000),
                    media_type="application/vnd.oci.image.manifest.v1+json")
        for i in range(rng.randint(2, 5) if rows else 0)
    ]


def referrers_for(digest: str, tags: set[str]) -> list[Referrer]:
    """The referrers a decorated image's cosign tags announce, else a seeded few."""
    rng = random.Random(f"refs/{digest}")
    wanted = {kind for tag, kind in cosign_tags(digest).items() if tag in tags}
    if not tags.intersection(cosign_tags(digest)) and fallback_tag(digest) not in tags:
        wanted = {k for k, p in (("signature", 0.5), ("sbom", 0.3), ("attestation", 0.2))
                  if rng.random() < p}
    types = {
        "signature": "application/vnd.dev.cosign.simplesigning.v1+json",
        "sbom": "application/spdx+json",
        "attestation": "application/vnd.in-toto+json",
    }
    return [
        Referrer(kind, types[kind], digest_of(digest, kind), rng.randint(800, 90_000),
                 source="referrers API")
        for kind in ("signature", "sbom", "attestation") if kind in wanted
    ]


def scan_for(repository: str, row: TagRow | None, newest: bool) -> ScanReport:
    summary = row.scan if row is not None else None
    many = newest and repository == "platform/api"
    if summary is None and not many:
        return ScanReport(status="NOT_SCANNED", description="no scan found for this image")
    if summary is not None and summary.status != "COMPLETE" and not many:
        return ScanReport(status=summary.status, description="")
    rng = random.Random(f"findings/{row.digest if row else ''}")
    counts = dict(summary.counts) if summary is not None else {}
    if many:  # thousands of findings: the Scan tab's virtual list at work
        counts = {"CRITICAL": 24, "HIGH": 310, "MEDIUM": 1_066, "LOW": 1_000}
    enhanced = rng.random() < 0.5
    findings = []
    for severity, n in counts.items():
        for _ in range(n):
            package = rng.choice(_PACKAGES)
            major = rng.randint(1, 3)
            findings.append(Finding(
                id=f"CVE-{rng.randint(2019, 2026)}-{rng.randint(1000, 49999)}",
                severity=severity, package=package,
                installed_version=f"{major}.{rng.randint(0, 9)}.{rng.randint(0, 20)}",
                fixed_version=f"{major}.{rng.randint(10, 19)}.0" if enhanced else "",
                title=rng.choice(_TITLES).format(p=package),
                score=round(max(0.1, 10.0 - 2.3 * severity_rank(severity) - rng.random()), 1),
            ))
    ordered = tuple((s, c) for s, c in sorted(counts.items(), key=lambda kv: severity_rank(kv[0])))
    return ScanReport(
        status="COMPLETE", description="The scan was completed successfully.", counts=ordered,
        findings=sort_findings(findings), enhanced=enhanced,
    )
