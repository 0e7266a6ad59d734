"""The attribution methods and the Faithfulness interpreter through LIT's HTTP API."""

import json

from lit_app import fields

from tests.lit_app.lit_client import PROMPT, TARGET, post_preds

METHODS = (fields.INTEGRATED_GRADIENTS, fields.OCCLUSION, fields.TOKEN_OCCLUSION,
           fields.CONTRASTIVE_GRAD_L2, fields.CONTRASTIVE_GRAD_DOT_INPUT)


def test_methods_are_salience_buttons_and_faithfulness_is_served(lit):
  client, _ = lit
  info = json.loads(client.get("/get_info").get_data(as_text=True))
  assert "Faithfulness" in info["interpreters"]
  salience = info["models"]["_gemma_salience"]["spec"]
  assert fields.FOIL in salience["input"]
  for name in METHODS:
    assert salience["output"][name]["__name__"] == "TokenScores"

  [tokens] = json.loads(post_preds(client, "_gemma_tokenizer", [{"prompt": PROMPT, "target": TARGET}],
                                   "Tokens").get_data(as_text=True))
  n = len(tokens["tokens"])
  example = {"prompt": PROMPT, "target": TARGET, "foil": "Hallo",
             "target_mask": [0.0] * (n - 2) + [1.0] * 2}
  # The browser's request names the method on screen; without one, only the gradients run.
  [out] = json.loads(post_preds(client, "_gemma_salience", [example], "TokenScores,Scalar"
                                ).get_data(as_text=True))
  assert fields.GRAD_L2 in out and not set(METHODS) & set(out)
  response = post_preds(client, "_gemma_salience", [example], "TokenScores,Scalar",
                        "integrated_gradients,occlusion_share,contrastive_grad_l2")
  assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
  [out] = json.loads(response.get_data(as_text=True))
  for name in METHODS:
    assert len(out[name]) == n
  assert 0 <= out[fields.INTEGRATED_GRADIENTS_ERROR] <= 0.02

  body = {"inputs": [{"data": {"prompt": PROMPT, "target": TARGET, "_id": "", "_meta": {}},
                      "id": "", "meta": {}}]}
  response = client.post("/get_interpretations?model=gemma&dataset_name=sample"
                         "&interpreter=Faithfulness", data=json.dumps(body),
                         content_type="application/json")
  assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
  [result] = json.loads(response.get_data(as_text=True))
  assert set(result["faithfulness_abpc"]["salience"]) == {
      fields.GRAD_L2, fields.GRAD_DOT_INPUT, fields.INTEGRATED_GRADIENTS, fields.TOKEN_OCCLUSION}
