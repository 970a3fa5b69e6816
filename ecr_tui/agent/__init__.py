"""The token agent: one process per user and environment that keeps ECR tokens and role
credentials in memory, so the credential helpers `docker compose pull` starts by the dozen ask
AWS once per registry instead of once each.

`place` (where the socket lives, whose it is), `wire` (length-prefixed JSON, peer credentials),
`client` (what `docker-credential-ecr-tui get` asks, starting the agent when it is missing),
`keeper` (the tokens held, one fetch per registry at a time), `server` (the socket, the idle
exit). It serves `ecr_tui.credential_helper` (whose `get` the keeper runs) and may import it and
the core; never the UI, the CLI or the demo. `client`, `place` and `wire` import nothing heavy:
a `get` the agent answers never loads botocore.
"""
