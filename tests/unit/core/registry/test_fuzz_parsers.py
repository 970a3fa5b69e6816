"""Arbitrary input never escapes as anything but our own errors: AWS config and registry JSON."""

from __future__ import annotations

import json
from pathlib import Path
from tempfile import TemporaryDirectory

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecr_tui.core.errors import ConfigError, EcrTuiError
from ecr_tui.core.profiles import config as awsconfig
from ecr_tui.core.registry import manifests
from ecr_tui.core.registry.client import RegistryClient
from tests.unit.core.registry.test_registry import ENDPOINT, Tokens

INI_BITS = st.sampled_from([
    "[default]", "[profile a]", "[profile a", "[sso-session s]", "region = us-east-1",
    "sso_session = s", "role_arn = arn:aws:iam::1:role/r", "source_profile = a", "x", "=",
    "key =", " indented", "[", "]", "#c", ";c", "\t", "credential_process = p", "\x00", "é",
])
INI_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(INI_BITS, max_size=30).map("\n".join),
)

JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.sampled_from(["tags", "manifests", "config", "layers", "fsLayers",
                                       "mediaType", "digest", "size", "platform", "os",
                                       "architecture", "created", "annotations", "Labels",
                                       "variant"]) | st.text(max_size=8), children, max_size=6),
    max_leaves=30,
)
BODIES = st.one_of(
    st.binary(max_size=200),
    JSONISH.map(lambda v: json.dumps(v).encode()),
    st.just(b"[" * 5000 + b"]" * 5000),
)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(config=INI_TEXT, credentials=INI_TEXT)
def test_any_aws_config_text_is_a_config_error_or_profiles(config: str, credentials: str) -> None:
    with TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / "config").write_text(config, encoding="utf-8", errors="surrogatepass")
        (base / "credentials").write_text(credentials, encoding="utf-8",
                                          errors="surrogatepass")
        env = {"HOME": tmp, "AWS_CONFIG_FILE": str(base / "config"),
               "AWS_SHARED_CREDENTIALS_FILE": str(base / "credentials")}
        try:
            profiles = awsconfig.list_profiles(env)
        except ConfigError:
            return
        assert all(p.name for p in profiles) or profiles == []


@settings(max_examples=300, deadline=None)
@given(body=BODIES)
def test_parsers_raise_only_value_errors(body: bytes) -> None:
    for parse in (manifests.parse_tags, manifests.parse_manifest, manifests.parse_image_config):
        try:
            parse(body)
        except (ValueError, RecursionError):
            pass  # the registry client turns these into RegistryError (tested below)


@settings(max_examples=150, deadline=None)
@given(body=BODIES, content_type=st.sampled_from(["application/json", "text/plain", ""]))
def test_registry_client_turns_any_body_into_results_or_registry_errors(
    body: bytes, content_type: str
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"Content-Type": content_type})

    client = RegistryClient(ENDPOINT, Tokens(), transport=httpx.MockTransport(handler),
                            sleep=lambda _: None)
    try:
        for call in (lambda: client.list_tags("team/api"),
                     lambda: client.manifest("team/api", "latest"),
                     lambda: client.image_config("team/api", "sha256:" + "a" * 64)):
            try:
                call()
            except EcrTuiError as exc:
                assert "\n" not in str(exc)
    finally:
        client.close()
