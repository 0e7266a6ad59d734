"""Compiled programs stay within the process's budget of memory mappings: the least
recently used are dropped first, and a compile that cannot fit is refused, not aborted."""

import gc

import numpy as np
import pytest

from lit_app.models import engine as engine_lib
from lit_app.models.engine import checkpoint, programs


def _salience(engine, length):
  ids = np.full(length, engine.bos_id, np.int32)
  mask = np.zeros(length, bool)
  mask[-2:] = True
  return engine.salience([ids], [mask])[0]


def test_least_recently_used_programs_make_room_and_a_full_budget_refuses(tiny_presets):
  engine = engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma3"]), max_length=64)
  budget = programs.Budget(limit=10**9)
  engine._programs = programs.Programs(budget)
  first = _salience(engine, 16)
  assert ("salience", 1, 16, 8) in engine._programs and budget.reserve > 0

  # Room for one more compile only once the first program is dropped (half a program's
  # mappings of margin: other allocations come and go meanwhile).
  gc.collect()
  budget.limit = programs.map_count() + budget.reserve // 2
  _salience(engine, 32)
  assert list(engine._programs) == [("salience", 1, 32, 8)] and budget.dropped == 1

  # Below what the process already holds: every program is dropped, then the compile is
  # refused with a one-line reason, and the engine is still usable afterwards.
  budget.limit = 1000
  with pytest.raises(programs.CompileRefused, match="cannot compile more programs"):
    _salience(engine, 48)
  assert len(engine._programs) == 0
  budget.limit = 10**9
  np.testing.assert_allclose(_salience(engine, 16).grad_l2, first.grad_l2, rtol=1e-5)
  assert "memory mappings" in budget.describe()
