"""Drive the LIT HTTP API the way the browser's Sequence Salience module does."""

import json

import numpy as np
import pytest

from lit_app.models.engine import checkpoint

from lit_app.models import engine as engine_lib
from tests.reference import cosine
from tests.lit_app.lit_client import FAMILIES, PROMPT, TARGET, post_preds


def test_get_info_lists_model_groups(lit):
  client, _ = lit
  info = json.loads(client.get("/get_info").get_data(as_text=True))
  for family in FAMILIES:
    assert {family, f"_{family}_salience", f"_{family}_tokenizer"} <= set(info["models"])
  assert "sample" in info["datasets"]
  assert info["layouts"].keys() >= {"simple", "expert", "compare"}


@pytest.mark.parametrize("family", FAMILIES)
def test_salience_over_http_equals_the_engine(lit, tiny_presets, family):
  """HTTP serves the engine's salience (the engine is pinned to finite differences in
  tests/models/engine)."""
  client, _ = lit
  example = {"prompt": PROMPT, "target": TARGET}
  resp = post_preds(client, f"_{family}_tokenizer", [example], "Tokens")
  assert resp.status_code == 200
  tokens = json.loads(resp.get_data(as_text=True))[0]["tokens"]
  assert tokens[0] == "<bos>"
  # Mark the target's tokens, as the browser does after a click on the answer.
  n_prompt = len(json.loads(post_preds(
      client, f"_{family}_tokenizer", [{"prompt": PROMPT}], "Tokens").get_data(as_text=True))[0]["tokens"])
  mask = [0] * n_prompt + [1] * (len(tokens) - n_prompt)
  resp = post_preds(client, f"_{family}_salience", [dict(example, target_mask=mask)], "Tokens,TokenScores")
  assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
  out = json.loads(resp.get_data(as_text=True))[0]
  assert out["tokens"] == tokens and len(out["grad_l2"]) == len(tokens)

  engine = engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets[family]), max_length=128)
  ids, _ = engine.encode(PROMPT + TARGET)
  assert len(ids) == len(tokens)  # ASCII text: one display token per model token.
  [expected] = engine.salience([ids], [np.asarray(mask, np.float32)])
  np.testing.assert_allclose(out["grad_l2"], expected.grad_l2, rtol=1e-4, atol=1e-6)
  np.testing.assert_allclose(out["grad_dot_input"], expected.grad_dot_input, rtol=1e-4,
                             atol=1e-6)
  assert cosine(out["grad_l2"], expected.grad_l2) >= 0.9999


def test_generation_over_http(lit):
  client, _ = lit
  resp = post_preds(client, "gemma", [{"prompt": PROMPT}], "GeneratedText")
  assert resp.status_code == 200
  assert isinstance(json.loads(resp.get_data(as_text=True))[0]["response"], str)


def test_target_mask_of_wrong_length_names_the_field(lit):
  client, _ = lit
  resp = post_preds(client, "_gemma_salience",
                    [{"prompt": PROMPT, "target": TARGET, "target_mask": [1, 0]}], "TokenScores")
  assert resp.status_code == 400
  body = json.loads(resp.get_data(as_text=True))
  assert "target_mask" in body["error"] and "Traceback" not in body["error"]
