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
  return backbone.token_embedding(token_ids)


def scaled(backbone, e):
  """The lookup times √hidden_dim: what the first decoder block reads."""
  return e * ops.cast(math.sqrt(backbone.hidden_dim), e.dtype)


def hidden(backbone, e, token_ids, padding_mask, block_call=families.call_block,
           **block_kwargs):
  del token_ids  # The text path reads the lookup only.
  x = scaled(backbone, e)
  for block in backbone.transformer_layers:
    x = block_call(block, x, padding_mask=padding_mask, **block_kwargs)
  return backbone.layer_norm(x)


def logits(backbone, h):
  return backbone.token_embedding(h, reverse=True)


def hidden_size(backbone):
  return backbone.hidden_dim


def common_config(vocabulary_size, num_layers=2, hidden_dim=64, num_heads=4,
                  num_kv_heads=2, head_dim=16, intermediate_dim=128):
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
