"""`python -m lit_app.bench`: the same as `gemma-lit bench`
(kept for existing scripts)."""

import sys

from lit_app.commands import dispatch

if __name__ == "__main__":
  sys.exit(dispatch.run("bench", sys.argv[1:]))
