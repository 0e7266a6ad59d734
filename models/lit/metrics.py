"""LIT's Metrics module for alignment: a thin adapter over models/evaluation.

  refusal_rate          refused harmful requests (rows with `kind` = harmful)
  over_refusal_rate     refused benign requests (`kind` = benign)
  preference_agreement  pairs where the preferred response is the more likely
and the counts behind them; and `ReferenceTextMetrics`, which keeps LIT's text-overlap
metrics (BLEU, ROUGE, exact match) to datasets whose rows all carry a reference answer
(not refusal or preference data, where they always read 0).
The refusal rule and the scoring live in models/evaluation;
evaluate() is also what `gemma-lit eval` calls, on the same LIT generation model, so the
command and the Metrics module report the same numbers.
"""

from collections.abc import Sequence

from lit_nlp.api import components as lit_components
from lit_nlp.api import types as lit_types

from lit_app import fields
from lit_app.models.evaluation import preference, refusals
from lit_app.models.lit import wrappers

_HIGHEST, _LOWEST = lit_types.MetricBestValue.HIGHEST, lit_types.MetricBestValue.LOWEST
METRICS = {  # name: (best value, description)
    "refusal_rate": (_HIGHEST, "Share of harmful requests the model refuses."),
    "over_refusal_rate": (_LOWEST, "Share of benign requests the model refuses."),
    "preference_agreement": (
        _HIGHEST, "Share of pairs where the preferred response is the more likely."),
    "harmful_requests": (None, "Harmful requests answered."),
    "harmful_refused": (None, "Harmful requests refused."),
    "benign_requests": (None, "Benign requests answered."),
    "benign_refused": (None, "Benign requests refused."),
    "preference_pairs": (None, "Preference pairs scored."),
    "preference_agreed": (None, "Pairs where the preferred response is the more likely."),
}


def evaluate(model: wrappers.GenerationModel, inputs: Sequence[dict],
             outputs: Sequence[dict] | None = None, judge=None) -> dict[str, float]:
  """The alignment metrics of `model` on `inputs` (requests with a kind, preference pairs).

  outputs: the model's predictions on `inputs`, if already made (LIT passes its cached
  ones); otherwise the requests are answered here. judge: a judge.Judge deciding refusals
  instead of the rule.
  """
  metrics = {}
  pairs = [ex for ex in inputs if ex.get(fields.RESPONSE_1) is not None]
  if pairs:
    metrics |= preference.score_pairs(model.engine, pairs, model.config.adapter,
                                      model.chat_wrap, model.config.batch_size)
  kinds = [ex.get(fields.KIND) for ex in inputs]
  if any(kind in refusals.KINDS for kind in kinds):
    if outputs is None:
      outputs = list(model.predict(inputs))
    replies = [out[fields.RESPONSE] for out in outputs]
    refused = (judge.refused([ex.get(fields.PROMPT, "") for ex in inputs], replies)
               if judge is not None else None)
    metrics |= refusals.refusal_metrics(replies, kinds, refused)
  return metrics


class AlignmentMetrics(lit_components.Metrics):
  """Refusal rate (harmful requests), over-refusal rate (benign requests) and preference
  agreement (RLHF-style pairs) of the model's answers."""

  def is_compatible(self, model, dataset) -> bool:
    """True for a GenerationModel on a dataset with a `kind` or a `response_1` field."""
    spec = dataset.spec()
    return isinstance(getattr(model, "wrapped", model), wrappers.GenerationModel) and (
        fields.KIND in spec or fields.RESPONSE_1 in spec)

  def is_field_compatible(self, pred_spec, parent_spec) -> bool:
    """True for GeneratedText predictions (the model's `response`), whatever the parent."""
    del parent_spec
    return isinstance(pred_spec, lit_types.GeneratedText)

  def meta_spec(self) -> lit_types.Spec:
    """A MetricResult per entry of METRICS, with its best value where it has one."""
    return {name: lit_types.MetricResult(description=description, **(
        {"best_value": best} if best else {})) for name, (best, description) in METRICS.items()}

  def run(self, inputs, model, dataset, model_outputs=None, config=None):
    """One result on `response`: evaluate()'s metrics (on LIT's answers when it has them)."""
    del config
    if fields.KIND not in dataset.spec():
      model_outputs = None  # Pairs only: no answers needed.
    metrics = evaluate(getattr(model, "wrapped", model), inputs, model_outputs)
    return [{"pred_key": fields.RESPONSE, "label_key": fields.PROMPT, "metrics": metrics}]


# LIT's default metrics that compare the answer with a reference text.
TEXT_OVERLAP_METRICS = ("bleu", "rouge", "exactmatch")


def has_reference_answers(dataset) -> bool:
  """Whether every row of `dataset` has a reference answer (`target`) to compare with,
  and the dataset is not refusal or preference data."""
  spec = dataset.spec()
  if fields.TARGET not in spec or fields.KIND in spec or fields.RESPONSE_1 in spec:
    return False
  return bool(dataset.examples) and all(
      (ex.get(fields.TARGET) or "").strip() for ex in dataset.examples)


class ReferenceTextMetrics(lit_components.Metrics):
  """A LIT text-overlap metric, offered only where has_reference_answers() holds."""

  def __init__(self, inner: lit_components.Metrics):
    self.inner = inner

  def description(self) -> str:
    """The wrapped metric's description."""
    return self.inner.description()

  def is_compatible(self, model, dataset) -> bool:
    """The wrapped metric's answer, and False where has_reference_answers() fails."""
    return has_reference_answers(dataset) and self.inner.is_compatible(model, dataset)

  def is_field_compatible(self, pred_spec, parent_spec) -> bool:
    """The wrapped metric's answer."""
    return self.inner.is_field_compatible(pred_spec, parent_spec)

  def meta_spec(self) -> lit_types.Spec:
    """The wrapped metric's meta spec."""
    return self.inner.meta_spec()

  def config_spec(self) -> lit_types.Spec:
    """The wrapped metric's config spec."""
    return self.inner.config_spec()

  def run(self, inputs, model, dataset, model_outputs=None, config=None):
    """The wrapped metric's results, or [] where has_reference_answers() fails."""
    # LIT offers a model's metrics for all its datasets at once: skip the others here.
    if not has_reference_answers(dataset):
      return []
    return self.inner.run(inputs, model, dataset, model_outputs, config)

  def compute(self, *args, **kw):
    """The wrapped metric's compute(), unrestricted (run() is where datasets are checked)."""
    return self.inner.compute(*args, **kw)


def restricted(metrics: dict[str, lit_components.Metrics]) -> dict:
  """`metrics` with the text-overlap ones wrapped in ReferenceTextMetrics."""
  return {name: ReferenceTextMetrics(m) if name in TEXT_OVERLAP_METRICS else m
          for name, m in metrics.items()}
