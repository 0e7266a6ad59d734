"""The server's --model_parallel flag: a bad value fails naming it; a good one shards the
weights as they load.

The sharded side runs in a subprocess with 2 forced CPU host devices (XLA_FLAGS must be
set before JAX starts); tests/models/engine/test_distribution.py checks sharded results.

  python -m tests.lit_app.test_model_parallel PRESET_DIR   # prints bytes per device as JSON
"""

import json
import os
import subprocess
import sys

import pytest
from absl import app, flags
from absl.testing import flagsaver

from lit_app import model_specs, server

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEVICES = 2


def main(preset: str):
  """The subprocess side: the server's models on a mesh of 1 x DEVICES."""
  import jax
  from absl import logging
  logging.set_verbosity(logging.INFO)
  assert len(jax.devices()) == DEVICES, jax.devices()
  models, _ = model_specs.build_models([f"m:{preset}"], 64, 4, 2, "float32",
                                  model_parallel=DEVICES)
  variables = models["m"].engine.causal_lm.backbone.variables
  on_device = {str(d): sum(s.data.nbytes for v in variables for s in v.value.addressable_shards
                           if s.device == d) for d in jax.devices()}
  print("RESULTS " + json.dumps({"total": sum(v.value.nbytes for v in variables),
                                 "on_device": on_device}))


def test_model_parallel_that_does_not_divide_the_devices_is_a_usage_error(tiny_presets):
  with pytest.raises(app.UsageError, match=r"--model_parallel=3 does not divide the 1 "
                     r"available device\(s\)"):
    model_specs.build_models([f"m:{tiny_presets['gemma']}"], 64, 4, 2, "float32", model_parallel=3)
  with flagsaver.flagsaver():  # The flag reaches it.
    flags.FLAGS(["lit_app", f"--models=m:{tiny_presets['gemma']}", "--model_parallel=3",
                 "--server_type=external"])
    with pytest.raises(app.UsageError, match="--model_parallel=3 does not divide"):
      server.create_app()
  with flagsaver.flagsaver():
    with pytest.raises(flags.IllegalFlagValueError, match="model_parallel"):
      flags.FLAGS(["lit_app", "--model_parallel=0"])


@pytest.mark.subprocess
def test_model_parallel_shards_the_weights_as_they_load(tiny_presets):
  env = dict(os.environ, XLA_FLAGS=f"--xla_force_host_platform_device_count={DEVICES}",
             JAX_PLATFORMS="cpu", PYTHONPATH=ROOT)
  done = subprocess.run(
      [sys.executable, "-m", "tests.lit_app.test_model_parallel", tiny_presets["gemma2"]],
      cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
  assert done.returncode == 0, done.stderr[-3000:]
  results = json.loads(done.stdout.split("RESULTS ", 1)[1])
  # The embedding and the attention and MLP kernels are split; norm scales are replicated.
  assert len(results["on_device"]) == DEVICES
  for on_device in results["on_device"].values():
    assert on_device < 0.6 * results["total"]
  assert f"model_parallel={DEVICES} x data_parallel=1 over {DEVICES} cpu devices" in done.stderr


if __name__ == "__main__":
  main(sys.argv[1])
