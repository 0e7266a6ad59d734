"""Per-part salience and placeholder ablation agree with direct computation."""

import json

import numpy as np
import pytest

from lit_app.datasets import templates
from lit_app.models.engine import checkpoint
from lit_app.models import engine as engine_lib
from lit_app.models.lit import wrappers
from lit_app.models.lit import template_attribution as ta

TEMPLATE = "Summarize: {{article}} Note: {{article}} ({{lang}}) Summary:"
VALUES = {"article": "cats sleep a lot", "lang": "Deutsch"}
TARGET = " cats sleep."


@pytest.fixture(scope="module")
def engine(tiny_presets):
  return engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma"]), max_length=128)


def test_parts_sum_the_token_salience(engine):
  result = ta.attribute(engine, TEMPLATE, VALUES, TARGET)
  assert set(result.part_grad_l2) == {
      "text 1: “Summarize:”", "{{article}}", "text 2: “Note:”", "text 3: “(”", "{{lang}}",
      "text 4: “) Summary:”"}
  prompt = templates.fill(TEMPLATE, VALUES)
  ids, starts, _ = engine.encode_with_offsets(prompt + TARGET)
  mask = starts >= len(prompt.encode())
  [s] = engine.salience([ids], [mask])
  in_prompt = (starts >= 0) & ~mask
  np.testing.assert_allclose(sum(result.part_grad_l2.values()), s.grad_l2[in_prompt].sum(),
                             rtol=1e-5)
  np.testing.assert_allclose(sum(result.part_grad_dot_input.values()),
                             s.grad_dot_input[in_prompt].sum(), rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("baseline", ["", "dogs"])
def test_ablation_matches_separate_forward_passes(engine, baseline):
  result = ta.attribute(engine, TEMPLATE, VALUES, TARGET, baseline=baseline)

  def nll(values):
    prompt = templates.fill(TEMPLATE, values)
    ids, starts, _ = engine.encode_with_offsets(prompt + TARGET)
    [s] = engine.salience([ids], [starts >= len(prompt.encode())])
    return s.token_loss.sum()

  for name in ("article", "lang"):
    expected = nll(VALUES | {name: baseline}) - nll(VALUES)
    np.testing.assert_allclose(result.ablation[f"{{{{{name}}}}}"], expected, rtol=1e-4, atol=1e-5)


def test_chat_wrap_keeps_markup_out_of_the_parts(engine):
  group = wrappers.model_group("m", engine, chat_template=True)
  wrap = group["m"].chat_wrap
  assert wrap("hi").startswith("<start_of_turn>user\nhi<end_of_turn>")
  assert wrap("<start_of_turn>user\nhi") == "<start_of_turn>user\nhi"
  plain = ta.attribute(engine, TEMPLATE, VALUES, TARGET)
  wrapped = ta.attribute(engine, TEMPLATE, VALUES, TARGET, chat_wrap=wrap)
  assert plain.part_grad_l2.keys() == wrapped.part_grad_l2.keys()
  tokens = list(group["_m_tokenizer"].predict([{"prompt": "hi"}]))[0]["tokens"]
  assert "<start_of_turn>" in tokens  # The salience view shows what the model saw.


def test_empty_target_is_refused(engine):
  with pytest.raises(ValueError, match="target"):
    ta.attribute(engine, TEMPLATE, VALUES, "")
