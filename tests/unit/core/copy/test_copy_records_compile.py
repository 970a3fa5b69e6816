"""The records a copy builds (its plan, the write plan and result, the manifests it reads) are
`frozen_record`s: each compiles its `__init__` only, not six methods as the dataclass does,
on every `ecr-tui copy` (as the first frame's records, tests/unit/core/test_frozen_record.py)."""

from __future__ import annotations

from tests.unit.core.test_frozen_record import compiled_on_import

COPY_MODULES = ("ecr_tui.core.records, ecr_tui.core.image_records, "
                "ecr_tui.core.copy_records, ecr_tui.core.write_records, "
                "ecr_tui.core.copy.reading, ecr_tui.core.login.helper_routes, "
                "ecr_tui.core.registry.challenge")
COMPILED = 3 + 17 + 6 + 6 + 6 + 5 + 1 + 2 + 1
"""Profile, Target, ProfileRegion (identity); the 17 records of `records`; Token stays a
dataclass (its password hidden from repr: 6 methods); 6 image, 6 copy and 5 write records;
RawManifest (reading); Route and RegistryHost (the helper's routes); Challenge."""


def test_the_copy_records_compile_one_method_each() -> None:
    assert compiled_on_import(COPY_MODULES) == COMPILED
