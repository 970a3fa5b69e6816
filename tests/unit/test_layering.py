"""The core never imports textual; the password path pays for neither httpx nor textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import ecr_tui.core


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_core_never_imports_textual() -> None:
    names = [m.name for m in pkgutil.walk_packages(ecr_tui.core.__path__, "ecr_tui.core.")]
    assert "ecr_tui.core.aws.backend" in names
    loaded = _modules_after("\n".join(f"import {n}" for n in names))
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


def test_building_the_aws_backend_imports_no_sdk() -> None:
    loaded = _modules_after(
        "from ecr_tui.core.aws.backend import AwsBackend\nAwsBackend(environ={})\n"
        "import ecr_tui.cli.main"
    )
    assert not loaded & {"boto3", "botocore", "httpx", "textual", "pyperclip"}


def test_the_password_path_pays_for_no_boto3_and_no_output_module() -> None:
    loaded = _modules_after(
        "import io, contextlib, os\n"
        "os.environ.update(AWS_ACCESS_KEY_ID='a', AWS_SECRET_ACCESS_KEY='b')\n"
        "from ecr_tui.core.aws.session import SessionPool\n"
        "SessionPool(os.environ).client('(env)', 'eu-west-1')\n"
        "from ecr_tui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['password', '--demo'])"
    )
    assert "botocore.client" in loaded  # the client was built
    assert not loaded & {"boto3", "s3transfer", "ecr_tui.cli.output", "textual", "httpx"}


def test_httpx_is_imported_without_trio_or_its_command_line_and_both_import_after() -> None:
    loaded = _modules_after(
        "from ecr_tui.core.registry.http_setup import warm_up\nwarm_up()\n"
        "import sys\nassert 'trio' not in sys.modules, 'trio came with httpx'\n"
        "assert 'httpx._main' not in sys.modules and 'rich' not in sys.modules, 'httpx CLI'\n"
        "import importlib.util\n"
        "assert importlib.util.find_spec('trio') is None or __import__('trio')\n"
        "import httpx._main"
    )
    assert {"httpx", "httpcore"} <= loaded
