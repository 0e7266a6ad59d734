"""Independent references for salience: finite differences of the target loss."""

import jax
import jax.numpy as jnp
import keras
import numpy as np


def cosine(a, b) -> float:
  a, b = np.ravel(a), np.ravel(b)
  return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def finite_difference_salience(engine, ids: np.ndarray, targets: np.ndarray,
                               eps: float | None = None, relative_eps: float = 0.05,
                               only=None):
  """(grad_l2, grad_dot_input) per token from central differences of the summed target loss.

  eps: the step; by default 1e-2, or `relative_eps` of the embeddings' RMS where that is smaller
  (KerasHub initialises Gemma 3n/4's tiny embeddings near 0.03–0.05, where 1e-2 is no
  small step). A fourth-order stencil keeps the truncation error small at that step, so
  float32 round-off stays small too.

  Uses the engine's forward (checked separately against KerasHub's own call) but not its
  gradient code: every embedding coordinate is perturbed in turn. `only` (default:
  all) limits the tokens perturbed; the others' scores come back 0.
  """
  n = len(ids)
  state = engine._state()
  scope = lambda: keras.StatelessScope(state_mapping=list(zip(engine._variables, state)))
  padding = np.ones((1, n), np.int32)
  positions, tgt = (targets - 1)[None].astype(np.int32), ids[targets][None]

  @jax.jit
  def loss(emb):
    with scope():
      return jnp.sum(engine._target_nll(emb, ids[None], padding, positions, tgt))

  with scope():
    emb = np.asarray(engine._embed(ids[None]), np.float32)
  if eps is None:
    eps = min(1e-2, relative_eps * float(np.sqrt(np.mean(emb ** 2))))
  def derivative(step):  # d/dt loss(emb + t·step) at t = 0, fourth-order stencil.
    return (8 * (loss(emb + step) - loss(emb - step))
            - (loss(emb + 2 * step) - loss(emb - 2 * step))) / 12

  grad = np.zeros_like(emb)
  grad_dot_input = np.zeros(n, np.float32)
  for j in (range(n) if only is None else only):
    for d in range(emb.shape[-1]):
      step = np.zeros_like(emb)
      step[0, j, d] = eps
      grad[0, j, d] = derivative(step) / eps
    # gradient·input is the derivative along the token's own embedding: one well-scaled
    # difference instead of a sum of d noisy coordinates that nearly cancel.
    along = np.zeros_like(emb)
    along[0, j] = 1e-2 * emb[0, j]
    grad_dot_input[j] = derivative(along) / 1e-2
  return np.linalg.norm(grad[0], axis=-1), grad_dot_input
