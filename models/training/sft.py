"""LoRA supervised fine-tuning of a KerasHub Gemma CausalLM on {prompt, response} rows.

The prompt is wrapped in Gemma's chat turn format and masked out of the loss: only the
response tokens (and the closing `<end_of_turn>`, `<eos>`) are learned. Uses only public
KerasHub APIs (`backbone.enable_lora` on the family's target layers, `backbone.save_lora_weights`), so the base may be a
real Gemma preset as well as a local preset directory.
"""

import os

import numpy as np

from lit_app.models.engine import checkpoint, families
from lit_app.models.training import batches, loop


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
  fmt = families.family_of(causal_lm.backbone).chat  # The generation's own chat markup.
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
