"""`python -m ui.cli`."""

import sys

from ui.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
