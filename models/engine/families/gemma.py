"""Gemma 1 and 2 (`GemmaBackbone`; also CodeGemma and ShieldGemma presets).

Gemma 2 adds logit soft caps, post-norms and sliding-window attention, all inside
KerasHub's decoder blocks and embedding layer, so both run the same text path.
"""

import math

import keras_hub
from keras import ops

from lit_app.models.engine import families
from lit_app.models.engine.families import chat


def lookup(backbone, token_ids):
  """The token-embedding lookup, unscaled: <float>[batch, length, hidden]."""
  return backbone.token_embedding(token_ids)


def scaled(backbone, e):
  """The lookup times √hidden_dim: what the first decoder block reads."""
  return e * ops.cast(math.sqrt(backbone.hidden_dim), e.dtype)


def hidden(backbone, e, token_ids, padding_mask, block_call=families.call_block,
           **block_kwargs):
  """The text path: the scaled lookup through every decoder block, then the final norm.

  Args:
    backbone: a GemmaBackbone (or a Gemma 3/4 backbone that names its layers the same).
    e: the lookup, <float>[batch, length, hidden].
    token_ids: <int>[batch, length]; unused (the blocks read the lookup only).
    padding_mask: <int or bool>[batch, length], 1 on real tokens.
    block_call: runs one block, `block_call(block, x, **inputs)` (families.call_block or
      families.remat_block).
    **block_kwargs: further keyword arguments for every block (Gemma 3: vision_mask).

  Returns:
    The final-norm output, <float>[batch, length, hidden].
  """
  del token_ids  # The text path reads the lookup only.
  x = scaled(backbone, e)
  for block in backbone.transformer_layers:
    x = block_call(block, x, padding_mask=padding_mask, **block_kwargs)
  return backbone.layer_norm(x)


def logits(backbone, h):
  """Hidden states <float>[..., hidden] projected to <float>[..., vocab] by the tied
  embedding (with Gemma 2's final logit soft cap when the backbone has one)."""
  return backbone.token_embedding(h, reverse=True)


def hidden_size(backbone):
  """The backbone's hidden dimension (that of the lookup and the hidden states)."""
  return backbone.hidden_dim


def common_config(vocabulary_size, num_layers=2, hidden_dim=64, num_heads=4,
                  num_kv_heads=2, head_dim=16, intermediate_dim=128):
  """The keyword arguments of a tiny Gemma backbone (Gemma 3 and 4 start from them too).

  Returns:
    A dict of GemmaBackbone arguments: `num_heads` becomes `num_query_heads` and
    `num_kv_heads` becomes `num_key_value_heads`; the other names are the backbone's.
  """
  return dict(vocabulary_size=vocabulary_size, num_layers=num_layers,
              num_query_heads=num_heads, num_key_value_heads=num_kv_heads,
              hidden_dim=hidden_dim, intermediate_dim=intermediate_dim, head_dim=head_dim)


# The Gemma team's training layout (KerasHub's `GemmaBackbone.get_layout_map`): embedding,
# attention and MLP kernels split by head / by MLP unit over MODEL, their other large
# dimension over BATCH. Gemma 3 and 4 name these kernels the same way.
M, B = families.MODEL, families.BATCH
LAYOUT = (
    ("token_embedding/embeddings", (M, B)),
    ("decoder_block.*attention.*(query|key|value).kernel", (M, B, None)),
    ("decoder_block.*attention_output.kernel", (M, None, B)),
    ("decoder_block.*ffw_gating.kernel", (B, M)),
    ("decoder_block.*ffw_gating_2.kernel", (B, M)),
    ("decoder_block.*ffw_linear.kernel", (M, B)),
)
LORA_TARGETS = ("query", "value")


def tiny(variant, proto, sequence_length, sliding_window_size=8, **arch):
  """A randomly initialised tiny GemmaCausalLM.

  Args:
    variant: 'gemma2' adds Gemma 2's soft caps, post-norms and sliding-window attention;
      any other value builds Gemma 1.
    proto: the SentencePiece model proto (bytes) of the tokenizer.
    sequence_length: the preprocessor's sequence length.
    sliding_window_size: Gemma 2's attention window, in tokens.
    **arch: sizes passed to common_config (num_layers, hidden_dim, num_heads, ...).

  Returns:
    The GemmaCausalLM, with its tokenizer and preprocessor.
  """
  tokenizer = keras_hub.models.GemmaTokenizer(proto=proto)
  config = common_config(tokenizer.vocabulary_size(), **arch)
  if variant == "gemma2":
    config |= dict(query_head_dim_normalize=False, use_post_ffw_norm=True,
                   use_post_attention_norm=True, attention_logit_soft_cap=50.0,
                   final_logit_soft_cap=30.0, use_sliding_window_attention=True,
                   sliding_window_size=sliding_window_size)
  backbone = keras_hub.models.GemmaBackbone(**config)
  preprocessor = keras_hub.models.GemmaCausalLMPreprocessor(
      tokenizer=tokenizer, sequence_length=sequence_length)
  return keras_hub.models.GemmaCausalLM(backbone=backbone, preprocessor=preprocessor)


FAMILY = families.Family(
    name="gemma", backbone_cls=keras_hub.models.GemmaBackbone,
    causal_lm_cls=keras_hub.models.GemmaCausalLM, lookup=lookup, hidden=hidden,
    logits=logits, hidden_size=hidden_size, chat=chat.GEMMA, lora_targets=LORA_TARGETS,
    layout=LAYOUT, tiny=tiny,
    tiny_variants=("gemma", "gemma2"))
