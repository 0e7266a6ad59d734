"""The background warm-up compiles the common shapes before the first click, and lets
waiting requests go first."""

import threading
import time

import numpy as np

from lit_app.models.engine import checkpoint

from lit_app.models import engine as engine_lib


def test_warm_up_compiles_common_shapes(tiny_presets):
  engine = engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma"]), max_length=64)
  engine.warm_up(lengths=(16, 32), max_new_tokens=4, generate_lengths=(8,))
  assert ("salience", 1, 16, 8) in engine._compiled_shapes
  assert ("salience", 1, 32, 16) in engine._compiled_shapes
  assert any(key[0] == "generate" for key in engine._compiled_shapes)
  assert any(key[0] == "mean_hidden" for key in engine._compiled_shapes)


def test_requests_waiting_for_the_engine_are_counted(tiny_presets):
  """The warm-up pauses while `_waiting` > 0; a request blocked on the lock counts."""
  engine = engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma"]), max_length=64)
  ids = engine.encode("Hallo Welt")[0]
  with engine._turn():  # As if a warm-up compile were running.
    request = threading.Thread(target=engine.mean_hidden, args=([ids],))
    request.start()
    deadline = time.monotonic() + 10
    while engine._waiting != 1 and time.monotonic() < deadline:
      time.sleep(0.01)
    assert engine._waiting == 1
  request.join(timeout=60)
  assert not request.is_alive() and engine._waiting == 0
  assert np.isfinite(engine.mean_hidden([ids])).all()
