"""The server with local presets of Gemma 4 (dense, MoE, vision-carrying), Gemma 3 with
vision and Gemma 3n, as a user comparing checkpoints starts it (`--models=NAME:DIR,…
--chat_template=…`; six checkpoints on five bases): salience over HTTP equals the engine's,
answers come in the generation's chat markup and stop at its stop token, and every model
answers in one process."""

import json

import numpy as np
import pytest

from lit_app.models import engine as engine_lib
from lit_app.models.engine import checkpoint
from tests.lit_app.conftest import make_app
from tests.lit_app.lit_client import PROMPT, TARGET, post_preds
from tests.reference import cosine

VARIANTS = ("gemma4", "gemma4_moe", "gemma4_vision", "gemma3n")
# The comparison that once aborted the server (the compiled-programs issue): one more base,
# and a second checkpoint on the Gemma 4 base.
MORE = {"gemma3_vision": "gemma3_vision", "gemma4_chat": "gemma4"}


@pytest.fixture(scope="module")
def app(tiny_presets, tmp_path_factory):
  # Only the gradients: this file checks the text path, not the costlier methods.
  return make_app(tiny_presets, tmp_path_factory, VARIANTS,
                  f"--chat_template={','.join(VARIANTS + tuple(MORE))}", "--salience_methods=",
                  aliases=MORE)[0]


@pytest.fixture(scope="module")
def engines(tiny_presets):
  """{variant: an Engine of its own on the checkpoint the app serves}, built on first use
  and shared by this file's tests (each build compiles its programs again)."""

  class Engines(dict):
    def __missing__(self, variant):
      self[variant] = engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets[variant]),
                                        max_length=128)
      return self[variant]

  return Engines()


def _json(resp):
  assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
  return json.loads(resp.get_data(as_text=True))


@pytest.mark.parametrize("variant", VARIANTS)
def test_salience_over_http_equals_the_engine(app, engines, variant):
  """HTTP serves the engine's salience (pinned to finite differences for every generation
  in tests/models/engine/test_families.py)."""
  tokens = _json(post_preds(app, f"_{variant}_tokenizer", [{"prompt": PROMPT, "target": TARGET}],
                            "Tokens"))[0]["tokens"]
  markup = "<|turn>" if variant.startswith("gemma4") else "<start_of_turn>"
  assert markup in "".join(tokens)  # The chat template is on: tokens show the markup.
  n_prompt = len(_json(post_preds(app, f"_{variant}_tokenizer", [{"prompt": PROMPT}],
                                  "Tokens"))[0]["tokens"])
  mask = [0] * n_prompt + [1] * (len(tokens) - n_prompt)
  out = _json(post_preds(app, f"_{variant}_salience",
                         [{"prompt": PROMPT, "target": TARGET, "target_mask": mask}],
                         "Tokens,TokenScores"))[0]

  engine = engines[variant]
  ids, _ = engine.encode(engine.family.chat.user_turn(PROMPT) + TARGET)
  assert len(ids) == len(tokens)
  [expected] = engine.salience([ids], [np.asarray(mask, np.float32)])
  np.testing.assert_allclose(out["grad_l2"], expected.grad_l2, rtol=1e-4, atol=1e-6)
  np.testing.assert_allclose(out["grad_dot_input"], expected.grad_dot_input, rtol=1e-4,
                             atol=1e-6)
  assert cosine(out["grad_dot_input"], expected.grad_dot_input) >= 0.9999


@pytest.mark.parametrize("variant", VARIANTS)
def test_answers_use_the_generations_markup_and_stop_token(app, engines, variant):
  [out] = _json(post_preds(app, variant, [{"prompt": PROMPT}], "GeneratedText"))
  engine = engines[variant]
  ids, _ = engine.encode(engine.family.chat.user_turn(PROMPT))
  [new] = engine.generate([ids], 8)
  assert out["response"] == engine.decode(new)
  assert not set(new.tolist()) & set(engine.stop_ids)


def test_six_checkpoints_on_five_bases_all_answer_and_the_server_lives(app):
  """Every model answers salience and an answer, in one process that stays up."""
  names = VARIANTS + tuple(MORE)
  info = _json(app.get("/get_info"))
  assert set(names) <= set(info["models"])
  for name in names:
    tokens = _json(post_preds(app, f"_{name}_tokenizer", [{"prompt": PROMPT, "target": TARGET}],
                              "Tokens"))[0]["tokens"]
    mask = [0] * (len(tokens) - 2) + [1, 1]
    out = _json(post_preds(app, f"_{name}_salience",
                           [{"prompt": PROMPT, "target": TARGET, "target_mask": mask}],
                           "Tokens,TokenScores"))[0]
    assert np.isfinite(out["grad_l2"]).all() and np.asarray(out["grad_l2"]).sum() > 0
    assert isinstance(_json(post_preds(app, name, [{"prompt": PROMPT}], "GeneratedText"))[0]
                      ["response"], str)
  assert _json(app.get("/get_info"))["models"].keys() == info["models"].keys()
