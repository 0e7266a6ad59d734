r"""gemma-lit eval: refusal rate, over-refusal rate and preference agreement per model.

  gemma-lit eval --models=base:PRESET_OR_DIR,tuned:PRESET_OR_DIR@ADAPTER.lora.h5 \
      --chat_template=base,tuned [--data=REQUESTS.jsonl,PAIRS.jsonl] [--json] \
      [--out=ANSWERS.jsonl]

--data files are read as the server reads datasets: rows with `prompt` and `kind`
(harmful | benign) are requests, answered greedily; rows with `prompt`, `response_1`,
`response_2`, `preferred` are preference pairs, scored by mean log-probability. The
numbers come from the same code on the same LIT generation model as LIT's Metrics module
("alignment"): the refusal rule is in models/evaluation/refusals.py; with
--judge=PRESET_OR_DIR a Gemma judge model decides instead (models/evaluation/judge.py
has its prompt). With no --models, the bundled base and tuned models (chat template on);
with no --data, the bundled refusal_eval.jsonl (held out from the generated training
templates), refusal_validation.jsonl (written by hand; the bundled adapters' settings were
chosen on it), refusal_eval_ood.jsonl (written by hand, phrasings and topics unlike any
training row, never used for choosing) and preference_pairs.jsonl. Each request file is
also reported on its own (`by_file` in --json, one table row per model and file), so
in-distribution and out-of-distribution rates stand side by side.
"""

import json
import os

import tabulate
from absl import app, flags
from tqdm.auto import tqdm

import lit_app  # noqa: F401  (sets the Keras backend)
from lit_app import fields, model_specs
from lit_app.commands import dispatch
from lit_app.datasets import loading
from lit_app.models import engine as engine_lib
from lit_app.models.engine import checkpoint
from lit_app.models.evaluation import judge as judge_lib
from lit_app.models.evaluation import refusals
from lit_app.models.lit import metrics
from lit_app.models.routing import annotate

FLAGS = flags.FlagValues()
MODEL_FLAGS = model_specs.define_flags(FLAGS, max_new_tokens=24)
_DATA = flags.DEFINE_list(
    "data", [os.path.join(loading.DATA_DIR, "refusal_eval.jsonl"),
             os.path.join(loading.DATA_DIR, "refusal_validation.jsonl"),
             os.path.join(loading.DATA_DIR, "refusal_eval_ood.jsonl"),
             os.path.join(loading.DATA_DIR, "preference_pairs.jsonl")],
    "Evaluation files, comma-separated: requests with a `kind` column (harmful | benign) "
    "and/or preference pairs (prompt, response_1, response_2, preferred).",
    flag_values=FLAGS)
_JSON = flags.DEFINE_bool("json", False, "Print {model: {metric: value}} as JSON instead of "
                          "a table.", flag_values=FLAGS)
_JUDGE = flags.DEFINE_string(
    "judge", None, "A Gemma checkpoint (preset or directory, e.g. a ShieldGemma preset) "
    "that decides which replies are refusals, instead of the prefix rule.",
    flag_values=FLAGS)
_OUT = flags.DEFINE_string("out", None, "Optional JSONL file: each request row with `model`, "
                           "`response` and `refused`.", flag_values=FLAGS)

COLUMNS = (  # (title, rate, numerator, denominator)
    ("harmful refused", "refusal_rate", "harmful_refused", "harmful_requests"),
    ("benign refused", "over_refusal_rate", "benign_refused", "benign_requests"),
    ("preference agreement", "preference_agreement", "preference_agreed", "preference_pairs"),
)


def read_data(paths: list[str]) -> tuple[list[dict], list[dict], list[str]]:
  """(requests, preference pairs, each request's file name) from the --data files."""
  requests, pairs, files = [], [], []
  for path in paths:
    examples = annotate.route_examples(list(loading.load(path).examples))
    pairs += [ex for ex in examples if ex.get(fields.RESPONSE_1) is not None]
    mine = [ex for ex in examples if ex.get(fields.KIND) in refusals.KINDS]
    requests += mine
    files += [os.path.basename(path)] * len(mine)
    if not any(ex.get(fields.RESPONSE_1) is not None or ex.get(fields.KIND) in refusals.KINDS
               for ex in examples):
      raise ValueError(f"{path}: no requests with a `kind` ({' | '.join(refusals.KINDS)}) "
                       "and no preference pairs")
  return requests, pairs, files


