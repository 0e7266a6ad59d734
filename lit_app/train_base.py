"""`python -m lit_app.train_base`: the same as `gemma-lit train-base`
(kept for existing scripts)."""

import sys

from lit_app.commands import dispatch

if __name__ == "__main__":
  sys.exit(dispatch.run("train-base", sys.argv[1:]))
