r"""LoRA supervised fine-tuning of a KerasHub Gemma CausalLM on {prompt, response} rows.

  python -m lit_app.tune --base=models/checkpoints/gemma_tiny_base \
      --data=datasets/data/safety_sft.jsonl --out=models/checkpoints/gemma_tiny_safety.lora.h5

Each JSONL row has `prompt` and `response` (other columns, e.g. `policy`, `use_case`, are
kept with the row but not trained on). The prompt is wrapped in Gemma's chat turn format
and masked out of the loss: only the response tokens (and the closing `<end_of_turn>`,
`<eos>`) are learned. Uses only public KerasHub APIs (`CausalLM.from_preset`, the
tokenizer, `backbone.enable_lora`, `backbone.save_lora_weights`), so `--base` may be a
real Gemma preset name as well as a local preset directory.
"""

import os
import time

from absl import app, flags

from lit_app import cli
import lit_app  # noqa: F401  (selects the JAX backend before keras is imported)
import keras
import numpy as np
from lit_app.datasets import data_checks, lines
from lit_app.models.engine import checkpoint, families
from lit_app.models.training import batches, loop

REQUIRED_COLUMNS = ("prompt", "response")


def read_sft_rows(path: str) -> list[dict]:
  """Rows of a JSONL file; each must be an object with non-empty string prompt/response.

  Raises ValueError naming the file (and line) for a missing file or a bad row.
  """
  rows = []
  for number, row in lines.read_json_objects(path):
    for column in REQUIRED_COLUMNS:
      if column not in row:
        raise lines.error_at(path, number, f"missing {column!r}")
      if not isinstance(row[column], str) or not row[column].strip():
        raise lines.error_at(path, number, f"{column!r} must be a non-empty string")
    rows.append(row)
  if not rows:
    raise lines.error_at(path, None, "no rows")
  return rows


def check_data(data: str, eval_paths: list[str], allow_contamination: bool = False) -> None:
  """Runs the tuning-data checks (`python -m lit_app.check_data`) on `data` against the
  evaluation files; raises ValueError listing what blocks tuning (contamination, malformed
  rows), unless `allow_contamination` lets contamination through."""
  report = data_checks.check(data, eval_paths)
  blocking = report.blocking_problems(allow_contamination=allow_contamination)
  print(f"data checks: {len(report.rows)} rows, {len(report.exact_duplicates)} exact duplicates, "
        f"{len(report.contamination)} contaminated against {len(eval_paths)} eval file(s)")
  if blocking:
    shown = "\n  ".join(blocking[:5]) + (f"\n  ... and {len(blocking) - 5} more"
                                          if len(blocking) > 5 else "")
    raise ValueError(f"{data}: {len(blocking)} problem(s) block tuning (details: python -m "
                     f"lit_app.check_data --train={data} --eval=...; --allow_contamination "
                     f"to tune anyway):\n  {shown}")


def split_holdout(rows: list[dict], fraction: float, seed: int) -> tuple[list, list]:
  """(train, held-out) rows; the held-out share is chosen by `seed`."""
  if not 0.0 <= fraction < 1.0:
    raise ValueError(f"--holdout_fraction must be in [0, 1), got {fraction}")
  order = np.random.default_rng(seed).permutation(len(rows))
  num_heldout = int(round(len(rows) * fraction))
  if num_heldout >= len(rows):
    num_heldout = len(rows) - 1
  heldout = [rows[i] for i in sorted(order[:num_heldout])]
  train = [rows[i] for i in sorted(order[num_heldout:])]
  return train, heldout


