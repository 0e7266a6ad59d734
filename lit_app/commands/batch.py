r"""gemma-lit batch: precompute each model's response and salience for a prompt file, to
browse in LIT later.

  gemma-lit batch --models=base:PRESET_OR_DIR,tuned:PRESET_OR_DIR@ADAPTER.lora.h5 \
      --data=prompts.jsonl --out=results.jsonl [--batch_size=8 --max_new_tokens=96]
  gemma-lit serve --datasets=precomputed:results.jsonl

--data is any file the server reads as a dataset (prompt or template JSON Lines, .txt).
OUT gets one JSON line per input row and model: the row's fields as LIT sees them, then
  model, checkpoint   the model's name and NAME:PATH's PATH
  response            its greedy answer to the prompt (the NAME model's output)
  tokens, grad_l2, grad_dot_input   for rows with a target: salience over the whole
                      target (the _NAME_salience model with target_mask = 1 on the
                      target's tokens), aligned to the _NAME_tokenizer tokens
  integrated_gradients, integrated_gradients_error, occlusion, token_occlusion,
  contrastive_grad_l2, contrastive_grad_dot_input   with --salience_methods (default
                      none): the other methods of _NAME_salience (contrastive ones are
                      zeros unless the row has a `foil`)
  faithfulness_abpc_METHOD   with --faithfulness: each method's ABPC (see
                      models/lit/faithfulness.py); a mean-ABPC table is printed at the end
  batch_key           "<row index>:<hash of the row>:<model>"
Resumable: rows whose batch_key is already in OUT are skipped, and a partial last line
left by a crash is dropped. OUT loads back as a dataset (datasets/loading.py).
"""

import hashlib
import json
import os
import time

from absl import app, flags, logging
from tqdm import tqdm

import lit_app  # noqa: F401  (sets the Keras backend)
from lit_app import fields, model_specs
from lit_app.commands import dispatch
from lit_app.datasets import loading
from lit_app.models.lit import faithfulness

FLAGS = flags.FlagValues()
MODEL_FLAGS = model_specs.define_flags(FLAGS, salience_methods=(), serving=False)
flags.DEFINE_string("data", None, "Input rows: a prompt or template .jsonl, or a .txt.",
                    flag_values=FLAGS)
flags.DEFINE_string("out", None, "Output JSON Lines; appended to, and resumed from.",
                    flag_values=FLAGS)
flags.DEFINE_bool("faithfulness", False, "Also score each method's faithfulness (deletion "
                  "and insertion curves, ABPC) on rows with a target, and print the mean ABPC "
                  "per model and method.", flag_values=FLAGS)


# --- Row keys and the output file ---------------------------------------------------

def row_hash(example: dict) -> str:
  """A short hash of an input example's content."""
  text = json.dumps(example, sort_keys=True, ensure_ascii=False, default=str)
  return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def row_key(index: int, example: dict, model: str) -> str:
  """The batch_key of one output row: `<row index>:<hash of the row>:<model>`."""
  return f"{index}:{row_hash(example)}:{model}"


def read_done(path: str) -> dict[str, str]:
  """{batch_key: checkpoint} of the rows in OUT (empty if there is none).

  A last line without its newline (a crash mid-write) is cut off the file, so appends
  start on a fresh line; any other unreadable line is an error naming it.
  """
  if not os.path.exists(path):
    return {}
  with open(path, "rb") as f:
    data = f.read()
  complete = data.rfind(b"\n") + 1
  if complete < len(data):
    logging.warning("%s: dropping a partial last line (%d bytes)", path, len(data) - complete)
    with open(path, "r+b") as f:
      f.truncate(complete)
  done = {}
  for number, line in enumerate(data[:complete].decode("utf-8").splitlines(), start=1):
    if not line.strip():
      continue
    try:
      row = json.loads(line)
      done[row[loading.BATCH_KEY]] = row.get(loading.CHECKPOINT)
    except (ValueError, KeyError, TypeError):
      raise ValueError(f"{path}, line {number}: not a batch output row; use another --out"
                       ) from None
  return done


def check_same_checkpoints(done: dict[str, str], checkpoints: dict[str, str], out: str):
  """Refuses to mix results of a model name that now points at another checkpoint."""
  for key, checkpoint in done.items():
    model = key.rsplit(":", 1)[-1]
    if model in checkpoints and checkpoint != checkpoints[model]:
      raise ValueError(f"{out} holds results of model {model!r} from {checkpoint!r}, not "
                       f"{checkpoints[model]!r}; use another --out or another model name")


# --- One model on a batch of rows --------------------------------------------------------

def target_masks(tokenizer, examples: list[dict]) -> list[list[float]]:
  """1.0 on each row's target tokens: the tokens after those of the prompt alone."""
  prompt_only = [{k: v for k, v in ex.items() if k != fields.TARGET} for ex in examples]
  masks = []
  for alone, both in zip(tokenizer.predict(prompt_only), tokenizer.predict(examples)):
    n_prompt, n_all = len(alone[fields.TOKENS]), len(both[fields.TOKENS])
    masks.append([0.0] * min(n_prompt, n_all) + [1.0] * max(0, n_all - n_prompt))
  return masks


