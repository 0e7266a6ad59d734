"""What differs between Gemma generations: one declaration per generation, selected by
backbone class.

A `Family` says how to run a checkpoint's *text path* as pure functions of its layers:

  lookup(backbone, token_ids)                        -> e   <float>[batch, length, hidden]
  hidden(backbone, e, token_ids, padding_mask, block_call=call_block)
                                                     -> h   <float>[batch, length, hidden]
  logits(backbone, h)                                -> <float>[batch, k, vocab]

`e` is the token-embedding lookup, the value salience differentiates; `hidden` runs
KerasHub's own decoder blocks on it (with whatever per-layer inputs, KV sharing or
multimodal plumbing the generation has) and returns the final-norm output; `logits`
projects hidden states to the vocabulary. `hidden` calls each decoder block as
`block_call(block, x, **inputs)`: the hook lets the engine wrap every block (for
instance in `jax.checkpoint`, `remat_block`) without forking the family. Checkpoints that carry vision or audio encoders
run the same text path: prompts are text, the encoders stay unused.

Each generation's module also declares its chat markup, LoRA target layers, model-parallel
layout, and the tiny random configurations the tests build. A new Gemma is a new module here plus one line in FAMILIES.
"""

import dataclasses
from collections.abc import Callable

import jax
import jax.numpy as jnp
import keras

from lit_app.models.engine.families.chat import ChatFormat

MODEL, BATCH = "model", "batch"  # Mesh axes: split over the model replica, over the batch.


def call_block(block, x, **inputs):
  """The plain `block_call`: runs the decoder block."""
  return block(x, **inputs)


def remat_block(block, x, **inputs):
  """A `block_call` that rematerializes: the backward pass keeps only each block's
  inputs and recomputes its activations, so a backward through L blocks holds one block's
  activations at a time, not L.

  Not `jax.checkpoint`: its recomputation depends on the block's inputs alone, and on CPU
  XLA drops the optimization barriers that should keep it in place before scheduling, so
  all L recomputations ran early and every block's activations stayed alive anyway (a
  12-layer, 8,192-token salience held ~0.45 GiB per layer). Here the backward rule makes
  the recomputation's input depend on the incoming cotangent (x + 0·g₀: XLA does not fold
  a float times 0), so block i is recomputed only once the gradient of block i + 1 exists.
  """
  call = lambda x, inputs: block(x, **inputs)

  @jax.custom_vjp
  def run(x, inputs):
    return call(x, inputs)

  def forward(x, inputs):
    return call(x, inputs), (x, inputs)

  def backward(saved, cotangent):
    x, inputs = saved
    first = jax.tree.leaves(cotangent)[0]
    x = x + jnp.zeros((), x.dtype) * jnp.ravel(first)[0].astype(x.dtype)
    return jax.vjp(call, x, inputs)[1](cotangent)

  run.defvjp(forward, backward)
  return run(x, inputs)


@dataclasses.dataclass(frozen=True)
class Family:
  """How to run one Gemma generation's text path on the embedding lookup."""
  name: str
  backbone_cls: type
  causal_lm_cls: type
  lookup: Callable        # (backbone, token_ids) -> e
  hidden: Callable        # (backbone, e, token_ids, padding_mask, block_call) -> final hidden
  logits: Callable        # (backbone, h) -> logits
  hidden_size: Callable   # (backbone) -> int
  chat: ChatFormat
  # Layers that get LoRA kernels (`backbone.enable_lora(rank, lora_targets)`): the text
  # decoder's query and value projections, never a vision or audio encoder's.
  lora_targets: tuple[str, ...]
  # Model-parallel layout: (variable path regex, axes), axes naming MODEL / BATCH (the
  # mesh axes of distribution.py) or None; variables that match nothing are replicated.
  layout: tuple[tuple[str, tuple], ...]
  tiny: Callable          # (variant, tokenizer_proto, sequence_length, **sizes) -> CausalLM
  tiny_variants: tuple[str, ...]  # The tiny random configurations tests build.


def _registry() -> tuple[Family, ...]:
  # Imported here so each generation's module may import this one for `Family`.
  from lit_app.models.engine.families import gemma, gemma3, gemma3n, gemma4
  # Most specific class first: selection is by isinstance.
  return (gemma4.FAMILY, gemma3n.FAMILY, gemma3.FAMILY, gemma.FAMILY)


def families() -> tuple[Family, ...]:
  """Every supported generation's Family, most specific backbone class first."""
  return _registry()


def family_of(backbone: keras.Model | type) -> Family:
  """The family of a backbone (instance or class)."""
  cls = backbone if isinstance(backbone, type) else type(backbone)
  for family in families():
    if issubclass(cls, family.backbone_cls):
      return family
  raise ValueError(
      f"unsupported backbone {cls.__name__}; expected one of "
      + ", ".join(f.backbone_cls.__name__ for f in families()))


def family_named(name: str) -> Family:
  """The family whose name or one of whose tiny variants is `name`.

  Args:
    name: a family name (e.g. 'gemma3') or a tiny variant (e.g. 'gemma4_moe').

  Returns:
    The first Family in families() that matches.

  Raises:
    ValueError: no family has that name or tiny variant.
  """
  for family in families():
    if name == family.name or name in family.tiny_variants:
      return family
  raise ValueError(f"unknown Gemma family {name!r}; expected one of "
                   + ", ".join(v for f in families() for v in f.tiny_variants))


def tiny_variants() -> tuple[str, ...]:
  """Every tiny configuration the tests can build, e.g. 'gemma2', 'gemma4_moe'."""
  return tuple(v for f in reversed(families()) for v in f.tiny_variants)
