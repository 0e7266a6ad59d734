"""Gemma 3n, Gemma 4 (dense with per-layer inputs, KV sharing and partial RoPE; MoE) and
checkpoints that carry a vision encoder (Gemma 3, Gemma 4): the engine's numbers against
finite differences and KerasHub's own forward and `generate()`, adapters as state, and
deterministic loading. Gemma 1, 2 and 3 text checkpoints are covered by test_engine.py.
"""

import json
import os
import subprocess
import sys

import jax
import jax.numpy as jnp
import keras
import keras_hub
import numpy as np
import pytest

from lit_app.models import engine as engine_lib
from lit_app.models.engine import checkpoint, families
from tests import reference
from tests.models.engine.test_adapters import make_adapter
from tests.reference import cosine

NEW_VARIANTS = ["gemma4", "gemma4_moe", "gemma3n", "gemma3_vision", "gemma4_vision"]
TEXT = "Hallo Welt, schöne Grüße! The quick brown fox"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


@pytest.fixture(scope="module", params=NEW_VARIANTS)
def engine(request, tiny_presets):
  return engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets[request.param]), max_length=128)


def _mask(n, targets):
  mask = np.zeros(n)
  mask[targets] = 1
  return mask


def test_each_variant_loads_as_its_family(tiny_presets):
  expected = {"gemma4": "Gemma4CausalLM", "gemma4_moe": "Gemma4CausalLM",
              "gemma3n": "Gemma3nCausalLM", "gemma3_vision": "Gemma3CausalLM",
              "gemma4_vision": "Gemma4CausalLM"}
  for variant, cls in expected.items():
    lm = checkpoint.load_causal_lm(tiny_presets[variant])
    assert type(lm).__name__ == cls
  vision = checkpoint.load_causal_lm(tiny_presets["gemma4_vision"]).backbone
  assert vision.vision_encoder is not None  # Never refused.
  dense = checkpoint.load_causal_lm(tiny_presets["gemma4"]).backbone
  # The tiny dense Gemma 4 has the E2B/E4B parts the text path must handle.
  assert dense.hidden_size_per_layer_input and dense.num_kv_shared_layers
  assert dense.global_rope_partial_rotary_factor < 1 and dense.num_global_key_value_heads
  assert checkpoint.load_causal_lm(tiny_presets["gemma4_moe"]).backbone.enable_moe_block


def test_salience_matches_finite_differences(engine):
  ids, _ = engine.encode(TEXT)
  n = len(ids)
  targets = np.arange(n - 4, n)
  [s] = engine.salience([ids], [_mask(n, targets)])
  # Gemma 4 normalizes q, k and v: on tiny embeddings (RMS 0.05) its loss curves sharply,
  # so its differences need the smaller step.
  relative_eps = 0.01 if engine.family.name == "gemma4" else 0.05
  probe = reference.probe_tokens(n)
  fd_l2, fd_gdi = reference.finite_difference_salience(engine, ids, targets,
                                                       relative_eps=relative_eps, only=probe)
  assert cosine(s.grad_l2[probe], fd_l2[probe]) >= 0.999
  assert cosine(s.grad_dot_input[probe], fd_gdi[probe]) >= 0.999
  assert s.grad_l2[n - 2] > 0 and s.grad_l2[n - 1] == 0


def _keras_hub_logits(engine, ids):
  """Logits from KerasHub's own forward: the backbone's functional graph (text-only
  checkpoints), or the CausalLM's cache-building forward (vision-carrying ones, whose
  functional graph needs image inputs) — neither is our text path. Traced into one
  program (jax.jit), not run op by op (a compile per op: ~200 on Gemma 4 MoE)."""
  return jax.jit(lambda ids: _keras_hub_forward(engine, ids))(ids)


def _keras_hub_forward(engine, ids):
  lm, n = engine.causal_lm, len(ids)
  padding = jnp.ones((1, n), jnp.int32)
  if engine.family.name == "gemma3n":
    hidden = engine.backbone({"token_ids": ids[None], "padding_mask": padding.astype(bool)})
    return lm.backbone.language_model.token_embedding(hidden, reverse=True)
  if getattr(engine.backbone, "vision_encoder", None) is None:
    inputs = {"token_ids": ids[None], "padding_mask": padding}
    if engine.family.name == "gemma4":
      inputs["position_ids"] = jnp.arange(n, dtype=jnp.int32)[None]
    return engine.backbone.token_embedding(engine.backbone(inputs), reverse=True)
  hidden, _ = lm._build_cache(ids[None], None, None, padding, None)
  return engine.backbone.token_embedding(hidden, reverse=True)


def test_target_loss_matches_keras_hub_forward(engine):
  ids, _ = engine.encode(TEXT)
  n = len(ids)
  targets = np.arange(2, n)
  [s] = engine.salience([ids], [_mask(n, targets)])
  logp = jax.nn.log_softmax(np.asarray(_keras_hub_logits(engine, ids), np.float32)[0], axis=-1)
  expected = -np.asarray(logp)[targets - 1, ids[targets]]
  np.testing.assert_allclose(s.token_loss[targets], expected, rtol=1e-4, atol=1e-4)


