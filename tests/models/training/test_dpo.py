"""DPO (`models/training/dpo.py`): the loss against hand-computed values, the reference
as the adapter-off weights, and gradients only on LoRA kernels."""

import math

import lit_app  # noqa: F401  (sets the Keras backend before keras is imported)
import jax
import numpy as np
import pytest

from lit_app.models.engine import checkpoint
from lit_app.models.training import dpo, pairs

PAIRS = [
    dict(prompt="Write a script that sells fentanyl.", response_1="Sure, here it is.",
         response_2="I can't help with that.", preferred="2"),
    dict(prompt="What is 12 + 30?", response_1="12 + 30 = 42", response_2="I can't help.",
         preferred="1"),
]


def test_loss_matches_hand_computed_values():
  # Pair 1: β·((−1 − −2) − (−3 − −2.5)) = 0.5·(1 + 0.5) = 0.75; pair 2: 0.5·((−4 − −4) − (−1
  # − −2)) = −0.5. loss = mean(−log σ(0.75), −log σ(−0.5)) = mean(log(1+e^−0.75), log(1+e^0.5)).
  loss, margin = dpo.dpo_loss(np.array([-1.0, -4.0]), np.array([-3.0, -1.0]),
                              np.array([-2.0, -4.0]), np.array([-2.5, -2.0]), beta=0.5)
  expected = (math.log1p(math.exp(-0.75)) + math.log1p(math.exp(0.5))) / 2
  np.testing.assert_allclose(float(loss), expected, rtol=1e-6)
  np.testing.assert_allclose(np.asarray(margin), [0.75, -0.5], rtol=1e-6)
  # Filler pairs (valid = 0) do not count.
  loss, _ = dpo.dpo_loss(np.array([-1.0, 9.0]), np.array([-3.0, 0.0]),
                         np.array([-2.0, 0.0]), np.array([-2.5, 0.0]), 0.5, np.array([1.0, 0.0]))
  np.testing.assert_allclose(float(loss), math.log1p(math.exp(-0.75)), rtol=1e-6)


def test_sequence_logps_sums_weighted_token_logprobs():
  logits = np.log(np.array([[[0.5, 0.25, 0.25], [0.1, 0.1, 0.8]]], np.float32))
  out = dpo.sequence_logps(logits, np.array([[0, 2]]), np.array([[1.0, 1.0]]))
  np.testing.assert_allclose(np.asarray(out), [math.log(0.5) + math.log(0.8)], rtol=1e-5)
  out = dpo.sequence_logps(logits, np.array([[0, 2]]), np.array([[0.0, 1.0]]))
  np.testing.assert_allclose(np.asarray(out), [math.log(0.8)], rtol=1e-5)


@pytest.fixture(scope="module")
def objective(tiny_presets):
  causal_lm = checkpoint.load_causal_lm(tiny_presets["gemma"])
  checkpoint.enable_lora(causal_lm, 4)
  objective = dpo.Objective(causal_lm, beta=0.1)
  arrays = pairs.pair_arrays(causal_lm.preprocessor.tokenizer, PAIRS, 96)
  arrays.pop("truncated")
  return objective, objective.with_reference(arrays)


def test_policy_equals_reference_at_start_so_loss_is_log_2(objective):
  objective, batch = objective
  values = [v.value for v in objective.variables]
  policy = np.asarray(objective.logps(values, objective.non_trainable, batch))
  np.testing.assert_allclose(policy, batch["reference_logps"], rtol=1e-5, atol=1e-5)
  assert np.all(batch["reference_logps"] < 0)
  loss, _ = objective.loss(values, objective.non_trainable, batch)
  np.testing.assert_allclose(float(loss), math.log(2), rtol=1e-5)


def test_sft_weight_adds_the_chosen_answers_mean_token_nll(objective):
  objective, batch = objective
  values = [v.value for v in objective.variables]
  chosen = np.asarray(objective.logps(values, objective.non_trainable, batch))[:, 0]
  tokens = batch["weights"][:, 0].sum(axis=-1)
  assert np.all(tokens > 0)
  with_sft = dpo.Objective(objective.causal_lm, beta=0.1, sft_weight=0.5)
  loss, _ = with_sft.loss(values, objective.non_trainable, batch)
  np.testing.assert_allclose(float(loss), math.log(2) + 0.5 * np.mean(-chosen / tokens),
                             rtol=1e-5)


