"""Faithfulness of the attribution methods: deletion and insertion curves, and ABPC.

For one example and one method, the prompt tokens (those before the first target, after
`<bos>`) are ranked by the method's scores, most supportive of the target first. The
deletion curve is the target's log-probability with the top 10%, 20%, …, 100% of them
replaced by the zero embedding; the insertion curve, with only those kept (the rest zeroed).
ABPC (area between the perturbation curves, as in AttnLRP) = mean over the fractions of
insertion − deletion: higher = the method's top tokens move the answer more.

`Faithfulness` shows it per example in LIT's Salience Maps module; `evaluate` and
`summary` serve `gemma-lit batch --faithfulness`.
"""

import dataclasses

import numpy as np
from lit_nlp.api import components as lit_components
from lit_nlp.api import dtypes as lit_dtypes
from lit_nlp.api import types as lit_types

from lit_app import fields
from lit_app.models.engine import attribution
from lit_app.models.lit import wrappers

ABPC = "faithfulness_abpc"
CURVES_PREFIX = "faithfulness_curves_"
# Ranked methods, each turned into "higher = supports the target more". grad_dot_input is
# the gradient of the NLL, so its sign is flipped; grad_l2 has none.
METHODS = (fields.GRAD_L2, fields.GRAD_DOT_INPUT, fields.INTEGRATED_GRADIENTS,
           fields.TOKEN_OCCLUSION)


@dataclasses.dataclass
class Curves:
  """One method's deletion and insertion curves on one example, and their ABPC.

  Point i of each curve is at attribution.FRACTIONS[i] of the prompt tokens; `abpc` is
  the mean of insertion − deletion.
  """
  deletion: np.ndarray   # <float32>[fractions], log P(target) with the top tokens removed
  insertion: np.ndarray  # <float32>[fractions], log P(target) with only the top tokens kept
  abpc: float


def method_scores(engine, ids: list[np.ndarray], masks: list[np.ndarray],
                  adapter: str | None) -> list[dict[str, np.ndarray]]:
  """Per row and method, <float32>[num_tokens] scores, higher = supports the target more.

  Args:
    engine: the Engine that runs the METHODS.
    ids: rows of token ids (as Engine.encode() returns them).
    masks: per row, <0/1>[num_tokens], the target tokens.
    adapter: the LoRA adapter key; None: the base.

  Returns:
    Per row, {method: scores} for each of METHODS.
  """
  salience = engine.salience(ids, masks, adapter)
  ig = engine.integrated_gradients(ids, masks, adapter)
  occlusion = engine.occlusion(ids, masks, adapter=adapter)
  return [{fields.GRAD_L2: s.grad_l2, fields.GRAD_DOT_INPUT: -s.grad_dot_input,
           fields.INTEGRATED_GRADIENTS: g.scores, fields.TOKEN_OCCLUSION: o}
          for s, g, o in zip(salience, ig, occlusion)]


def evaluate(engine, ids: list[np.ndarray], masks: list[np.ndarray], adapter: str | None = None,
             scores: list[dict[str, np.ndarray]] | None = None,
             fractions=attribution.FRACTIONS) -> list[dict[str, Curves]]:
  """Curves per row and method (rows without a target or a prompt token get {}).

  All rows' curves run in one batched call (Engine.masked_log_p).

  Args:
    engine: the Engine.
    ids: rows of token ids (as Engine.encode() returns them).
    masks: per row, <0/1>[num_tokens], the target tokens.
    adapter: the LoRA adapter key; None: the base.
    scores: per row {method: <float>[num_tokens]} (higher = more supportive); default:
      the METHODS, computed here.
    fractions: the shares of the prompt tokens removed or kept at each curve point.

  Returns:
    Per row, {method: Curves}.

  Raises:
    The Engine's errors (memory.TooLarge, programs.CompileRefused, ValueError).
  """
  scores = scores or method_scores(engine, ids, masks, adapter)
  keeps, layout = [], []
  for row, mask, row_scores in zip(ids, masks, scores):
    mask = np.asarray(mask, bool)
    targets = np.flatnonzero(mask[1:]) + 1
    candidates = np.zeros(len(row), bool)
    if targets.size:
      candidates[1:targets[0]] = True
    if not candidates.any():
      keeps.append(np.ones((1, len(row)), bool))
      layout.append(None)
      continue
    masks_of_row = []
    for method in row_scores:
      masks_of_row.extend(attribution.perturbation_keeps(row_scores[method], candidates,
                                                         fractions))
    keeps.append(np.concatenate(masks_of_row))
    layout.append(list(row_scores))
  log_p = engine.masked_log_p(ids, masks, keeps, adapter)
  results = []
  f = len(fractions)
  for methods, values in zip(layout, log_p):
    if methods is None:
      results.append({})
      continue
    row = {}
    for m, method in enumerate(methods):
      deletion, insertion = values[2 * m * f:(2 * m + 1) * f], values[(2 * m + 1) * f:(2 * m + 2) * f]
      row[method] = Curves(deletion, insertion, attribution.abpc(deletion, insertion))
    results.append(row)
  return results


