"""`python -m lit_app.tune`: the same as `gemma-lit tune`
(kept for existing scripts)."""

import sys

from lit_app.commands import dispatch

if __name__ == "__main__":
  sys.exit(dispatch.run("tune", sys.argv[1:]))
