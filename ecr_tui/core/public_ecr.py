"""ECR Public as ecr-tui sees it: where `public.ecr.aws` is reached (a test seam), and the
records of your own public registry (aliases, repositories with their catalog data)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

PUBLIC_HOST = "public.ecr.aws"
PUBLIC_REGISTRY_ENV = "ECR_TUI_PUBLIC_REGISTRY_URL"
"""Where Registry API requests and `docker login` meant for public.ecr.aws go (tests point it
at a stand-in; botocore's own AWS_ENDPOINT_URL_ECR_PUBLIC does the same for the API)."""
PUBLIC_API_REGION = "us-east-1"
"""ecr-public's GetAuthorizationToken exists only here, whatever the profile's region."""
PUBLIC_SCOPE = "public"
"""The `region` of a public token or login record: it is no region's, and a private token of
the same profile in us-east-1 must never be taken for it (tokens panel, header, login state)."""
PUBLIC_PERMISSIONS = "ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken"


def public_registry_url(environ: Mapping[str, str]) -> str:
    """`https://public.ecr.aws`, unless the seam points elsewhere."""
    return (environ.get(PUBLIC_REGISTRY_ENV) or f"https://{PUBLIC_HOST}").strip().rstrip("/")


@dataclass(frozen=True, slots=True)
class PublicAlias:
    name: str
    status: str = ""
    primary: bool = False
    default: bool = False


@dataclass(frozen=True, slots=True)
class PublicRegistry:
    """One registry of DescribeRegistries: its id, URI and aliases (the name in image URIs)."""

    registry_id: str
    uri: str
    aliases: tuple[PublicAlias, ...] = ()
    verified: bool = False

    @property
    def alias(self) -> str:
        """The primary alias (else the first); the account id when there is none."""
        chosen = next((a for a in self.aliases if a.primary), None) or next(
            iter(self.aliases), None
        )
        return chosen.name if chosen else self.registry_id


@dataclass(frozen=True, slots=True)
class PublicCatalog:
    """GetRepositoryCatalogData: what the ECR Public Gallery shows of a repository."""

    description: str = ""
    about: str = ""
    usage: str = ""
    architectures: tuple[str, ...] = ()
    operating_systems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PublicRepository:
    name: str
    uri: str
    """`public.ecr.aws/ALIAS/NAME`: what `docker pull` takes."""
    registry_id: str
    arn: str = ""
    created_at: datetime | None = None
    catalog: PublicCatalog | None = None
    """None when the catalog data could not be read (the listing still shows the repository)."""
