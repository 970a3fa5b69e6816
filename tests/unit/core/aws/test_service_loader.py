"""A client's service model is found from its own directory: botocore's listing of every
service on disk (~850 directory reads) is not paid for by a process's first client."""

from __future__ import annotations

import pytest
from botocore.exceptions import UnknownServiceError
from botocore.loaders import Loader

from ecr_tui.core.aws.loader import ServiceLoader, create_loader
from ecr_tui.core.aws.session import SessionPool
from ecr_tui.core.models import ENV_PROFILE


@pytest.fixture()
def listings(monkeypatch: pytest.MonkeyPatch, tmp_path) -> list[str]:
    """Each listing of every service botocore makes, by model type."""
    for name, value in (("AWS_CONFIG_FILE", tmp_path / "config"),
                        ("AWS_SHARED_CREDENTIALS_FILE", tmp_path / "credentials"),
                        ("AWS_ACCESS_KEY_ID", "a"), ("AWS_SECRET_ACCESS_KEY", "b")):
        monkeypatch.setenv(name, str(value))
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("AWS_DATA_PATH", raising=False)
    made: list[str] = []
    listing = Loader.list_available_services

    def counted(self: Loader, type_name: str) -> list[str]:
        made.append(type_name)
        return listing(self, type_name)

    monkeypatch.setattr(Loader, "list_available_services", counted)
    return made


def test_the_pools_first_client_lists_no_services(listings: list[str]) -> None:
    client = SessionPool({}).client(ENV_PROFILE, "eu-west-1")
    assert client.meta.service_model.service_name == "ecr"
    assert listings == []


@pytest.mark.parametrize("type_name", ["service-2", "endpoint-rule-set-1", "paginators-1"])
def test_a_model_is_botocores_own(listings: list[str], type_name: str) -> None:
    ours = ServiceLoader().load_service_model("ecr", type_name)
    assert ours == Loader().load_service_model("ecr", type_name)


def test_an_unknown_service_is_botocores_error(listings: list[str]) -> None:
    with pytest.raises(UnknownServiceError, match="ecr"):  # the known ones are named
        create_loader().load_service_model("no-such-service", "service-2")
    assert listings == ["service-2"]


def test_data_path_directories_are_searched_first(tmp_path, listings: list[str]) -> None:
    loader = create_loader(f"{tmp_path / 'a'}:{tmp_path / 'b'}")
    assert loader.search_paths[:2] == [str(tmp_path / "a"), str(tmp_path / "b")]
