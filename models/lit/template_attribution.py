"""Which part of a prompt template drove the answer.

For an example built from a template (see lit_app.datasets.templates) and a target text:
- per-part salience: token salience of the target summed over each template part — every
  fixed-text chunk and every placeholder's value (a repeated placeholder sums all uses);
- placeholder ablation, in the manner of Captum's TextTemplateInput: for each
  placeholder, how much the target's log-probability drops when its value is replaced by
  a baseline (empty by default), all placeholders scored in one batched forward call.

`TemplateAttribution` offers both to LIT's Salience Maps module as feature salience, each
method as shares (divided by the sum of its absolute values, so the parts of one method
add up to 1 in absolute value and read as "0.40 = 40% of the influence"). LIT's module
colours all of an interpreter's fields with the palette of its first field: the first is
signed, so negative values (pushed away from the answer, or helped when removed) show
pink instead of white; the unsigned grad_l2 shares use the positive half.
"""

import dataclasses

import numpy as np
from lit_nlp.api import components as lit_components
from lit_nlp.api import dtypes as lit_dtypes
from lit_nlp.api import types as lit_types

from lit_app import fields
from lit_app.datasets import template_dataset, templates
from lit_app.models import engine as engine_lib
from lit_app.models.lit import wrappers

PART_GRAD_L2 = "template_parts_grad_l2"
PART_GRAD_DOT_INPUT = "template_parts_grad_dot_input"
ABLATION = "placeholder_ablation"
LABEL_CHARS = 24


@dataclasses.dataclass
class Attribution:
  """The raw scores of one filled template (attribute() returns them; not yet shares).

  part_grad_l2 and part_grad_dot_input map each part's label (part_labels()) to the sum of
  its tokens' salience; ablation maps each `{{placeholder}}` to how much log P(target)
  drops when its value is the baseline.
  """
  part_grad_l2: dict[str, float]
  part_grad_dot_input: dict[str, float]
  ablation: dict[str, float]  # placeholder -> log p(target) − log p(target | baseline value)


def part_labels(spans: list[templates.Span], filled: str) -> list[str]:
  """A readable, unique label per span: `{{name}}` or the literal text's start."""
  labels, literal = [], 0
  for span in spans:
    if span.name is not None:
      labels.append(f"{{{{{span.name}}}}}")
      continue
    literal += 1
    text = " ".join(filled[span.start:span.end].split())
    short = text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1] + "…"
    labels.append(f"text {literal}: “{short}”")
  return labels


def _char_to_byte(text: str) -> np.ndarray:
  """<int>[len(text) + 1]: the UTF-8 byte offset of each character position."""
  return np.concatenate([[0], np.cumsum([len(c.encode("utf-8")) for c in text])])


def attribute(engine: engine_lib.Engine, template: str, values: dict[str, str], target: str,
              baseline: str = "", adapter: str | None = None,
              chat_wrap=lambda prompt: prompt) -> Attribution:
  """Per-part salience and placeholder ablation for one filled template and target.

  `chat_wrap` turns the filled prompt into what the model sees (e.g. Gemma's turn
  markup); its added text is not part of any template part.
  """
  filled, spans = templates.fill_with_spans(template, values)
  prompt = chat_wrap(filled)
  shift = prompt.find(filled)  # Where the filled template sits inside the wrapped prompt.
  ids, starts, _ = engine.encode_with_offsets(prompt + target)
  target_mask = starts >= len(prompt.encode("utf-8"))
  if not target_mask.any():
    raise ValueError("the target is empty: give the example a target or generate an answer")
  [salience] = engine.salience([ids], [target_mask], adapter)

  labels = part_labels(spans, filled)
  to_byte = _char_to_byte(prompt)
  l2, gdi = dict.fromkeys(labels, 0.0), dict.fromkeys(labels, 0.0)
  for span, label in zip(spans, labels):
    lo, hi = to_byte[shift + span.start], to_byte[shift + span.end]
    inside = (starts >= lo) & (starts < hi)
    l2[label] += float(salience.grad_l2[inside].sum())
    gdi[label] += float(salience.grad_dot_input[inside].sum())

  names = templates.placeholders(template)
  rows, masks = [], []
  for variant in [values] + [values | {name: baseline} for name in names]:
    variant_prompt = chat_wrap(templates.fill(template, variant))
    variant_ids, variant_starts, _ = engine.encode_with_offsets(variant_prompt + target)
    rows.append(variant_ids)
    masks.append(variant_starts >= len(variant_prompt.encode("utf-8")))
  nll = engine.target_nll(rows, masks, adapter)  # One batched call for all variants.
  ablation = {f"{{{{{name}}}}}": float(nll[i + 1] - nll[0]) for i, name in enumerate(names)}
  return Attribution(l2, gdi, ablation)


def shares(scores: dict[str, float]) -> dict[str, float]:
  """Each part's score divided by the sum of absolute scores (all zeros stay zeros)."""
  total = sum(abs(v) for v in scores.values())
  return {k: (v / total if total > 0 else 0.0) for k, v in scores.items()}


class TemplateAttribution(lit_components.Interpreter):
  """Template parts: how much each fixed-text chunk and each placeholder's value drove the
  target (salience summed per part), and how much the target's log-probability drops when
  a placeholder's value is replaced by the baseline (placeholder ablation), each as
  shares of its method's total. The target is the example's `target`, or else the model's
  answer."""

  def is_compatible(self, model, dataset) -> bool:
    """True for a GenerationModel (NAME, possibly wrapped) on a dataset with `template`."""
    inner = getattr(model, "wrapped", model)
    return (isinstance(inner, wrappers.GenerationModel)
            and fields.TEMPLATE in dataset.spec())

  def config_spec(self) -> lit_types.Spec:
    """`baseline`: the text put in place of each placeholder's value (default empty)."""
    return {"baseline": lit_types.TextSegment(default="", required=False)}

  def meta_spec(self) -> lit_types.Spec:
    """Autorun FeatureSalience: per-part grad·input and grad L2, and placeholder ablation."""
    return {  # A signed field first: LIT picks the module's palette from it.
        PART_GRAD_DOT_INPUT: lit_types.FeatureSalience(signed=True, autorun=True),
        PART_GRAD_L2: lit_types.FeatureSalience(signed=False, autorun=True),
        ABLATION: lit_types.FeatureSalience(signed=True, autorun=True),
    }

  def run(self, inputs, model, dataset, model_outputs=None, config=None):
    """Per input, each method's shares (see attribute()); {} for non-template examples."""
    inner = getattr(model, "wrapped", model)
    baseline = (config or {}).get("baseline") or ""
    if model_outputs is None and any(not ex.get(fields.TARGET) for ex in inputs):
      model_outputs = list(model.predict(inputs))
    results = []
    for i, ex in enumerate(inputs):
      found = template_dataset.template_and_values(ex)
      if found is None:
        results.append({})
        continue
      target = ex.get(fields.TARGET) or model_outputs[i][fields.RESPONSE]
      result = attribute(inner.engine, *found, target, baseline, inner.config.adapter,
                         inner.chat_wrap)
      results.append({
          PART_GRAD_DOT_INPUT: lit_dtypes.FeatureSalience(shares(result.part_grad_dot_input)),
          PART_GRAD_L2: lit_dtypes.FeatureSalience(shares(result.part_grad_l2)),
          ABLATION: lit_dtypes.FeatureSalience(shares(result.ablation)),
      })
    return results
