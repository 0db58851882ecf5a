"""Entry script of the frozen program: both ``tdkt`` (console) and ``tdkt-gui`` (windowed) run it.

Without a subcommand it opens the GUI, exactly like the installed ``tdkt`` command.
"""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
