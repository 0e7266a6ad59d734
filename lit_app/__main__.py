"""`python -m lit_app [SUBCOMMAND] [flags]`: `gemma-lit`, serving when no subcommand is named."""

import sys

from lit_app.commands import dispatch

if __name__ == "__main__":
  sys.exit(dispatch.main(default="serve"))
