"""Preference agreement against the engine's own token losses."""

import numpy as np
import pytest

from lit_app.models import engine as engine_lib
from lit_app.models.engine import checkpoint
from lit_app.models.evaluation import preference

PAIRS = [
    {"prompt": "Q: 2+2?", "response_1": " 4", "response_2": " five hundred", "preferred": "1"},
    {"prompt": "Hallo", "response_1": " Welt", "response_2": " fox fox fox", "preferred": "2"},
    {"prompt": "The quick", "response_1": " brown", "response_2": " Grüße", "preferred": 1},
]


@pytest.fixture(scope="module")
def engine(tiny_presets):
  return engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma"]), max_length=64)


def test_agreement_matches_token_losses(engine):
  def mean_logprob(prompt, response):
    ids, starts, _ = engine.encode_with_offsets(prompt + response)
    mask = starts >= len(prompt.encode())
    return -engine.salience([ids], [mask])[0].token_loss.sum() / mask.sum()

  agreed = [("1" if mean_logprob(p["prompt"], p["response_1"])
             >= mean_logprob(p["prompt"], p["response_2"]) else "2") == str(p["preferred"])
            for p in PAIRS]
  result = preference.score_pairs(engine, PAIRS, batch_size=2)
  assert result["preference_agreement"] == pytest.approx(np.mean(agreed))
  assert result["preference_pairs"] == 3 and result["preference_agreed"] == sum(agreed)


def test_agreement_metrics_ties_go_to_the_first():
  assert preference.agreement_metrics(np.array([-1.0, -2.0, -3.0]), np.array([-1.0, -1.0, -4.0]),
                                      ["1", 2, "2"]) == {
      "preference_agreement": pytest.approx(2 / 3), "preference_pairs": 3,
      "preference_agreed": 2}
