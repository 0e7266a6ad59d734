r"""gemma-lit route: the router's label and probability for each input line.

  gemma-lit route --inputs=FILE.txt --json [--router=ROUTER.json]
  gemma-lit route train --data=LABELED.jsonl --out=ROUTER.json [--eval=HELDOUT.jsonl]

Prints one JSON object per non-blank line of --inputs: {"text", "label", "probability"}
(--json; without it, a table). The router is the bundled one (models/checkpoints/
safety_router.json) unless --router names another. `gemma-lit route train --help` lists
the training flags; the router file format is in models/routing/router.py.
"""

import json

import tabulate
from absl import app, flags

from lit_app import fields
from lit_app.commands import dispatch
from lit_app.datasets import lines
from lit_app.models.routing import router as router_lib

SUBCOMMANDS = {"train": "lit_app.commands.route_train"}

FLAGS = flags.FlagValues()
_INPUTS = flags.DEFINE_string("inputs", None, "Text file, one input per line (blank lines "
                              "are skipped).", flag_values=FLAGS)
_ROUTER = flags.DEFINE_string("router", router_lib.BUNDLED, "Router file (JSON, from "
                              "`gemma-lit route train`). Default: the bundled router.",
                              flag_values=FLAGS)
_JSON = flags.DEFINE_bool("json", False, "One JSON object per input line.", flag_values=FLAGS)


def main() -> int:
  """Runs `gemma-lit route`: the router's label and probability for each --inputs line.

  Blank lines are skipped. Prints with --json one object per line, {"text", "label",
  "probability"} (rounded to 4 places), else a table of label, probability and text.

  Returns:
    dispatch.EXIT_OK (0).

  Raises:
    app.UsageError: --inputs is missing (dispatch exits 2).
    ValueError: --inputs or --router cannot be read or used (dispatch exits 2).
  """
  if not _INPUTS.value:
    raise app.UsageError("--inputs is required")
  texts = [text for _, text in lines.read_lines(_INPUTS.value) if text.strip()]
  router = router_lib.load(_ROUTER.value)
  routed = router.route(texts)
  records = [{fields.TEXT: t, fields.LABEL: label, fields.PROBABILITY: round(p, 4)}
             for t, (label, p) in zip(texts, routed)]
  if _JSON.value:
    for record in records:
      print(json.dumps(record, ensure_ascii=False))
  else:
    print(tabulate.tabulate([[r[fields.LABEL], f"{r[fields.PROBABILITY]:.2f}", r[fields.TEXT]]
                             for r in records], headers=["label", "probability", "text"],
                            tablefmt="github", disable_numparse=True))
  return dispatch.EXIT_OK