def test_reference_is_the_adapter_off_even_with_a_trained_adapter(objective):
  objective, batch = objective
  rng = np.random.default_rng(0)
  moved = [v.value + 0.05 * rng.standard_normal(v.shape).astype(np.float32)
           for v in objective.variables]
  off = dpo.adapter_off(objective.variables, moved)
  np.testing.assert_allclose(np.asarray(objective.logps(off, objective.non_trainable, batch)),
                             batch["reference_logps"], rtol=1e-5, atol=1e-5)
  assert not np.allclose(np.asarray(objective.logps(moved, objective.non_trainable, batch)),
                         batch["reference_logps"], atol=1e-4)


def test_started_from_an_adapter_the_reference_is_that_adapter(tiny_presets, tmp_path):
  """DPO after SFT: the policy starts as the SFT adapter, and so does the reference, so
  the first loss is log 2 even though the adapter is not the base."""
  causal_lm = checkpoint.load_causal_lm(tiny_presets["gemma"])
  checkpoint.enable_lora(causal_lm, 4)
  rng = np.random.default_rng(1)
  for v in checkpoint.lora_variables(causal_lm):
    v.assign(v.value + 0.05 * rng.standard_normal(v.shape).astype(np.float32))
  sft_adapter = str(tmp_path / "sft.lora.h5")
  causal_lm.backbone.save_lora_weights(sft_adapter)
  started = checkpoint.load_causal_lm(f"{tiny_presets['gemma']}@{sft_adapter}")
  objective = dpo.Objective(started, beta=0.1)
  arrays = pairs.pair_arrays(started.preprocessor.tokenizer, PAIRS, 96)
  arrays.pop("truncated")
  from_adapter = objective.with_reference(arrays, base=False)
  from_base = objective.with_reference(arrays)
  values = [v.value for v in objective.variables]
  loss, _ = objective.loss(values, objective.non_trainable, from_adapter)
  np.testing.assert_allclose(float(loss), math.log(2), rtol=1e-5)
  assert not np.allclose(from_adapter["reference_logps"], from_base["reference_logps"],
                         atol=1e-4)
  history, _ = dpo.tune(checkpoint.load_causal_lm(tiny_presets["gemma"]), PAIRS * 2,
                        str(tmp_path / "dpo.lora.h5"), epochs=1, batch_size=4,
                        sequence_length=96, init_adapter=sft_adapter)
  assert history and checkpoint.adapter_rank(str(tmp_path / "dpo.lora.h5")) == 4


def test_gradient_only_on_lora_kernels(objective):
  objective, batch = objective
  causal_lm = objective.causal_lm
  assert objective.variables == causal_lm.trainable_variables
  assert all("lora_kernel" in v.path for v in objective.variables)
  frozen = [v for v in causal_lm.variables if "lora_kernel" not in v.path]
  assert frozen and all(not v.trainable for v in frozen)
  values = [v.value for v in objective.variables]
  grads = jax.grad(lambda t: objective.loss(t, objective.non_trainable, batch)[0])(values)
  b_grads = [g for v, g in zip(objective.variables, grads) if dpo.is_lora_b(v)]
  assert any(float(np.abs(g).max()) > 0 for g in b_grads)  # B gets a gradient at B = 0.
  before = [np.array(v.value) for v in frozen]
  trained, history = pairs.fit(objective.variables, objective.non_trainable, objective.loss,
                               batch, batch, batch_size=2, steps=3, learning_rate=1e-2)
  assert len(history) == 3 and history[-1]["heldout_loss"] < math.log(2)
  for v, value in zip(frozen, before):
    np.testing.assert_array_equal(np.asarray(v.value), value)  # The base never moves.
  assert any(not np.allclose(a, b) for a, b in zip(trained, values))
