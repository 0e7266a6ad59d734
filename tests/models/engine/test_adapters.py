"""Tuned checkpoints as LoRA adapters sharing one base's weights."""

import keras
import numpy as np
import pytest

from lit_app import fields
from lit_app.models.engine import checkpoint
from lit_app.models import engine as engine_lib
from lit_app.models.lit import wrappers

TEXT = "The quick brown fox jumps over the lazy dog."


def make_adapter(preset: str, path: str, rank: int, seed: int) -> str:
  """A LoRA adapter with random (non-zero) kernels, saved as KerasHub does."""
  causal_lm = checkpoint.load_causal_lm(preset)
  checkpoint.enable_lora(causal_lm, rank)
  rng = np.random.default_rng(seed)
  for v in checkpoint.lora_variables(causal_lm):
    v.assign(rng.normal(0, 0.3, v.shape).astype("float32"))
  causal_lm.backbone.save_lora_weights(path)
  return path


@pytest.fixture(scope="module")
def adapters(tiny_presets, tmp_path_factory):
  root = tmp_path_factory.mktemp("adapters")
  base = tiny_presets["gemma2"]
  return base, [make_adapter(base, str(root / f"a{i}.lora.h5"), rank=2, seed=i) for i in range(3)]


@pytest.fixture(scope="module")
def shared(adapters):
  base, paths = adapters
  specs = [checkpoint.CheckpointSpec(base)] + [checkpoint.CheckpointSpec(base, p) for p in paths]
  return specs, checkpoint.load_shared(specs)


def test_one_base_is_loaded_for_all_adapters(shared):
  specs, loaded = shared
  assert len({id(loaded[s]) for s in specs}) == 1
  base = loaded[specs[0]]
  base_bytes = sum(v.value.nbytes for v in base.causal_lm.backbone.variables
                   if "lora_kernel" not in v.path)
  resident = sum(v.value.nbytes for v in base.causal_lm.backbone.variables) + sum(
      a.nbytes for kernels in base.adapters.values() for a in kernels)
  # Base + 3 adapters hold the base weights once plus small LoRA kernels.
  assert resident <= 1.25 * base_bytes


def test_each_adapter_equals_its_merged_checkpoint(shared):
  specs, loaded = shared
  engine = engine_lib.Engine(loaded[specs[0]].causal_lm, 128, loaded[specs[0]].adapters)
  ids, _ = engine.encode(TEXT)
  mask = np.zeros(len(ids))
  mask[-4:] = 1
  results = {}
  for spec in specs:  # Interleave adapters to exercise switching.
    results[spec] = (engine.salience([ids], [mask], spec.adapter)[0],
                     engine.generate([ids[:5]], 6, spec.adapter)[0],
                     engine.mean_hidden([ids], spec.adapter)[0])
  for spec in reversed(specs):
    alone = engine_lib.Engine(checkpoint.load_causal_lm(spec), 128)
    expected_salience = alone.salience([ids], [mask])[0]
    np.testing.assert_allclose(results[spec][0].grad_l2, expected_salience.grad_l2,
                               rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(results[spec][0].token_loss, expected_salience.token_loss,
                               rtol=1e-4, atol=1e-5)
    np.testing.assert_array_equal(results[spec][1], alone.generate([ids[:5]], 6)[0])
    np.testing.assert_allclose(results[spec][2], alone.mean_hidden([ids])[0],
                               rtol=1e-4, atol=1e-5)
  # The adapters really change the model.
  assert not np.allclose(results[specs[0]][0].grad_l2, results[specs[1]][0].grad_l2)
  assert not np.allclose(results[specs[0]][2], results[specs[1]][2])


def test_salience_difference_against_base(shared):
  specs, loaded = shared
  engine = engine_lib.Engine(loaded[specs[0]].causal_lm, 128, loaded[specs[0]].adapters)
  group = wrappers.model_group("t", engine, adapter=specs[1].adapter)
  base_group = wrappers.model_group("b", engine)
  assert fields.GRAD_L2_UP_VS_BASE in group["_t_salience"].output_spec()
  assert fields.GRAD_L2_UP_VS_BASE not in base_group["_b_salience"].output_spec()

  n = len(list(group["_t_tokenizer"].predict([{"prompt": TEXT}]))[0]["tokens"])
  example = {"prompt": TEXT, "target_mask": [0] * (n - 3) + [1] * 3}
  assert fields.GRAD_L2_UP_VS_BASE not in list(group["_t_salience"].predict([example]))[0]
  tuned = list(group["_t_salience"].for_fields([fields.GRAD_L2_UP_VS_BASE]).predict([example]))[0]
  base = list(base_group["_b_salience"].predict([example]))[0]
  change = (tuned["grad_l2"] / tuned["grad_l2"].sum()) - (base["grad_l2"] / base["grad_l2"].sum())
  np.testing.assert_allclose(tuned[fields.GRAD_L2_UP_VS_BASE] - tuned[fields.GRAD_L2_DOWN_VS_BASE],
                             change, atol=1e-6)
  assert (tuned[fields.GRAD_L2_UP_VS_BASE] >= 0).all() and (tuned[fields.GRAD_L2_DOWN_VS_BASE] >= 0).all()


def test_adapters_of_different_rank_get_their_own_base(adapters, tmp_path):
  base, paths = adapters
  other = make_adapter(base, str(tmp_path / "r4.lora.h5"), rank=4, seed=9)
  specs = [checkpoint.CheckpointSpec(base, paths[0]), checkpoint.CheckpointSpec(base, other)]
  loaded = checkpoint.load_shared(specs)
  assert loaded[specs[0]] is not loaded[specs[1]]


def test_bad_specs_name_the_path(tmp_path):
  with pytest.raises(FileNotFoundError, match="nowhere"):
    checkpoint.load_causal_lm(str(tmp_path / "nowhere"))
  with pytest.raises(ValueError, match="lora.h5"):
    checkpoint.CheckpointSpec.parse("base@adapter.bin")
  assert checkpoint.content_hash(checkpoint.CheckpointSpec("gemma2_2b_en")) != \
      checkpoint.content_hash(checkpoint.CheckpointSpec("gemma2_9b_en"))