def tune(causal_lm, rows: list[dict], out: str, *, rank: int = 8, epochs: int = 3,
         learning_rate: float = 2e-3, batch_size: int = 16, sequence_length: int = 128,
         seed: int = 0, holdout_fraction: float = 0.1) -> list[dict]:
  """Enables LoRA on `causal_lm`, trains it on `rows`, saves the adapter to `out`.

  Returns the per-epoch history (training and held-out loss).
  """
  if not out.endswith(checkpoint.ADAPTER_SUFFIX):
    raise ValueError(f"--out={out!r}: the file name must end in "
                     f"{checkpoint.ADAPTER_SUFFIX}")
  train_rows, heldout_rows = split_holdout(rows, holdout_fraction, seed)
  tokenizer = causal_lm.preprocessor.tokenizer
  fmt = families.family_of(causal_lm.backbone).chat
  train = batches.sft_arrays(tokenizer, train_rows, sequence_length, fmt)
  heldout = batches.sft_arrays(tokenizer, heldout_rows, sequence_length, fmt) if heldout_rows \
      else None
  clipped = train.pop("truncated") + (heldout.pop("truncated") if heldout else 0)
  if clipped:
    print(f"warning: {clipped} rows are longer than {sequence_length} tokens and were cut; "
          "raise --sequence_length")
  print(f"rows: {len(train_rows)} training, {len(heldout_rows)} held out; LoRA rank {rank}")
  checkpoint.enable_lora(causal_lm, rank)
  history = loop.fit(causal_lm, train, heldout, batch_size=batch_size, epochs=epochs,
                     learning_rate=learning_rate, weight_decay=0.0, seed=seed, desc="tune")
  directory = os.path.dirname(out)
  if directory:
    os.makedirs(directory, exist_ok=True)
  causal_lm.backbone.save_lora_weights(out)
  return history


FLAGS = flags.FlagValues()  # this command's own flags (see lit_app.cli)
_BASE = flags.DEFINE_string("base", None, "KerasHub preset name or local preset directory.", flag_values=FLAGS)
_DATA = flags.DEFINE_string("data", None, "JSONL file of {prompt, response} rows.", flag_values=FLAGS)
_OUT = flags.DEFINE_string("out", None, "Where to write the adapter (must end in .lora.h5).", flag_values=FLAGS)
_RANK = flags.DEFINE_integer("rank", 8, "LoRA rank.", flag_values=FLAGS)
_EPOCHS = flags.DEFINE_integer("epochs", 3, "Passes over the training rows.", flag_values=FLAGS)
_LEARNING_RATE = flags.DEFINE_float("learning_rate", 2e-3, "Peak AdamW learning rate.", flag_values=FLAGS)
_BATCH_SIZE = flags.DEFINE_integer("batch_size", 16, "Rows per batch.", flag_values=FLAGS)
_SEQUENCE_LENGTH = flags.DEFINE_integer("sequence_length", 128,
                                        "Tokens per row (prompt + response), padded.", flag_values=FLAGS)
_EVAL = flags.DEFINE_list(
    "eval", [], "Evaluation files (JSONL with a prompt per row) the tuning data must not "
    "overlap; the tuning-data checks run first and stop on contamination.", flag_values=FLAGS)
_ALLOW_CONTAMINATION = flags.DEFINE_bool(
    "allow_contamination", False, "Tune even when tuning prompts overlap --eval prompts.",
    flag_values=FLAGS)
_SEED = flags.DEFINE_integer("seed", 0, "Seed for the held-out split, LoRA init, shuffling.", flag_values=FLAGS)
_HOLDOUT_FRACTION = flags.DEFINE_float("holdout_fraction", 0.1,
                                       "Share of rows kept for the held-out loss.", flag_values=FLAGS)


def main(argv):
  del argv
  if not _OUT.value.endswith(checkpoint.ADAPTER_SUFFIX):
    raise app.UsageError(f"--out={_OUT.value!r} must end in {checkpoint.ADAPTER_SUFFIX}")
  started = time.time()
  try:
    rows = read_sft_rows(_DATA.value)
    check_data(_DATA.value, _EVAL.value, _ALLOW_CONTAMINATION.value)
  except (FileNotFoundError, ValueError) as e:
    raise app.UsageError(str(e)) from None
  keras.utils.set_random_seed(_SEED.value)
  print(f"loading {_BASE.value}")
  causal_lm = checkpoint.load_causal_lm(_BASE.value)
  history = tune(causal_lm, rows, _OUT.value, rank=_RANK.value, epochs=_EPOCHS.value,
                 learning_rate=_LEARNING_RATE.value, batch_size=_BATCH_SIZE.value,
                 sequence_length=_SEQUENCE_LENGTH.value, seed=_SEED.value,
                 holdout_fraction=_HOLDOUT_FRACTION.value)
  size = os.path.getsize(_OUT.value)
  print(f"saved {_OUT.value} ({size / 1024:.0f} KiB) in {time.time() - started:.0f}s; "
        f"final held-out loss {history[-1]['heldout_loss']}")


if __name__ == "__main__":
  flags.mark_flags_as_required(["base", "data", "out"], flag_values=FLAGS)
  cli.run(main, FLAGS)
