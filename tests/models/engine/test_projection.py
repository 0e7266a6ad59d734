"""The vocabulary projection (models/engine/projection.py): logits of 2 to 7 rows padded
to 8 are KerasHub's own, in every Gemma generation, eager and compiled, and greedy
generation at batch 3 gives each row what it gets alone."""

import jax
import numpy as np
import pytest

from lit_app.models.engine import families, projection, tiny

# Gemma 3n projects with a method of its text model, not a ReversibleEmbedding: untouched.
VARIANTS = ["gemma", "gemma2", "gemma3", "gemma4", "gemma4_moe"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_padded_rows_give_keras_hub_logits(variant, sp_proto):
  lm = tiny.build_causal_lm(variant, sp_proto, sequence_length=32, seed=4)
  family = families.family_of(lm.backbone)
  rng = np.random.default_rng(0)
  shapes = [(1, 1), (3, 1), (2, 3), (1, 7), (8, 1), (2, 5)]  # 1, 3, 6, 7, 8, 10 rows.
  hidden = [rng.normal(size=s + (family.hidden_size(lm.backbone),)).astype(np.float32)
            for s in shapes]
  before = [np.asarray(family.logits(lm.backbone, h)) for h in hidden]
  assert projection.install(lm) >= 1
  assert projection.install(lm) >= 1  # Idempotent: wrapped once.
  compiled = jax.jit(lambda h: family.logits(lm.backbone, h))
  for h, want in zip(hidden, before):
    np.testing.assert_allclose(np.asarray(family.logits(lm.backbone, h)), want, atol=1e-5)
    np.testing.assert_allclose(np.asarray(compiled(h)), want, atol=1e-5)


def test_generation_at_batch_3_matches_each_row_alone(sp_proto):
  lm = tiny.build_causal_lm("gemma3", sp_proto, sequence_length=32, seed=5)
  projection.install(lm)
  rng = np.random.default_rng(1)
  ids = rng.integers(4, 300, size=(3, 24)).astype(np.int32)
  ids[:, 0] = 2
  padding = np.zeros_like(ids, dtype=bool)
  padding[:, :10] = True
  ids[:, 10:] = 0
  together = np.asarray(lm.generate_step(
      {"token_ids": ids, "padding_mask": padding}, stop_token_ids=None)["token_ids"])
  for b in range(3):
    alone = np.asarray(lm.generate_step(
        {"token_ids": ids[b:b + 1], "padding_mask": padding[b:b + 1]},
        stop_token_ids=None)["token_ids"])
    np.testing.assert_array_equal(together[b], alone[0])


def test_a_changed_keras_hub_call_fails_loudly(sp_proto, monkeypatch):
  lm = tiny.build_causal_lm("gemma", sp_proto, sequence_length=32, seed=4)
  monkeypatch.setattr(projection.ReversibleEmbedding, "call", lambda self, x, mode="x": x)
  with pytest.raises(ValueError, match="projection.py"):
    projection.install(lm)
