"""The one attention implementation (models/engine/attention.py): the blockwise kernel
against a dense reference (values and gradients), every Gemma generation's forward and
generate() against KerasHub's own attention, and salience at 2,048+ tokens against
finite differences."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from lit_app.models import engine as engine_lib
from lit_app.models.engine import attention, families, tiny
from tests import reference

VARIANTS = ["gemma", "gemma2", "gemma3", "gemma3n", "gemma4", "gemma4_moe", "gemma3_vision",
            "gemma4_vision"]


def dense_attention(q, k, v, mask, scale, soft_cap, window, q_offset):
  """The textbook product: k, v repeated per query head, the full score matrix."""
  b, t, n, h = q.shape
  s, kv = k.shape[1], k.shape[2]
  k, v = jnp.repeat(k, n // kv, axis=2), jnp.repeat(v, n // kv, axis=2)
  scores = jnp.einsum("btnh,bsnh->bnts", q, k) * scale  # <float32>[b, n, t, s]
  if soft_cap:
    scores = jnp.tanh(scores / soft_cap) * soft_cap
  qpos, kpos = q_offset + jnp.arange(t)[:, None], jnp.arange(s)[None]
  allowed = kpos <= qpos
  if window:
    allowed &= (qpos - kpos < window) & (kpos - qpos < window)
  allowed = allowed[None] & mask                        # <bool>[b, t, s]
  scores = jnp.where(allowed[:, None], scores, -1e9)
  out = jnp.einsum("bnts,bsnh->btnh", jax.nn.softmax(scores, axis=-1), v)
  # KerasHub's wipe: a query that may attend to no key gets 0.
  return jnp.where(jnp.any(allowed, axis=-1)[:, :, None, None], out, 0.0)


@pytest.mark.parametrize("t,s,q_offset,window,soft_cap", [
    (37, 37, 0, None, None),   # Padding rows and keys inside the last block.
    (64, 64, 0, 10, 50.0),     # Window and soft cap: blocks before the window skipped.
    (50, 50, 0, 7, None),
    (1, 40, 29, 9, 30.0),      # A generation step: one query at cache index 29.
    (3, 40, 20, None, None),
])
@pytest.mark.parametrize("key_mask", [False, True])
def test_kernel_matches_dense_values_and_gradients(t, s, q_offset, window, soft_cap,
                                                   key_mask):
  """key_mask: the mask as allowed keys, <bool>[b, 1, s] (what the decoder blocks pass),
  with a left-padded row whose first queries may attend to nothing (they come out 0)."""
  rng = np.random.default_rng(0)
  b, n, kv, h = 2, 4, 2, 8
  q, k, v = (jnp.asarray(rng.normal(size=shape), jnp.float32)
             for shape in [(b, t, n, h), (b, s, kv, h), (b, s, kv, h)])
  mask = np.ones((b, 1 if key_mask else t, s), bool)
  mask[1, :, s - 5:] = False  # Row 1 padded.
  if key_mask:
    mask[0, :, :q_offset + 3] = False  # Row 0 left-padded: its first 3 queries see nothing.
  ours = lambda q, k, v: attention.attention(
      q, k, v, mask, scale=0.3, soft_cap=soft_cap, window=window, q_offset=q_offset,
      block_q=8, block_k=16)
  theirs = lambda q, k, v: dense_attention(q, k, v, mask, 0.3, soft_cap, window, q_offset)
  np.testing.assert_allclose(ours(q, k, v), theirs(q, k, v), atol=2e-6)
  w = jnp.asarray(rng.normal(size=(b, t, n, h)), jnp.float32)
  grads = [jax.grad(lambda *a, f=f: jnp.sum(f(*a) * w), argnums=(0, 1, 2))(q, k, v)
           for f in (ours, theirs)]
  for a, b_ in zip(*grads):
    np.testing.assert_allclose(a, b_, atol=5e-6)


@pytest.fixture
def small_blocks(monkeypatch):
  """Blocks of 8 query positions by 16 keys, so short prompts cross many blocks."""
  monkeypatch.setattr(attention, "BLOCK_Q", 8)
  monkeypatch.setattr(attention, "BLOCK_K", 16)


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_family_matches_keras_hub_attention(variant, sp_proto, small_blocks,
                                                  monkeypatch):
  """Hidden states (padded batch) and greedy generate() with KerasHub's attention, then
  with ours installed on the same model: the same numbers, the same tokens."""
  lm = tiny.build_causal_lm(variant, sp_proto, sequence_length=48, seed=3)
  family = families.family_of(lm.backbone)
  rng = np.random.default_rng(1)
  ids = rng.integers(4, 300, size=(2, 40)).astype(np.int32)
  ids[:, 0] = 2
  padding = np.ones_like(ids)
  padding[1, 29:] = 0
  prompt = {"token_ids": ids.copy(), "padding_mask": padding.astype(bool)}
  prompt["token_ids"][:, 20:] = 0
  prompt["padding_mask"][:, 20:] = False

  def run():
    hidden = family.hidden(lm.backbone, family.lookup(lm.backbone, ids), ids, padding)
    generated = lm.generate_step(prompt, stop_token_ids=None)["token_ids"]
    return np.asarray(hidden), np.asarray(generated)

  hidden, generated = run()
  assert attention.install(lm) >= 2
  shapes = []  # Of every mask the installed attention gets on the text path.
  kernel = attention.attention
  def spy(q, k, v, mask=None, **kw):
    shapes.append(None if mask is None else tuple(mask.shape))
    return kernel(q, k, v, mask, **kw)
  monkeypatch.setattr(attention, "attention", spy)
  ours_hidden = np.asarray(
      family.hidden(lm.backbone, family.lookup(lm.backbone, ids), ids, padding))
  # The decoder blocks built no [batch, T, T] mask: only the keys each row may attend to.
  assert shapes and set(shapes) == {(2, 1, 40)}
  monkeypatch.setattr(attention, "attention", kernel)
  _, ours_generated = run()
  np.testing.assert_allclose(ours_hidden[0], hidden[0], atol=2e-5)
  np.testing.assert_allclose(ours_hidden[1, :29], hidden[1, :29], atol=2e-5)
  np.testing.assert_array_equal(ours_generated, generated)


SCALE = 8  # The long-prompt test's prompt, window and blocks are 1/SCALE of the real ones.


@pytest.mark.parametrize("variant,layers,eps", [("gemma2", 2, 1e-3), ("gemma4", 4, None)])
def test_long_salience_matches_finite_differences_and_dense_attention(
    sp_proto, monkeypatch, variant, layers, eps):
  """2,560 tokens' worth of blocks on a tiny Gemma 2 (soft caps, a sliding-window layer,
  a global one) and a tiny Gemma 4 (two sliding, two global layers, KV sharing; KerasHub puts its window in
  the decoder block's mask, ours takes it from positions): the blockwise backward against
  central differences where they resolve the gradient (near the targets), and at every
  position against autodiff through KerasHub's dense attention and its full [T, T] masks
  on the same weights. The window (300) is far shorter than the prompt: 10 query chunks by
  5 key blocks. SCALE shrinks the prompt, the window and the blocks alike (320 tokens,
  window 37, blocks of 32 queries by 64 keys): the same chunks and blocks at 1/8 of the
  length, and a fraction of the time."""
  monkeypatch.setattr(attention, "BLOCK_Q", attention.BLOCK_Q // SCALE)
  monkeypatch.setattr(attention, "BLOCK_K", attention.BLOCK_K // SCALE)
  arch = dict(num_layers=layers, hidden_dim=8, num_heads=2, num_kv_heads=1, head_dim=4,
              intermediate_dim=16, sliding_window_size=300 // SCALE)
  build = lambda: tiny.build_causal_lm(variant, sp_proto, sequence_length=64, seed=2, **arch)
  engine = engine_lib.Engine(build(), max_length=4096)
  dense = engine_lib.Engine(build(), max_length=4096)
  attention.uninstall(dense.causal_lm)
  rng = np.random.default_rng(0)
  n = 2500 // SCALE  # Bucket 320: 10 query chunks by 5 key blocks (of 32, 64).
  ids = np.concatenate([[engine.bos_id], rng.integers(4, 300, size=n - 1)]).astype(np.int32)
  targets = np.arange(n - 3, n)
  mask = np.zeros(n)
  mask[targets] = 1
  [s] = engine.salience([ids], [mask])
  [d] = dense.salience([ids], [mask])
  # atol: float32 round-off, relative to the largest score (gradient·input cancels to
  # ~1e-6 at a few far positions, where the two orders of summation differ by ~1e-7).
  for ours, theirs in [(s.grad_l2, d.grad_l2), (s.grad_dot_input, d.grad_dot_input)]:
    np.testing.assert_allclose(ours, theirs, rtol=1e-3, atol=2e-5 * np.abs(theirs).max())
  np.testing.assert_allclose(s.token_loss, d.token_loss, rtol=1e-5)
  near = np.arange(n - 8, n)
  fd_l2, fd_gdi = reference.finite_difference_salience(engine, ids, targets, eps=eps,
                                                       only=near)
  assert reference.cosine(s.grad_l2[near], fd_l2[near]) >= 0.999
  assert reference.cosine(s.grad_dot_input[near], fd_gdi[near]) >= 0.999


def test_request_over_the_memory_limit_is_refused_in_one_line(sp_proto):
  from lit_app.models.engine import memory
  lm = tiny.build_causal_lm("gemma", sp_proto, sequence_length=64, seed=2)
  # 0.26 GiB: above a short request's fixed allowance (0.25), below 3,072 tokens' need
  # (≈ 0.28); printed as 0.3.
  engine = engine_lib.Engine(lm, max_length=4096, max_memory=int(0.26 * memory.GIB))
  ids = np.full(3000, engine.bos_id, np.int32)
  mask = np.zeros(3000)
  mask[-4:] = 1
  with pytest.raises(ValueError, match=r"^this 3,072-token request needs about [\d.]+ GiB; "
                     r"the server allows 0\.3 GiB; shorten the prompt or raise --max_memory$"):
    engine.salience([ids], [mask])
  [s] = engine.salience([ids[:40]], [mask[-40:]])  # A short one still runs.
  assert s.grad_l2[-2] > 0


def test_install_fails_loudly_when_kernel_would_not_run(tiny_presets, monkeypatch):
  """A renamed KerasHub method or an attention class we do not know: one-line error at
  load, never a silent fall back to the dense [T, T] attention."""
  from lit_app.models.engine import checkpoint
  attention_lib = attention
  causal_lm = checkpoint.load_causal_lm(tiny_presets["gemma3"])
  renamed = attention_lib._REPLACED + ((attention_lib.CachedGemmaAttention, "_renamed_in_a_new_release"),)
  monkeypatch.setattr(attention_lib, "_REPLACED", renamed)
  with pytest.raises(ValueError, match="has no method _renamed_in_a_new_release") as error:
    engine_lib.Engine(causal_lm, max_length=64)
  assert "\n" not in str(error.value)
  monkeypatch.undo()
  unknown = tuple(e for e in attention_lib._BY_CLASS if e[0].__name__ != "CachedGemma3Attention")
  monkeypatch.setattr(attention_lib, "_BY_CLASS", unknown)
  attention_lib.uninstall(causal_lm)
  with pytest.raises(ValueError, match="Gemma3DecoderBlock has an attention layer of class"):
    engine_lib.Engine(causal_lm, max_length=64)
