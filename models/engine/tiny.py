"""Build small Gemma checkpoints offline: a SentencePiece tokenizer trained on a corpus and
a randomly initialised KerasHub Gemma 1, 2 or 3 CausalLM around it.

Used by the tests (tiny random models of each generation), by the fallback default model,
and by the script that trains the bundled base checkpoint.
"""

import io
from collections.abc import Iterable

import keras
import keras_hub
import sentencepiece as spm

# Gemma's ids for its control tokens, and the chat-turn markers every Gemma vocabulary has.
CONTROL_PIECES = {"pad": (0, "<pad>"), "eos": (1, "<eos>"), "bos": (2, "<bos>"), "unk": (3, "<unk>")}
TURN_PIECES = ("<start_of_turn>", "<end_of_turn>")

FAMILIES = ("gemma", "gemma2", "gemma3")


def train_sentencepiece(texts: Iterable[str], vocab_size: int, seed: int = 0) -> bytes:
  """Trains a Gemma-style SentencePiece model (BPE, byte fallback) and returns its proto."""
  del seed  # SentencePiece training is deterministic for a fixed corpus and settings.
  proto = io.BytesIO()
  spm.SentencePieceTrainer.train(
      sentence_iterator=iter(list(texts)),
      model_writer=proto,
      vocab_size=vocab_size,
      model_type="bpe",
      byte_fallback=True,
      character_coverage=1.0,
      split_digits=True,
      allow_whitespace_only_pieces=True,
      remove_extra_whitespaces=False,
      add_dummy_prefix=False,
      normalization_rule_name="identity",
      user_defined_symbols=list(TURN_PIECES),
      num_threads=1,
      minloglevel=2,
      **{f"{k}_id": i for k, (i, _) in CONTROL_PIECES.items()},
      **{f"{k}_piece": p for k, (_, p) in CONTROL_PIECES.items()},
  )
  return proto.getvalue()


def backbone_config(family: str, vocabulary_size: int, num_layers: int = 2,
                    hidden_dim: int = 64, num_heads: int = 4, num_kv_heads: int = 2,
                    head_dim: int = 16, intermediate_dim: int = 128,
                    sliding_window_size: int = 8) -> dict:
  """Constructor arguments for a small backbone with the generation's distinctive parts."""
  config = dict(
      vocabulary_size=vocabulary_size, num_layers=num_layers, num_query_heads=num_heads,
      num_key_value_heads=num_kv_heads, hidden_dim=hidden_dim,
      intermediate_dim=intermediate_dim, head_dim=head_dim,
  )
  if family == "gemma":
    return config
  if family == "gemma2":
    return config | dict(
        query_head_dim_normalize=False, use_post_ffw_norm=True,
        use_post_attention_norm=True, attention_logit_soft_cap=50.0,
        final_logit_soft_cap=30.0, use_sliding_window_attention=True,
        sliding_window_size=sliding_window_size)
  if family == "gemma3":
    return config | dict(
        image_size=896, vision_encoder=None, use_query_key_norm=True,
        use_post_ffw_norm=True, use_post_attention_norm=True,
        use_sliding_window_attention=True, sliding_window_size=sliding_window_size,
        global_rope_scaling_factor=1.0, local_rope_scaling_factor=1.0)
  raise ValueError(f"unknown Gemma family {family!r}; expected one of {FAMILIES}")


def build_causal_lm(family: str, proto: bytes, sequence_length: int = 512, seed: int = 0,
                    **arch) -> keras_hub.models.CausalLM:
  """A randomly initialised CausalLM of `family` ('gemma', 'gemma2', 'gemma3')."""
  keras.utils.set_random_seed(seed)
  if family == "gemma3":
    tokenizer = keras_hub.models.Gemma3Tokenizer(proto=proto, has_vision_tokens=False)
    backbone = keras_hub.models.Gemma3Backbone(
        **backbone_config(family, tokenizer.vocabulary_size(), **arch))
    preprocessor = keras_hub.models.Gemma3CausalLMPreprocessor(
        tokenizer=tokenizer, sequence_length=sequence_length)
    return keras_hub.models.Gemma3CausalLM(backbone=backbone, preprocessor=preprocessor)
  tokenizer = keras_hub.models.GemmaTokenizer(proto=proto)
  backbone = keras_hub.models.GemmaBackbone(
      **backbone_config(family, tokenizer.vocabulary_size(), **arch))
  preprocessor = keras_hub.models.GemmaCausalLMPreprocessor(
      tokenizer=tokenizer, sequence_length=sequence_length)
  return keras_hub.models.GemmaCausalLM(backbone=backbone, preprocessor=preprocessor)
