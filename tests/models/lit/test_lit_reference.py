"""Our JAX salience against LIT's own TensorFlow reference wrapper, on a Gemma 1 checkpoint.

LIT's wrapper (lit_nlp.examples.prompt_debugging.keras_lms) needs KERAS_BACKEND=tensorflow,
so it runs in a subprocess.
"""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from lit_app.models.engine import checkpoint

from lit_app.models import engine as engine_lib

from lit_app.models.lit import wrappers
from tests.reference import cosine

SCRIPT = os.path.join(os.path.dirname(__file__), "lit_reference_salience.py")
EXAMPLES = [
    {"prompt": "The quick brown fox", "target": " jumps over the lazy dog."},
    {"prompt": "Summarize the article: cats sleep a lot. Summary:", "target": " cats sleep."},
]


@pytest.mark.subprocess
def test_matches_lit_tensorflow_reference(tiny_presets):
  preset = tiny_presets["gemma"]
  group = wrappers.model_group(
      "m", engine_lib.Engine(checkpoint.load_causal_lm(preset), max_length=128))
  inputs = []
  for ex in EXAMPLES:
    n_prompt = len(list(group["_m_tokenizer"].predict([{"prompt": ex["prompt"]}]))[0]["tokens"])
    n_all = len(list(group["_m_tokenizer"].predict([ex]))[0]["tokens"])
    inputs.append(dict(ex, target_mask=[0] * n_prompt + [1] * (n_all - n_prompt)))
  ours = list(group["_m_salience"].predict(inputs))

  env = dict(os.environ, KERAS_BACKEND="tensorflow", CUDA_VISIBLE_DEVICES="")
  proc = subprocess.run([sys.executable, SCRIPT, preset], input=json.dumps(inputs),
                        capture_output=True, text=True, env=env, timeout=600, check=False)
  assert proc.returncode == 0, proc.stderr[-3000:]
  theirs = json.loads(proc.stdout)

  for o, t in zip(ours, theirs):
    assert o["tokens"] == t["tokens"]
    assert cosine(o["grad_l2"], t["grad_l2"]) >= 0.999
    assert cosine(o["grad_dot_input"], t["grad_dot_input"]) >= 0.999
    np.testing.assert_allclose(o["grad_l2"], t["grad_l2"], rtol=2e-3, atol=1e-5)
