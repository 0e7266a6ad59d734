"""Build small Gemma checkpoints offline: a SentencePiece tokenizer trained on a corpus and
a randomly initialised KerasHub Gemma CausalLM of any generation around it (each
generation's tiny configuration is declared in its `families` module).

Used by the tests (tiny random models of each generation), by the fallback default model,
and by the script that trains the bundled base checkpoint.
"""

import io
from collections.abc import Iterable

import keras
import keras_hub
import sentencepiece as spm

from lit_app.models.engine import families

# Gemma's ids for its control tokens, and the chat-turn markers every Gemma vocabulary has.
CONTROL_PIECES = {"pad": (0, "<pad>"), "eos": (1, "<eos>"), "bos": (2, "<bos>"), "unk": (3, "<unk>")}
TURN_PIECES = ("<start_of_turn>", "<end_of_turn>")
# Pieces later generations' tokenizers insist on (Gemma 4's turns; image, audio and
# video markers of the multimodal tokenizers). Tiny vocabularies for those carry them too.
MULTIMODAL_PIECES = (
    "<|turn>", "<turn|>", "<img>", "<start_of_image>", "<end_of_image>",
    "<image_soft_token>", "<audio_soft_token>", "<start_of_audio>", "<end_of_audio>",
    "<mask>", "[multimodal]", "<|image>", "<|image|>", "<image|>", "<|audio>", "<|audio|>",
    "<audio|>", "<|video>", "<|video|>", "<video|>")

# The generations the bundled base and the original tests use; VARIANTS has them all.
FAMILIES = ("gemma", "gemma2", "gemma3")
VARIANTS = families.tiny_variants()


def train_sentencepiece(texts: Iterable[str], vocab_size: int, seed: int = 0,
                        multimodal: bool = True) -> bytes:
  """Trains a Gemma-style SentencePiece model (BPE, byte fallback) and returns its proto.

  multimodal: also reserve the pieces Gemma 3n/4 and vision tokenizers require, so one
  vocabulary serves every tiny variant.
  """
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
      user_defined_symbols=list(TURN_PIECES) + list(MULTIMODAL_PIECES if multimodal else ()),
      num_threads=1,
      minloglevel=2,
      **{f"{k}_id": i for k, (i, _) in CONTROL_PIECES.items()},
      **{f"{k}_piece": p for k, (_, p) in CONTROL_PIECES.items()},
  )
  return proto.getvalue()


def build_causal_lm(variant: str, proto: bytes, sequence_length: int = 512, seed: int = 0,
                    **arch) -> keras_hub.models.CausalLM:
  """A randomly initialised CausalLM of a tiny variant (see VARIANTS), e.g. 'gemma2',
  'gemma4_moe'; `arch` overrides sizes (num_layers, hidden_dim, num_heads, ...)."""
  keras.utils.set_random_seed(seed)
  return families.family_named(variant).tiny(variant, proto, sequence_length, **arch)
