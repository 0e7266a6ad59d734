"""Bad requests get a short 4xx naming the problem; odd but valid text just works."""

import json

import pytest

from tests.lit_app.lit_client import post_preds


def error_of(resp):
  assert resp.status_code == 400, resp.get_data(as_text=True)[:300]
  body = json.loads(resp.get_data(as_text=True))
  assert "Traceback" not in body["error"] and "\n" not in body["error"]
  return body["error"]


def test_unknown_model(lit):
  client, _ = lit
  msg = error_of(post_preds(client, "nope", [{"prompt": "hi"}], "GeneratedText"))
  assert "unknown model 'nope'" in msg and "gemma" in msg


def test_unknown_dataset(lit):
  client, _ = lit
  resp = client.post("/get_preds?model=gemma&dataset_name=nope&requested_types=Tokens",
                     data=json.dumps({"inputs": []}), content_type="application/json")
  assert "unknown dataset 'nope'" in error_of(resp)


def test_malformed_json(lit):
  client, _ = lit
  resp = client.post("/get_preds?model=gemma&dataset_name=sample&requested_types=Tokens",
                     data="{not json", content_type="application/json")
  error_of(resp)


def test_missing_prompt(lit):
  client, _ = lit
  assert "prompt" in error_of(post_preds(client, "_gemma_tokenizer", [{"target": "x"}], "Tokens"))


def test_missing_inputs(lit):
  client, _ = lit
  resp = client.post("/get_preds?model=gemma&dataset_name=sample&requested_types=Tokens",
                     data=json.dumps({"nothing": 1}), content_type="application/json")
  assert "inputs" in error_of(resp)


def test_lone_surrogate_is_named(lit):
  client, _ = lit
  # JSON allows an unpaired surrogate escape; Python decodes it to a lone surrogate.
  body = ('{"inputs": [{"data": {"prompt": "a\\ud800b", "_id": "", "_meta": {}}, '
          '"id": "", "meta": {}}]}')
  resp = client.post("/get_preds?model=_gemma_tokenizer&dataset_name=sample&requested_types=Tokens",
                     data=body, content_type="application/json")
  assert "surrogate" in error_of(resp)


@pytest.mark.parametrize("prompt", ["", "Grüße aus Köln 🙂", "東京の天気は？", "مرحبا بالعالم", "שלום"])
def test_any_script_and_empty_prompts_work(lit, prompt):
  client, _ = lit
  tokens = json.loads(post_preds(client, "_gemma_tokenizer", [{"prompt": prompt}], "Tokens")
                      .get_data(as_text=True))[0]["tokens"]
  assert tokens[0] == "<bos>"
  assert "".join(tokens[1:]).replace("▁", " ") == prompt  # Every character survives.
  resp = post_preds(client, "gemma", [{"prompt": prompt}], "GeneratedText")
  assert resp.status_code == 200
  mask = [0] * (len(tokens) - 1) + [1]
  resp = post_preds(client, "_gemma_salience", [{"prompt": prompt, "target_mask": mask}],
                    "Tokens,TokenScores")
  assert resp.status_code == 200
  assert len(json.loads(resp.get_data(as_text=True))[0]["grad_l2"]) == len(tokens)


def test_long_prompt_is_truncated_from_the_left_with_a_notice(lit):
  client, _ = lit
  prompt = "fox " * 300 + "END"  # Longer than --max_length=128 tokens.
  tokens = json.loads(post_preds(client, "_gemma_tokenizer", [{"prompt": prompt}], "Tokens")
                      .get_data(as_text=True))[0]["tokens"]
  assert len(tokens) == 128 and "".join(tokens).replace("▁", " ").endswith("fox END")
  assert "truncated" in tokens[1]
