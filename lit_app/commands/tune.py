r"""gemma-lit tune: LoRA tuning: supervised (sft), DPO (dpo) or a reward model (reward).

  gemma-lit tune --base=FILE.gguf --data=datasets/data/safety_sft_gemma3.jsonl \
      --eval=datasets/data/refusal_validation.jsonl --out=SAFETY.lora.h5
  gemma-lit tune --method=dpo --base=FILE.gguf --init_adapter=SAFETY.lora.h5 \
      --data=datasets/data/safety_pairs.jsonl --out=DPO.lora.h5
  gemma-lit tune --method=reward --base=... --data=PAIRS.jsonl --out=REWARD.lora.h5

--method=sft: JSONL rows of `prompt` and `response` (other columns, e.g. `policy`,
`use_case`, are not trained on); models/training/sft.py. --method=dpo and --method=reward:
preference pairs `{prompt, response_1, response_2, preferred}` (datasets/preferences.py);
models/training/dpo.py (the reference is the base: the same weights with the adapter off)
and models/training/reward.py (a scalar head on the LoRA'd backbone, Bradley–Terry loss;
the head is stored in the adapter file, which serves as `NAME:BASE@REWARD.lora.h5`). The
rows are read and validated once, by the tuning-data checks (`gemma-lit check-data`):
malformed rows, label problems and (unless --allow_contamination) overlap with the --eval
prompts stop the run with exit status 1. After dpo and reward, the held-out share of the
pairs is scored (preference agreement); after dpo, also the refusal and over-refusal rates
on the --eval requests that have a `kind` (base and tuned side by side). --base may be a
KerasHub preset name or a local preset directory.
"""

import os
import time

from absl import app, flags

import lit_app  # noqa: F401  (selects the JAX backend before keras is imported)
import keras

from lit_app import fields
from lit_app.commands import dispatch, tuning_report
from lit_app.datasets import check_report
from lit_app.datasets import tuning_rows as rows_lib
from lit_app.models.engine import checkpoint
from lit_app.models.training import dpo, reward, sft

FLAGS = flags.FlagValues()
SFT, DPO, REWARD = "sft", "dpo", "reward"
_METHOD = flags.DEFINE_enum("method", SFT, [SFT, DPO, REWARD],
                            "sft: {prompt, response} rows; dpo: direct preference "
                            "optimization on preference pairs; reward: a reward model "
                            "trained on preference pairs.", flag_values=FLAGS)
_BETA = flags.DEFINE_float("beta", 0.1, "DPO's beta (how far the policy may move from the "
                           "reference).", lower_bound=0.0, flag_values=FLAGS)
_SFT_WEIGHT = flags.DEFINE_float(
    "sft_weight", 0.0, "--method=dpo: weight of an SFT term on the preferred answer (its "
    "mean per-token negative log-likelihood, added to the DPO loss; 0: plain DPO). Keeps "
    "the preferred answer likely where DPO would only push the rejected one down.",
    lower_bound=0.0, flag_values=FLAGS)
_INIT_ADAPTER = flags.DEFINE_string(
    "init_adapter", None, "--method=dpo: a LoRA adapter of --base to start from (e.g. the "
    "SFT one); it is also DPO's reference, instead of the bare base. Its rank is used.",
    flag_values=FLAGS)
_EVAL_NEW_TOKENS = flags.DEFINE_integer(
    "eval_max_new_tokens", 24, "After dpo: tokens generated per --eval request for the "
    "refusal rates.", lower_bound=1, flag_values=FLAGS)
_BASE = flags.DEFINE_string("base", None, "KerasHub preset name, local preset directory, "
                            "or a Gemma GGUF file (FILE.gguf; converted once and cached).",
                            flag_values=FLAGS)
_DATA = flags.DEFINE_string("data", None, "JSONL file of {prompt, response} rows (sft) or "
                            "preference pairs (dpo, reward).",
                            flag_values=FLAGS)
_OUT = flags.DEFINE_string("out", None, "Where to write the adapter (must end in .lora.h5).",
                           flag_values=FLAGS)
_RANK = flags.DEFINE_integer("rank", 8, "LoRA rank.", lower_bound=1, flag_values=FLAGS)
_EPOCHS = flags.DEFINE_integer("epochs", None, "Passes over the training rows. Default: 3 (sft), 2 (dpo, reward).", lower_bound=1,
                               flag_values=FLAGS)
