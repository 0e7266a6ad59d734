"""gemma-lit serve: serve Gemma checkpoints and datasets in LIT.

  gemma-lit serve --models=base:PRESET_OR_DIR,tuned:PRESET_OR_DIR@ADAPTER.lora.h5 \\
      --datasets=mine:prompts.jsonl --port=5432
  python -m lit_app --models=... --datasets=...      (the same)

With no --models it serves the bundled tiny checkpoints as `base` and `tuned`; with no
--datasets, the bundled sample datasets. Flags are absl's global flags (LIT's server
flags live there): --helpfull lists LIT's own (--port, --host, --demo_mode, ...).
"""

import sys

from absl import app, flags

from lit_app import server
from lit_app.commands import dispatch

NAME = "serve"


def _parse(argv: list[str]) -> list[str]:
  try:
    return flags.FLAGS(argv)
  except flags.Error as e:
    sys.exit(dispatch.fail(NAME, e))


def _main(argv: list[str]) -> None:
  try:
    server.create_app(argv)
  except (app.UsageError, ValueError, OSError) as e:
    sys.exit(dispatch.fail(NAME, e))


def run(argv: list[str]) -> int:
  """Serves until stopped (absl.app.run: logging, --helpfull); returns the exit status."""
  if any(arg in dispatch.HELP for arg in argv):
    helps = [flags.FLAGS.module_help(m) for m in ("lit_app.server", "lit_app.model_specs")]
    print(f"{__doc__.strip()}\n\nflags:\n" + "\n".join(helps))
    return dispatch.EXIT_OK
  try:
    app.run(_main, argv=[f"{dispatch.PROG} {NAME}", *argv], flags_parser=_parse)
  except SystemExit as e:
    return e.code or 0
  return dispatch.EXIT_OK
