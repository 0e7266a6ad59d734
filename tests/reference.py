"""Independent references for salience: finite differences of the target loss."""

import jax
import jax.numpy as jnp
import keras
import numpy as np


def cosine(a, b) -> float:
  a, b = np.ravel(a), np.ravel(b)
  return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def finite_difference_salience(engine, ids: np.ndarray, targets: np.ndarray, eps: float = 1e-2):
  """(grad_l2, grad_dot_input) per token from central differences of the summed target loss.

  Uses the engine's forward (checked separately against KerasHub's own call) but not its
  gradient code: every embedding coordinate is perturbed in turn.
  """
  n = len(ids)
  state = engine._state()
  scope = lambda: keras.StatelessScope(state_mapping=list(zip(engine._variables, state)))
  padding = np.ones((1, n), np.int32)
  positions, tgt = (targets - 1)[None].astype(np.int32), ids[targets][None]

  @jax.jit
  def loss(emb):
    with scope():
      return jnp.sum(engine._target_nll(emb, padding, positions, tgt))

  with scope():
    emb = np.asarray(engine._embed(ids[None]), np.float32)
  grad = np.zeros_like(emb)
  for j in range(n):
    for d in range(emb.shape[-1]):
      step = np.zeros_like(emb)
      step[0, j, d] = eps
      grad[0, j, d] = (loss(emb + step) - loss(emb - step)) / (2 * eps)
  return np.linalg.norm(grad[0], axis=-1), np.sum(grad[0] * emb[0], axis=-1)
