"""How much memory a request needs, estimated before it runs, and the server's limit.

A request that cannot fit is refused with one line naming the need and the limit
(`TooLarge`, a ValueError the LIT adapter answers as a 400), instead of XLA failing to
allocate mid-call and the user reading "internal error".

The estimate follows the engine's shape of computation (attention.py: blockwise,
O(length) state; salience rematerializes each decoder block):

  salience, per row of T tokens, L blocks of width d, MLP f, H query / K KV heads of h:
    s·L·T·d                   each block's input, kept for the backward pass, and what
                              XLA keeps beside it (s ≈ 4, measured)
  + T·(c·d + 3·f + 2·(H+K)·h)  one block's activations while it is recomputed and
                              differentiated (norms and residuals ≈ c·d)
  + H·blocks                  a query chunk's score blocks in the attention kernel
  Nothing grows with T²: the decoder blocks pass the attention a padding mask of allowed
  keys, no [T, T] mask (attention.py).
  all × 4 bytes (float32 activations), plus the logits at the target positions and a
  fixed allowance for XLA's own buffers. Generation: the KV cache (2·L·K·h per token)
  plus a forward pass of the prompt. Coefficients calibrated against measured peaks
  (README, "How much memory").
"""

import dataclasses

import jax
import psutil

GIB = 1 << 30
DEFAULT_FRACTION = 0.75  # Of physical (or device) memory, when --max_memory is not given.
BLOCK_WIDTH = 12         # c: residuals, norms, attention in/out per token, in units of d.
# s: per block and token, in units of d, what the backward pass holds of each block
# (its input, and what XLA keeps beside it). Calibrated: an 8,192-token salience request
# on a 106M-parameter Gemma (12 × 768) compiles to 1.9 GiB of XLA temporaries and peaked
# 2.1 GiB above the loaded model (README); this estimate says 2.3.
SAVED = 4
OVERHEAD = 0.25 * GIB    # XLA's scratch, compiled program, host copies.


class TooLarge(ValueError):
  """A request that would need more memory than the server allows."""


@dataclasses.dataclass(frozen=True)
class Shape:
  """What the estimate reads off a checkpoint's config."""
  layers: int
  hidden: int
  mlp: int
  heads: int
  kv_heads: int
  head_dim: int
  vocab: int
  bytes_per_value: int = 4


def shape_of(backbone) -> Shape:
  """The sizes of a KerasHub Gemma backbone (any generation), from its config."""
  c = backbone.get_config()
  pick = lambda *names, default=None: next(
      (c[n] for n in names if c.get(n) is not None), default)
  hidden = pick("hidden_dim", "text_hidden_size")
  mlp = pick("intermediate_dim", "intermediate_size", default=4 * hidden)
  if isinstance(mlp, (list, tuple)):
    mlp = max(mlp)
  heads = pick("num_query_heads", "num_attention_heads")
  return Shape(
      layers=pick("num_layers", "num_hidden_layers"), hidden=hidden, mlp=mlp, heads=heads,
      kv_heads=pick("num_key_value_heads", default=heads),
      head_dim=pick("head_dim", "global_head_dim", default=hidden // heads),
      vocab=pick("vocabulary_size", "text_vocab_size", default=256_000),
      bytes_per_value=2 if "16" in str(backbone.dtype_policy.compute_dtype) else 4)


def salience_bytes(s: Shape, batch: int, length: int, targets: int,
                   block_q: int = 256, block_k: int = 512) -> int:
  """Peak working memory of a salience (or scoring) call on `batch` rows of `length`."""
  per_row = (SAVED * s.layers * length * s.hidden
             + length * (BLOCK_WIDTH * s.hidden + 3 * s.mlp
                         + 2 * (s.heads + s.kv_heads) * s.head_dim)
             + 6 * s.heads * min(length, block_q) * min(length, block_k))
  activations = batch * per_row * s.bytes_per_value
  logits = batch * targets * s.vocab * 4 * 3
  return int(activations + logits + OVERHEAD)


def forward_bytes(s: Shape, batch: int, length: int, targets: int) -> int:
  """Scoring or embeddings: the salience estimate without the blocks' saved inputs."""
  saved = batch * SAVED * s.layers * length * s.hidden * s.bytes_per_value
  return salience_bytes(s, batch, length, targets) - saved


def generation_bytes(s: Shape, batch: int, length: int) -> int:
  """Peak working memory of generating up to `length` tokens (prompt + new) per row."""
  cache = 2 * s.layers * s.kv_heads * s.head_dim * length * batch * s.bytes_per_value
  return int(cache + forward_bytes(s, batch, length, targets=1))


def default_limit() -> int:
  """DEFAULT_FRACTION of the accelerator's memory, or of physical memory on CPU."""
  device = jax.devices()[0]
  if device.platform != "cpu":
    stats = device.memory_stats() or {}
    if stats.get("bytes_limit"):
      return int(DEFAULT_FRACTION * stats["bytes_limit"])
  return int(DEFAULT_FRACTION * psutil.virtual_memory().total)


def check(need: int, limit: int | None, length: int, batch: int) -> None:
  """Raises TooLarge when `need` bytes exceed `limit` (None: no limit)."""
  if limit is None or need <= limit:
    return
  rows = f"{batch} × " if batch > 1 else ""
  raise TooLarge(
      f"this {rows}{length:,}-token request needs about {need / GIB:.1f} GiB; the server "
      f"allows {limit / GIB:.1f} GiB; shorten the prompt or raise --max_memory")
