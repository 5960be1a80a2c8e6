"""The `workbench` command line (`ui.cli.main:main`). Loads no Qt: `open` and PDF export import it when they run."""

from ui.cli.common import CliError

__all__ = ["CliError"]
