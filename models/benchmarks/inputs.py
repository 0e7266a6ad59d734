"""What the benchmarks measure: random Gemma checkpoints of fixed shapes, and requests.

Requests are texts of a given token length cut from the training corpus (prose, not random
ids, so tokenization and decoding do real work); the last TARGET_TOKENS tokens of each are
its target, marked as the browser marks them after a click on the answer.
"""

import functools
import os

from lit_app import fields
from lit_app.models.benchmarks import timing

TARGET_TOKENS = 16
VOCAB_SIZE = 3000
# The default checkpoint: ~3.0M parameters with the 3,000-piece vocabulary (the shape the
# README's speed, startup and memory figures were taken at, so they stay comparable).
BENCH_ARCH = dict(num_layers=4, hidden_dim=256, num_heads=4, num_kv_heads=1, head_dim=64,
                  intermediate_dim=1024)
# ~106M parameters with the 3,000-piece vocabulary (KerasHub's intermediate_dim is 2 × FFN width).
BIG_ARCH = dict(num_layers=12, hidden_dim=768, num_heads=12, num_kv_heads=4, head_dim=64,
                intermediate_dim=6144)
# --window_ratio: Gemma 4's layout (5 sliding layers, then a global one) at a small size,
# with Gemma 4's 512-token window.
WINDOW_ARCH = dict(num_layers=6, hidden_dim=256, num_heads=4, num_kv_heads=1, head_dim=64,
                   intermediate_dim=1024, sliding_window_size=512, sliding_window_pattern=6)


@functools.cache
def corpus_text() -> str:
  """Returns the prose requests are cut from: the seeded EN/DE instruction corpus.

  Returns:
    The corpus's rows as "prompt\\nresponse", separated by blank lines (built once).
  """
  from lit_app.models.training import corpus
  rows = corpus.base_corpus(0, num_tasks=4000)
  return "\n\n".join(f"{r['prompt']}\n{r['response']}" for r in rows)


def random_causal_lm(family: str, arch: dict):
  """Builds a randomly initialised Gemma with a vocabulary trained on the corpus.

  Args:
    family: a tiny variant of `lit_app.models.engine.tiny` ("gemma", "gemma4", ...).
    arch: backbone sizes (e.g. BENCH_ARCH, BIG_ARCH, WINDOW_ARCH).

  Returns:
    A KerasHub CausalLM with a VOCAB_SIZE-piece SentencePiece tokenizer, seed 0.
  """
  from lit_app.models.engine import tiny
  proto = tiny.train_sentencepiece(corpus_text().split("\n\n"), vocab_size=VOCAB_SIZE)
  return tiny.build_causal_lm(family, proto, sequence_length=256, seed=0, **arch)


def build_random_checkpoint(path: str, arch: dict) -> str:
  """Saves a random Gemma (Gemma 1 classes) of shape `arch` as a KerasHub preset.

  Args:
    path: the preset directory to write.
    arch: backbone sizes (BENCH_ARCH, BIG_ARCH).

  Returns:
    `path`.
  """
  causal_lm = random_causal_lm("gemma", arch)
  causal_lm.save_to_preset(path)
  timing.log(f"built a random Gemma ({causal_lm.backbone.count_params() / 1e6:.1f}M "
             f"parameters) in {path}")
  return path


def default_checkpoint(tmp: str) -> str:
  """Builds the checkpoint measured when none is given: a random Gemma of BENCH_ARCH.

  Args:
    tmp: a directory to write it in (gone after the run).

  Returns:
    The preset directory, `tmp`/gemma_random_4x256.
  """
  return build_random_checkpoint(os.path.join(tmp, "gemma_random_4x256"), BENCH_ARCH)


def make_examples(sp, length: int, batch: int) -> list[dict]:
  """Cuts `batch` requests of `length` tokens from the corpus, at different places.

  Args:
    sp: the checkpoint's SentencePiece processor (`Engine.sp`).
    length: tokens per request, prompt + target, counting <bos>.
    batch: how many requests.

  Returns:
    `batch` dicts {prompt, target}: the target is the text of the last TARGET_TOKENS
    tokens. Re-encoding decoded text may merge pieces differently, so a request can be a
    token or two off `length`.
  """
  stream = _stream_ids(sp, length * (batch + 1))
  stride = max(length, (len(stream) - length) // max(batch, 1))
  examples = []
  for b in range(batch):
    start = (b * stride) % max(1, len(stream) - length)
    end = start + length - 1
    for _ in range(8):  # Decoding and re-encoding may merge differently: adjust the cut.
      text = sp.decode(stream[start:end])
      n = len(sp.encode(text))
      if n == length - 1:
        break
      end += (length - 1) - n
    target = sp.decode(stream[end - TARGET_TOKENS:end])
    if not text.endswith(target):
      target = text[-len(target):]
    examples.append({fields.PROMPT: text[:-len(target)], fields.TARGET: target})
  return examples


@functools.cache
def _stream_ids(sp, min_tokens: int) -> list[int]:
  """The corpus's first ≥ min_tokens token ids (all of them if it is shorter)."""
  text, chars = corpus_text(), 4 * min_tokens
  while True:
    ids = sp.encode(text[:chars])
    if len(ids) >= min_tokens or chars >= len(text):
      return ids
    chars *= 2


def with_target_masks(tokenizer, examples: list[dict]) -> list[dict]:
  """Marks each target's tokens, as the browser does after a click on the answer.

  Args:
    tokenizer: a LIT tokenizer model (ours, or LIT's own `keras_lms` one) whose
      `predict` gives each input's `tokens`.
    examples: dicts {prompt, target}.

  Returns:
    Copies of `examples` with a `target_mask`: 0 on the prompt's tokens, 1 on the target's.
  """
  out = []
  for ex in examples:
    n_prompt = len(list(tokenizer.predict([{fields.PROMPT: ex[fields.PROMPT]}]))[0][fields.TOKENS])
    n_all = len(list(tokenizer.predict([ex]))[0][fields.TOKENS])
    out.append(dict(ex, **{fields.TARGET_MASK: [0.0] * n_prompt + [1.0] * (n_all - n_prompt)}))
  return out
