"""Preference pairs as training arrays, and one training loop for pairwise losses (DPO, the
reward model's Bradley–Terry loss).

A pair row is what datasets/preferences.py reads: {prompt, response_1, response_2,
preferred ("1" | "2")}. Arrays put the preferred ("chosen") response first:
  token_ids, padding_mask, labels, weights   <…>[pairs, 2, seq]   (index 1: rejected)
  valid                                      <float32>[pairs]     1 for real pairs, 0 for
                                                                  the filler of a short batch
"""

import math
import os
import time
from collections.abc import Callable

import jax
import numpy as np
from tqdm.auto import tqdm

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
  """Minimizes `loss_fn` over `variables` (Keras variables; their values are the trainable
  state) with AdamW; a tqdm bar shows the loss. Returns (the trained values, one record per
  epoch: train_loss, heldout_loss, heldout_accuracy (share of held-out pairs with margin >
  0), seconds). The variables themselves are left as they were."""
  n = len(train["valid"])
  batch_size = min(batch_size, n)
  total = steps if steps is not None else max(n // batch_size, 1) * epochs
  optimizer, schedule = loop.make_optimizer(total, learning_rate, weight_decay)
  optimizer.build(variables)

  @jax.jit
  def train_step(state, non_trainable, batch):
    trainable, opt_vars = state
    (loss, _), grads = jax.value_and_grad(loss_fn, has_aux=True)(trainable, non_trainable,
                                                                  batch)
    trainable, opt_vars = optimizer.stateless_apply(opt_vars, grads, trainable)
    return (trainable, opt_vars), loss

  @jax.jit
  def eval_step(trainable, non_trainable, batch):
    loss, margin = loss_fn(trainable, non_trainable, batch)
    count = batch["valid"].sum()
    return loss * count, ((margin > 0) * batch["valid"]).sum(), count

  def evaluate(trainable):
    if heldout is None or not len(heldout["valid"]):
      return None, None
    loss = agreed = count = 0.0
    for batch in loop.batches(heldout, batch_size, None):
      l, a, c = (float(x) for x in eval_step(trainable, non_trainable, batch))
      loss, agreed, count = loss + l, agreed + a, count + c
    return loss / count, agreed / count

  state = ([v.value for v in variables], [v.value for v in optimizer.variables])
  rng = np.random.default_rng(seed)
  history, epoch, step, start = [], 0, 0, time.time()
  bar = tqdm(total=total, desc=desc, unit="step", dynamic_ncols=True, mininterval=1.0)
  while step < total:
    epoch += 1
    losses = []
    for batch in loop.batches(train, batch_size, rng):
      if step >= total:
        break
      state, loss = train_step(state, non_trainable, batch)
      losses.append(loss)
      step += 1
      bar.update(1)
      if step % 10 == 0 or step == total:
        recent = float(np.mean([float(x) for x in losses[-10:]]))
        bar.set_postfix(epoch=epoch, loss=f"{recent:.4f}", lr=f"{float(schedule(step)):.2e}")
    heldout_loss, heldout_accuracy = evaluate(state[0])
    record = dict(epoch=epoch,
                  train_loss=float(np.mean([float(x) for x in losses])) if losses else math.nan,
                  heldout_loss=heldout_loss, heldout_accuracy=heldout_accuracy,
                  seconds=round(time.time() - start, 1))
    history.append(record)
    held = "" if heldout_loss is None else (
        f", held-out loss {heldout_loss:.4f}, held-out pairs ranked right "
        f"{heldout_accuracy:.1%}")
    bar.write(f"epoch {epoch}: training loss {record['train_loss']:.4f}{held} "
              f"({record['seconds']:.0f}s, step {step}/{total})")
  bar.close()
  return state[0], history


def save_adapter(causal_lm, variables, values, out: str) -> None:
  """Puts the trained LoRA `values` into `variables` and writes the adapter file `out`."""
  for variable, value in zip(variables, values):
    variable.assign(value)
  directory = os.path.dirname(out)
  if directory:
    os.makedirs(directory, exist_ok=True)
  causal_lm.backbone.save_lora_weights(out)
