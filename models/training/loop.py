"""A small JAX training loop for a KerasHub CausalLM: weighted next-token cross-entropy,
AdamW with warm-up and cosine decay, a tqdm bar with the loss, held-out loss per epoch.

The model's variables go in and out as arguments (`stateless_call`), one jitted step
updates them; at the end they are written back into the Keras model. Whatever is
trainable is trained: the whole network for a base model, only the LoRA kernels after
`backbone.enable_lora(rank)`.

Logits are computed only where a label counts (the response tokens of an SFT row): with
Gemma 3's 262,144-token vocabulary the output projection at every position would cost
more than the whole decoder stack.
"""

import math
import time
from collections.abc import Callable

import jax
import jax.numpy as jnp
import keras
import numpy as np
from tqdm.auto import tqdm

from lit_app.models.engine import families


def token_loss(logits, labels, weights):
  """Mean cross-entropy over the weighted tokens.

  logits: <float>[batch, seq, vocab]; labels: <int>[batch, seq]; weights: <float>[batch, seq].
  """
  log_probs = jax.nn.log_softmax(logits.astype(jnp.float32), axis=-1)
  nll = -jnp.take_along_axis(log_probs, labels[..., None], axis=-1)[..., 0]
  return jnp.sum(nll * weights) / jnp.maximum(jnp.sum(weights), 1.0)


def make_optimizer(total_steps: int, learning_rate: float, weight_decay: float = 0.01,
                   warmup_fraction: float = 0.05):
  """(AdamW with clipping at norm 1, its schedule): linear warm-up, cosine decay."""
  warmup = int(total_steps * warmup_fraction)
  schedule = keras.optimizers.schedules.CosineDecay(
      initial_learning_rate=0.0, decay_steps=max(total_steps - warmup, 1),
      warmup_target=learning_rate, warmup_steps=warmup, alpha=0.05)
  optimizer = keras.optimizers.AdamW(learning_rate=schedule, weight_decay=weight_decay,
                                     clipnorm=1.0)
  return optimizer, schedule


def batches(arrays: dict, batch_size: int, rng: np.random.Generator | None):
  """Batches of `arrays` (dict of arrays with a shared first axis); see _batches."""
  return _batches(arrays, batch_size, rng)


def _batches(arrays: dict, batch_size: int, rng: np.random.Generator | None):
  """Full batches (shuffled when `rng` is given); a short last batch is dropped when
  shuffling, kept (padded with zero-weight rows) when not, so eval sees every row."""
  n = len(arrays["labels"])
  order = rng.permutation(n) if rng is not None else np.arange(n)
  stop = n - n % batch_size if rng is not None and n >= batch_size else n
  for start in range(0, stop, batch_size):
    idx = order[start:start + batch_size]
    batch = {k: v[idx] for k, v in arrays.items()}
    if len(idx) < batch_size:  # pad to a fixed shape: one compilation only
      pad = batch_size - len(idx)
      batch = {k: np.concatenate([v, np.zeros((pad, *v.shape[1:]), v.dtype)])
               for k, v in batch.items()}
    yield batch


def pick_labelled(arrays: dict, width: int | None = None) -> dict:
  """Adds, per row, the positions whose label counts, padded to a common `width`:

    positions       <int32>[batch, width]    where to take hidden states
    picked_labels   <int32>[batch, width]
    picked_weights  <float32>[batch, width]  0 on padding

  width: default, the most labelled positions of any row.
  """
  weights = arrays["weights"]
  counts = (weights > 0).sum(axis=1)
  width = int(max(counts.max(initial=1), 1)) if width is None else width
  positions = np.zeros((len(weights), width), np.int32)
  for i, row in enumerate(weights):
    where = np.flatnonzero(row > 0)[:width]
    positions[i, :len(where)] = where
  picked_weights = np.take_along_axis(weights, positions, axis=1) * (
      np.arange(width)[None, :] < counts[:, None])
  return arrays | dict(positions=positions,
                       picked_labels=np.take_along_axis(arrays["labels"], positions, axis=1),
                       picked_weights=picked_weights.astype(np.float32))


