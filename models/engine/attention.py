"""One attention implementation for every Gemma generation: blockwise, linear in memory.

KerasHub's Gemma attention layers compute the full score matrix in a grouped-query einsum
layout (`btkgh,bskh->bkgts`) that XLA's CPU backend runs at about a third of its
batch-matmul speed, and the backward pass keeps every layer's full [heads, T, T]
probabilities. Here the same product runs blockwise in the canonical layout:

  queries  <float32>[batch, kv_heads, length * groups, head_dim]   (groups folded into rows)
  keys     <float32>[batch, kv_heads, keys, head_dim]               (never repeated per group)

A query chunk visits only the key blocks it can see: causal blocks up to its last
position and, on sliding-window layers, none before its window. Online softmax (flash
attention) carries a running max and sum, so the forward keeps O(length) state; a custom
VJP recomputes each block's probabilities from the saved log-sum-exp, so the backward
does too. Soft caps, causal, window and padding masks are exact: causal order and the
window come from positions, the caller's mask (allowed pairs, or allowed keys) is applied
block by block.

`install(backbone)` replaces `_compute_attention` on each KerasHub text attention layer
instance (a bound method per instance; the classes are untouched), so every forward that
runs KerasHub's decoder blocks — salience, scoring, embeddings, generation — takes this
path, and `_compute_attention_mask` on each decoder block, so the blocks hand over the
padding mask as allowed keys ([batch, 1, keys]) instead of building a [batch, T, keys]
mask: nothing here grows with T². On GPU, layers without a soft cap use
`jax.nn.dot_product_attention` instead.
"""

import functools
import math
import types
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
from keras.src.backend import get_keras_mask
from keras_hub.src.models.gemma.gemma_attention import CachedGemmaAttention
from keras_hub.src.models.gemma.gemma_decoder_block import GemmaDecoderBlock
from keras_hub.src.models.gemma3.gemma3_attention import CachedGemma3Attention
from keras_hub.src.models.gemma3.gemma3_decoder_block import Gemma3DecoderBlock
from keras_hub.src.models.gemma3n.gemma3n_attention import Gemma3nTextAttention
from keras_hub.src.models.gemma3n.gemma3n_text_decoder import Gemma3nTextDecoderBlock
from keras_hub.src.models.gemma4.gemma4_attention import Gemma4TextAttention
from keras_hub.src.models.gemma4.gemma4_decoder_block import Gemma4TextDecoderBlock

# Added in place of masked scores: finite (fully masked rows stay finite), below any score.
NEG = -0.7 * float(np.finfo(np.float32).max)
BLOCK_Q = 256   # Query positions per chunk (times the group size rows per matmul).
BLOCK_K = 512   # Keys per block.


