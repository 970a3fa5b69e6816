"""The headless core: everything ecr-tui knows about AWS, ECR, registries and its own files, with
no user interface. A package per domain (`store`, `profiles`, `sso`, `registry`, `images`,
`login`, `fleet`, `usage`, `lifecycle`, `writes`, `doctor`, `ecr`, `aws`), each saying in its
`__init__` what it owns and what it may import; here only what every domain shares: the Backend
protocol (`backend`), the record types (`identity`, `models`, `records`, `image_records`,
`usage_records`, `lifecycle_records`, `write_records`), image references and registry hosts
(`image_ref`, `hosts`, `anonymous_registry`), regions (`regions`), errors (`errors`), short
human forms (`humanize`) and debug logging (`logsetup`). These shared modules import no domain
package; nothing in the core imports textual, the UI, the CLI or the demo
(tests/unit/test_import_graph.py checks all of it)."""

ALLOWED_IMPORTS: tuple[str, ...] = ()
"""The packages the shared modules may import besides each other: none."""