def labelled_logits(backbone):
  """The logits at chosen positions only, as a pure function of the backbone's variables.

  Returns fn(trainable, non_trainable, token_ids, padding_mask, positions, training=False)
  -> (<float>[batch, width, vocab] logits at `positions` <int32>[batch, width], the
  non-trainable values after the call). `trainable` and `non_trainable` are the values of
  `backbone.trainable_variables` and `backbone.non_trainable_variables`, in order.
  """
  family = families.family_of(backbone)
  everything = backbone.trainable_variables + backbone.non_trainable_variables

  def fn(trainable, non_trainable, token_ids, padding_mask, positions, training=False):
    x = {"token_ids": token_ids, "padding_mask": padding_mask}
    hidden, non_trainable = backbone.stateless_call(trainable, non_trainable, x,
                                                    training=training)
    # <float>[batch, width, hidden]
    picked = jnp.take_along_axis(hidden, positions[..., None], axis=1)
    values = list(trainable) + list(non_trainable)
    with keras.StatelessScope(state_mapping=list(zip(everything, values))):
      return family.logits(backbone, picked), non_trainable

  return fn


# evaluate(trainable, non_trainable, batch) -> {name: sum over the batch}, with "count"
# (the denominator): optimize() reports heldout_NAME = Σ name / Σ count per epoch.
Evaluate = Callable[..., dict]


