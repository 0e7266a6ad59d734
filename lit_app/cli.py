"""Command-line entry points with their own flag sets.

Each command (`tune`, `refusals`, `check_data`, …) defines its flags on its own
`flags.FlagValues()`, not on absl's global `FLAGS`: the server defines `batch_size`,
`max_length` and others too, and one process (a test run, a notebook) may import them all.
"""

import sys

from absl import app, flags


def run(main, flag_values: flags.FlagValues, argv: list[str] | None = None):
  """Parses `argv` into `flag_values`, then calls `main(rest)` under `absl.app.run`."""
  argv = list(sys.argv if argv is None else argv)
  if any(a in ("-h", "--help", "--helpshort", "--helpfull") for a in argv[1:]):
    doc = sys.modules[main.__module__].__doc__ or ""
    print(doc.strip() + "\n\nflags:\n" + flag_values.get_help())
    sys.exit(0)
  try:
    rest = flag_values(argv)
  except flags.Error as e:
    sys.exit(f"error: {e}\n(--help lists the flags)")
  app.run(lambda _: main(rest), argv=argv[:1])
