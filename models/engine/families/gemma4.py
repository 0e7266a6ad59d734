"""Gemma 4 (`Gemma4Backbone`): E2B/E4B with per-layer inputs and KV-shared trailing
layers, 26B-A4B with a mixture-of-experts block beside the dense MLP, 31B; global layers
with partial RoPE, their own head size and K = V heads. Presets carry vision (and for
E2B/E4B audio) encoders; text prompts run the text path below with the encoders unused.

The text path mirrors `Gemma4Backbone`'s functional graph with no image or audio: the
lookup, scaled by √hidden_dim; per-layer inputs = (norm(projection of the scaled lookup)
+ per-layer token embedding) / √2, so gradient reaches the lookup through the projection
too; each KerasHub decoder block in turn, KV-shared blocks reading the keys and values of
their source block; the final norm. Chat turns: `<|turn>user … <turn|>`.
"""

import math

import keras_hub
from keras import ops

from lit_app.models.engine import families
from lit_app.models.engine.families import chat, gemma


def per_layer_inputs(backbone, x, token_ids):
  """Each block's per-layer input, or None for every block when the model has none.

  x: the scaled lookup, <float>[batch, length, hidden]. Returns a list of
  <float>[batch, length, hidden_size_per_layer_input] (or None), one per block.
  """
  size = backbone.hidden_size_per_layer_input
  if not size:
    return [None] * len(backbone.transformer_layers)
  emb = backbone.per_layer_token_embedding(token_ids)                 # [b, t, layers * size]
  emb = ops.cast(emb, x.dtype) * ops.cast(math.sqrt(size), x.dtype)
  proj = backbone.per_layer_model_projection(x)                        # [b, t, layers * size]
  proj = proj * ops.cast(backbone.hidden_dim ** -0.5, proj.dtype)
  out = []
  for i in range(len(backbone.transformer_layers)):
    part = slice(i * size, (i + 1) * size)
    normed = backbone.per_layer_projection_norm(proj[:, :, part])
    out.append((normed + emb[:, :, part]) * ops.cast(2.0 ** -0.5, x.dtype))
  return out


def hidden(backbone, e, token_ids, padding_mask, block_call=families.call_block):
  """The text path (see the module docstring): the scaled lookup through every block, with
  its per-layer input and, for KV-shared blocks, their source block's keys and values.

  Args:
    backbone: a Gemma4Backbone.
    e: the lookup, <float>[batch, length, hidden].
    token_ids: <int>[batch, length], for the per-layer token embedding.
    padding_mask: <int or bool>[batch, length], 1 on real tokens.
    block_call: runs one block, `block_call(block, x, **inputs)`; it must return what the
      block returns, (x, its keys and values).

  Returns:
    The final-norm output, <float>[batch, length, hidden].
  """
  x = gemma.scaled(backbone, e)
  kv = {}  # Block index -> its keys and values, for the KV-shared blocks after it.
  for i, (block, extra) in enumerate(zip(backbone.transformer_layers,
                                         per_layer_inputs(backbone, x, token_ids))):
    shared = kv.get(block.kv_shared_layer_index) if block.is_kv_shared_layer else None
    x, kv[i] = block_call(block, x, padding_mask=padding_mask, vision_mask=None,
                          per_layer_input=extra, shared_kv=shared, positions=None)
  return backbone.layer_norm(x)


# Gemma's layout, and the expert bank of the MoE block split by expert over MODEL
# (each device holds whole experts: <float>[experts, hidden, expert_inter] and
# [experts, expert_inter, hidden]), its hidden dimension over BATCH.
M, B = families.MODEL, families.BATCH
LAYOUT = gemma.LAYOUT + (
    ("decoder_block.*moe_expert_bank.(gate_proj|up_proj)", (M, B, None)),
    ("decoder_block.*moe_expert_bank.down_proj", (M, None, B)),
    ("per_layer_token_embedding/embeddings", (M, B)),
)


def tiny(variant, proto, sequence_length, sliding_window_size=8, num_layers=4,
         sliding_window_pattern=2, **arch):
  """gemma4: per-layer inputs, KV sharing, partial RoPE, global head size and K = V heads,
  double-wide MLP on shared layers (E2B/E4B's parts); gemma4_moe: the 26B-A4B's expert
  block; gemma4_vision: a vision encoder on top. One layer in `sliding_window_pattern` is
  global (the last of each run), the others slide."""
  vision = variant == "gemma4_vision"
  tokenizer = keras_hub.models.Gemma4Tokenizer(
      proto=proto, has_vision_tokens=vision, has_audio_tokens=False, has_video_tokens=False)
  config = gemma.common_config(tokenizer.vocabulary_size(), num_layers=num_layers,
                               **arch) | dict(
      image_size=16, sliding_window_size=sliding_window_size,
      sliding_window_pattern=sliding_window_pattern, global_head_dim=32,
      global_rope_partial_rotary_factor=0.25)
  if variant == "gemma4_moe":
    config |= dict(enable_moe_block=True, num_experts=4, expert_intermediate_dim=32,
                   num_experts_per_token=2, num_global_key_value_heads=1)
  else:
    config |= dict(hidden_size_per_layer_input=8, num_kv_shared_layers=2,
                   num_global_key_value_heads=1, use_double_wide_mlp=True)
  image_converter = None
  if vision:
    config["vision_encoder"] = keras_hub.models.Gemma4VisionEncoder(
        image_size=16, patch_size=4, num_heads=2, hidden_dim=16, num_layers=1,
        intermediate_dim=32, head_dim=8, output_dim=config["hidden_dim"], pool_size=2,
        position_embedding_size=16)
    image_converter = keras_hub.layers.Gemma4ImageConverter(image_size=(16, 16))
  backbone = keras_hub.models.Gemma4Backbone(**config)
  preprocessor = keras_hub.models.Gemma4CausalLMPreprocessor(
      tokenizer=tokenizer, image_converter=image_converter,
      sequence_length=sequence_length, max_images_per_prompt=1,
      num_vision_tokens_per_image=config["vision_encoder"].num_vision_tokens_per_image
      if vision else 0)
  return keras_hub.models.Gemma4CausalLM(backbone=backbone, preprocessor=preprocessor)


FAMILY = families.Family(
    name="gemma4", backbone_cls=keras_hub.models.Gemma4Backbone,
    causal_lm_cls=keras_hub.models.Gemma4CausalLM, lookup=gemma.lookup, hidden=hidden,
    logits=gemma.logits, hidden_size=gemma.hidden_size, chat=chat.GEMMA4,
    lora_targets=gemma.LORA_TARGETS, layout=LAYOUT, tiny=tiny,
    tiny_variants=("gemma4", "gemma4_moe", "gemma4_vision"))
