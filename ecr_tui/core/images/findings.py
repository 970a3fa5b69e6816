"""DescribeImageScanFindings pages → one ScanReport (pure), basic and enhanced shapes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from ecr_tui.core.image_records import Finding, ScanReport, severity_rank

STATUS_WORDS = {
    "COMPLETE": "scan complete",
    "IN_PROGRESS": "scan in progress",
    "FAILED": "scan failed",
    "UNSUPPORTED_IMAGE": "image not supported by scanning",
    "ACTIVE": "continuously scanned (enhanced)",
    "PENDING": "scan pending",
    "SCAN_ELIGIBILITY_EXPIRED": "scan eligibility expired: no longer rescanned",
    "FINDINGS_UNAVAILABLE": "findings unavailable",
    "LIMIT_EXCEEDED": "scan limit exceeded",
    "NOT_SCANNED": "never scanned",
}


def status_words(status: str) -> str:
    return STATUS_WORDS.get(status.upper(), status.lower().replace("_", " ") or "unknown")


def _attributes(item: dict[str, Any]) -> dict[str, str]:
    attrs = item.get("attributes")
    if not isinstance(attrs, list):
        return {}
    return {
        str(a["key"]): str(a.get("value", ""))
        for a in attrs if isinstance(a, dict) and "key" in a
    }


def _score(*candidates: Any) -> float | None:
    for value in candidates:
        try:
            if value is not None and value != "":
                return float(value)
        except (TypeError, ValueError):
            continue
    return None


def basic_finding(item: dict[str, Any]) -> Finding:
    attrs = _attributes(item)
    return Finding(
        id=str(item.get("name") or ""),
        severity=str(item.get("severity") or "UNDEFINED").upper(),
        package=attrs.get("package_name", ""),
        installed_version=attrs.get("package_version", ""),
        title=str(item.get("description") or "").split("\n", 1)[0],
        score=_score(attrs.get("CVSS3_SCORE"), attrs.get("CVSS2_SCORE")),
    )


def enhanced_finding(item: dict[str, Any]) -> Finding:
    details = item.get("packageVulnerabilityDetails")
    details = details if isinstance(details, dict) else {}
    packages = details.get("vulnerablePackages")
    package = packages[0] if isinstance(packages, list) and packages else {}
    package = package if isinstance(package, dict) else {}
    cvss = details.get("cvss")
    cvss_score = cvss[0].get("baseScore") if isinstance(cvss, list) and cvss and isinstance(
        cvss[0], dict) else None
    return Finding(
        id=str(details.get("vulnerabilityId") or item.get("findingArn") or ""),
        severity=str(item.get("severity") or "UNTRIAGED").upper(),
        package=str(package.get("name") or ""),
        installed_version=str(package.get("version") or ""),
        fixed_version=str(package.get("fixedInVersion") or ""),
        title=str(item.get("title") or item.get("description") or "").split("\n", 1)[0],
        score=_score(item.get("score"), cvss_score),
    )


def _when(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, timezone.utc)
    return None


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(
        findings, key=lambda f: (severity_rank(f.severity), -(f.score or 0.0), f.id, f.package)
    ))


def report_from_pages(pages: Iterable[dict[str, Any]]) -> ScanReport:
    """Every page of one image's findings merged; status and counts from the first page."""
    status = description = ""
    counts: dict[str, int] = {}
    completed: datetime | None = None
    findings: list[Finding] = []
    enhanced = False
    for page in pages:
        scan_status = page.get("imageScanStatus")
        scan_status = scan_status if isinstance(scan_status, dict) else {}
        status = status or str(scan_status.get("status") or "")
        description = description or str(scan_status.get("description") or "")
        body = page.get("imageScanFindings")
        body = body if isinstance(body, dict) else {}
        raw_counts = body.get("findingSeverityCounts")
        if isinstance(raw_counts, dict) and not counts:
            counts = {str(k).upper(): int(v) for k, v in raw_counts.items()
                      if isinstance(v, int) and not isinstance(v, bool)}
        completed = completed or _when(body.get("imageScanCompletedAt"))
        for item in body.get("findings") or ():
            if isinstance(item, dict):
                findings.append(basic_finding(item))
        for item in body.get("enhancedFindings") or ():
            if isinstance(item, dict):
                enhanced = True
                findings.append(enhanced_finding(item))
    if not counts:
        for finding in findings:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
    ordered = tuple(
        (sev, counts[sev]) for sev in sorted(counts, key=lambda s: (severity_rank(s), s))
    )
    return ScanReport(
        status=status or ("COMPLETE" if findings else ""),
        description=description,
        counts=ordered,
        findings=sort_findings(findings),
        enhanced=enhanced,
        completed_at=completed,
    )


def at_least(findings: Iterable[Finding], level: str) -> list[Finding]:
    """Findings of LEVEL and above (CRITICAL > HIGH > ... > UNDEFINED/UNTRIAGED)."""
    limit = severity_rank(level)
    return [f for f in findings if severity_rank(f.severity) <= limit]


def matches(finding: Finding, needle: str) -> bool:
    """Case-insensitive filter over id, severity, package, versions and title."""
    needle = needle.lower()
    return any(needle in field.lower() for field in (
        finding.id, finding.severity, finding.package, finding.installed_version,
        finding.fixed_version, finding.title,
    ))
