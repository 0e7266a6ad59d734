"""The engine's numbers: finite differences, and KerasHub's own forward as reference."""

import jax
import numpy as np
import pytest

from lit_app.models.engine import checkpoint

from lit_app.models import engine as engine_lib
from tests import reference
from tests.reference import cosine

TEXT = "Hallo Welt, schöne Grüße! The quick brown fox jumps over the lazy dog."


@pytest.fixture(scope="module", params=["gemma", "gemma2", "gemma3"])
def engine(request, tiny_presets):
  causal_lm = checkpoint.load_causal_lm(tiny_presets[request.param])
  return engine_lib.Engine(causal_lm, max_length=128)


def _target_mask(n, targets):
  mask = np.zeros(n)
  mask[targets] = 1
  return mask


def test_bucket_reuses_shapes():
  assert [engine_lib.bucket(n) for n in (1, 16, 17, 64, 65, 513, 1024, 1025)] == [
      16, 16, 32, 64, 80, 640, 1024, 1280]
  assert all(engine_lib.bucket(n) >= n for n in range(1, 5000, 7))
  assert all(engine_lib.bucket(n) <= 1.25 * n for n in range(64, 5000, 7))


def test_salience_matches_finite_differences(engine):
  ids, _ = engine.encode(TEXT)
  n = len(ids)
  targets = np.arange(n - 5, n)
  [s] = engine.salience([ids], [_target_mask(n, targets)])

  probe = reference.probe_tokens(n)
  fd_l2, fd_gdi = reference.finite_difference_salience(engine, ids, targets, only=probe)
  assert cosine(s.grad_l2[probe], fd_l2[probe]) >= 0.999
  assert cosine(s.grad_dot_input[probe], fd_gdi[probe]) >= 0.999
  # The last target's own embedding only feeds later predictions, so its gradient is 0.
  # (Sliding-window layers may also leave distant tokens at 0.)
  assert s.grad_l2[n - 2] > 0 and s.grad_l2[n - 1] == 0


def test_target_loss_matches_keras_hub_forward(engine):
  """Our differentiable forward gives the same token losses as KerasHub's own call."""
  ids, _ = engine.encode(TEXT)
  n = len(ids)
  targets = np.arange(3, n)
  [s] = engine.salience([ids], [_target_mask(n, targets)])
  logits = reference.keras_hub_forward(engine.causal_lm, ids)
  logp = jax.nn.log_softmax(logits[0], axis=-1)
  expected = -np.asarray(logp)[targets - 1, ids[targets]]
  np.testing.assert_allclose(s.token_loss[targets], expected, rtol=1e-4, atol=1e-4)


def test_batch_rows_are_independent(engine):
  """A row's scores do not depend on what it is batched with or on padding."""
  a, _ = engine.encode(TEXT)
  b, _ = engine.encode("Guten Morgen")
  ma, mb = _target_mask(len(a), [len(a) - 1]), _target_mask(len(b), [len(b) - 1])
  alone = engine.salience([a], [ma])[0]
  together = engine.salience([b, a], [mb, ma])[1]
  np.testing.assert_allclose(together.grad_l2, alone.grad_l2, rtol=1e-4, atol=1e-6)


def test_bos_is_never_a_target_and_empty_mask_gives_zeros(engine):
  ids, _ = engine.encode(TEXT)
  [only_bos] = engine.salience([ids], [_target_mask(len(ids), [0])])
  assert not only_bos.grad_l2.any() and not only_bos.token_loss.any()


def test_mask_of_wrong_length_is_rejected(engine):
  ids, _ = engine.encode(TEXT)
  with pytest.raises(ValueError, match="target_mask"):
    engine.salience([ids], [np.ones(len(ids) + 1)])


def test_generate_continues_prompt_deterministically(engine):
  ids, _ = engine.encode("Guten")
  first = engine.generate([ids], max_new_tokens=6)
  again = engine.generate([ids, ids[:2]], max_new_tokens=6)
  assert 0 < len(first[0]) <= 6
  np.testing.assert_array_equal(first[0], again[0])


def test_left_truncation_keeps_bos_and_the_end(engine):
  long_text = " ".join(["fox"] * 400)
  ids, truncated = engine.encode(long_text)
  assert truncated and len(ids) == engine.max_length and ids[0] == engine.bos_id


def test_target_nll_equals_salience_losses(engine):
  a, _ = engine.encode(TEXT)
  b, _ = engine.encode("Guten Morgen")
  masks = [_target_mask(len(a), [4, 5, 6]), _target_mask(len(b), [len(b) - 1])]
  totals = engine.target_nll([a, b], masks)
  expected = [s.token_loss.sum() for s in engine.salience([a, b], masks)]
  np.testing.assert_allclose(totals, expected, rtol=1e-5)


def test_offsets_point_at_each_token(engine):
  ids, starts, _ = engine.encode_with_offsets(TEXT)
  plain, _ = engine.encode(TEXT)
  np.testing.assert_array_equal(ids, plain)
  raw = TEXT.encode()
  assert starts[0] == -1 and starts[1] == 0 and list(starts[1:]) == sorted(starts[1:])
  assert all(0 <= s < len(raw) for s in starts[1:])


def _backbone_mean(engine, ids):
  """KerasHub's own backbone on one unpadded row, mean-pooled over the tokens after <bos>."""
  hidden = reference.keras_hub_forward(engine.backbone, ids, padding_dtype=bool)
  return hidden[0, 1:].mean(axis=0)


def test_mean_hidden_matches_keras_hub_backbone(engine):
  rows = [engine.encode(TEXT)[0], engine.encode("Guten Morgen")[0]]
  pooled = engine.mean_hidden(rows)
  assert pooled.shape == (2, engine.backbone.hidden_dim)
  for row, got in zip(rows, pooled):
    np.testing.assert_allclose(got, _backbone_mean(engine, row), rtol=1e-4, atol=1e-5)


def test_mean_hidden_ignores_padding_and_batch(engine):
  short, _ = engine.encode("Guten Morgen")
  long, _ = engine.encode(TEXT + " " + TEXT)
  assert engine_lib.bucket(len(short)) < engine_lib.bucket(len(long))
  [alone] = engine.mean_hidden([short])
  together = engine.mean_hidden([long, short, short[:2]])  # Length 80 and a filler row.
  np.testing.assert_allclose(together[1], alone, rtol=1e-4, atol=1e-5)
  assert not np.allclose(together[0], alone)
  # Only <bos>: nothing to pool.
  assert not engine.mean_hidden([short[:1]]).any()
