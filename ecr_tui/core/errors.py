"""One error type the user sees: a one-line message and, when known, the fix."""

from __future__ import annotations


class EcrTuiError(Exception):
    """An outside failure explained for a user. str() is one line, never a secret."""

    def __init__(self, message: str, fix: str | None = None) -> None:
        self.message = " ".join(message.split())
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.message} (fix: {self.fix})" if self.fix else self.message


class ConfigError(EcrTuiError):
    """A broken or missing AWS config/credentials file, or an unknown profile."""


class CredentialsError(EcrTuiError):
    """No usable credentials: expired SSO, expired STS, failing credential_process, MFA."""


class AccessDeniedError(EcrTuiError):
    """The credentials work but lack a permission for one call."""


class NetworkError(EcrTuiError):
    """Could not reach AWS or the registry."""


class RegistryError(EcrTuiError):
    """The registry answered with an error or something we cannot read."""


class NotFoundError(RegistryError):
    """The registry answered 404: a tag, digest or API it does not have."""


class LoginError(EcrTuiError):
    """The container engine could not log in, or cannot be used."""


class WritesOff(EcrTuiError):
    """A write asked of a backend made without writes: refused before any call."""
