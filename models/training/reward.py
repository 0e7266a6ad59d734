"""A reward model: a scalar head on a LoRA'd Gemma backbone, trained on preference pairs
with the Bradley–Terry loss  −log σ(r(x, y_chosen) − r(x, y_rejected)).

r(x, y) = w · h + b, where h is the backbone's final hidden state (after the final norm)
mean-pooled over the tokens after `<bos>` of the text `user_turn(x) + model_turn(y)` in the
generation's chat markup — what Engine.mean_hidden computes, so a served reward model
scores with the engine's compiled programs and the base weights it shares with the other
adapters. The head is stored in the adapter file itself (HDF5 group `reward_head`, beside
KerasHub's `lora` group, which `load_lora_weights` reads alone), so one file is the model:
serve it as NAME:BASE@REWARD.lora.h5.
"""

import dataclasses

import h5py
import jax
import jax.numpy as jnp
import keras
import numpy as np

from lit_app import fields
from lit_app.models.engine import checkpoint, families
from lit_app.models.training import batches, chat, sft
from lit_app.models.training import pairs as pairs_lib

HEAD_GROUP = "reward_head"


@dataclasses.dataclass(frozen=True)
class Head:
  """w · h + b on the pooled hidden state h."""
  kernel: np.ndarray  # <float32>[hidden]
  bias: float

  def score(self, pooled: np.ndarray) -> np.ndarray:
    """<float32>[rows, hidden] -> <float32>[rows]."""
    return np.asarray(pooled, np.float32) @ self.kernel + np.float32(self.bias)


def reward_text(prompt: str, response: str, fmt: chat.ChatFormat = chat.GEMMA) -> str:
  """The text a reward is computed on (`<bos>` is added by the tokenizer or engine)."""
  return fmt.user_turn(prompt) + fmt.model_turn(response)


def save_head(path: str, head: Head) -> None:
  """Adds the head to a LoRA weights file written by `backbone.save_lora_weights`."""
  with h5py.File(path, "a") as f:
    if HEAD_GROUP in f:
      del f[HEAD_GROUP]
    group = f.create_group(HEAD_GROUP)
    group.create_dataset("kernel", data=np.asarray(head.kernel, np.float32))
    group.create_dataset("bias", data=np.float32(head.bias))


def load_head(path: str) -> Head | None:
  """The reward head stored in an adapter file; None when it has none. Raises ValueError
  naming the file when it is not readable HDF5 or the head is malformed."""
  try:
    with h5py.File(path, "r") as f:
      if HEAD_GROUP not in f:
        return None
      kernel = np.asarray(f[HEAD_GROUP]["kernel"], np.float32)
      bias = float(np.asarray(f[HEAD_GROUP]["bias"]))
  except (OSError, KeyError) as e:
    raise ValueError(f"{path}: not a readable adapter file with a reward head ({e})") from None
  if kernel.ndim != 1:
    raise ValueError(f"{path}: the reward head's kernel must be a vector, got shape "
                     f"{kernel.shape}")
  return Head(kernel, bias)


def reward_arrays(tokenizer, pairs: list[dict], sequence_length: int,
                  fmt: chat.ChatFormat = chat.GEMMA) -> dict:
  """token_ids, padding_mask <…>[pairs, 2, seq] (chosen first), `pool` (the mask without
  `<bos>`), `valid` and `truncated` (texts cut to sequence_length)."""
  texts = [reward_text(p[fields.PROMPT], r, fmt) for p in pairs
           for r in pairs_lib.chosen_rejected(p)]
  ids = batches._token_lists(tokenizer, texts)  # pylint: disable=protected-access
  token_ids = np.full((len(texts), sequence_length), tokenizer.pad_token_id, np.int32)
  mask = np.zeros((len(texts), sequence_length), bool)
  truncated = 0
  for i, row in enumerate(ids):
    row = [tokenizer.start_token_id, *row]
    truncated += len(row) > sequence_length
    row = row[:sequence_length]
    token_ids[i, :len(row)], mask[i, :len(row)] = row, True
  pool = mask.copy()
  pool[:, 0] = False
  shape = (len(pairs), 2, sequence_length)
  return dict(token_ids=token_ids.reshape(shape), padding_mask=mask.reshape(shape),
              pool=pool.reshape(shape), labels=np.zeros(shape, np.int32),
              valid=np.ones(len(pairs), np.float32), truncated=truncated)


