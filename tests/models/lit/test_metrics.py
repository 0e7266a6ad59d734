"""The alignment Metrics adapter: LIT compatibility, and the bundled evaluation data.

The numbers are checked in tests/models/evaluation (refusal rule, preference agreement)
and, against `gemma-lit eval`, over HTTP in tests/lit_app/commands/test_evaluate.py.
"""

from lit_app.datasets import loading
from lit_app.models.lit import metrics, wrappers


def test_bundled_pairs_load():
  pairs = loading.bundled()["preference_pairs"]
  assert len(pairs) >= 10 and {"1", "2"} == {ex["preferred"] for ex in pairs.examples}


def test_compatible_with_evaluation_datasets_only():
  bundled = loading.bundled()
  alignment = metrics.AlignmentMetrics()

  # Only the model's class matters for is_compatible.
  model = wrappers.GenerationModel.__new__(wrappers.GenerationModel)
  assert alignment.is_compatible(model, bundled["preference_pairs"])
  assert alignment.is_compatible(model, bundled["refusal_eval"])
  assert not alignment.is_compatible(model, bundled["prompt_debugging_en"])
  assert not alignment.is_compatible(object(), bundled["refusal_eval"])
  assert set(alignment.meta_spec()) == set(metrics.METRICS)
