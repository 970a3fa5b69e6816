"""One widget per module, each knowing only its own data: widgets may import the core's records
and `ecr_tui.ui`'s messages and formatting, never a screen."""
