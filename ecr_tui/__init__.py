"""ecr-tui: a terminal UI and CLI for Amazon ECR logins, tokens and images."""

__version__ = "0.1.0"
