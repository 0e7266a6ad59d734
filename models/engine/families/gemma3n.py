"""Gemma 3n (`Gemma3nBackbone`, E2B/E4B): AltUp streams, LAuReL, per-layer inputs and
KV-shared layers inside KerasHub's `Gemma3nTextModel` (`backbone.language_model`);
presets carry vision and audio encoders, unused by text prompts.

The lookup is the unscaled token embedding (`embed_tokens` scales it by √hidden); the
text path is what the backbone's embedding processor does for text tokens, then the
language model (decoder stack + final norm). Logits come from the language model's
reversed embedding: calling `Gemma3nCausalLM` itself disagrees with `generate()`, this
path agrees (checked on tiny random checkpoints).
"""

import keras_hub
from keras import ops

from lit_app.models.engine import families
from lit_app.models.engine.families import chat


def lookup(backbone, token_ids):
  """The language model's token-embedding lookup, before `embed_tokens`' √hidden scale:
  <float>[batch, length, hidden]."""
  return backbone.language_model.embed_tokens.embedding(token_ids)


def hidden(backbone, e, token_ids, padding_mask, block_call=families.call_block):
  """The text path: the scaled lookup and the per-layer inputs through the language model.

  Args:
    backbone: a Gemma3nBackbone.
    e: the lookup, <float>[batch, length, hidden].
    token_ids: <int>[batch, length]; the per-layer inputs are looked up from them (ids
      outside the per-layer vocabulary read id 0).
    padding_mask: <int or bool>[batch, length], 1 on real tokens.
    block_call: ignored: the blocks run inside KerasHub's language model, so
      families.remat_block does not apply to Gemma 3n.

  Returns:
    The language model's final-norm output, <float>[batch, length, hidden].
  """
  # The decoder stack (AltUp streams across blocks) runs inside KerasHub's language model
  # call, so there is no per-block loop here to hand to `block_call`.
  del block_call
  lm = backbone.language_model
  x = e * ops.cast(lm.embed_tokens.embed_scale, e.dtype)
  in_vocab = ops.logical_and(token_ids >= 0, token_ids < backbone.vocab_size_per_layer_input)
  per_layer = lm.get_per_layer_inputs(ops.where(in_vocab, token_ids, 0))
  per_layer = lm.project_per_layer_inputs(x, per_layer)  # [b, t, layers, size]
  return lm(token_ids, ops.cast(padding_mask, "bool"), x, per_layer)


def logits(backbone, h):
  """Hidden states <float>[..., hidden] projected to <float>[..., vocab] by the language
  model's reversed token embedding."""
  return backbone.language_model.token_embedding(h, reverse=True)


def hidden_size(backbone):
  """The text model's hidden size (`text_hidden_size`)."""
  return backbone.text_hidden_size


# Gemma's layout in 3n's names: 2-D kernels (hidden, heads * head_dim) and MLP kernels
# split over MODEL by head / unit, their hidden dimension over BATCH.
M, B = families.MODEL, families.BATCH
LAYOUT = (
    ("embed_tokens/embedding/embeddings", (M, B)),
    ("embed_tokens_per_layer/embedding/embeddings", (M, B)),
    ("decoder_block.*attention.(q_proj|k_proj|v_proj).kernel", (B, M)),
    ("decoder_block.*attention.o_proj.kernel", (M, B)),
    ("decoder_block.*mlp.(gate_proj|up_proj).kernel", (B, M)),
    ("decoder_block.*mlp.down_proj.kernel", (M, B)),
)


def tiny(variant, proto, sequence_length, sliding_window_size=8, num_layers=4,
         hidden_dim=64, num_heads=4, num_kv_heads=2, head_dim=16, intermediate_dim=128):
  """A randomly initialised tiny Gemma3nCausalLM with E2B/E4B's parts: AltUp, LAuReL,
  per-layer inputs and two KV-shared layers; no vision or audio encoder.

  Args:
    variant: ignored (3n has one tiny variant).
    proto: the SentencePiece model proto (bytes) of the tokenizer.
    sequence_length: the preprocessor's sequence length.
    sliding_window_size: the sliding layers' attention window, in tokens.
    num_layers: decoder layers, an even number (sliding and full attention alternate).
    hidden_dim, num_heads, num_kv_heads, head_dim, intermediate_dim: the text model's
      sizes.

  Returns:
    The Gemma3nCausalLM, with its tokenizer and preprocessor.
  """
  del variant
  tokenizer = keras_hub.models.Gemma3nTokenizer(proto=proto)
  vocab = tokenizer.vocabulary_size()
  backbone = keras_hub.models.Gemma3nBackbone(
      text_vocab_size=vocab, text_hidden_size=hidden_dim, num_hidden_layers=num_layers,
      pad_token_id=0, num_attention_heads=num_heads, num_key_value_heads=num_kv_heads,
      head_dim=head_dim, intermediate_size=[intermediate_dim] * num_layers,
      hidden_activation="gelu_approximate",
      layer_types=["sliding_attention", "full_attention"] * (num_layers // 2),
      sliding_window=sliding_window_size, rope_theta=1_000_000.0,
      max_position_embeddings=4096, vocab_size_per_layer_input=vocab,
      hidden_size_per_layer_input=8, altup_num_inputs=2, laurel_rank=4,
      num_kv_shared_layers=2, final_logit_soft_cap=30.0,
      # E2B/E4B keep the top 5% of MLP activations in early layers (a kink finite
      # differences trip over); the tiny model keeps them all.
      activation_sparsity_pattern=[0.0] * num_layers)
  preprocessor = keras_hub.models.Gemma3nCausalLMPreprocessor(
      tokenizer=tokenizer, sequence_length=sequence_length)
  return keras_hub.models.Gemma3nCausalLM(backbone=backbone, preprocessor=preprocessor)


FAMILY = families.Family(
    name="gemma3n", backbone_cls=keras_hub.models.Gemma3nBackbone,
    causal_lm_cls=keras_hub.models.Gemma3nCausalLM, lookup=lookup, hidden=hidden,
    logits=logits, hidden_size=hidden_size, chat=chat.GEMMA, lora_targets=("q_proj", "v_proj"),
    layout=LAYOUT, tiny=tiny,
    tiny_variants=("gemma3n",))
