"""gemma-lit report: exports findings as self-contained HTML files (inline CSS, no
external requests), which open offline with no server.

  gemma-lit report --finding=ID --out=DIR [--state_dir=DIR]
  gemma-lit report --all --out=DIR

Writes DIR/finding-ID.html per finding (the page the server shows at /findings/ID) and
prints each path. Exits 2 on bad flags, 1 when a finding does not exist.
"""

import os
import sys
from collections.abc import Sequence

from absl import app, flags

from lit_app.commands import dispatch
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


def main() -> int:
  """Runs `gemma-lit report`: writes the --finding=ID finding, or --all, as HTML to --out.

  Prints each written path on a line; errors, and "no findings to export" when --all finds
  none, go to stderr as one line.

  Returns:
    dispatch.EXIT_FINDINGS (1) when --state_dir holds no findings or the finding does not
    exist, else dispatch.EXIT_OK (0).

  Raises:
    app.UsageError: not exactly one of --finding and --all, or no --out (dispatch exits 2).
    OSError: --out cannot be written (dispatch exits 2).
  """
  if (_FINDING.value is None) == (not _ALL.value):
    raise app.UsageError("give exactly one of --finding=ID and --all")
  if not _OUT.value:
    raise app.UsageError("--out=DIR is required")
  if not os.path.exists(os.path.join(_STATE_DIR.value, store_lib.FILENAME)):
    print(f"gemma-lit report: error: no findings in {_STATE_DIR.value} (see --state_dir)",
          file=sys.stderr)
    return dispatch.EXIT_FINDINGS
  store = store_lib.Store(_STATE_DIR.value)
  try:
    paths = export(store, None if _ALL.value else [_FINDING.value], _OUT.value)
  except KeyError as e:
    print(f"gemma-lit report: error: {e.args[0]}", file=sys.stderr)
    return dispatch.EXIT_FINDINGS
  finally:
    store.close()
  for path in paths:
    print(path)
  if not paths:
    print("no findings to export", file=sys.stderr)
  return dispatch.EXIT_OK