def bradley_terry_loss(chosen, rejected, valid=None):
  """(mean −log σ(chosen − rejected) over valid pairs, <float>[pairs] margins)."""
  margin = chosen - rejected
  valid = jnp.ones_like(margin) if valid is None else valid
  return -jnp.sum(jax.nn.log_sigmoid(margin) * valid) / jnp.maximum(jnp.sum(valid), 1.0), margin


class Objective:
  """Rewards and the Bradley–Terry loss over (LoRA kernels, head kernel, head bias)."""

  def __init__(self, causal_lm, seed: int = 0):
    self.backbone = causal_lm.backbone
    lora = self.backbone.trainable_variables
    if not lora or not all("lora_kernel" in v.path for v in lora):
      raise ValueError("the reward model trains LoRA kernels: call checkpoint.enable_lora")
    hidden = families.family_of(self.backbone).hidden_size(self.backbone)
    init = keras.initializers.RandomNormal(stddev=1.0 / np.sqrt(hidden), seed=seed)
    self.kernel = keras.Variable(init((hidden,)), name="reward_kernel")
    self.bias = keras.Variable(np.zeros((), np.float32), name="reward_bias")
    self.variables = [*lora, self.kernel, self.bias]
    self.non_trainable = [v.value for v in self.backbone.non_trainable_variables]

  def rewards(self, trainable, non_trainable, token_ids, padding_mask, pool):
    """<float32>[rows] for rows of token ids."""
    *lora, kernel, bias = trainable
    x = {"token_ids": token_ids, "padding_mask": padding_mask}
    hidden, _ = self.backbone.stateless_call(lora, non_trainable, x)
    weights = pool.astype(jnp.float32)[:, :, None]                      # [rows, seq, 1]
    pooled = jnp.sum(hidden.astype(jnp.float32) * weights, axis=1) / jnp.maximum(
        jnp.sum(weights, axis=1), 1.0)                                  # [rows, hidden]
    return pooled @ kernel + bias

  def loss(self, trainable, non_trainable, batch):
    r = self.rewards(trainable, non_trainable, pairs_lib.flat(batch["token_ids"]),
                     pairs_lib.flat(batch["padding_mask"]), pairs_lib.flat(batch["pool"]))
    r = r.reshape(-1, 2)
    return bradley_terry_loss(r[:, 0], r[:, 1], batch["valid"])

  def head(self) -> Head:
    return Head(np.asarray(self.kernel.value, np.float32), float(self.bias.value))


def tune(causal_lm, pairs: list[dict], out: str, *, rank: int = 16, epochs: int = 2,
         learning_rate: float = 1e-3, batch_size: int = 16, sequence_length: int = 128,
         seed: int = 0, holdout_fraction: float = 0.1, steps: int | None = None
         ) -> tuple[list[dict], list[dict]]:
  """Enables LoRA on `causal_lm`, trains LoRA and a scalar head on `pairs`, saves both to
  `out` (an adapter file with the head in it). Returns (history, the held-out pairs)."""
  if not out.endswith(checkpoint.ADAPTER_SUFFIX):
    raise ValueError(f"--out={out!r}: the file name must end in {checkpoint.ADAPTER_SUFFIX}")
  train_pairs, heldout_pairs = sft.split_holdout(pairs, holdout_fraction, seed)
  tokenizer = causal_lm.preprocessor.tokenizer
  fmt = families.family_of(causal_lm.backbone).chat
  train = reward_arrays(tokenizer, train_pairs, sequence_length, fmt)
  heldout = reward_arrays(tokenizer, heldout_pairs, sequence_length, fmt) \
      if heldout_pairs else None
  clipped = train.pop("truncated") + (heldout.pop("truncated") if heldout else 0)
  if clipped:
    print(f"warning: {clipped} texts run past {sequence_length} tokens and were cut")
  print(f"pairs: {len(train_pairs)} training, {len(heldout_pairs)} held out; LoRA rank {rank}")
  checkpoint.enable_lora(causal_lm, rank)
  objective = Objective(causal_lm, seed)
  values, history = pairs_lib.fit(
      objective.variables, objective.non_trainable, objective.loss, train, heldout,
      batch_size=batch_size, epochs=epochs, steps=steps, learning_rate=learning_rate,
      seed=seed, desc="reward")
  pairs_lib.save_adapter(causal_lm, objective.variables, values, out)
  save_head(out, objective.head())
  return history, heldout_pairs