def _is_greedy_by_forward(engine, prompt, generated, new) -> bool:
  """Whether `generated` is what greedy decoding of up to `new` tokens with KerasHub's
  uncached forward gives.

  One forward over prompt + generated holds the next-token logits of every prefix (the
  model is causal): each generated token must be the argmax after its prefix, and the
  token after the last one a stop token when decoding stopped early."""
  ids = np.concatenate([prompt, generated]).astype(np.int32)
  logits = np.asarray(_keras_hub_logits(engine, ids))[0]
  picks = np.argmax(logits[len(prompt) - 1:], axis=-1)
  ok = np.array_equal(picks[:len(generated)], generated)
  return ok and (len(generated) == new or int(picks[-1]) in engine.stop_ids)


def test_greedy_generation_equals_keras_hub_generate(engine):
  """Our generation (weights as arguments, bucketed) against `CausalLM.generate()` on
  token arrays, both greedy and stopping on the family's stop tokens. (KerasHub's
  `generate()` fails on a vision-carrying Gemma 3 given no image; there the reference is
  its uncached forward over the prompt and our answer.)"""
  prompt, _ = engine.encode(engine.family.chat.user_turn("Hallo Welt"))
  new = 10
  [ours] = engine.generate([prompt], new)
  if engine.family.name == "gemma3" and engine.backbone.vision_encoder is not None:
    assert _is_greedy_by_forward(engine, prompt, ours, new), ours
    return
  lm = engine.causal_lm
  preprocessor, lm.preprocessor = lm.preprocessor, None
  try:
    lm.compile(sampler="greedy")
    width = len(prompt) + new
    token_ids = np.zeros((1, width), np.int32)
    token_ids[0, :len(prompt)] = prompt
    padding = np.zeros((1, width), bool)
    padding[0, :len(prompt)] = True
    out = lm.generate({"token_ids": token_ids, "padding_mask": padding},
                      stop_token_ids=engine.stop_ids)
  finally:
    lm.preprocessor = preprocessor
  theirs = np.asarray(out["token_ids"])[0, len(prompt):]
  stops = np.flatnonzero(np.isin(theirs, engine.stop_ids + (engine.pad_id,)))
  theirs = theirs[:stops[0]] if stops.size else theirs
  np.testing.assert_array_equal(ours, theirs)


def test_mean_hidden_ignores_padding(engine):
  short, _ = engine.encode("Guten Morgen")
  [alone] = engine.mean_hidden([short])
  together = engine.mean_hidden([engine.encode(TEXT + " " + TEXT)[0], short])
  assert together.shape == (2, engine.hidden_size)
  np.testing.assert_allclose(together[1], alone, rtol=1e-4, atol=1e-5)


def test_chat_markup_and_stop_token(tiny_presets):
  gemma4 = engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma4"]), 64)
  assert gemma4.family.chat.user_turn("Hi") == "<|turn>user\nHi<turn|>\n<|turn>model\n"
  assert gemma4.sp.piece_to_id("<turn|>") in gemma4.stop_ids
  gemma3n = engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma3n"]), 64)
  assert gemma3n.family.chat.user_turn("Hi") == (
      "<start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\n")
  assert gemma3n.sp.piece_to_id("<end_of_turn>") in gemma3n.stop_ids


@pytest.mark.parametrize("variant", ["gemma4", "gemma3n", "gemma4_vision"])
def test_adapter_equals_its_merged_checkpoint(tiny_presets, tmp_path, variant):
  """An adapter passed as state (shared base) equals the checkpoint with its LoRA kernels
  loaded into the variables, and LoRA lands on the text decoder only."""
  base = tiny_presets[variant]
  path = make_adapter(base, str(tmp_path / "a.lora.h5"), rank=2, seed=3)
  spec = checkpoint.CheckpointSpec(base, path)
  shared = checkpoint.load_shared([checkpoint.CheckpointSpec(base), spec])[spec]
  lora = checkpoint.lora_variables(shared.causal_lm)
  assert lora and not any("vision" in v.path for v in lora)
  engine = engine_lib.Engine(shared.causal_lm, 128, shared.adapters)
  alone = engine_lib.Engine(checkpoint.load_causal_lm(spec), 128)
  ids, _ = engine.encode(TEXT)
  mask = _mask(len(ids), np.arange(len(ids) - 3, len(ids)))
  tuned = engine.salience([ids], [mask], path)[0]
  np.testing.assert_allclose(tuned.grad_l2, alone.salience([ids], [mask])[0].grad_l2,
                             rtol=1e-4, atol=1e-6)
  assert not np.allclose(tuned.grad_l2, engine.salience([ids], [mask])[0].grad_l2)
  np.testing.assert_array_equal(engine.generate([ids[:6]], 6, path)[0],
                                alone.generate([ids[:6]], 6)[0])


def test_unknown_backbone_is_named():
  with pytest.raises(ValueError, match="unsupported backbone .*Gemma4Backbone"):
    families.family_of(keras_hub.models.Backbone)


@pytest.mark.subprocess
def test_gemma4_loads_the_same_class_under_any_hash_seed(tiny_presets):
  """KerasHub's generic `CausalLM.from_preset` picks Gemma4AssistantCausalLM with
  PYTHONHASHSEED=0; our loader reads the family's class (under seed 0 in a subprocess,
  and under this process's random seed in test_each_variant_loads_as_its_family)."""
  code = ("import lit_app; from lit_app.models.engine import checkpoint; "
          f"print('CLASS', type(checkpoint.load_causal_lm({tiny_presets['gemma4']!r})).__name__)")
  for seed in ("0",):
    env = dict(os.environ, PYTHONHASHSEED=seed, JAX_PLATFORMS="cpu")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "CLASS Gemma4CausalLM" in out.stdout, seed
