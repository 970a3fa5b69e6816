from ecr_tui.cli import entry

entry()
