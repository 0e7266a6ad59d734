"""Direct preference optimization (DPO) with LoRA: the policy is the base plus a LoRA
adapter, the reference is the same weights with the adapter off.

  loss = −log σ(β · [(log π(y_c|x) − log π_ref(y_c|x)) − (log π(y_r|x) − log π_ref(y_r|x))])

log π(y|x) is the summed log-probability of the response tokens (and the closing
`<end_of_turn>`, `<eos>`) after the prompt in Gemma's chat turn. Turning the adapter off is
setting its B kernels to zero (KerasHub's LoRA adds A·B to the frozen kernel), so there is
no second copy of the model; the reference log-probabilities are computed once, before
training, since the reference never changes. Only the LoRA kernels are trainable.

Started from a tuned adapter (e.g. the SFT one: `tune(..., init_adapter=PATH)`), the
policy starts as that adapter and the reference is that adapter too — DPO after SFT, the
usual order — instead of the bare base.

With `sft_weight` α > 0 the loss adds α × the chosen response's mean per-token negative
log-likelihood (DPO plus an SFT term on the preferred answer, as in RPO: Pang et al. 2024,
"Iterative Reasoning Preference Optimization"). Plain DPO can widen the margin by lowering
the rejected answer alone, even while the chosen one falls too; the SFT term keeps the
preferred answer likely.
"""

import jax
import jax.numpy as jnp
import numpy as np

from lit_app.models.engine import checkpoint, families
from lit_app.models.training import loop
from lit_app.models.training import pairs as pairs_lib
from lit_app.models.training import sft


def sequence_logps(logits, labels, weights):
  """Σ_t weights · log p(labels_t). logits: <float>[rows, seq, vocab] -> <float32>[rows]."""
  logp = jax.nn.log_softmax(logits.astype(jnp.float32), axis=-1)
  picked = jnp.take_along_axis(logp, labels[..., None], axis=-1)[..., 0]
  return jnp.sum(picked * weights, axis=-1)


def dpo_loss(policy_chosen, policy_rejected, reference_chosen, reference_rejected,
             beta: float, valid=None):
  """(mean DPO loss over valid pairs, <float>[pairs] margins). Inputs: <float>[pairs]."""
  margin = beta * ((policy_chosen - reference_chosen) - (policy_rejected - reference_rejected))
  valid = jnp.ones_like(margin) if valid is None else valid
  loss = -jnp.sum(jax.nn.log_sigmoid(margin) * valid) / jnp.maximum(jnp.sum(valid), 1.0)
  return loss, margin


def chosen_nll(chosen_logps, batch):
  """Mean over valid pairs of the chosen response's per-token negative log-likelihood."""
  tokens = jnp.maximum(batch["weights"][:, 0].sum(axis=-1), 1.0)
  valid = batch["valid"]
  return -jnp.sum(chosen_logps / tokens * valid) / jnp.maximum(jnp.sum(valid), 1.0)


def is_lora_b(variable) -> bool:
  return "lora_kernel_b" in variable.path


def adapter_off(variables: list, values: list) -> list:
  """`values` with every LoRA B kernel zeroed: the frozen base."""
  return [jnp.zeros_like(x) if is_lora_b(v) else x for v, x in zip(variables, values)]


