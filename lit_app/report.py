"""Export findings as self-contained HTML files (inline CSS, no external requests), which
open offline with no server.

  python -m lit_app.report --finding=ID --out=DIR [--state_dir=DIR]
  python -m lit_app.report --all --out=DIR

Writes DIR/finding-ID.html per finding (the page the server shows at /findings/ID) and
prints each path. Exits 2 on bad flags, 1 when a finding does not exist.
"""

import os
import sys
from collections.abc import Sequence

from absl import flags

from lit_app import cli
from lit_app.findings import hooks
from lit_app.findings import store as store_lib

FLAGS = flags.FlagValues()
_FINDING = flags.DEFINE_integer("finding", None, "The finding to export (its id).",
                                lower_bound=1, flag_values=FLAGS)
_ALL = flags.DEFINE_bool("all", False, "Export every finding.", flag_values=FLAGS)
_OUT = flags.DEFINE_string("out", None, "Directory to write the HTML files to.",
                           flag_values=FLAGS)
_STATE_DIR = flags.DEFINE_string(
    "state_dir", store_lib.default_state_dir(),
    "The server's --state_dir (where findings are kept).", flag_values=FLAGS)


def export(store: store_lib.Store, finding_ids: Sequence[int] | None, out: str) -> list[str]:
  """Writes the findings (all when `finding_ids` is None) to `out`; returns the paths.

  Raises KeyError naming a finding that does not exist.
  """
  if finding_ids is None:
    findings = store.findings()
  else:
    findings = []
    for finding_id in finding_ids:
      finding = store.finding(finding_id)
      if finding is None:
        raise KeyError(f"no finding {finding_id} in {store.path}")
      findings.append(finding)
  os.makedirs(out, exist_ok=True)
  paths = []
  page = hooks.Findings(store, writable=False)
  for finding in findings:
    path = os.path.join(out, f"finding-{finding['id']}.html")
    with open(path, "w", encoding="utf-8") as f:
      f.write(page.page(finding))
    paths.append(path)
  return paths


def _main(argv: Sequence[str]) -> None:
  if len(argv) > 1:
    sys.exit(f"error: unexpected arguments: {' '.join(argv[1:])}")
  if (_FINDING.value is None) == (not _ALL.value):
    sys.stderr.write("error: give exactly one of --finding=ID and --all\n")
    sys.exit(2)
  if not _OUT.value:
    sys.stderr.write("error: --out=DIR is required\n")
    sys.exit(2)
  if not os.path.exists(os.path.join(_STATE_DIR.value, store_lib.FILENAME)):
    sys.stderr.write(f"error: no findings in {_STATE_DIR.value} (see --state_dir)\n")
    sys.exit(1)
  store = store_lib.Store(_STATE_DIR.value)
  try:
    paths = export(store, None if _ALL.value else [_FINDING.value], _OUT.value)
  except KeyError as e:
    sys.stderr.write(f"error: {e.args[0]}\n")
    sys.exit(1)
  finally:
    store.close()
  for path in paths:
    print(path)
  if not paths:
    print("no findings to export", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> None:
  """Entry point: `main(["report", "--all", "--out=DIR"])` or from sys.argv."""
  cli.run(_main, FLAGS, argv)


if __name__ == "__main__":
  main()
