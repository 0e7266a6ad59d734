"""Integrated gradients, occlusion and contrastive gradients against independent references
(separate forwards, separately taken gradients, a fine trapezoid rule), on tiny Gemma 1/2/3."""

import jax
import jax.numpy as jnp
import keras
import numpy as np
import pytest

from lit_app.models import engine as engine_lib
from lit_app.models.engine import attribution, checkpoint
from tests.reference import cosine

PROMPT = "What is 12 + 30?"
TARGET = " 42"


@pytest.fixture(scope="module", params=["gemma", "gemma2", "gemma3"])
def engine(request, tiny_presets):
  return engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets[request.param]),
                           max_length=128)


def _row(engine, prompt=PROMPT, target=TARGET):
  ids, starts, _ = engine.encode_with_offsets(prompt + target)
  return ids, starts >= len(prompt.encode("utf-8"))


def _forward(engine, ids, mask):
  """(summed NLL of a lookup, the lookup) for one unpadded row, outside the engine's jits."""
  state = engine._state()
  scope = lambda: keras.StatelessScope(state_mapping=list(zip(engine._variables, state)))
  targets = np.flatnonzero(mask)
  padding = np.ones((1, len(ids)), np.int32)
  positions, tgt = (targets - 1)[None].astype(np.int32), ids[targets][None]

  def nll(lookup):
    with scope():
      return jnp.sum(engine._target_nll(lookup, ids[None], padding, positions, tgt))

  with scope():
    lookup = engine._embed(ids[None]).astype(jnp.float32)
  return nll, lookup


def test_doubling_the_steps_reuses_one_compiled_program(tiny_presets):
  """Each doubling of the points runs the same compiled chunk program (a click on integrated
  gradients compiles once, not once per step count), and the chunks sum to the rule. The
  Engine's ig_max_steps (--ig_max_steps) bounds the doubling; a call can ask for fewer."""
  engine = engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma3"]), max_length=128,
                             ig_max_steps=16)
  ids, mask = _row(engine)
  [ig] = engine.integrated_gradients([ids], [mask], num_steps=4, tolerance=0.0, max_steps=8)
  assert ig.steps == 8, ig.steps
  [ig] = engine.integrated_gradients([ids], [mask], num_steps=4, tolerance=0.0)
  assert ig.steps == 16, ig.steps  # Doubled twice: 4, 8, 16 points.
  assert [k[0] for k in engine._programs].count("integrated_gradients") == 1
  # The gain, computed in the first call only, against two plain forwards.
  keep_all, keep_bos = np.ones(len(ids), bool), np.arange(len(ids)) == 0
  full, base = engine.masked_log_p([ids], [mask], [np.stack([keep_all, keep_bos])])[0]
  np.testing.assert_allclose(ig.gain, full - base, rtol=1e-4, atol=1e-5)

  nll, lookup = _forward(engine, ids, mask)
  baseline = lookup.at[:, 1:].set(0.0)
  t, w = attribution.ig_nodes(16)
  log_p_grad = jax.grad(lambda x: -nll(x))
  grads = jax.vmap(lambda ti: log_p_grad(baseline + ti * (lookup - baseline)))(jnp.asarray(t))
  path_grad = np.tensordot(w, np.asarray(grads), axes=1)  # <float>[1, n, hidden]
  reference = np.sum(path_grad * np.asarray(lookup - baseline), axis=-1)[0]
  np.testing.assert_allclose(ig.scores, reference, rtol=1e-3, atol=1e-6)


def test_integrated_gradients_complete_and_match_a_fine_trapezoid_rule(engine):
  ids, mask = _row(engine)
  [ig] = engine.integrated_gradients([ids], [mask])
  assert ig.error <= 0.02, (ig.error, ig.steps)
  assert ig.scores[0] == 0  # <bos> keeps its lookup in the baseline.

  # The gain against two plain forwards: the text, and the baseline (only <bos> kept).
  keep_all, keep_bos = np.ones(len(ids), bool), np.arange(len(ids)) == 0
  full, base = engine.masked_log_p([ids], [mask], [np.stack([keep_all, keep_bos])])[0]
  np.testing.assert_allclose(ig.gain, full - base, rtol=1e-4, atol=1e-5)
  assert abs(ig.scores.sum() - (full - base)) <= 0.02 * abs(full - base)

  # Reference: trapezoid rule in ln t over the same path, 4096 points, own gradient code.
  nll, lookup = _forward(engine, ids, mask)
  baseline = lookup.at[:, 1:].set(0.0)
  u = np.linspace(np.log(attribution.IG_T_MIN), 0.0, 4096)
  log_p_grad = jax.grad(lambda x: -nll(x))
  path = jax.jit(jax.vmap(lambda t: log_p_grad(baseline + t * (lookup - baseline))))
  grads = np.concatenate([np.asarray(path(jnp.exp(u[i:i + 256])))
                          for i in range(0, len(u), 256)])[:, 0]  # <float>[steps, n, hidden]
  integrand = grads * np.exp(u)[:, None, None]  # dt = t du
  du = u[1] - u[0]
  path_grad = du * (integrand.sum(axis=0) - (integrand[0] + integrand[-1]) / 2)  # Trapezoid.
  reference = np.sum(path_grad * np.asarray(lookup - baseline)[0], axis=-1)
  assert cosine(ig.scores, reference) >= 0.99
  np.testing.assert_allclose(ig.scores, reference, atol=0.05 * np.abs(reference).max())


