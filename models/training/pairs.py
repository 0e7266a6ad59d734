"""Preference pairs as training arrays, and one training loop for pairwise losses (DPO, the
reward model's Bradley–Terry loss).

A pair row is what datasets/preferences.py reads: {prompt, response_1, response_2,
preferred ("1" | "2")}. Arrays put the preferred ("chosen") response first:
  token_ids, padding_mask, labels, weights   <…>[pairs, 2, seq]   (index 1: rejected)
  valid                                      <float32>[pairs]     1 for real pairs, 0 for
                                                                  the filler of a short batch
"""

import os
from collections.abc import Callable

import numpy as np

from lit_app import fields
from lit_app.models.training import batches, chat, loop


def chosen_rejected(pair: dict) -> tuple[str, str]:
  """(preferred response, the other one) of a pair row."""
  first, second = pair[fields.RESPONSE_1], pair[fields.RESPONSE_2]
  return (first, second) if str(pair[fields.PREFERRED]) == "1" else (second, first)


def pair_arrays(tokenizer, pairs: list[dict], sequence_length: int,
                fmt: chat.ChatFormat = chat.GEMMA) -> dict:
  """The chat exchanges (prompt, chosen) and (prompt, rejected) of each pair, as
  batches.sft_arrays makes them (only response tokens are labels) with the labelled
  positions picked (loop.pick_labelled), stacked on axis 1. `truncated` counts exchanges
  cut to `sequence_length`."""
  sides = []
  for side in (0, 1):
    rows = [{"prompt": p[fields.PROMPT], "response": chosen_rejected(p)[side],
             "chat": p.get("chat", True)} for p in pairs]
    sides.append(batches.sft_arrays(tokenizer, rows, sequence_length, fmt))
  truncated = sides[0].pop("truncated") + sides[1].pop("truncated")
  # Logits are needed only at the response tokens (loop.pick_labelled): one width for both.
  width = int(max((side["weights"] > 0).sum(axis=1).max(initial=1) for side in sides))
  sides = [loop.pick_labelled(side, width) for side in sides]
  arrays = {k: np.stack([sides[0][k], sides[1][k]], axis=1) for k in sides[0]}
  arrays["valid"] = np.ones(len(pairs), np.float32)
  arrays["truncated"] = truncated
  return arrays


def flat(x):
  """<…>[pairs, 2, seq] -> <…>[2 * pairs, seq] (chosen and rejected interleaved)."""
  return x.reshape((-1,) + x.shape[2:])


# loss_fn(trainable, non_trainable, batch) -> (loss, <float>[pairs] margin: chosen minus
# rejected; > 0 where the model prefers the preferred response).
LossFn = Callable


def fit(variables: list, non_trainable: list, loss_fn: LossFn, train: dict,
        heldout: dict | None = None, *, batch_size: int = 16, epochs: int = 1,
        steps: int | None = None, learning_rate: float = 1e-3, weight_decay: float = 0.0,
        seed: int = 0, desc: str = "train") -> tuple[list, list[dict]]:
  """Minimizes a pairwise `loss_fn` over `variables` with the one training loop
  (loop.optimize). Returns (the trained values, one record per epoch: train_loss,
  heldout_loss, heldout_accuracy (share of held-out pairs with margin > 0), seconds). The
  variables themselves are left as they were."""

  def train_loss(trainable, fixed, batch):
    return loss_fn(trainable, fixed, batch)[0], fixed

  def evaluate(trainable, fixed, batch):
    loss, margin = loss_fn(trainable, fixed, batch)
    count = batch["valid"].sum()
    return {"loss": loss * count, "accuracy": ((margin > 0) * batch["valid"]).sum(),
            "count": count}

  def describe(record):
    text = f"training loss {record['train_loss']:.4f}"
    if "heldout_loss" in record:
      text += (f", held-out loss {record['heldout_loss']:.4f}, held-out pairs ranked right "
               f"{record['heldout_accuracy']:.1%}")
    return text

  values, _, history = loop.optimize(
      variables, train_loss, train, heldout, non_trainable=non_trainable, evaluate=evaluate,
      batch_size=batch_size, epochs=epochs, steps=steps, learning_rate=learning_rate,
      weight_decay=weight_decay, warmup_fraction=0.05, seed=seed, desc=desc,
      describe=describe)
  for record in history:
    record.setdefault("heldout_loss", None)
    record.setdefault("heldout_accuracy", None)
  return values, history


def save_adapter(causal_lm, variables, values, out: str) -> None:
  """Puts the trained LoRA `values` into `variables` and writes the adapter file `out`."""
  for variable, value in zip(variables, values):
    variable.assign(value)
  directory = os.path.dirname(out)
  if directory:
    os.makedirs(directory, exist_ok=True)
  causal_lm.backbone.save_lora_weights(out)
