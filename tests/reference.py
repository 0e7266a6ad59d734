"""Independent references for salience: finite differences of the target loss."""

import jax
import jax.numpy as jnp
import keras
import numpy as np


def cosine(a, b) -> float:
  a, b = np.ravel(a), np.ravel(b)
  return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def keras_hub_forward(model, ids: np.ndarray, padding_dtype=jnp.int32) -> np.ndarray:
  """KerasHub's own call of `model` (a CausalLM: logits; a backbone: hidden states) on one
  unpadded row, traced into one program (jax.jit) rather than run op by op (a compile per
  op). Returns <float32>[1, len(ids), ...]."""
  forward = jax.jit(lambda ids: model(
      {"token_ids": ids, "padding_mask": jnp.ones(ids.shape, padding_dtype)}))
  return np.asarray(forward(np.asarray(ids)[None]), np.float32)


def finite_difference_salience(engine, ids: np.ndarray, targets: np.ndarray,
                               eps: float | None = None, relative_eps: float = 0.05,
                               only=None):
  """(grad_l2, grad_dot_input) per token from central differences of the summed target loss.

  eps: the step; by default 1e-2, or `relative_eps` of the embeddings' RMS where that is smaller
  (KerasHub initialises Gemma 3n/4's tiny embeddings near 0.03–0.05, where 1e-2 is no
  small step). A fourth-order stencil keeps the truncation error small at that step, so
  float32 round-off stays small too.

  Uses the engine's forward (checked separately against KerasHub's own call) but not its
  gradient code: every embedding coordinate is perturbed in turn. The perturbed copies of
  one token (4 stencil points × (d coordinates + its own direction)) go through the forward
  in one vmapped call, in chunks of CHUNK rows, so a token costs a few calls, not 4·d + 4.
  `only` (default: all) limits the tokens perturbed; the others' scores come back 0.
  """
  n = len(ids)
  state = engine._state()
  scope = lambda: keras.StatelessScope(state_mapping=list(zip(engine._variables, state)))
  padding = np.ones((1, n), np.int32)
  positions, tgt = (targets - 1)[None].astype(np.int32), ids[targets][None]

  def loss(emb):  # <float>[1, n, d] -> scalar
    with scope():
      return jnp.sum(engine._target_nll(emb, ids[None], padding, positions, tgt))

  losses = jax.jit(jax.vmap(loss))  # <float>[rows, 1, n, d] -> <float>[rows]

  with scope():
    emb = np.asarray(engine._embed(ids[None]), np.float32)
  if eps is None:
    eps = min(1e-2, relative_eps * float(np.sqrt(np.mean(emb ** 2))))
  dim = emb.shape[-1]
  stencil = np.array([1.0, -1.0, 2.0, -2.0], np.float32)  # f(+h), f(−h), f(+2h), f(−2h)

  def derivatives(steps):
    """d/dt loss(emb + t·step) at t = 0 for each step <float>[k, 1, n, d]; fourth order."""
    rows = (emb[None] + stencil[:, None, None, None, None] * steps[None]).reshape(
        (-1,) + emb.shape)
    values = np.concatenate([np.asarray(losses(_pad(rows[i:i + CHUNK], CHUNK)))
                             for i in range(0, len(rows), CHUNK)])[:len(rows)]
    f = values.reshape(4, len(steps))
    return (8 * (f[0] - f[1]) - (f[2] - f[3])) / 12

  grad = np.zeros_like(emb)
  grad_dot_input = np.zeros(n, np.float32)
  for j in (range(n) if only is None else only):
    steps = np.zeros((dim + 1,) + emb.shape, np.float32)
    steps[np.arange(dim), 0, j, np.arange(dim)] = eps
    # gradient·input is the derivative along the token's own embedding: one well-scaled
    # difference instead of a sum of d noisy coordinates that nearly cancel.
    steps[dim, 0, j] = 1e-2 * emb[0, j]
    d = derivatives(steps)
    grad[0, j] = d[:dim] / eps
    grad_dot_input[j] = d[dim] / 1e-2
  return np.linalg.norm(grad[0], axis=-1), grad_dot_input


def probe_tokens(n: int, count: int = 6) -> np.ndarray:
  """`count` positions spread evenly over a sequence of `n` tokens, first and last
  included: the tokens a finite-difference check perturbs (each costs 4·(d + 1) forwards),
  so a test pins every part of the sequence without paying for every token."""
  return np.unique(np.linspace(0, n - 1, min(count, n)).round().astype(int))


CHUNK = 128  # Rows per vmapped forward call: one compiled shape per sequence length.


def _pad(rows: np.ndarray, size: int) -> np.ndarray:
  """`rows` padded with copies of its first row to `size` (a fixed compiled shape)."""
  if len(rows) == size:
    return rows
  return np.concatenate([rows, np.repeat(rows[:1], size - len(rows), axis=0)])
