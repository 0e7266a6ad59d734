"""The console command `gemma-lit SUBCOMMAND [--flag=value ...]` (also `python -m lit_app`).

Exit status: 0 done; 1 findings (problems in the data that block tuning); 2 bad usage or
unreadable input. Errors are one line on stderr.
"""

import importlib
import sys
from collections.abc import Sequence

from absl import app, flags

import lit_app  # noqa: F401  (sets the Keras backend)

PROG = "gemma-lit"
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
HELP = ("-h", "--help", "--helpshort")

COMMANDS = {  # name: (module, summary)
    "serve": ("lit_app.commands.serve", "serve models and datasets in LIT (the browser UI)"),
    "tune": ("lit_app.commands.tune", "LoRA-tune a checkpoint on {prompt, response} rows"),
    "eval": ("lit_app.commands.evaluate",
             "refusal, over-refusal and preference agreement per model"),
    "batch": ("lit_app.commands.batch",
              "precompute answers and salience for a prompt file, to browse in LIT"),
    "check-data": ("lit_app.commands.check_data",
                   "check tuning data: coverage, duplicates, contamination, labels"),
    "bench": ("lit_app.commands.bench", "time and measure the engine against LIT's reference"),
    "convert": ("lit_app.commands.convert",
                "write a Gemma GGUF file as a KerasHub preset directory"),
    "report": ("lit_app.commands.report",
               "export saved findings as self-contained HTML pages"),
    "route": ("lit_app.commands.route",
              "label inputs with a router (`route train`: train one from labeled inputs)"),
}


def overview() -> str:
  """The top-level help: usage, each subcommand with its summary, and where flags are."""
  width = max(map(len, COMMANDS))
  listed = "\n".join(f"  {name:<{width}}  {summary}" for name, (_, summary) in COMMANDS.items())
  return (f"usage: {PROG} SUBCOMMAND [--flag=value ...]\n\nsubcommands:\n{listed}\n\n"
          f"{PROG} SUBCOMMAND --help lists a subcommand's flags. `python -m lit_app "
          f"[--flag=value ...]` is `{PROG} serve`.")


def fail(name: str, error: Exception | str) -> int:
  """Prints the error as one line on stderr; returns EXIT_USAGE."""
  message = str(error).strip().replace("\n", " ")
  print(f"{PROG} {name}: error: {message} ({PROG} {name} --help lists the flags)",
        file=sys.stderr)
  return EXIT_USAGE


def run(name: str, argv: Sequence[str]) -> int:
  """Runs subcommand `name` on its arguments; returns the exit status."""
  module = importlib.import_module(COMMANDS[name][0])
  nested = getattr(module, "SUBCOMMANDS", {})  # e.g. `route train`: its own module.
  if argv and argv[0] in nested:
    name, module, argv = f"{name} {argv[0]}", importlib.import_module(nested[argv[0]]), argv[1:]
  if hasattr(module, "run"):  # serve: absl's global flags and app.run.
    return module.run(list(argv))
  if any(arg in HELP for arg in argv):
    print(f"{module.__doc__.strip()}\n\nflags:\n{module.FLAGS.get_help()}")
    return EXIT_OK
  module.FLAGS.unparse_flags()  # A second run in one process starts from the defaults.
  try:
    rest = module.FLAGS([f"{PROG} {name}", *argv])[1:]
    if getattr(module, "TAKES_ARGUMENTS", False):  # e.g. `convert FILE.gguf`
      return module.main(rest)
    if rest:
      raise app.UsageError(f"unexpected arguments: {' '.join(rest)}")
    return module.main()
  except (flags.Error, app.UsageError, ValueError, OSError) as e:
    return fail(name, e)


def main(argv: Sequence[str] | None = None, default: str | None = None) -> int:
  """`gemma-lit ARGV`; `default` names the subcommand run when ARGV names none."""
  argv = list(sys.argv[1:] if argv is None else argv)
  if argv and argv[0] in COMMANDS:
    return run(argv[0], argv[1:])
  if argv and argv[0] in HELP + ("help",):
    print(overview())
    return EXIT_OK
  if default:
    return run(default, argv)
  print(overview() if not argv else f"{PROG}: unknown subcommand {argv[0]!r} "
        f"(one of {', '.join(COMMANDS)})", file=sys.stderr)
  return EXIT_USAGE


def console() -> None:
  """The `gemma-lit` console script."""
  sys.exit(main())
