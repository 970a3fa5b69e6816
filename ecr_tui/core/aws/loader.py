"""botocore's data loader, without listing every service on disk to load one.

botocore's `Loader.load_service_model` first lists every service it knows (for ECR's model
and again for its endpoint rules: ~850 directory reads, 20-30 ms of a process's first client)
only to check that the one asked for is among them. `list_api_versions` of that one service
answers the same question; an unknown one still goes through botocore's own path (its
UnknownServiceError names the known services).
"""

from __future__ import annotations

import os
from typing import Any

from botocore.exceptions import DataNotFoundError
from botocore.loaders import Loader, instance_cache


class ServiceLoader(Loader):  # type: ignore[misc]
    """A Loader whose service models are found from the service's own directory."""

    @instance_cache  # type: ignore[misc]
    def load_service_model(
        self, service_name: str, type_name: str, api_version: str | None = None
    ) -> Any:
        try:
            versions = self.list_api_versions(service_name, type_name)
        except DataNotFoundError:  # unknown: botocore's own error, with the known services
            return super().load_service_model(service_name, type_name, api_version)
        if api_version is None:
            api_version = max(versions)  # as determine_latest_version
        model = self.load_data(os.path.join(service_name, api_version, type_name))
        extras = self._find_extras(service_name, type_name, api_version)
        self._extras_processor.process(model, extras)
        return model


def create_loader(search_path_string: str | None = None) -> ServiceLoader:
    """As botocore.loaders.create_loader: AWS_DATA_PATH's directories searched first."""
    if search_path_string is None:
        return ServiceLoader()
    paths = [os.path.expanduser(os.path.expandvars(path))
             for path in search_path_string.split(os.pathsep)]
    return ServiceLoader(extra_search_paths=paths)
