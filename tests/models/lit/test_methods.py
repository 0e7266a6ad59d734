"""The salience model's extra methods (IG, occlusion, contrastive) and the Faithfulness
interpreter, on a tiny Gemma 3 (the real default's family). The LIT layer is the same for
every family; the methods' numbers per family are pinned in tests/models/engine/
test_attribution.py (Gemma 1, 2, 3) and served for each in tests/lit_app/."""

import numpy as np
import pytest
from lit_nlp.api import dataset as lit_dataset
from lit_nlp.api import types as lit_types

from lit_app import fields
from lit_app.models import engine as engine_lib
from lit_app.models.engine import checkpoint
from lit_app.models.lit import faithfulness, tokens as tokens_lib, wrappers

EXAMPLE = {"prompt": "Translate to German: good morning -> ", "target": "Guten Morgen",
           "foil": "Hallo Welt"}


@pytest.fixture(scope="module")
def group(tiny_presets):
  engine = engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma3"]),
                             max_length=128)
  return wrappers.model_group("m", engine, max_new_tokens=4)


def _with_mask(group, ex):
  [prompt_only] = group["_m_tokenizer"].predict([{"prompt": ex["prompt"]}])
  [both] = group["_m_tokenizer"].predict([ex])
  n_prompt, n = len(prompt_only[fields.TOKENS]), len(both[fields.TOKENS])
  return ex | {fields.TARGET_MASK: [0.0] * n_prompt + [1.0] * (n - n_prompt)}, n_prompt


def test_every_method_is_a_token_scores_field(group):
  model = group["_m_salience"]
  spec = model.output_spec()
  for name in (fields.INTEGRATED_GRADIENTS, fields.OCCLUSION, fields.TOKEN_OCCLUSION,
               fields.CONTRASTIVE_GRAD_L2, fields.CONTRASTIVE_GRAD_DOT_INPUT):
    assert isinstance(spec[name], lit_types.TokenScores) and spec[name].align == fields.TOKENS
  assert isinstance(spec[fields.INTEGRATED_GRADIENTS_ERROR], lit_types.Scalar)
  assert isinstance(model.input_spec()[fields.FOIL], lit_types.TextSegment)

  ex, n_prompt = _with_mask(group, EXAMPLE)
  no_foil = {k: v for k, v in ex.items() if k != fields.FOIL}
  with_foil, without = model.with_methods(model.offered).predict([ex, no_foil])
  n = len(with_foil[fields.TOKENS])
  assert with_foil[fields.INTEGRATED_GRADIENTS_ERROR] <= 0.02
  for name in (fields.INTEGRATED_GRADIENTS, fields.OCCLUSION, fields.TOKEN_OCCLUSION):
    assert len(with_foil[name]) == n and np.isfinite(with_foil[name]).all()
    assert with_foil[name][0] == 0  # <bos>
    np.testing.assert_allclose(with_foil[name], without[name], rtol=1e-5, atol=1e-6)
  assert with_foil[fields.CONTRASTIVE_GRAD_L2][:n_prompt].any()
  assert not np.any(with_foil[fields.CONTRASTIVE_GRAD_L2][n_prompt:])
  assert not np.any(without[fields.CONTRASTIVE_GRAD_L2])

  # Word occlusion: a word's tokens share the word's value, which is one forward with the
  # whole word zeroed.
  words = tokens_lib.word_of(with_foil[fields.TOKENS])
  occlusion = np.asarray(with_foil[fields.OCCLUSION])
  for w in set(words[1:]):
    members = np.flatnonzero(words == w)
    members = members[members > 0]  # <bos> joins the first word in LIT, and scores 0.
    assert np.allclose(occlusion[members], occlusion[members[0]])


def test_a_request_computes_only_the_methods_it_names(group, monkeypatch):
  """The gradients come with every answer; each costlier method runs only when a field of
  it (or its share) is asked for."""
  model = group["_m_salience"]
  ex, _ = _with_mask(group, EXAMPLE)
  calls = []
  for name in ("integrated_gradients", "occlusion", "contrastive"):
    real = getattr(model.engine, name)
    monkeypatch.setattr(model.engine, name,
                        lambda *a, _n=name, _f=real, **k: calls.append(_n) or _f(*a, **k))
  [out] = model.predict([ex])
  assert calls == [] and fields.GRAD_L2 in out and fields.INTEGRATED_GRADIENTS not in out
  assert model.for_fields([fields.GRAD_L2, "grad_dot_input_share"]) is model
  [out] = model.for_fields([fields.INTEGRATED_GRADIENTS + "_share"]).predict([ex])
  assert calls == ["integrated_gradients"]
  assert fields.INTEGRATED_GRADIENTS_ERROR in out and fields.OCCLUSION not in out
  assert np.isclose(np.abs(out[fields.INTEGRATED_GRADIENTS + "_share"]).sum(), 1.0)
  list(model.for_fields([fields.TOKEN_OCCLUSION]).predict([ex]))
  assert calls == ["integrated_gradients", "occlusion", "occlusion"]  # By token, by word.


def test_faithfulness_interpreter_gives_abpc_and_curves(group):
  interpreter = faithfulness.Faithfulness()
  model = group["m"]
  data = lit_dataset.Dataset({"prompt": lit_types.TextSegment(),
                              "target": lit_types.TextSegment()}, [EXAMPLE])
  assert interpreter.is_compatible(model, data)
  [out] = interpreter.run(data.examples, model, data)
  abpc = out[faithfulness.ABPC].salience
  assert set(abpc) == set(faithfulness.METHODS) and np.isfinite(list(abpc.values())).all()
  curves = out[faithfulness.CURVES_PREFIX + fields.TOKEN_OCCLUSION].salience
  assert len(curves) == 20
  # At 100% both curves are ranking-free: all prompt tokens removed / all kept.
  assert np.isclose(curves["deletion 100%"],
                    out[faithfulness.CURVES_PREFIX + fields.GRAD_L2].salience["deletion 100%"])


def test_word_of_follows_lit_words():
  assert list(tokens_lib.word_of(["<bos>", "▁Hal", "lo", "▁Welt", "\n", "Guten", "!"])) == [
      0, 1, 1, 2, 3, 4, 4]  # LIT's /([▁\s]+)|(?<=\n)[^\n]/: "\n" and what follows it start words.
