"""`python -m lit_app.check_data`: the same as `gemma-lit check-data`
(kept for existing scripts)."""

import sys

from lit_app.commands import dispatch

if __name__ == "__main__":
  sys.exit(dispatch.run("check-data", sys.argv[1:]))