def predict(group: dict, name: str, examples: list[dict]) -> list[dict]:
  """The results of model `name` on `examples`, as the LIT wrappers compute them."""
  responses = group[name].predict(examples)
  results = [{fields.RESPONSE: r[fields.RESPONSE]} for r in responses]
  with_target = [ex for ex in examples if ex.get(fields.TARGET)]
  if with_target:
    masks = target_masks(group[fields.tokenizer_model_name(name)], with_target)
    salience = group[fields.salience_model_name(name)]
    scores = iter(salience.with_methods(salience.offered).predict(
        [ex | {fields.TARGET_MASK: m} for ex, m in zip(with_target, masks)]))
    for ex, result in zip(examples, results):
      if ex.get(fields.TARGET):
        s = next(scores)
        result |= {k: (list(s[k]) if k == fields.TOKENS else [float(x) for x in s[k]])
                   for k in loading.SALIENCE_KEYS if k in s}
        if fields.INTEGRATED_GRADIENTS_ERROR in s:
          result[fields.INTEGRATED_GRADIENTS_ERROR] = float(s[fields.INTEGRATED_GRADIENTS_ERROR])
    if FLAGS.faithfulness:
      curves = iter(faithfulness.for_examples(group[name], with_target))
      for ex, result in zip(examples, results):
        if ex.get(fields.TARGET):
          result |= faithfulness.as_row(next(curves))
  return results


# --- The run -------------------------------------------------------------------------------

def read_rows(path: str) -> list[dict]:
  """The input examples, as the server's dataset loader reads them."""
  examples = list(loading.load(path).examples)
  for line, ex in enumerate(examples, start=1):
    clash = [k for k in loading.BATCH_KEYS if k in ex]
    if clash:
      raise ValueError(f"{path}: row {line} has {', '.join(map(repr, clash))}, which batch "
                       "output adds; rename the key (or is this a batch output file?)")
  return examples


def count_todo(examples: list[dict], names: list[str], done) -> int:
  """How many (row, model) pairs have no result in OUT yet.

  Args:
    examples: the input rows, in file order (a row's index is part of its key).
    names: the model names.
    done: the batch_keys already in OUT (any container of them).

  Returns:
    The number of pairs whose row_key is not in `done`.
  """
  return sum(row_key(i, ex, n) not in done for i, ex in enumerate(examples) for n in names)


def process(models: dict, names: list[str], checkpoints: dict[str, str],
            examples: list[dict], out: str, done: set[str]) -> int:
  """Appends each (row, model) result not in `done` to OUT, batch by batch, row-major.

  Returns the number of rows written.
  """
  pending = [(i, ex) for i, ex in enumerate(examples)
             if any(row_key(i, ex, n) not in done for n in names)]
  total = len(examples) * len(names)
  written = 0
  with open(out, "a", encoding="utf-8") as f, tqdm(
      total=total, initial=total - count_todo(examples, names, done), unit="row",
      desc="batch", dynamic_ncols=True) as bar:
    for start in range(0, len(pending), FLAGS.batch_size):
      chunk = pending[start:start + FLAGS.batch_size]
      rows = {}
      for name in names:
        todo = [(i, ex) for i, ex in chunk if row_key(i, ex, name) not in done]
        if not todo:
          continue
        for (i, ex), result in zip(todo, predict(models, name, [ex for _, ex in todo])):
          rows[(i, name)] = (ex | {loading.MODEL: name, loading.CHECKPOINT: checkpoints[name]}
                             | result | {loading.BATCH_KEY: row_key(i, ex, name)})
        bar.update(len(todo))
      for i, _ in chunk:  # Row-major: each prompt's models next to each other.
        for name in names:
          if (i, name) in rows:
            f.write(json.dumps(rows[(i, name)], ensure_ascii=False) + "\n")
            written += 1
      f.flush()
  return written


def main() -> int:
  """Runs `gemma-lit batch`: appends each model's results on the --data rows to --out.

  Loads the models only when some (row, model) pair is not in --out yet. Prints how many
  rows it wrote and how many were already there (or that there is nothing to do), and with
  --faithfulness the mean-ABPC table over all of --out; a progress bar goes to stderr.

  Returns:
    dispatch.EXIT_OK (0): batch has no findings.

  Raises:
    app.UsageError: --models, --data or --out is missing, or --models, --chat_template or
      --salience_methods is malformed (dispatch exits 2).
    ValueError: --data cannot be read or has a key batch output adds, --out is not batch
      output or holds another checkpoint under a model's name, a checkpoint cannot be
      loaded, or one is a reward model (dispatch exits 2).
  """
  for flag in ("models", "data", "out"):
    if not FLAGS[flag].value:
      raise app.UsageError(f"--{flag} is required")
  named = model_specs.parse_named(FLAGS.models, "models")
  names = [n for n, _ in named]
  model_specs.check_chat_models(MODEL_FLAGS.chat_models(), names)
  checkpoints = dict(named)
  examples = read_rows(FLAGS.data)
  done = read_done(FLAGS.out)
  check_same_checkpoints(done, checkpoints, FLAGS.out)
  todo = count_todo(examples, names, done)
  if not todo:
    print(f"{FLAGS.out}: all {len(examples) * len(names)} rows already there; nothing to do")
    return dispatch.EXIT_OK
  start = time.perf_counter()
  # Adapters on one base share its weights and one engine.
  models, _ = MODEL_FLAGS.build()
  model_specs.refuse_reward_models(models, names, "batch")
  written = process(models, names, checkpoints, examples, FLAGS.out, set(done))
  print(f"{FLAGS.out}: wrote {written} rows ({len(examples) * len(names) - todo} were already "
        f"there) in {time.perf_counter() - start:.1f}s")
  if FLAGS.faithfulness:
    with open(FLAGS.out, encoding="utf-8") as f:
      print(faithfulness.summary([json.loads(line) for line in f if line.strip()]))
  return dispatch.EXIT_OK
