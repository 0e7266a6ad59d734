"""`python -m lit_app.batch`: the same as `gemma-lit batch`
(kept for existing scripts)."""

import sys

from lit_app.commands import dispatch

if __name__ == "__main__":
  sys.exit(dispatch.run("batch", sys.argv[1:]))
