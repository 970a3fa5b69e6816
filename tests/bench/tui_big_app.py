"""The real app on the demo backend with 10,000 repositories (us-east-1) and the 100,000-tag
repository: what `tui_keys_tmux` runs in tmux. Usage: python -m tests.bench.tui_big_app"""

from __future__ import annotations

from ecr_tui.ui.app import make_app
from tests.bench.tui_scenario import CLOCK, BigDemo

if __name__ == "__main__":
    make_app(BigDemo(), clock=lambda: CLOCK).run()
