"""Attribution methods as pure functions of a forward closure.

Every method here sees the model only through

  nll_fn(lookup) -> <float32>[batch, k]

the per-target-token −log p of a batch of token-embedding lookups
(<float>[batch, length, hidden]), with token ids, padding, target positions and target ids
fixed inside the closure. How the forward is built (families, attention, adapters) is the
engine's business; these functions only vary the lookup. `weights` (<float32>[batch, k])
marks the real targets (1) among the padded ones (0).

Signs, per method (log P = the summed log-probability of the marked targets):
  integrated_gradients  + : the token raises log P (relative to the zero-embedding baseline)
  occlusion             + : zeroing the token lowers log P (the token supports the target)
  contrastive           gradient of NLL(target) − NLL(foil): − on grad·input means the token
                        favours the target over the foil
Faithfulness: deletion/insertion curves of log P as prompt tokens are removed (zeroed) or
inserted in order of an attribution, and the area between them (ABPC).
"""

import dataclasses
from collections.abc import Callable

import jax
import jax.numpy as jnp
import numpy as np

NllFn = Callable[[jax.Array], jax.Array]

# Integrated gradients: the points are spaced evenly in log t, from IG_T_MIN to 1. Every
# RMSNorm (eps ≈ 1e-6) maps a near-zero input x to ~x/√eps, so each norm between the lookup
# and the loss moves the integrand's structure ~3 decades closer to the baseline: on tiny
# Gemma 2 / 3 the summed log-probability still changes at t ≈ 1e-12 / 1e-17. Uniform or
# polynomial (t = s³) spacing misses those layers (errors of 100%+); log spacing does not.
# Below IG_T_MIN the integrand is flat to float32 precision.
IG_T_MIN = 1e-24
IG_STEPS = 128       # First try; doubled while a row's completeness error is too large,
IG_TOLERANCE = 0.02  # above this relative error (and 1e-3 nats),
IG_MAX_STEPS = 1024  # up to this many points.
# Forwards evaluated together (IG points, occlusion masks): about this many tokens at once.
CHUNK_TOKENS = 16384


@dataclasses.dataclass
class IntegratedGradients:
  """Integrated gradients for one sequence, aligned to its token ids."""
  scores: np.ndarray  # <float32>[num_tokens], + = raises log P(targets); 0 at <bos>
  error: float        # |Σ scores − gain| / |gain|: the completeness error
  gain: float         # log P(targets | e) − log P(targets | baseline)
  steps: int          # Quadrature points used


def _summed(nll_fn: NllFn, weights: jax.Array) -> Callable[[jax.Array], jax.Array]:
  """lookup -> each row's summed target NLL, <float32>[batch]."""
  return lambda lookup: jnp.sum(nll_fn(lookup) * weights, axis=-1)


# --- Integrated gradients ------------------------------------------------------------

def ig_nodes(num_steps: int, t_min: float = IG_T_MIN) -> tuple[np.ndarray, np.ndarray]:
  """Quadrature points t and weights for ∫₀¹ f(t) dt: Gauss–Legendre in u = ln t on
  [ln t_min, 0] (the Jacobian dt = t du is folded into the weights; [0, t_min] is dropped).

  Returns (t, w), <float32>[num_steps] each.
  """
  x, wx = np.polynomial.legendre.leggauss(num_steps)
  half = -np.log(t_min) / 2
  u = (x - 1) * half  # [-1, 1] -> [ln t_min, 0]
  t = np.exp(u)
  return t.astype(np.float32), (wx * half * t).astype(np.float32)


def zero_baseline(lookup: jax.Array) -> jax.Array:
  """The zero embedding everywhere except position 0 (`<bos>` keeps its lookup)."""
  keep = (jnp.arange(lookup.shape[1]) == 0)[None, :, None]  # <bool>[1, length, 1]
  return jnp.where(keep, lookup, jnp.zeros_like(lookup))


def integrated_gradients(nll_fn: NllFn, lookup: jax.Array, baseline: jax.Array,
                         weights: jax.Array, t: jax.Array, w: jax.Array,
                         with_gain: jax.Array):
  """One chunk of integrated gradients: Σ_i w_i Σ_d (e_j − b_j) · ∂ log P / ∂e_j at
  b + t_i (e − b), for the points t and weights w of one chunk of a rule (ig_nodes).

  Summed over chunks that tile the rule this is IG_j = Σ_d (e_j − b_j) · ∫₀¹ ∂ log P / ∂e_j
  dt (it is linear in the points), so one compiled program serves every number of steps
  the caller doubles through; memory grows with the chunk, not with the steps.

  lookup, baseline: <float>[batch, length, hidden]; t, w: <float32>[chunk]; with_gain:
  <bool>[], whether this call also runs the two forwards of the gain (it is the same for
  every chunk and step count, so one call of a request needs it).
  Returns (ig <float32>[batch, length], this chunk's share; gain <float32>[batch]),
  gain = log P(e) − log P(b): what Σ_j IG_j should equal (completeness); zeros when not
  `with_gain`.
  """
  total = _summed(nll_fn, weights)
  log_p = lambda x: -jnp.sum(total(x))  # Rows are independent: one grad gives every row's.
  delta = lookup - baseline

  def grad_at(ti):
    return jax.grad(log_p)(baseline + ti.astype(lookup.dtype) * delta).astype(jnp.float32)

  grads = jax.vmap(grad_at)(t)                             # <float32>[chunk, batch, length, hidden]
  path_grad = jnp.tensordot(w, grads, axes=1)              # <float32>[batch, length, hidden]
  ig = jnp.sum(path_grad * delta.astype(jnp.float32), axis=-1)  # <float32>[batch, length]
  gain = jax.lax.cond(                                          # <float32>[batch]
      with_gain, lambda: (total(baseline) - total(lookup)).astype(jnp.float32),
      lambda: jnp.zeros(lookup.shape[:1], jnp.float32))
  return ig, gain


