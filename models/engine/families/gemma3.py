"""Gemma 3 (`Gemma3Backbone`): q/k norms, local/global RoPE, 1B text-only presets and
4B/12B/27B presets that carry a vision encoder.

The text path is Gemma 1/2's with no vision mask; with a vision encoder the same path
runs (text prompts hold no image tokens), the encoder stays unused.
"""

import keras_hub

from lit_app.models.engine import families
from lit_app.models.engine.families import chat, gemma


def hidden(backbone, e, token_ids, padding_mask, block_call=families.call_block):
  """Gemma 1/2's text path (gemma.hidden) with `vision_mask=None` for every block.

  Returns:
    The final-norm output, <float>[batch, length, hidden].
  """
  return gemma.hidden(backbone, e, token_ids, padding_mask, block_call, vision_mask=None)


def tiny(variant, proto, sequence_length, sliding_window_size=8, **arch):
  """A randomly initialised tiny Gemma3CausalLM.

  Args:
    variant: 'gemma3_vision' adds a tiny vision encoder and image converter; any other
      value builds a text-only model.
    proto: the SentencePiece model proto (bytes) of the tokenizer.
    sequence_length: the preprocessor's sequence length.
    sliding_window_size: the local layers' attention window, in tokens.
    **arch: sizes passed to gemma.common_config (num_layers, hidden_dim, num_heads, ...).

  Returns:
    The Gemma3CausalLM, with its tokenizer and preprocessor.
  """
  vision = variant == "gemma3_vision"
  tokenizer = keras_hub.models.Gemma3Tokenizer(proto=proto, has_vision_tokens=vision)
  config = gemma.common_config(tokenizer.vocabulary_size(), **arch) | dict(
      image_size=16, use_query_key_norm=True, use_post_ffw_norm=True,
      use_post_attention_norm=True, use_sliding_window_attention=True,
      sliding_window_size=sliding_window_size, global_rope_scaling_factor=1.0,
      local_rope_scaling_factor=1.0, vision_encoder=None)
  image_converter = None
  if vision:
    config["vision_encoder"] = keras_hub.models.Gemma3VisionEncoder(
        image_size=16, patch_size=4, num_heads=2, hidden_dim=16, num_layers=1,
        intermediate_dim=32, output_dim=config["hidden_dim"], pool_size=2)
    image_converter = keras_hub.layers.Gemma3ImageConverter(image_size=(16, 16))
  backbone = keras_hub.models.Gemma3Backbone(**config)
  preprocessor = keras_hub.models.Gemma3CausalLMPreprocessor(
      tokenizer=tokenizer, image_converter=image_converter,
      sequence_length=sequence_length, max_images_per_prompt=1 if vision else 0,
      num_vision_tokens_per_image=4 if vision else 0)
  return keras_hub.models.Gemma3CausalLM(backbone=backbone, preprocessor=preprocessor)


FAMILY = families.Family(
    name="gemma3", backbone_cls=keras_hub.models.Gemma3Backbone,
    causal_lm_cls=keras_hub.models.Gemma3CausalLM, lookup=gemma.lookup, hidden=hidden,
    logits=gemma.logits, hidden_size=gemma.hidden_size, chat=chat.GEMMA,
    lora_targets=gemma.LORA_TARGETS, layout=gemma.LAYOUT, tiny=tiny,
    tiny_variants=("gemma3", "gemma3_vision"))
