"""The background warm-up compiles the common shapes before the first click."""

from lit_app.models import checkpoint, engine as engine_lib


def test_warm_up_compiles_common_shapes(tiny_presets):
  engine = engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma"]), max_length=64)
  engine.warm_up(lengths=(16, 32), max_new_tokens=4)
  assert ("salience", 1, 16, 8) in engine._compiled_shapes
  assert ("salience", 1, 32, 16) in engine._compiled_shapes
  assert any(key[0] == "generate" for key in engine._compiled_shapes)
  assert any(key[0] == "mean_hidden" for key in engine._compiled_shapes)
