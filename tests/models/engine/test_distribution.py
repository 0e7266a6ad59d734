"""Model-parallel serving: the mesh and layouts, and sharded results equal to one device.

The sharded side runs in a subprocess with 4 forced CPU host devices (XLA_FLAGS must be
set before JAX starts) as a 2 x 2 mesh: weights split over the `model` axis of 2 and, as in
KerasHub's layout, over the `batch` axis of 2, which also splits batches that it divides.
It runs `compute` below, as this test does in-process on one device.

  python -m tests.models.engine.test_distribution PRESET_DIR...   # prints the sharded results as JSON
"""

import json
import os
import subprocess
import sys

import lit_app  # noqa: F401  (sets the Keras backend)
import keras
import keras_hub
import numpy as np
import pytest

from lit_app.models.engine import checkpoint

from lit_app.models.engine import distribution

from lit_app.models import engine as engine_lib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
DEVICES = 4
# (model_parallel, what it tests) on DEVICES devices. One mesh: each costs two compiles.
MESHES = ((2, "2 x 2 mesh"),)
TEXTS = [("The quick brown fox", " jumps over the lazy dog."),
         ("Hallo Welt, schöne Grüße", " aus München!"),
         ("Summarize the article: cats sleep a lot. Summary:", " cats sleep.")]


def compute(preset: str) -> dict:
  """Salience of 3 rows (a batch of 4 with its filler row) and greedy ids of 1 row (a batch
  of 1, which a batch axis of 2 does not divide), with the current distribution."""
  engine = engine_lib.Engine(checkpoint.load_causal_lm(preset), max_length=64)
  ids, masks = [], []
  for prompt, target in TEXTS:
    n_prompt = len(engine.encode(prompt)[0])
    row = engine.encode(prompt + target)[0]
    ids.append(row)
    masks.append(np.arange(len(row)) >= n_prompt)
  scores = engine.salience(ids, masks)
  [new_ids] = engine.generate(ids[:1], max_new_tokens=6)
  return {"grad_l2": [s.grad_l2.tolist() for s in scores],
          "grad_dot_input": [s.grad_dot_input.tolist() for s in scores],
          "generated": new_ids.tolist(),
          "describe": distribution.describe(engine.causal_lm)}


def main(presets: list[str]):
  """The subprocess side: each preset on each mesh of MESHES in turn, results as one JSON
  object {preset: {model_parallel: results}}."""
  import jax
  assert len(jax.devices()) == DEVICES, jax.devices()
  results = {}
  for preset in presets:
    results[preset] = {}
    for model_parallel, _ in MESHES:
      distribution.configure(model_parallel, [preset])
      results[preset][model_parallel] = compute(preset)
      # Token arrays placed on the mesh: split where the batch divides, else replicated.
      odd, even = distribution.place_batch(np.zeros((1, 16), np.int32),
                                           np.zeros((4, 16), np.int32))
      results[preset][model_parallel]["placed"] = [
          len({str(s.index) for s in a.addressable_shards}) for a in (odd, even)]
    distribution.configure(None)
  print("RESULTS " + json.dumps(results))


@pytest.fixture(autouse=True)
def _no_distribution():
  yield
  keras.distribution.set_distribution(None)


def test_mesh_shape():
  assert distribution.mesh_shape(2, 8) == (4, 2)
  assert distribution.mesh_shape(8, 8) == (1, 8)
  with pytest.raises(ValueError, match="--model_parallel=3 does not divide the 8"):
    distribution.mesh_shape(3, 8)
  with pytest.raises(ValueError, match="positive integer"):
    distribution.mesh_shape(0, 8)


def test_fit_axes_drops_axes_that_do_not_divide():
  sizes = {"batch": 2, "model": 4}
  # One KV head (Gemma 2B) cannot be split over 4 devices; its hidden dim can.
  assert distribution.fit_axes(("model", "batch", None), (1, 2048, 256), sizes) == (
      None, "batch", None)
  assert distribution.fit_axes(("model", "batch"), (256128, 2048), sizes) == ("model", "batch")
  assert distribution.fit_axes(("model", "batch"), (322, 3), sizes) == (None, None)


def test_gemma3_gets_gemma_layout(tiny_presets):
  assert checkpoint.backbone_class(tiny_presets["gemma3"]) is keras_hub.models.Gemma3Backbone
  mesh = keras.distribution.DeviceMesh((1, 1), ("batch", "model"))
  gemma3 = distribution.layout_map(mesh, [tiny_presets["gemma3"]])
  gemma = distribution.layout_map(mesh, [keras_hub.models.GemmaBackbone])
  assert {k: gemma3[k].axes for k in gemma3} == {k: gemma[k].axes for k in gemma}
  assert gemma3["decoder_block_3/attention/query/kernel"].axes == ("model", "batch", None)
  assert gemma3["decoder_block_3/attention/query_norm/scale"] is None  # Replicated.


def test_configure(tiny_presets):
  assert distribution.configure(None) is None
  assert distribution.describe().startswith("one device")
  with pytest.raises(ValueError, match="does not divide the 1 available"):
    distribution.configure(2, [tiny_presets["gemma"]])
  assert distribution.configure(1, [tiny_presets["gemma"]]) is not None
  assert distribution.describe().startswith("model_parallel=1 x data_parallel=1 over 1")


SHARDED_VARIANTS = ["gemma3", "gemma4_moe", "gemma3n"]


@pytest.fixture(scope="module")
def sharded(tiny_presets):
  """The subprocess computing every variant on the mesh, started once; the tests compute
  their one-device side in this process while it runs, then read its results."""
  presets = [tiny_presets[v] for v in SHARDED_VARIANTS]
  env = dict(os.environ, JAX_PLATFORMS="cpu", PYTHONPATH=ROOT, XLA_FLAGS=" ".join(
      [os.environ.get("XLA_FLAGS", ""), f"--xla_force_host_platform_device_count={DEVICES}"]))
  process = subprocess.Popen(
      [sys.executable, "-m", "tests.models.engine.test_distribution", *presets], cwd=ROOT,
      env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
  outcome = {}

  def results() -> dict:
    if not outcome:
      out, err = process.communicate(timeout=600)
      assert process.returncode == 0, err[-3000:]
      outcome.update(json.loads(out.split("RESULTS ", 1)[1]))
    return outcome

  yield results
  if process.poll() is None:
    process.kill()
    process.wait()


@pytest.mark.subprocess
@pytest.mark.parametrize("variant", SHARDED_VARIANTS)
def test_sharded_equals_one_device(tiny_presets, sharded, variant):
  """Families whose layout is ours, not KerasHub's (Gemma 4's expert bank split by expert)."""
  preset = tiny_presets[variant]
  expected = compute(preset)  # One device, in this process, while the subprocess runs.
  results = sharded()[preset]

  for model_parallel, what in MESHES:
    got = results[str(model_parallel)]
    assert got["describe"].startswith(
        f"model_parallel={model_parallel} x data_parallel={DEVICES // model_parallel} over "
        f"{DEVICES} cpu devices"), what
    assert got["generated"] == expected["generated"], what
    for key in ("grad_l2", "grad_dot_input"):
      for row, (g, e) in enumerate(zip(got[key], expected[key])):
        np.testing.assert_allclose(g, e, rtol=1e-4, atol=1e-5, err_msg=f"{what}: {key} {row}")
    assert got["placed"] == [1, DEVICES // model_parallel], what


if __name__ == "__main__":
  main(sys.argv[1:])
