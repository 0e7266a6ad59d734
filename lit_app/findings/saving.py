"""Saving a finding: an example, the models' answers, the explained span, a salience
method and a note, with every model's salience computed once and stored.

The scores are computed through the LIT model wrappers (NAME, _NAME_tokenizer,
_NAME_salience) at save time and kept with the finding, so its page stays readable when
the server later runs other models.

In the UI this is the "Save finding" generator (LIT's Datapoint Generator module, in the
"Save finding" tab): pick the models, what to explain, the method and a note, press
Apply. The module then shows one row whose note says where the finding's page is.
"""

import contextvars
import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from lit_nlp.api import components as lit_components
from lit_nlp.api import types as lit_types

from lit_app import fields
from lit_app.datasets import template_dataset
from lit_app.findings import examples as examples_lib

ANSWER = "the model's answer"
TARGET = "the example's target"
METHODS = (fields.GRAD_L2, fields.GRAD_DOT_INPUT)
MAX_INPUTS = 5

# Config fields of the generator (shown as the control names).
MODELS = "models"
EXPLAIN = "explain"
WORDS = "only these words"
METHOD = "method"
NOTE = "note"


@dataclasses.dataclass
class RequestContext:
  """Who is saving, and the server's address (for links); set per request."""
  author: str = ""
  base_url: str = ""


CURRENT = contextvars.ContextVar("findings_request", default=RequestContext())


def _to_list(values) -> list:
  return np.asarray(values, dtype=float).tolist()


def target_span(tokens_full: Sequence[str], tokens_prompt: Sequence[str]) -> int:
  """Index of the first target token: where prompt+target's tokens leave the prompt's."""
  start = 0
  for a, b in zip(tokens_full, tokens_prompt):
    if a != b:
      break
    start += 1
  return min(start, len(tokens_full))


def _readable(token: str) -> str:
  return token.replace("▁", " ")


def words_mask(tokens: Sequence[str], start: int, words: str) -> list[int]:
  """1 for the target tokens (from `start`) covering the first occurrence of `words`
  in the target text; all target tokens when `words` is blank.

  Raises ValueError naming the words when the target does not contain them.
  """
  mask = [0] * len(tokens)
  if not words.strip():
    return [int(i >= start) for i in range(len(tokens))]
  text, offsets = "", []
  for token in tokens[start:]:
    offsets.append(len(text))
    text += _readable(token)
  at = text.find(words.strip())
  if at < 0:
    raise ValueError(f"the text to explain does not contain {words.strip()!r}")
  end = at + len(words.strip())
  for i, begin in enumerate(offsets):
    stop = begin + len(_readable(tokens[start + i]))
    if begin < end and stop > at:
      mask[start + i] = 1
  return mask


def explain(models: Mapping[str, Any], name: str, example: Mapping[str, Any],
            explain_what: str, words: str) -> dict[str, Any]:
  """One model's answer, tokens and salience (both methods) for the chosen span."""
  base = {k: v for k, v in examples_lib.content(example).items()}
  response = list(models[name].predict([base]))[0][fields.RESPONSE]
  target = response if explain_what == ANSWER else (base.get(fields.TARGET) or "")
  if not target:
    raise ValueError("the example has no target to explain; choose "
                     f"{ANSWER!r} instead")
  tokenizer = models[fields.tokenizer_model_name(name)]
  full, prompt_only = tokenizer.predict([base | {fields.TARGET: target},
                                         base | {fields.TARGET: ""}])
  tokens = list(full[fields.TOKENS])
  start = target_span(tokens, list(prompt_only[fields.TOKENS]))
  mask = words_mask(tokens, start, words)
  salience = list(models[fields.salience_model_name(name)].predict(
      [base | {fields.TARGET: target, fields.TARGET_MASK: mask}]))[0]
  return {
      "name": name,
      "description": models[name].description(),
      "response": response,
      "target": target,
      "tokens": list(salience[fields.TOKENS]),
      "target_start": start,
      "target_mask": mask,
      fields.GRAD_L2: _to_list(salience[fields.GRAD_L2]),
      fields.GRAD_DOT_INPUT: _to_list(salience[fields.GRAD_DOT_INPUT]),
  }


def make_record(models: Mapping[str, Any], model_names: Sequence[str],
                example: Mapping[str, Any], explain_what: str, words: str, method: str,
                note: str) -> dict[str, Any]:
  """A finding (without id, dataset, author), with every model's salience computed."""
  if not model_names:
    raise ValueError("choose at least one model")
  unknown = [m for m in model_names if m not in models]
  if unknown:
    raise ValueError(f"unknown model(s): {', '.join(unknown)}")
  if method not in METHODS:
    raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
  if explain_what not in (ANSWER, TARGET):
    raise ValueError(f"explain must be {ANSWER!r} or {TARGET!r}")
  example = examples_lib.content(example)
  prompt = template_dataset.refill(example).get(fields.PROMPT, "")
  return {
      "example": example,
      "prompt": prompt,
      "models": [explain(models, m, example, explain_what, words) for m in model_names],
      "explain": explain_what,
      "words": words.strip(),
      "method": method,
      "note": note,
  }


class SaveFinding(lit_components.Generator):
  """Save a **finding** of the selected example: the chosen models' answers and the
  salience of what you explain, with your note. It gets a page of its own (link in the
  row below, and in the **findings** dataset) that you can share or export."""

  def __init__(self, model_names: Sequence[str], save):
    """model_names: the visible models; save(dataset, record) -> (id, page URL)."""
    self._model_names = list(model_names)
    self._save = save
    self.models: Mapping[str, Any] = {}  # The app's (cached) models; set on install.

  def description(self) -> str:
    return " ".join((self.__doc__ or "").split())

  def config_spec(self) -> lit_types.Spec:
    return {
        MODELS: lit_types.SparseMultilabel(vocab=self._model_names,
                                           default=self._model_names[:2]),
        EXPLAIN: lit_types.CategoryLabel(vocab=[ANSWER, TARGET]),
        WORDS: lit_types.String(default=""),
        METHOD: lit_types.CategoryLabel(vocab=list(METHODS)),
        NOTE: lit_types.String(default=""),
    }

  def run(self, inputs, model, dataset, model_outputs=None, config=None):
    if not inputs:
      raise ValueError("select an example first")
    if len(inputs) > MAX_INPUTS:
      raise ValueError(f"select at most {MAX_INPUTS} examples to save as findings")
    return super().run(inputs, model, dataset, model_outputs, config)

  def generate(self, example, model, dataset, config=None):
    """Saves the finding; returns the example with a note saying where its page is."""
    del model
    config = dict(config or {})
    names = config.get(MODELS) or self._model_names[:2]
    if isinstance(names, str):
      names = [n.strip() for n in names.split(",") if n.strip()]
    record = make_record(self.models, names, example, config.get(EXPLAIN) or ANSWER,
                         config.get(WORDS) or "", config.get(METHOD) or METHODS[0],
                         config.get(NOTE) or "")
    finding_id, url = self._save(config.get("dataset_name", ""), record)
    shown = {k: v for k, v in examples_lib.content(example).items() if k in dataset.spec()}
    return [shown | {examples_lib.NOTE: f"Saved as finding {finding_id}: {url}",
                     examples_lib.STARRED: False}]
