"""History shows what is not secret: only ENV and build-argument values are masked."""

from __future__ import annotations

import json

from ecr_tui.core.registry.manifests import parse_image_config

PORT_IMAGE = {
    "config": {
        "Env": ["PORT=8080", "LISTEN=0.0.0.0:8080", "DB_PASSWORD=hunter2-secret"],
        "ExposedPorts": {"8080/tcp": {}},
        "Cmd": ["serve", "--listen", "0.0.0.0:8080"],
    },
    "history": [
        {"created_by": "/bin/sh -c #(nop)  ENV PORT=8080 LISTEN=0.0.0.0:8080", "empty_layer": True},
        {"created_by": "/bin/sh -c #(nop)  EXPOSE map[8080/tcp:{}]", "empty_layer": True},
        {"created_by": "HEALTHCHECK CMD curl -f http://0.0.0.0:8080/health", "empty_layer": True},
        {"created_by": "ARG DB_PASSWORD=hunter2-secret", "empty_layer": True},
        {"created_by": "RUN |2 DB_PASSWORD=hunter2-secret V=1 /bin/sh -c make"},
        {"created_by": "|1 V=1 /bin/sh -c ./configure"},
        {"created_by": "/bin/sh -c echo hunter2-secret > /etc/app"},
    ],
}


def test_ports_and_addresses_the_config_shows_are_not_masked() -> None:
    config = parse_image_config(json.dumps(PORT_IMAGE).encode())
    steps = [h.created_by for h in config.history]
    assert steps[0] == "/bin/sh -c #(nop)  ENV PORT=*** LISTEN=***"
    assert steps[1] == "/bin/sh -c #(nop)  EXPOSE map[8080/tcp:{}]"
    assert steps[2] == "HEALTHCHECK CMD curl -f http://0.0.0.0:8080/health"


def test_env_and_build_argument_values_stay_masked() -> None:
    config = parse_image_config(json.dumps(PORT_IMAGE).encode())
    steps = [h.created_by for h in config.history]
    assert steps[3] == "ARG DB_PASSWORD=***"
    assert steps[4] == "RUN |2 DB_PASSWORD=*** V=*** /bin/sh -c make"
    assert steps[5] == "|1 V=*** /bin/sh -c ./configure"
    assert steps[6] == "/bin/sh -c echo *** > /etc/app"  # an env value the config hides
    assert "hunter2" not in repr(config)
