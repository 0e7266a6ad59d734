"""`python -m lit_app.report`: the same as `gemma-lit report`."""

import sys

from lit_app.commands import dispatch

if __name__ == "__main__":
  sys.exit(dispatch.run("report", sys.argv[1:]))
