"""Two parsing shortcuts that keep 50,000-image listings cheap: timestamps become datetimes in
the stdlib UTC zone (dateutil's tzutc makes every comparison call utcoffset(): sorting 50,000
tags took 4 s), and DescribeImages items are handed over as plain JSON instead of being walked
through the shape model (~40 us an image)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

RAW_LISTS: dict[str, str] = {
    "DescribeImages": "imageDetails",
    "DescribeImageScanFindings": "imageScanFindings",
}
"""ECR operations whose big item list is passed on as raw JSON (epoch-second timestamps)."""


def utc_timestamp(value: Any) -> datetime:
    """botocore's timestamp parser, but in the stdlib UTC zone."""
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, timezone.utc)
    from botocore.utils import parse_timestamp

    return parse_timestamp(value).astimezone(timezone.utc)


def raw_list(
    operation_model: Any, response_dict: dict[str, Any], customized_response_dict: dict[str, Any],
    **_: Any,
) -> None:
    # botocore still parses what is left (nextToken), then merges the raw list back in.
    key = RAW_LISTS.get(operation_model.name)
    if key is None or response_dict.get("status_code") != 200:
        return
    try:
        body = json.loads(response_dict["body"])
    except (ValueError, TypeError):
        return  # let botocore report it
    if not isinstance(body, dict) or not isinstance(body.get(key), (list, dict)):
        return
    customized_response_dict[key] = body.pop(key)
    response_dict["body"] = json.dumps(body).encode()