_LEARNING_RATE = flags.DEFINE_float("learning_rate", None, "Peak AdamW learning rate. "
                                    "Default: 2e-3 (sft), 1e-3 (dpo, reward).",
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


def tuning_rows(data: str, eval_paths: list[str], allow_contamination: bool = False,
                kind: str = rows_lib.SFT) -> tuple[list[dict], list[str]]:
  """(the rows of `data`, the problems that block tuning), from one run of the tuning-data
  checks. `kind`: rows_lib.SFT ({prompt, response}) or rows_lib.PREFERENCE (pairs).
  Raises ValueError when a file cannot be read or holds no rows of that kind."""
  report = check_report.check(data, eval_paths)
  print(f"data checks: {len(report.rows)} rows, {len(report.exact_duplicates)} exact "
        f"duplicates, {len(report.contamination)} contaminated against {len(eval_paths)} "
        "eval file(s)")
  if kind == rows_lib.SFT and any(row.kind != kind for row in report.rows):
    raise ValueError(f"{data}: preference rows; --method=sft takes {{prompt, response}} "
                     "rows (--method=dpo or reward takes pairs)")
  if kind == rows_lib.PREFERENCE and any(row.kind != kind for row in report.rows):
    raise ValueError(f"{data}: {{prompt, response}} rows; --method=dpo and reward take "
                     "preference pairs {prompt, response_1, response_2, preferred}")
  rows = [{fields.PROMPT: row.prompt, rows_lib.POLICY: row.policy,
           rows_lib.USE_CASE: row.use_case, rows_lib.CHAT: row.chat} | (
               {fields.RESPONSE: row.response} if kind == rows_lib.SFT else
               {fields.RESPONSE_1: row.response_1, fields.RESPONSE_2: row.response_2,
                fields.PREFERRED: str(row.preferred)})
          for row in report.rows]
  if not rows and not report.malformed:
    raise ValueError(f"{data}: no rows")
  return rows, report.blocking_problems(allow_contamination=allow_contamination)


def main() -> int:
  """Runs `gemma-lit tune`: LoRA-tunes --base on --data by --method and saves --out.

  The rows go through the tuning-data checks first. Prints the checks' counts, then the
  problems that block tuning, or the adapter's size and final held-out loss; then after
  dpo a table of base and tuned: held-out preference agreement and --eval refusal rates;
  after reward the share of held-out pairs it ranks right.

  Returns:
    dispatch.EXIT_FINDINGS (1) when the data checks find problems that block tuning
    (nothing is trained), else dispatch.EXIT_OK (0).

  Raises:
    app.UsageError: --base, --data or --out is missing, --out does not end in .lora.h5,
      or --init_adapter is given without --method=dpo or names no file (dispatch exits 2).
    ValueError: --data or an --eval file cannot be read, --data holds rows of the other
      kind or none, or --base cannot be loaded (dispatch exits 2).
  """
  for holder in (_BASE, _DATA, _OUT):
    if not holder.value:
      raise app.UsageError(f"--{holder.name} is required")
  if not _OUT.value.endswith(checkpoint.ADAPTER_SUFFIX):
    raise app.UsageError(f"--out={_OUT.value!r} must end in {checkpoint.ADAPTER_SUFFIX}")
  started = time.time()
  method = _METHOD.value
  if _INIT_ADAPTER.value and method != DPO:
    raise app.UsageError("--init_adapter is for --method=dpo")
  if _INIT_ADAPTER.value and not os.path.isfile(_INIT_ADAPTER.value):
    raise app.UsageError(f"--init_adapter={_INIT_ADAPTER.value!r}: no such file")
  kind = rows_lib.SFT if method == SFT else rows_lib.PREFERENCE
  rows, blocking = tuning_rows(_DATA.value, _EVAL.value, _ALLOW_CONTAMINATION.value, kind)
  if blocking:
    print(f"BLOCKED: {len(blocking)} problem(s) in {_DATA.value} stop tuning "
          f"(details: gemma-lit check-data --train={_DATA.value} --eval=...; "
          "--allow_contamination to tune anyway):")
    print("\n".join(f"  {problem}" for problem in blocking))
    return dispatch.EXIT_FINDINGS
  keras.utils.set_random_seed(_SEED.value)
  print(f"loading {_BASE.value}")
  causal_lm = checkpoint.load_causal_lm(_BASE.value)
  epochs = _EPOCHS.value or (3 if method == SFT else 2)
  learning_rate = _LEARNING_RATE.value or (2e-3 if method == SFT else 1e-3)
  common = dict(rank=_RANK.value, epochs=epochs, learning_rate=learning_rate,
                batch_size=_BATCH_SIZE.value, sequence_length=_SEQUENCE_LENGTH.value,
                seed=_SEED.value, holdout_fraction=_HOLDOUT_FRACTION.value)
  if method == SFT:
    history = sft.tune(causal_lm, rows, _OUT.value, **common)
  elif method == DPO:
    history, heldout = dpo.tune(causal_lm, rows, _OUT.value, beta=_BETA.value,
                                sft_weight=_SFT_WEIGHT.value,
                                init_adapter=_INIT_ADAPTER.value, **common)
  else:
    history, heldout = reward.tune(causal_lm, rows, _OUT.value, **common)
  size = os.path.getsize(_OUT.value)
  print(f"saved {_OUT.value} ({size / 1024:.0f} KiB) in {time.time() - started:.0f}s; "
        f"final held-out loss {history[-1]['heldout_loss']}")
  if method == DPO:
    print(tuning_report.dpo_report(causal_lm, heldout, _EVAL.value, _SEQUENCE_LENGTH.value,
                                   _EVAL_NEW_TOKENS.value, _BATCH_SIZE.value))
  elif method == REWARD and heldout:
    print(f"held-out pairs ranked right by the reward: {history[-1]['heldout_accuracy']:.1%} "
          f"({len(heldout)} pairs)")
  return dispatch.EXIT_OK