def optimize(variables: list, loss_fn: Callable, train: dict, heldout: dict | None = None,
             *, non_trainable: list | None = None, evaluate: Evaluate | None = None,
             batch_size: int = 16, epochs: int | None = 1, steps: int | None = None,
             learning_rate: float = 1e-3, weight_decay: float = 0.01,
             warmup_fraction: float = 0.05, seed: int = 0, desc: str = "train",
             describe: Callable[[dict], str] | None = None) -> tuple[list, list, list[dict]]:
  """The one training loop (SFT, DPO, the reward model): AdamW on `variables` with warm-up
  and cosine decay, one jitted step, a tqdm bar with the loss, held-out figures per epoch.

  Args:
    variables: the Keras variables to train (their values are the starting point; the
      variables themselves are left as they are).
    loss_fn: (trainable values, non-trainable values, batch) -> (loss, non-trainable
      values after the call).
    train: arrays with a shared first axis (`batches`); full batches are drawn shuffled.
    heldout: arrays like `train`, evaluated after each epoch with `evaluate`.
    non_trainable: the other values `loss_fn` needs (threaded through the steps).
    evaluate: see `Evaluate`.
    batch_size, epochs, steps: `steps` optimizer steps if given, else `epochs` passes.
    learning_rate, weight_decay, warmup_fraction: the optimizer's schedule.
    seed: shuffling order.
    desc: the progress bar's label.
    describe: a record -> the text after "epoch N: " (default: the losses).

  Returns:
    (trained values, non-trainable values, one record per epoch: epoch, train_loss,
    heldout_NAME for each of `evaluate`'s sums, seconds).
  """
  n = len(next(iter(train.values())))
  batch_size = min(batch_size, n)
  total = steps if steps is not None else max(n // batch_size, 1) * epochs
  optimizer, schedule = make_optimizer(total, learning_rate, weight_decay, warmup_fraction)
  optimizer.build(variables)

  @jax.jit
  def train_step(state, batch):
    trainable, non_trainable, opt_vars = state
    (loss, non_trainable), grads = jax.value_and_grad(loss_fn, has_aux=True)(
        trainable, non_trainable, batch)
    trainable, opt_vars = optimizer.stateless_apply(opt_vars, grads, trainable)
    return (trainable, non_trainable, opt_vars), loss

  eval_step = jax.jit(evaluate) if evaluate is not None else None

  def heldout_figures(trainable, non_trainable) -> dict:
    if eval_step is None or heldout is None or not len(next(iter(heldout.values()))):
      return {}
    sums = {}
    for batch in _batches(heldout, batch_size, None):
      for key, value in eval_step(trainable, non_trainable, batch).items():
        sums[key] = sums.get(key, 0.0) + float(value)
    count = max(sums.pop("count", 1.0), 1.0)
    return {f"heldout_{key}": value / count for key, value in sums.items()}

  state = ([v.value for v in variables], list(non_trainable or []),
           [v.value for v in optimizer.variables])
  rng = np.random.default_rng(seed)
  history, epoch, step, start = [], 0, 0, time.time()
  bar = tqdm(total=total, desc=desc, unit="step", dynamic_ncols=True, mininterval=1.0)
  while step < total:
    epoch += 1
    losses = []
    for batch in _batches(train, batch_size, rng):
      if step >= total:
        break
      state, loss = train_step(state, batch)
      losses.append(loss)
      step += 1
      bar.update(1)
      if step % 10 == 0 or step == total:
        recent = float(np.mean([float(x) for x in losses[-10:]]))
        bar.set_postfix(epoch=epoch, loss=f"{recent:.4f}", lr=f"{float(schedule(step)):.2e}")
    record = dict(epoch=epoch,
                  train_loss=float(np.mean([float(x) for x in losses])) if losses else math.nan,
                  **heldout_figures(state[0], state[1]), seconds=round(time.time() - start, 1))
    history.append(record)
    text = describe(record) if describe else _describe(record)
    bar.write(f"epoch {epoch}: {text} ({record['seconds']:.0f}s, step {step}/{total})")
  bar.close()
  return state[0], state[1], history


def _describe(record: dict) -> str:
  held = record.get("heldout_loss")
  return f"training loss {record['train_loss']:.4f}" + (
      "" if held is None else f", held-out loss {held:.4f}")


def fit(causal_lm, train: dict, heldout: dict | None = None, *, batch_size: int = 16,
        epochs: int | None = 1, steps: int | None = None, learning_rate: float = 1e-3,
        weight_decay: float = 0.01, warmup_fraction: float = 0.05, seed: int = 0,
        desc: str = "train") -> list[dict]:
  """Trains `causal_lm`'s trainable variables on next-token arrays (`batches`): weighted
  cross-entropy, logits only at the labelled positions. The trained values are written
  back into the model.

  Runs `steps` optimizer steps if given, else `epochs` passes. Returns one record per
  epoch (or per pass over the data): {"epoch", "train_loss", "heldout_loss", "seconds"}.
  """
  backbone = causal_lm.backbone
  width = int(max((w > 0).sum(axis=1).max(initial=1)
                  for w in [train["weights"]] + ([heldout["weights"]] if heldout else [])))
  train = pick_labelled(train, width)
  heldout = pick_labelled(heldout, width) if heldout is not None else None
  labelled = labelled_logits(backbone)

  def loss_fn(trainable, non_trainable, batch):
    logits, non_trainable = labelled(trainable, non_trainable, batch["token_ids"],
                                     batch["padding_mask"], batch["positions"], True)
    return token_loss(logits, batch["picked_labels"], batch["picked_weights"]), non_trainable

  def evaluate(trainable, non_trainable, batch):
    logits, _ = labelled(trainable, non_trainable, batch["token_ids"],
                         batch["padding_mask"], batch["positions"])
    log_probs = jax.nn.log_softmax(logits.astype(jnp.float32), axis=-1)
    nll = -jnp.take_along_axis(log_probs, batch["picked_labels"][..., None], axis=-1)[..., 0]
    return {"loss": jnp.sum(nll * batch["picked_weights"]),
            "count": jnp.sum(batch["picked_weights"])}

  variables = backbone.trainable_variables
  trainable, non_trainable, history = optimize(
      variables, loss_fn, train, heldout,
      non_trainable=[v.value for v in backbone.non_trainable_variables], evaluate=evaluate,
      batch_size=batch_size, epochs=epochs, steps=steps, learning_rate=learning_rate,
      weight_decay=weight_decay, warmup_fraction=warmup_fraction, seed=seed, desc=desc)
  for variable, value in zip(variables, trainable):
    variable.assign(value)
  for variable, value in zip(backbone.non_trainable_variables, non_trainable):
    variable.assign(value)
  for record in history:
    record.setdefault("heldout_loss", None)
  return history