def as_row(curves: dict[str, Curves]) -> dict[str, float]:
  """{faithfulness_abpc_METHOD: ABPC} for a batch output row (flat numbers, so the row
  still loads back as a dataset)."""
  return {f"{ABPC}_{m}": c.abpc for m, c in curves.items()}


def summary(rows: list[dict]) -> str:
  """A table of mean ABPC per model and method over batch output rows."""
  per = {}
  for row in rows:
    for key, value in row.items():
      if key.startswith(ABPC + "_"):
        per.setdefault((row.get("model", ""), key[len(ABPC) + 1:]), []).append(float(value))
  if not per:
    return "faithfulness: no rows with a target after a prompt"
  lines = [f"{'model':<16} {'method':<24} {'rows':>5} {'mean ABPC':>10}"]
  for (model, method), values in sorted(per.items()):
    lines.append(f"{model:<16} {method:<24} {len(values):>5} {np.mean(values):>10.4f}")
  return "\n".join(lines)


def for_examples(model, examples: list[dict]) -> list[dict[str, Curves]]:
  """Curves per example for a GenerationModel; the target is the example's `target`.
  Examples without one get {}."""
  inner = getattr(model, "wrapped", model)
  ids, masks = [], []
  for ex in examples:
    row, mask = _target_mask(inner.engine, inner.prompt(ex), ex.get(fields.TARGET) or "")
    ids.append(row)
    masks.append(mask)
  return evaluate(inner.engine, ids, masks, inner.config.adapter)


def _target_mask(engine, prompt: str, target: str):
  ids, starts, _ = engine.encode_with_offsets(prompt + target)
  return ids, starts >= len(prompt.encode("utf-8"))


class Faithfulness(lit_components.Interpreter):
  """Faithfulness: for each attribution method, how much the target's log-probability
  moves when the prompt tokens it ranks highest are removed (deletion) or kept alone
  (insertion); ABPC = mean of insertion − deletion over 10%…100% of the prompt, higher =
  more faithful. The target is the example's `target`, or else the model's answer."""

  def is_compatible(self, model, dataset) -> bool:
    """True for a GenerationModel (NAME, possibly wrapped), on any dataset."""
    del dataset
    return isinstance(getattr(model, "wrapped", model), wrappers.GenerationModel)

  def meta_spec(self) -> lit_types.Spec:
    """Signed FeatureSalience, not autorun: ABPC per method, and each method's curves."""
    spec = {ABPC: lit_types.FeatureSalience(signed=True, autorun=False)}
    for method in METHODS:
      spec[CURVES_PREFIX + method] = lit_types.FeatureSalience(signed=True, autorun=False)
    return spec

  def run(self, inputs, model, dataset, model_outputs=None, config=None):
    """Per input: ABPC and curves of each method, for its `target` or else the answer."""
    del dataset, config
    inner = getattr(model, "wrapped", model)
    if model_outputs is None and any(not ex.get(fields.TARGET) for ex in inputs):
      model_outputs = list(model.predict(inputs))
    ids, masks = [], []
    for i, ex in enumerate(inputs):
      target = ex.get(fields.TARGET) or model_outputs[i][fields.RESPONSE]
      row, mask = _target_mask(inner.engine, inner.prompt(ex), target)
      ids.append(row)
      masks.append(mask)
    results = []
    for curves in evaluate(inner.engine, ids, masks, inner.config.adapter):
      out = {ABPC: lit_dtypes.FeatureSalience({m: c.abpc for m, c in curves.items()})}
      for method, c in curves.items():
        points = {}
        for name, values in (("deletion", c.deletion), ("insertion", c.insertion)):
          for fraction, value in zip(attribution.FRACTIONS, values):
            points[f"{name} {fraction:.0%}"] = float(value)
        out[CURVES_PREFIX + method] = lit_dtypes.FeatureSalience(points)
      results.append(out)
    return results