def answer(model, requests: list[dict], name: str) -> list[dict]:
  """The model's predictions on the requests, in its batches (as LIT's cache makes them)."""
  size = model.max_minibatch_size()
  outputs = []
  for start in tqdm(range(0, len(requests), size), desc=name, unit="batch"):
    outputs += model.predict(requests[start:start + size])
  return outputs


def evaluate(models: dict, names: list[str], requests: list[dict], pairs: list[dict],
             files: list[str] | None = None, judge=None
             ) -> tuple[dict[str, dict], dict[str, list[dict]]]:
  """({model: metrics}, {model: its predictions on the requests}).

  files: each request's file; with more than one, each model's metrics also hold
  `by_file`: {file: the request metrics of its rows alone}.
  """
  results, answers = {}, {}
  for name in names:
    model = models[name]
    answers[name] = answer(model, requests, name) if requests else []
    results[name] = (metrics.evaluate(model, pairs) if pairs else {}) | (
        metrics.evaluate(model, requests, answers[name], judge) if requests else {})
    if files and len(set(files)) > 1:
      results[name]["by_file"] = {
          file: metrics.evaluate(
              model, [r for r, f in zip(requests, files) if f == file],
              [a for a, f in zip(answers[name], files) if f == file], judge)
          for file in dict.fromkeys(files)}
  return results, answers


def format_table(results: dict[str, dict]) -> str:
  """One row per model (and per model and request file); each cell `rate (n/N)`."""
  flat = {}
  for name, m in results.items():
    flat[(name, "all")] = m
    flat |= {(name, file): part for file, part in m.get("by_file", {}).items()}
  columns = [c for c in COLUMNS if any(c[1] in m for m in flat.values())]
  rows = [[name, data, *(f"{m[rate]:.1%} ({m[num]}/{m[den]})" if rate in m else "–"
                         for _, rate, num, den in columns)]
          for (name, data), m in flat.items()]
  return tabulate.tabulate(rows, headers=["model", "data", *(c[0] for c in columns)],
                           tablefmt="github", disable_numparse=True)


def write_answers(path: str, requests: list[dict], answers: dict[str, list[dict]]) -> None:
  """Writes one JSON line per request and model to `path` (overwriting it), request-major.

  Each line is the request row plus `model`, `response` and `refused`; `refused` is
  refusals.is_refusal's prefix rule, also when a --judge decided the metrics.

  Args:
    path: the output file (--out).
    requests: the request rows.
    answers: {model name: its predictions on `requests`, in their order}.
  """
  with open(path, "w", encoding="utf-8") as f:
    for i, row in enumerate(requests):
      for name, outputs in answers.items():
        response = outputs[i][fields.RESPONSE]
        f.write(json.dumps(row | {"model": name, fields.RESPONSE: response,
                                  "refused": refusals.is_refusal(response)},
                           ensure_ascii=False) + "\n")


def main() -> int:
  """Runs `gemma-lit eval`: each model's refusal, over-refusal and preference metrics.

  Answers the --data requests and scores its preference pairs with every model (--judge,
  when given, decides which answers are refusals), writes the answers to --out when given,
  and prints a table (a row per model, and per model and request file when there are
  several files) or with --json {model: metrics}.

  Returns:
    dispatch.EXIT_OK (0): the numbers are reported, not judged.

  Raises:
    app.UsageError: --models or --chat_template is malformed, or --data is empty
      (dispatch exits 2).
    ValueError: a --data file cannot be read or has neither requests nor pairs, a
      checkpoint cannot be loaded, or one is a reward model (dispatch exits 2).
    OSError: --out cannot be written (dispatch exits 2).
  """
  named = model_specs.parse_models(MODEL_FLAGS.specs())
  model_specs.check_chat_models(MODEL_FLAGS.chat_models(), [n for n, _ in named])
  if not _DATA.value:
    raise app.UsageError("--data is empty")
  requests, pairs, files = read_data(_DATA.value)
  judge = None
  if _JUDGE.value:
    judge_lm = checkpoint.load_causal_lm(_JUDGE.value, dtype=MODEL_FLAGS.precision.value)
    judge = judge_lib.Judge(engine_lib.Engine(judge_lm, MODEL_FLAGS.max_length.value),
                            MODEL_FLAGS.batch_size.value)
  models, _ = MODEL_FLAGS.build(output_embeddings=False, salience_methods=())
  model_specs.refuse_reward_models(models, [n for n, _ in named], "eval")
  results, answers = evaluate(models, [n for n, _ in named], requests, pairs, files, judge)
  if _OUT.value and requests:
    write_answers(_OUT.value, requests, answers)
  print(json.dumps(results, indent=2) if _JSON.value else format_table(results))
  return dispatch.EXIT_OK
