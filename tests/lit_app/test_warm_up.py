"""The background warm-up compiles the common shapes before the first click, and lets
waiting requests go first."""

import gc
import logging
import threading
import time

import numpy as np

from lit_app.models.engine import checkpoint, programs

from lit_app.models import engine as engine_lib


def test_warm_up_compiles_common_shapes(tiny_presets):
  engine = engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma"]), max_length=64)
  prompt = engine.encode("Hallo Welt, wie geht es dir heute?")[0]
  engine.warm_up(prompts=[prompt], lengths=(48,), max_new_tokens=4, generate_lengths=(8,))
  compiled = set(engine._programs)
  # The row's own calls compile nothing more: answer, embeddings of prompt and answer,
  # clicks on the answer's first and last token and on the whole answer.
  answer = engine.generate([prompt], 4)[0]
  text = np.concatenate([prompt, answer])
  engine.mean_hidden([prompt])
  engine.mean_hidden([engine.encode(engine.decode(answer))[0]])
  for start, end in ((len(prompt), len(prompt) + 1), (len(text) - 1, len(text)),
                     (len(prompt), len(text))):
    mask = np.zeros(end, bool)
    mask[start:end] = True
    engine.salience([text[:end]], [mask])
  assert set(engine._programs) == compiled
  assert ("salience", 1, 48, 8) in compiled  # Then the common shapes.
  assert ("generate", 1, engine_lib.bucket(8 + 4), engine.stop_ids) in compiled


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


def test_a_refused_compile_ends_the_warm_up_cleanly(tiny_presets, caplog):
  """With no room for one more program the warm-up stops with a warning, raises nothing,
  and the engine answers once there is room again."""
  engine = engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma"]), max_length=64)
  budget = programs.BUDGET
  try:
    budget.limit = 1000  # Below what the process holds: no compile fits.
    with caplog.at_level(logging.WARNING):
      engine.warm_up(lengths=(16,), generate_lengths=())
    assert "warm-up stopped after 0 shapes" in caplog.text
    assert "no free room" in caplog.text and "limit 1,000" in caplog.text
    assert len(engine._programs) == 0
  finally:
    budget.set_limit(None)
  assert np.isfinite(engine.mean_hidden([engine.encode("Hallo Welt")[0]])).all()


def test_the_warm_up_fills_free_room_only_and_never_drops_a_program(tiny_presets, caplog):
  """Where the next warm-up compile would need a program dropped, the warm-up stops instead
  (a program a request compiled stays); a request may still drop one to compile."""
  engine = engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma"]), max_length=64)
  ids = engine.encode("Guten Morgen, wie geht es?")[0]
  budget = programs.BUDGET
  gc.collect()  # Programs of engines earlier tests left go now, not inside the warm-up.
  before = programs.map_count()
  engine.mean_hidden([ids])  # A request's program.
  [held] = list(engine._programs)
  growth = programs.map_count() - before
  reserve = budget.reserve
  try:
    budget.reserve = growth  # One compile's mappings, as this engine's programs need.
    budget.limit = programs.map_count() + growth // 2  # No room for one more.
    dropped = budget.dropped
    with caplog.at_level(logging.WARNING):
      engine.warm_up(lengths=(16,), generate_lengths=())
    assert "warm-up stopped after 1 shapes" in caplog.text
    assert "without dropping compiled programs" in caplog.text
    assert list(engine._programs) == [held] and budget.dropped == dropped
    # A request's compile may drop the least recently used program to fit.
    assert np.isfinite(engine.mean_hidden([np.concatenate([ids] * 3)])).all()
    assert budget.dropped > dropped
  finally:
    budget.set_limit(None)
    budget.reserve = max(budget.reserve, reserve)
