"""The generation model's prompt and response embeddings, for LIT's Embeddings projector."""

import numpy as np
import pytest
from lit_nlp.api import dataset as lit_dataset
from lit_nlp.api import types as lit_types
from lit_nlp.lib import validation

from lit_app import fields
from lit_app.models.engine import checkpoint
from lit_app.models import engine as engine_lib
from lit_app.models.lit import wrappers

EXAMPLES = [{"prompt": "What is 12 + 30?"}, {"prompt": "Translate to German: good morning"},
            {"prompt": "Summarize the article: cats sleep a lot.", "target": " Summary:"}]


@pytest.fixture(scope="module")
def engine(tiny_presets):
  return engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma2"]), max_length=128)


def test_generation_model_outputs_prompt_and_response_embeddings(engine, monkeypatch):
  model = wrappers.model_group("m", engine, chat_template=True, max_new_tokens=8)["m"]
  spec = model.output_spec()
  for field in (fields.PROMPT_EMBEDDINGS, fields.RESPONSE_EMBEDDINGS):
    assert isinstance(spec[field], lit_types.Embeddings)
  validation.validate_model(model, lit_dataset.Dataset(model.input_spec(), EXAMPLES))

  calls = []
  with monkeypatch.context() as patch:
    patch.setattr(engine, "mean_hidden",
                  lambda rows, adapter=None: calls.append(len(rows)) or
                  engine_lib.Engine.mean_hidden(engine, rows, adapter))
    outputs = list(model.predict(EXAMPLES))
  assert calls == [3, 3]  # One batched forward for the prompts, one for the responses.
  hidden = engine.backbone.hidden_dim
  for ex, out in zip(EXAMPLES, outputs):
    assert out[fields.PROMPT_EMBEDDINGS].shape == (hidden,)
    assert out[fields.RESPONSE_EMBEDDINGS].shape == (hidden,)
    # The prompt as the model sees it (chat markup, no target); the response text alone.
    prompt_ids, _ = engine.encode(engine.family.chat.user_turn(ex["prompt"]))
    response_ids, _ = engine.encode(out[fields.RESPONSE])
    np.testing.assert_allclose(out[fields.PROMPT_EMBEDDINGS], engine.mean_hidden([prompt_ids])[0],
                               rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(out[fields.RESPONSE_EMBEDDINGS],
                               engine.mean_hidden([response_ids])[0], rtol=1e-4, atol=1e-5)
  assert not np.allclose(outputs[0][fields.PROMPT_EMBEDDINGS], outputs[1][fields.PROMPT_EMBEDDINGS])


def test_embeddings_can_be_turned_off(engine):
  model = wrappers.model_group("m", engine, output_embeddings=False, max_new_tokens=4)["m"]
  assert fields.PROMPT_EMBEDDINGS not in model.output_spec()
  [out] = model.predict(EXAMPLES[:1])
  assert set(out) == {fields.RESPONSE}