def split(n: int, target: int) -> tuple[int, int]:
  """(count, size): n cut into `count` equal pieces of at most about `target`, the size a
  multiple of 8 when n is cut (count × size ≥ n; the excess is padding)."""
  if n <= target:
    return 1, n
  count = -(-n // target)
  size = -(-(-(-n // count)) // 8) * 8
  return -(-n // size), size


class _Plan(NamedTuple):
  """Static facts of one attention call (hashable: the custom VJP's non-diff argument)."""
  scale: float
  soft_cap: float | None
  window: int | None   # Sliding window W: |query pos − key pos| < W.
  causal: bool         # Key pos ≤ query pos (query pos = q_offset + row).
  length: int          # Real query rows t (before padding to nq × cq).
  keys: int            # Real keys s (before padding to nk × ck).
  groups: int          # Query heads per KV head.
  nq: int
  cq: int
  nk: int
  ck: int


def _key_range(plan: _Plan, q_offset, i):
  """Key blocks [lo, hi) that query chunk i can see (any allowed pair)."""
  r0 = q_offset + i * plan.cq
  r1 = r0 + plan.cq - 1
  hi = r1 // plan.ck + 1 if plan.causal else plan.nk
  if plan.window is not None:
    lo = (r0 - plan.window + 1) // plan.ck
    if not plan.causal:
      hi = (r1 + plan.window - 1) // plan.ck + 1
  else:
    lo = 0
  return jnp.clip(lo, 0, plan.nk), jnp.clip(hi, 0, plan.nk)


def _query_range(plan: _Plan, q_offset, j):
  """Query chunks [lo, hi) that see key block j: the same pairs as _key_range."""
  c0 = j * plan.ck
  c1 = c0 + plan.ck - 1
  lo = (c0 - q_offset) // plan.cq if plan.causal else 0
  hi = plan.nq
  if plan.window is not None:
    hi = (c1 + plan.window - 1 - q_offset) // plan.cq + 1
    if not plan.causal:
      lo = (c0 - plan.window + 1 - q_offset) // plan.cq
  return jnp.clip(lo, 0, plan.nq), jnp.clip(hi, 0, plan.nq)


def _rows(x, plan: _Plan, i):
  """Query chunk i's rows of a [batch, kv, rows, ...] array (rows = positions × groups)."""
  size = plan.cq * plan.groups
  return jax.lax.dynamic_slice_in_dim(x, i * size, size, axis=2)


def _block_scores(plan: _Plan, qi, kj, mask, q_offset, i, j):
  """Scores of query chunk i on key block j, and where they are allowed.

  qi: <float32>[batch, kv, cq * groups, head_dim]; kj: <float32>[batch, kv, ck, head_dim].
  Returns s <float32>[batch, kv, cq * groups, ck] (soft-capped, unmasked) and allowed
  <bool>[batch, 1, cq, 1, ck] (broadcasts over the [batch, kv, cq, groups, ck] view of s).
  """
  s = jnp.einsum("bkrh,bksh->bkrs", qi, kj) * plan.scale
  if plan.soft_cap is not None:
    s = jnp.tanh(s / plan.soft_cap) * plan.soft_cap
  qpos = q_offset + i * plan.cq + jnp.arange(plan.cq)[:, None]  # <int>[cq, 1]
  kpos = j * plan.ck + jnp.arange(plan.ck)[None, :]              # <int>[1, ck]
  allowed = kpos < plan.keys                                      # Padding keys.
  if plan.causal:
    allowed &= kpos <= qpos
  if plan.window is not None:
    allowed &= (qpos - kpos < plan.window) & (kpos - qpos < plan.window)
  allowed = allowed[None]                                         # <bool>[1, cq, ck]
  if mask is not None and mask.shape[1] == 1:                     # Keys only: [b, 1, keys].
    allowed = allowed & jax.lax.dynamic_slice(
        mask, (0, 0, j * plan.ck), (mask.shape[0], 1, plan.ck))
  elif mask is not None:
    allowed = allowed & jax.lax.dynamic_slice(
        mask, (0, i * plan.cq, j * plan.ck), (mask.shape[0], plan.cq, plan.ck))
  return s, allowed[:, None, :, None, :]


def _masked(plan: _Plan, s, allowed, fill):
  """s with `fill` where not allowed, through the [batch, kv, cq, groups, ck] view."""
  b, kv, rows, ck = s.shape
  s5 = s.reshape(b, kv, plan.cq, plan.groups, ck)
  return jnp.where(allowed, s5, fill).reshape(b, kv, rows, ck)


def _forward(plan: _Plan, qg, kt, vt, mask, q_offset):
  """Online-softmax attention. Returns out <float32>[batch, kv, nq·cq·groups, head_dim]
  and the log-sum-exp of each row, <float32>[batch, kv, nq·cq·groups]."""
  b, kv, _, h = qg.shape
  rows = plan.cq * plan.groups

  def chunk(i, carry):
    out, lse = carry
    qi = _rows(qg, plan, i)

    def block(j, state):
      m, l, acc = state  # <float32>[b, kv, rows] twice, [b, kv, rows, h]
      kj = jax.lax.dynamic_slice_in_dim(kt, j * plan.ck, plan.ck, axis=2)
      vj = jax.lax.dynamic_slice_in_dim(vt, j * plan.ck, plan.ck, axis=2)
      s, allowed = _block_scores(plan, qi, kj, mask, q_offset, i, j)
      s = _masked(plan, s, allowed, NEG)
      m_new = jnp.maximum(m, jnp.max(s, axis=-1))
      p = jnp.exp(s - m_new[..., None])                  # <float32>[b, kv, rows, ck]
      alpha = jnp.exp(m - m_new)
      l = alpha * l + jnp.sum(p, axis=-1)
      acc = alpha[..., None] * acc + jnp.einsum("bkrs,bksh->bkrh", p, vj)
      return m_new, l, acc

    lo, hi = _key_range(plan, q_offset, i)
    init = (jnp.full((b, kv, rows), NEG, jnp.float32), jnp.zeros((b, kv, rows), jnp.float32),
            jnp.zeros((b, kv, rows, h), jnp.float32))
    m, l, acc = jax.lax.fori_loop(lo, hi, block, init)
    l = jnp.maximum(l, 1e-30)  # A chunk that saw no block (never for causal masks).
    # A row that may attend to no key (a padding position before the first real token)
    # comes out 0, as KerasHub's "no attended tokens" wipe makes it; its max stayed NEG.
    o = jnp.where((m > 0.5 * NEG)[..., None], acc / l[..., None], 0.0)
    out = jax.lax.dynamic_update_slice_in_dim(out, o, i * rows, axis=2)
    lse = jax.lax.dynamic_update_slice_in_dim(lse, m + jnp.log(l), i * rows, axis=2)
    return out, lse

  init = (jnp.zeros(qg.shape, jnp.float32), jnp.zeros(qg.shape[:3], jnp.float32))
  return jax.lax.fori_loop(0, plan.nq, chunk, init)


@functools.partial(jax.custom_vjp, nondiff_argnums=(0,))
def _flash(plan, qg, kt, vt, mask, q_offset):
  return _forward(plan, qg, kt, vt, mask, q_offset)[0]


def _flash_fwd(plan, qg, kt, vt, mask, q_offset):
  out, lse = _forward(plan, qg, kt, vt, mask, q_offset)
  return out, (qg, kt, vt, mask, q_offset, out, lse)


def _flash_bwd(plan, residuals, dout):
  """Recomputes each visited block's probabilities from the saved log-sum-exp
  (FlashAttention-2): key blocks outside, the query chunks that see each inside."""
  qg, kt, vt, mask, q_offset, out, lse = residuals
  b, kv, _, h = qg.shape
  delta = jnp.sum(dout * out, axis=-1)  # <float32>[b, kv, rows]: Σ_h dO·O per row.

  def key_block(j, carry):
    dq, dk, dv = carry
    kj = jax.lax.dynamic_slice_in_dim(kt, j * plan.ck, plan.ck, axis=2)  # [b, kv, ck, h]
    vj = jax.lax.dynamic_slice_in_dim(vt, j * plan.ck, plan.ck, axis=2)

    def chunk(i, state):
      dq, dkj, dvj = state
      qi, doi = _rows(qg, plan, i), _rows(dout, plan, i)   # <float32>[b, kv, rows, h]
      s, allowed = _block_scores(plan, qi, kj, mask, q_offset, i, j)
      p = _masked(plan, jnp.exp(s - _rows(lse, plan, i)[..., None]), allowed, 0.0)
      dp = jnp.einsum("bkrh,bksh->bkrs", doi, vj)
      ds = p * (dp - _rows(delta, plan, i)[..., None])   # d loss / d capped score
      if plan.soft_cap is not None:
        ds = ds * (1.0 - jnp.square(s / plan.soft_cap))  # tanh' = 1 − tanh²
      ds = ds * plan.scale                                # d loss / d (q·k)
      size = plan.cq * plan.groups
      dqi = _rows(dq, plan, i) + jnp.einsum("bkrs,bksh->bkrh", ds, kj)
      dq = jax.lax.dynamic_update_slice_in_dim(dq, dqi, i * size, axis=2)
      dkj = dkj + jnp.einsum("bkrs,bkrh->bksh", ds, qi)
      dvj = dvj + jnp.einsum("bkrs,bkrh->bksh", p, doi)
      return dq, dkj, dvj

    lo, hi = _query_range(plan, q_offset, j)
    zeros = jnp.zeros((b, kv, plan.ck, h), jnp.float32)
    dq, dkj, dvj = jax.lax.fori_loop(lo, hi, chunk, (dq, zeros, zeros))
    dk = jax.lax.dynamic_update_slice_in_dim(dk, dkj, j * plan.ck, axis=2)
    dv = jax.lax.dynamic_update_slice_in_dim(dv, dvj, j * plan.ck, axis=2)
    return dq, dk, dv

  init = (jnp.zeros(qg.shape, jnp.float32), jnp.zeros(kt.shape, jnp.float32),
          jnp.zeros(vt.shape, jnp.float32))
  dq, dk, dv = jax.lax.fori_loop(0, plan.nk, key_block, init)
  return dq, dk, dv, None, None


_flash.defvjp(_flash_fwd, _flash_bwd)


def _pad_axis(x, axis: int, size: int, value=0):
  if x.shape[axis] == size:
    return x
  pad = [(0, 0)] * x.ndim
  pad[axis] = (0, size - x.shape[axis])
  return jnp.pad(x, pad, constant_values=value)


def attention(q, k, v, mask=None, *, scale: float, soft_cap: float | None = None,
              window: int | None = None, causal: bool = True, q_offset=0,
              block_q: int | None = None, block_k: int | None = None):
  """Grouped-query attention, blockwise.

  q: <float>[batch, length, heads, head_dim]; k, v: <float>[batch, keys, kv_heads, head_dim]
  with heads a multiple of kv_heads; mask: <bool>[batch, length, keys] (allowed pairs),
  <bool>[batch, 1, keys] (allowed keys, the same for every query: the padding mask) or
  None, on top of which `causal` (key pos ≤ query pos) and `window` (|query pos − key
  pos| < window) hold; query row r sits at position q_offset + r (an int or traced scalar,
  the cache index during generation). Scores are (q·k)·scale, soft-capped as
  cap·tanh(score / cap). A query that may attend to no key gets 0. Blocks: `block_q` query
  positions by `block_k` keys (default BLOCK_Q, BLOCK_K). Returns
  <q.dtype>[batch, length, heads, head_dim].
  """
  b, t, n, h = q.shape
  s, kv = k.shape[1], k.shape[2]
  g = n // kv
  if jax.default_backend() == "gpu" and soft_cap is None:
    return _fused(q, k, v, mask, scale=scale, window=window, causal=causal,
                  q_offset=q_offset)
  nq, cq = split(t, block_q or BLOCK_Q)
  # Sliding layers: half-size key blocks, so a query chunk visits less outside its window.
  nk, ck = split(s, block_k or (BLOCK_K if window is None else BLOCK_K // 2))
  plan = _Plan(float(scale), None if soft_cap is None else float(soft_cap),
               None if window is None else int(window), causal, t, s, g, nq, cq, nk, ck)
  # <float32>[batch, kv, nq·cq·groups, head_dim]: each KV head's query heads as rows.
  qg = q.astype(jnp.float32).reshape(b, t, kv, g, h).transpose(0, 2, 1, 3, 4)
  qg = _pad_axis(qg, 2, nq * cq).reshape(b, kv, nq * cq * g, h)
  # <float32>[batch, kv, nk·ck, head_dim]
  kt = _pad_axis(k.astype(jnp.float32).transpose(0, 2, 1, 3), 2, nk * ck)
  vt = _pad_axis(v.astype(jnp.float32).transpose(0, 2, 1, 3), 2, nk * ck)
  if mask is not None:
    mask = mask.astype(bool)
    if mask.shape[1] != 1:
      mask = _pad_axis(mask, 1, nq * cq, False)
    mask = _pad_axis(mask, 2, nk * ck, False)
  out = _flash(plan, qg, kt, vt, mask, jnp.asarray(q_offset, jnp.int32))
  out = out.reshape(b, kv, nq * cq, g, h)[:, :, :t]                # [b, kv, t, g, h]
  return out.transpose(0, 2, 1, 3, 4).reshape(b, t, n, h).astype(q.dtype)


def _fused(q, k, v, mask, *, scale, window, causal, q_offset):
  """GPU: XLA's / cuDNN's fused attention, the structural masks folded into one."""
  t, s = q.shape[1], k.shape[1]
  qpos = q_offset + jnp.arange(t)[:, None]
  kpos = jnp.arange(s)[None, :]
  allowed = jnp.ones((t, s), bool)
  if causal:
    allowed &= kpos <= qpos
  if window is not None:
    allowed &= (qpos - kpos < window) & (kpos - qpos < window)
  allowed = allowed[None] if mask is None else allowed[None] & mask.astype(bool)
  out = jax.nn.dot_product_attention(q, k, v, mask=allowed[:, None], scale=scale)
  return jnp.where(jnp.any(allowed, axis=-1)[:, :, None, None], out, 0).astype(out.dtype)


# --- KerasHub's layers ---------------------------------------------------------------
# Each text attention layer's `_compute_attention`, mapped onto `attention()`: where its
# scale, soft cap and window live, and its layout.


def _gemma(layer, q, k, v, attention_mask, training=False, cache_update_index=0):
  """Gemma 1/2 (`CachedGemmaAttention`) and Gemma 3 (`CachedGemma3Attention`): q
  [b, t, n, h], k, v [b, s, kv, h]; the layer applies its own window (here: `window`)."""
  if getattr(layer, "use_bidirectional_attention", False) or (training and layer.dropout):
    return type(layer)._compute_attention(layer, q, k, v, attention_mask, training=training,
                                          cache_update_index=cache_update_index)
  if layer.query_head_dim_normalize:
    scale = 1 / math.sqrt(layer.head_dim)
  else:
    scale = 1 / math.sqrt(layer.hidden_dim // layer.num_query_heads)
  window = layer.sliding_window_size if layer.use_sliding_window_attention else None
  return attention(q, k, v, attention_mask, scale=scale, soft_cap=layer.logit_soft_cap,
                   window=window, q_offset=cache_update_index)


def _gemma4(layer, q, k, v, attention_mask, training=False, cache_update_index=0):
  """Gemma 4 (`Gemma4TextAttention`): scale 1 (Q/K norms). KerasHub's decoder block puts
  the window into its full mask; the key mask (`_key_mask`) leaves it to `window` here."""
  if layer.use_bidirectional_attention or (training and layer.dropout):
    return type(layer)._compute_attention(layer, q, k, v, attention_mask, training=training,
                                          cache_update_index=cache_update_index)
  sliding = layer.use_sliding_window_attention and not layer.is_global_attention
  return attention(q, k, v, attention_mask, scale=1.0, soft_cap=layer.logit_soft_cap,
                   window=layer.sliding_window_size if sliding else None,
                   q_offset=cache_update_index)


def _gemma3n(layer, query, key, value, attention_mask, training=False):
  """Gemma 3n (`Gemma3nTextAttention`): q [b, n, t, h], k, v [b, kv, s, h], scale 1,
  window already in the mask; returns (out [b, t, n, h], None) — the weights are unused.
  It is not told the cache index, so a query shorter than the keys (a generation step)
  relies on the mask alone."""
  if training and layer.dropout.rate:
    return type(layer)._compute_attention(layer, query, key, value, attention_mask,
                                          training=training)
  t, s = query.shape[2], key.shape[2]
  mask = None if attention_mask is None else attention_mask[:, :, :s]
  full = t == s  # A whole sequence from position 0: causal, window known.
  out = attention(query.transpose(0, 2, 1, 3), key.transpose(0, 2, 1, 3),
                  value.transpose(0, 2, 1, 3), mask, scale=1.0, causal=full,
                  window=layer.sliding_window if full else None)
  return out, None


def _gemma3n_window(layer, attention_mask, cache_update_index=0):
  """Gemma 3n's attention applies its window to the mask before `_compute_attention`; a
  key mask ([batch, 1, keys] at cache index 0: a whole sequence) gets it in `_gemma3n`
  instead, from positions. (A one-query mask at index 0 is the other thing of that shape:
  its one query, at position 0, sees key 0 only, which any window keeps.)"""
  if (attention_mask.shape[1] == 1 and isinstance(cache_update_index, int)
      and cache_update_index == 0):
    return attention_mask
  return type(layer)._mask_sliding_window(layer, attention_mask,
                                          cache_update_index=cache_update_index)


_BY_CLASS = ((Gemma4TextAttention, _gemma4), (Gemma3nTextAttention, _gemma3n),
             (CachedGemma3Attention, _gemma), (CachedGemmaAttention, _gemma))


# --- KerasHub's decoder blocks ---------------------------------------------------------
# Each block builds a [batch, T, keys] causal/padding (Gemma 4: and window) mask in
# `_compute_attention_mask`: 4 GiB-scale at 8k tokens, and quadratic. Where the installed
# attention above applies causal order and the window itself (from positions), the block
# hands it the padding mask alone, as allowed keys <bool>[batch, 1, keys]; the pairs it
# allows are the same. KerasHub's full mask stays where something else goes into it: image
# tokens' bidirectional attention (`vision_mask`), bidirectional (embedding) models,
# dropout (KerasHub's own attention then runs), a one-token step (already [batch, 1, keys]).


def _dropout_rate(layer) -> float:
  d = getattr(layer, "dropout", 0)
  return float(getattr(d, "rate", d) or 0)


def _key_mask(block, x, padding_mask, cache, cache_update_index, cache_length):
  """<bool>[batch, 1, keys]: the keys a row may attend to, or None where KerasHub's full
  mask is needed (see above)."""
  layer = block.attention
  t = x.shape[1]
  if ("_compute_attention" not in layer.__dict__ or t is None or t < 2
      or getattr(layer, "use_bidirectional_attention", False) or _dropout_rate(layer)):
    return None
  keys = t if cache is None else cache_length(cache)
  if padding_mask is None:
    if get_keras_mask(x) is not None:  # KerasHub would read it as the padding mask.
      return None
    return jnp.ones((x.shape[0], 1, keys), bool)
  if padding_mask.shape[1] != keys:
    return None
  return jnp.asarray(padding_mask).astype(bool)[:, None, :]


def _gemma_block_mask(block, x, padding_mask, cache, cache_update_index):
  """Gemma 1/2 (`GemmaDecoderBlock`); cache <float>[batch, 2, keys, kv, h]."""
  mask = _key_mask(block, x, padding_mask, cache, cache_update_index, lambda c: c.shape[2])
  if mask is None:
    return type(block)._compute_attention_mask(block, x, padding_mask, cache,
                                               cache_update_index)
  return mask


def _gemma3_block_mask(block, x, padding_mask, vision_mask, cache, cache_update_index):
  """Gemma 3 (`Gemma3DecoderBlock`, cache (k, v) each [batch, keys, kv, h]) and Gemma 4
  (`Gemma4TextDecoderBlock`, cache [batch, 2, keys, kv, h])."""
  length = lambda c: c[0].shape[1] if isinstance(c, tuple | list) else c.shape[2]
  mask = None if vision_mask is not None else _key_mask(
      block, x, padding_mask, cache, cache_update_index, length)
  if mask is None:
    return type(block)._compute_attention_mask(block, x, padding_mask, vision_mask, cache,
                                               cache_update_index)
  return mask


def _gemma3n_block_mask(block, x, padding_mask, cache, cache_update_index):
  """Gemma 3n (`Gemma3nTextDecoderBlock`; cache [batch, 2, kv, keys, h]): only a whole
  sequence from index 0 (its attention is not told the cache index; `_gemma3n`)."""
  mask = None
  if isinstance(cache_update_index, int) and cache_update_index == 0:
    mask = _key_mask(block, x, padding_mask, cache, cache_update_index,
                     lambda c: c.shape[3])
    if mask is not None and mask.shape[2] != x.shape[1]:
      mask = None
  if mask is None:
    return type(block)._compute_attention_mask(block, x, padding_mask, cache,
                                               cache_update_index)
  return mask


_BLOCKS = ((Gemma4TextDecoderBlock, _gemma3_block_mask),
           (Gemma3nTextDecoderBlock, _gemma3n_block_mask),
           (Gemma3DecoderBlock, _gemma3_block_mask), (GemmaDecoderBlock, _gemma_block_mask))
_OVERRIDES = ("_compute_attention", "_compute_attention_mask", "_mask_sliding_window")


# The KerasHub methods replaced above. If a KerasHub release renamed one, setting it on a
# layer would change nothing and the dense [T, T] attention would run silently: install()
# checks each still exists on its class.
_REPLACED = tuple((cls, "_compute_attention") for cls, _ in _BY_CLASS) + tuple(
    (cls, "_compute_attention_mask") for cls, _ in _BLOCKS) + (
    (Gemma3nTextAttention, "_mask_sliding_window"),)


def install(model) -> int:
  """Points every KerasHub Gemma text attention layer inside `model` at `attention()`, and
  its decoder block at the key mask. Idempotent.

  Args:
    model: a KerasHub Gemma CausalLM or backbone.

  Returns:
    The number of attention layers it covers.

  Raises:
    ValueError: (one line) a KerasHub method this module replaces no longer exists, or a
      decoder block of `model` has an attention layer of a class this module does not
      know; either way the blockwise kernel would not run.
  """
  for cls, name in _REPLACED:
    if not callable(getattr(cls, name, None)):
      raise ValueError(
          f"KerasHub's {cls.__name__} has no method {name}, so the attention kernel of "
          "models/engine/attention.py would never run; use keras-hub==0.32.0 or update "
          "that module")
  count = 0
  layers = list(model._flatten_layers(include_self=True, recursive=True))
  for layer in layers:
    for cls, fn in _BY_CLASS:
      if isinstance(layer, cls):
        layer._compute_attention = types.MethodType(fn, layer)
        if cls is Gemma3nTextAttention:
          layer._mask_sliding_window = types.MethodType(_gemma3n_window, layer)
        count += 1
        break
  for layer in layers:  # After the attention layers: `_key_mask` checks they are ours.
    for cls, fn in _BLOCKS:
      if isinstance(layer, cls) and isinstance(getattr(layer, "attention", None),
                                               tuple(c for c, _ in _BY_CLASS)):
        layer._compute_attention_mask = types.MethodType(fn, layer)
        break
  for layer in layers:  # Every text decoder block's attention must now be ours.
    inner, name = getattr(layer, "attention", None), type(layer).__name__
    text_block = name.endswith("DecoderBlock") and not ("Vision" in name or "Audio" in name)
    if text_block and inner is not None and "_compute_attention" not in vars(inner):
      raise ValueError(
          f"{type(layer).__name__} has an attention layer of class {type(inner).__name__}, "
          "which models/engine/attention.py does not cover: the dense attention would run "
          "instead of the blockwise kernel; add the class to attention._BY_CLASS")
  return count


def uninstall(model) -> None:
  """Gives every layer inside `model` back its class's methods (KerasHub's own), e.g. to
  compare against them."""
  for layer in model._flatten_layers(include_self=True, recursive=True):
    for name in _OVERRIDES:
      layer.__dict__.pop(name, None)
