"""Salience shares: each method's scores as parts of the prompt's whole."""

import numpy as np
import pytest
from lit_nlp.api import dataset as lit_dataset

from lit_app import fields
from lit_app.models.engine import checkpoint
from lit_app.models import engine as engine_lib
from lit_app.models.lit import metrics, shares, wrappers


def test_shares_sum_to_one_over_the_context_and_keep_the_sign():
  explained = np.array([False, False, False, True])
  got = shares.shares(np.array([1.0, -3.0, 0.0, 5.0]), explained)
  np.testing.assert_allclose(got, [0.25, -0.75, 0.0, 0.0])
  np.testing.assert_allclose(shares.shares(np.zeros(3), np.zeros(3, bool)), np.zeros(3))


@pytest.fixture(scope="module")
def salience_model(tiny_presets):
  engine = engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma2"]), max_length=64)
  return wrappers.model_group("m", engine)[fields.salience_model_name("m")]


def test_salience_model_offers_a_share_per_method(salience_model):
  spec = salience_model.output_spec()
  for method in (fields.GRAD_L2, fields.GRAD_DOT_INPUT):
    assert shares.share_name(method) in spec
  tokenizer_input = {fields.PROMPT: "Why is the sky blue?", fields.TARGET: " Light scatters."}
  n = len(salience_model._tokens(tokenizer_input)[1])
  mask = [0] * (n - 2) + [1, 1]
  [out] = salience_model.predict([tokenizer_input | {fields.TARGET_MASK: mask}])
  l2 = out[shares.share_name(fields.GRAD_L2)]
  gdi = out[shares.share_name(fields.GRAD_DOT_INPUT)]
  np.testing.assert_allclose(l2.sum(), 1.0, rtol=1e-6)
  np.testing.assert_allclose(np.abs(gdi).sum(), 1.0, rtol=1e-6)
  assert (l2 >= 0).all() and (l2[-2:] == 0).all()
  np.testing.assert_allclose(l2[:-2], out[fields.GRAD_L2][:-2] / out[fields.GRAD_L2][:-2].sum(),
                             rtol=1e-6)


def test_text_overlap_metrics_only_on_data_with_reference_answers():
  with_refs = lit_dataset.Dataset(
      spec={fields.PROMPT: None, fields.TARGET: None},
      examples=[{fields.PROMPT: "a", fields.TARGET: "b"}])
  refusals = lit_dataset.Dataset(
      spec={fields.PROMPT: None, fields.TARGET: None, fields.KIND: None},
      examples=[{fields.PROMPT: "a", fields.TARGET: "", fields.KIND: "harmful"}])
  assert metrics.has_reference_answers(with_refs)
  assert not metrics.has_reference_answers(refusals)
  from lit_nlp.components import core  # pylint: disable=g-import-not-at-top
  wrapped = metrics.restricted(core.default_metrics())
  assert isinstance(wrapped["bleu"], metrics.ReferenceTextMetrics)
  assert wrapped["bleu"].run([{}], None, refusals) == []
