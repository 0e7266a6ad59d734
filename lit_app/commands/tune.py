r"""gemma-lit tune: LoRA supervised fine-tuning on {prompt, response} rows.

  gemma-lit tune --base=models/checkpoints/gemma_tiny_base \
      --data=datasets/data/safety_sft.jsonl --eval=datasets/data/refusal_eval.jsonl \
      --out=models/checkpoints/gemma_tiny_safety.lora.h5

Each JSONL row has `prompt` and `response` (other columns, e.g. `policy`, `use_case`, are
not trained on). The rows are read and validated once, by the tuning-data checks
(`gemma-lit check-data`): malformed rows, label problems and (unless
--allow_contamination) overlap with the --eval prompts stop the run with exit status 1.
Training: models/training/sft.py. --base may be a KerasHub preset name or a local preset
directory.
"""

import os
import time

from absl import app, flags

import lit_app  # noqa: F401  (selects the JAX backend before keras is imported)
import keras

from lit_app import fields
from lit_app.commands import dispatch
from lit_app.datasets import data_checks
from lit_app.models.engine import checkpoint
from lit_app.models.training import sft

FLAGS = flags.FlagValues()
_BASE = flags.DEFINE_string("base", None, "KerasHub preset name or local preset directory.",
                            flag_values=FLAGS)
_DATA = flags.DEFINE_string("data", None, "JSONL file of {prompt, response} rows.",
                            flag_values=FLAGS)
_OUT = flags.DEFINE_string("out", None, "Where to write the adapter (must end in .lora.h5).",
                           flag_values=FLAGS)
_RANK = flags.DEFINE_integer("rank", 8, "LoRA rank.", lower_bound=1, flag_values=FLAGS)
_EPOCHS = flags.DEFINE_integer("epochs", 3, "Passes over the training rows.", lower_bound=1,
                               flag_values=FLAGS)
_LEARNING_RATE = flags.DEFINE_float("learning_rate", 2e-3, "Peak AdamW learning rate.",
                                    flag_values=FLAGS)
_BATCH_SIZE = flags.DEFINE_integer("batch_size", 16, "Rows per batch.", lower_bound=1,
                                   flag_values=FLAGS)
_SEQUENCE_LENGTH = flags.DEFINE_integer(
    "sequence_length", 128, "Tokens per row (prompt + response), padded.", lower_bound=2,
    flag_values=FLAGS)
_EVAL = flags.DEFINE_list(
    "eval", [], "Evaluation files (JSONL with a prompt per row) the tuning data must not "
    "overlap; the tuning-data checks run first and stop on contamination.", flag_values=FLAGS)
_ALLOW_CONTAMINATION = flags.DEFINE_bool(
    "allow_contamination", False, "Tune even when tuning prompts overlap --eval prompts.",
    flag_values=FLAGS)
_SEED = flags.DEFINE_integer("seed", 0, "Seed for the held-out split, LoRA init, shuffling.",
                             flag_values=FLAGS)
_HOLDOUT_FRACTION = flags.DEFINE_float("holdout_fraction", 0.1,
                                       "Share of rows kept for the held-out loss.",
                                       flag_values=FLAGS)


def tuning_rows(data: str, eval_paths: list[str], allow_contamination: bool = False
                ) -> tuple[list[dict], list[str]]:
  """(the SFT rows of `data`, the problems that block tuning), from one run of the
  tuning-data checks. Raises ValueError when a file cannot be read or holds no SFT rows."""
  report = data_checks.check(data, eval_paths)
  print(f"data checks: {len(report.rows)} rows, {len(report.exact_duplicates)} exact "
        f"duplicates, {len(report.contamination)} contaminated against {len(eval_paths)} "
        "eval file(s)")
  if any(row.kind != data_checks.SFT for row in report.rows):
    raise ValueError(f"{data}: preference rows; tune takes {{prompt, response}} rows")
  rows = [{fields.PROMPT: row.prompt, fields.RESPONSE: row.response,
           data_checks.POLICY: row.policy, data_checks.USE_CASE: row.use_case}
          for row in report.rows]
  if not rows and not report.malformed:
    raise ValueError(f"{data}: no rows")
  return rows, report.blocking_problems(allow_contamination=allow_contamination)


def main() -> int:
  for holder in (_BASE, _DATA, _OUT):
    if not holder.value:
      raise app.UsageError(f"--{holder.name} is required")
  if not _OUT.value.endswith(checkpoint.ADAPTER_SUFFIX):
    raise app.UsageError(f"--out={_OUT.value!r} must end in {checkpoint.ADAPTER_SUFFIX}")
  started = time.time()
  rows, blocking = tuning_rows(_DATA.value, _EVAL.value, _ALLOW_CONTAMINATION.value)
  if blocking:
    print(f"BLOCKED: {len(blocking)} problem(s) in {_DATA.value} stop tuning "
          f"(details: gemma-lit check-data --train={_DATA.value} --eval=...; "
          "--allow_contamination to tune anyway):")
    print("\n".join(f"  {problem}" for problem in blocking))
    return dispatch.EXIT_FINDINGS
  keras.utils.set_random_seed(_SEED.value)
  print(f"loading {_BASE.value}")
  causal_lm = checkpoint.load_causal_lm(_BASE.value)
  history = sft.tune(causal_lm, rows, _OUT.value, rank=_RANK.value, epochs=_EPOCHS.value,
                     learning_rate=_LEARNING_RATE.value, batch_size=_BATCH_SIZE.value,
                     sequence_length=_SEQUENCE_LENGTH.value, seed=_SEED.value,
                     holdout_fraction=_HOLDOUT_FRACTION.value)
  size = os.path.getsize(_OUT.value)
  print(f"saved {_OUT.value} ({size / 1024:.0f} KiB) in {time.time() - started:.0f}s; "
        f"final held-out loss {history[-1]['heldout_loss']}")
  return dispatch.EXIT_OK