class Objective:
  """DPO on a LoRA-enabled CausalLM: the loss over trainable values, and the reference."""

  def __init__(self, causal_lm, beta: float = 0.1, sft_weight: float = 0.0):
    self.causal_lm, self.beta, self.sft_weight = causal_lm, beta, sft_weight
    backbone = causal_lm.backbone
    self.variables = backbone.trainable_variables
    if not self.variables or not all("lora_kernel" in v.path for v in self.variables):
      raise ValueError("DPO trains LoRA kernels only: call checkpoint.enable_lora first")
    self.non_trainable = [v.value for v in backbone.non_trainable_variables]
    self._labelled = loop.labelled_logits(backbone)
    self._logps = jax.jit(self.logps)

  def logps(self, trainable, non_trainable, batch):
    """<float32>[pairs, 2]: log π(chosen), log π(rejected) (logits at response tokens only)."""
    flat = pairs_lib.flat
    logits, _ = self._labelled(trainable, non_trainable, flat(batch["token_ids"]),
                               flat(batch["padding_mask"]), flat(batch["positions"]))
    out = sequence_logps(logits, flat(batch["picked_labels"]), flat(batch["picked_weights"]))
    return out.reshape(-1, 2)

  def loss(self, trainable, non_trainable, batch):
    policy = self.logps(trainable, non_trainable, batch)
    reference = batch["reference_logps"]
    loss, margin = dpo_loss(policy[:, 0], policy[:, 1], reference[:, 0], reference[:, 1],
                            self.beta, batch["valid"])
    if self.sft_weight:
      loss = loss + self.sft_weight * chosen_nll(policy[:, 0], batch)
    return loss, margin

  def with_reference(self, arrays: dict, batch_size: int = 16, base: bool = True) -> dict:
    """`arrays` plus `reference_logps` <float32>[pairs, 2], from the adapter-off weights
    (`base`) or from the adapter as it is now."""
    reference = [v.value for v in self.variables]
    if base:
      reference = adapter_off(self.variables, reference)
    out = []
    for batch in loop.batches(arrays, batch_size, None):
      out.append(np.asarray(self._logps(reference, self.non_trainable, batch)))
    return arrays | {"reference_logps": np.concatenate(out)[:len(arrays["valid"])]}


def tune(causal_lm, pairs: list[dict], out: str, *, rank: int = 16, epochs: int = 2,
         learning_rate: float = 1e-3, batch_size: int = 16, sequence_length: int = 128,
         beta: float = 0.1, sft_weight: float = 0.0, seed: int = 0,
         holdout_fraction: float = 0.1, init_adapter: str | None = None
         ) -> tuple[list[dict], list[dict]]:
  """Enables LoRA on `causal_lm`, trains it with DPO on `pairs`, saves the adapter to `out`.

  init_adapter: a LoRA weights file for this base to start from (its rank replaces
  `rank`); the reference is then that adapter, not the base.
  Returns (the per-epoch history, the held-out pairs). The model keeps the trained adapter.
  """
  if not out.endswith(checkpoint.ADAPTER_SUFFIX):
    raise ValueError(f"--out={out!r}: the file name must end in {checkpoint.ADAPTER_SUFFIX}")
  train_pairs, heldout_pairs = sft.split_holdout(pairs, holdout_fraction, seed)
  tokenizer = causal_lm.preprocessor.tokenizer
  fmt = families.family_of(causal_lm.backbone).chat
  train = pairs_lib.pair_arrays(tokenizer, train_pairs, sequence_length, fmt)
  heldout = pairs_lib.pair_arrays(tokenizer, heldout_pairs, sequence_length, fmt) \
      if heldout_pairs else None
  clipped = train.pop("truncated") + (heldout.pop("truncated") if heldout else 0)
  if clipped:
    print(f"warning: {clipped} responses run past {sequence_length} tokens and were cut; "
          "raise --sequence_length")
  if init_adapter:
    rank = checkpoint.adapter_rank(init_adapter)
  print(f"pairs: {len(train_pairs)} training, {len(heldout_pairs)} held out; LoRA rank {rank}, "
        f"beta {beta}" + (f", SFT weight {sft_weight}" if sft_weight else "") +
        (f"; starting from {init_adapter}" if init_adapter else ""))
  checkpoint.enable_lora(causal_lm, rank)
  if init_adapter:
    causal_lm.backbone.load_lora_weights(init_adapter)
  objective = Objective(causal_lm, beta, sft_weight)
  from_base = init_adapter is None
  train = objective.with_reference(train, batch_size, base=from_base)
  heldout = objective.with_reference(heldout, batch_size, base=from_base) if heldout else None
  values, history = pairs_lib.fit(
      objective.variables, objective.non_trainable, objective.loss, train, heldout,
      batch_size=batch_size, epochs=epochs, learning_rate=learning_rate, seed=seed,
      desc="dpo")
  pairs_lib.save_adapter(causal_lm, objective.variables, values, out)
  return history, heldout_pairs