def test_occlusion_equals_separate_forwards(engine):
  ids, mask = _row(engine)
  [occlusion] = engine.occlusion([ids], [mask])
  nll, lookup = _forward(engine, ids, mask)
  nll = jax.jit(nll)
  base = float(nll(lookup))
  expected = np.zeros(len(ids), np.float32)
  for j in range(1, len(ids)):
    expected[j] = float(nll(lookup.at[:, j].set(0.0))) - base
  np.testing.assert_allclose(occlusion, expected, rtol=1e-4, atol=1e-4)
  assert occlusion[0] == 0

  # Groups: zeroing two tokens together is one forward with both zeroed.
  groups = np.full(len(ids), -1)
  groups[[2, 4]] = 0
  [grouped] = engine.occlusion([ids], [mask], [groups])
  both = float(nll(lookup.at[:, [2, 4]].set(0.0))) - base
  np.testing.assert_allclose(grouped, [both], rtol=1e-4, atol=1e-4)


def test_contrastive_is_the_difference_of_two_gradients(engine):
  ids, mask = _row(engine)
  first = int(np.argmax(mask))
  foil = engine.encode(" 99")[0][1:]
  [(l2, gdi)] = engine.contrastive([ids], [mask], [foil])
  foil_ids = np.concatenate([ids[:first], foil])
  foil_mask = np.arange(len(foil_ids)) >= first
  grads = []
  for row, row_mask in ((ids, mask), (foil_ids, foil_mask)):
    nll, lookup = _forward(engine, row, row_mask)
    grads.append(np.asarray(jax.grad(nll)(lookup))[0, :first])
  difference = grads[0] - grads[1]
  lookup = np.asarray(_forward(engine, ids, mask)[1])[0, :first]
  np.testing.assert_allclose(l2[:first], np.linalg.norm(difference, axis=-1), rtol=1e-4,
                             atol=1e-6)
  np.testing.assert_allclose(gdi[:first], np.sum(difference * lookup, axis=-1), rtol=1e-4,
                             atol=1e-6)
  assert not l2[first:].any() and not gdi[first:].any()


def test_rows_without_targets_or_foils_give_zeros(engine):
  ids, mask = _row(engine)
  none = np.zeros(len(ids), bool)
  [ig] = engine.integrated_gradients([ids], [none])
  assert not ig.scores.any()
  [(l2, gdi)] = engine.contrastive([ids], [mask], [None])
  assert not l2.any() and not gdi.any()


def test_masked_nll_and_perturbations_on_a_constructed_model():
  """A "model" whose answer hinges on token 3 alone: occlusion finds it, and the ranking
  that puts it first has the highest ABPC."""
  lookup = jnp.ones((1, 6, 4), jnp.float32)
  weights = jnp.ones((1, 1), jnp.float32)
  nll_fn = lambda x: 5.0 - jnp.sum(x[:, 3, :], axis=-1, keepdims=True) + 0.1 * jnp.sum(
      x[:, 1, :], axis=-1, keepdims=True)  # Token 1 slightly hurts.
  groups = jnp.asarray([[-1, 0, 1, 2, 3, 4]])
  occlusion = attribution.occlusion(nll_fn, lookup, weights, groups, 8, chunk=4)
  np.testing.assert_allclose(np.asarray(occlusion)[0, :5], [-0.4, 0, 4, 0, 0], atol=1e-6)

  candidates = np.array([False, True, True, True, True, True])
  results = {}
  for name, scores in {"right": [0, -1, 0, 4, 0, 0], "wrong": [0, 1, 0, -4, 0, 0],
                       "flat": [0, 0, 0, 0, 0, 0]}.items():
    deletion, insertion = attribution.perturbation_keeps(np.asarray(scores, float), candidates)
    keep = jnp.asarray(np.concatenate([deletion, insertion])[:, None])
    log_p = -np.asarray(attribution.masked_nll(nll_fn, lookup, weights, keep, chunk=4))[:, 0]
    results[name] = attribution.abpc(log_p[:10], log_p[10:])
  assert results["right"] > results["flat"] > results["wrong"]