def completeness_error(ig: np.ndarray, gain: float, floor: float = 1e-6) -> float:
  """|Σ IG − Δ log P| / |Δ log P| for one row."""
  return float(abs(np.sum(ig) - gain) / max(abs(gain), floor))


# --- Occlusion and perturbations -----------------------------------------------------

def masked_nll(nll_fn: NllFn, lookup: jax.Array, weights: jax.Array, keep: jax.Array,
               chunk: int) -> jax.Array:
  """Summed target NLL with the lookup zeroed where `keep` is False.

  keep: <bool>[num_masks, batch, length]. Masks run `chunk` at a time in batched forwards.
  Returns <float32>[num_masks, batch].
  """
  total = _summed(nll_fn, weights)
  one = lambda k: total(jnp.where(k[:, :, None], lookup, jnp.zeros_like(lookup)))
  return jax.lax.map(one, keep, batch_size=chunk)


def occlusion(nll_fn: NllFn, lookup: jax.Array, weights: jax.Array, groups: jax.Array,
              num_groups: int, chunk: int) -> jax.Array:
  """NLL(target | group g zeroed) − NLL(target | e), for each group g.

  groups: <int>[batch, length], each position's group, −1 for never occluded (`<bos>`,
  padding). Returns <float32>[batch, num_groups]; a group a row does not have scores 0.
  """
  keep = groups[None] != jnp.arange(num_groups)[:, None, None]  # <bool>[groups, batch, length]
  occluded = masked_nll(nll_fn, lookup, weights, keep, chunk)   # <float32>[groups, batch]
  return (occluded - _summed(nll_fn, weights)(lookup)[None]).T


# --- Contrastive -----------------------------------------------------------------------

def contrastive(nll_fn: NllFn, lookup: jax.Array, weights: jax.Array,
                prompt_mask: jax.Array, num_pairs: int):
  """Gradient of NLL(target | prompt) − NLL(foil | prompt) over the shared prompt.

  Rows [0, num_pairs) are prompt + target, rows [num_pairs, 2·num_pairs) the same prompt
  tokens + foil (further rows are padding, weight 0). One backward pass of the difference:
  the prompt's gradient is the sum of its two rows' gradients.
  prompt_mask: <float32>[num_pairs, length], 1 on the prompt positions.
  Returns (grad_l2, grad_dot_input), <float32>[num_pairs, length] each, 0 after the prompt.
  """
  n = num_pairs
  sign = jnp.where(jnp.arange(weights.shape[0]) < n, 1.0, -1.0)[:, None]  # <float32>[batch, 1]
  grads = jax.grad(lambda x: jnp.sum(nll_fn(x) * weights * sign))(lookup).astype(jnp.float32)
  grads = (grads[:n] + grads[n:2 * n]) * prompt_mask[:, :, None]  # <float32>[n, length, hidden]
  grad_l2 = jnp.linalg.norm(grads, axis=-1)
  grad_dot_input = jnp.sum(grads * lookup[:n].astype(jnp.float32), axis=-1)
  return grad_l2, grad_dot_input


# --- Faithfulness (numpy: ranking and areas) ---------------------------------------------

FRACTIONS = tuple(np.arange(1, 11) / 10)  # 10%, 20%, ..., 100% of the prompt tokens.


def perturbation_keeps(scores: np.ndarray, candidates: np.ndarray,
                       fractions=FRACTIONS) -> tuple[np.ndarray, np.ndarray]:
  """Deletion and insertion masks for one row, from an attribution ranking.

  scores: <float>[length], higher = more important; candidates: <bool>[length], the
  positions that may be removed (the prompt after `<bos>`). At fraction f the top
  round(f·n) candidates are removed (deletion), or only they are kept among the
  candidates (insertion). Returns (deletion, insertion), <bool>[len(fractions), length]
  (True = keep the lookup).
  """
  positions = np.flatnonzero(candidates)
  order = positions[np.argsort(-np.asarray(scores)[positions], kind="stable")]
  deletion = np.ones((len(fractions), len(scores)), bool)
  insertion = np.ones((len(fractions), len(scores)), bool)
  for i, f in enumerate(fractions):
    top = order[:int(round(f * len(order)))]
    deletion[i, top] = False
    insertion[i, positions] = False
    insertion[i, top] = True
  return deletion, insertion


def abpc(deletion_log_p: np.ndarray, insertion_log_p: np.ndarray) -> float:
  """Area between the perturbation curves: mean over fractions of insertion − deletion.

  Higher = the ranking's top tokens move the answer more.
  """
  return float(np.mean(np.asarray(insertion_log_p) - np.asarray(deletion_log_p)))
