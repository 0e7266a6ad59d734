"""Templates over HTTP: edits reach the model, and per-part attribution is served."""

import json

import pytest
import werkzeug.test
from absl import flags
from absl.testing import flagsaver

from lit_app import server

ROW = {"template": "Translate {{word}} into {{lang}}:", "vars": {"word": "cat", "lang": "German"},
       "target": " Katze"}


@pytest.fixture(scope="module")
def client(tiny_presets, tmp_path_factory):
  data = tmp_path_factory.mktemp("tpl") / "t.jsonl"
  data.write_text(json.dumps(ROW) + "\n", encoding="utf-8")
  with flagsaver.flagsaver():
    flags.FLAGS(["lit_app", f"--models=m:{tiny_presets['gemma']}", f"--datasets=t:{data}",
                 "--server_type=external", "--max_length=64", "--max_new_tokens=4"])
    return werkzeug.test.Client(server.create_app())


def dataset_rows(client):
  return json.loads(client.post("/get_dataset?dataset_name=t", data="{}",
                                content_type="application/json").get_data(as_text=True))


def call(client, path, examples, **args):
  query = "&".join(f"{k}={v}" for k, v in args.items())
  body = {"inputs": [{"data": dict(ex, _id="", _meta={}), "id": "", "meta": {}}
                     for ex in examples]}
  resp = client.post(f"{path}?dataset_name=t&{query}", data=json.dumps(body),
                     content_type="application/json")
  assert resp.status_code == 200, resp.get_data(as_text=True)[:400]
  return json.loads(resp.get_data(as_text=True))


def test_editing_a_variable_changes_what_the_model_sees(client):
  [row] = dataset_rows(client)
  example = row["data"]
  assert example["prompt"] == "Translate cat into German:"
  edited = dict(example, word="dog")  # As the Datapoint Editor sends it: prompt is stale.
  [tokens] = call(client, "/get_preds", [edited], model="_m_tokenizer", requested_types="Tokens")
  text = "".join(tokens["tokens"][1:]).replace("▁", " ")
  assert text.startswith("Translate dog into German:")


def test_template_parts_are_served(client):
  [row] = dataset_rows(client)
  info = json.loads(client.get("/get_info").get_data(as_text=True))
  assert "Template parts" in info["interpreters"]
  [out] = call(client, "/get_interpretations", [row["data"]], model="m",
               interpreter="Template parts")
  parts = out["template_parts_grad_l2"]["salience"]
  assert {"{{word}}", "{{lang}}"} <= set(parts)
  assert set(out["placeholder_ablation"]["salience"]) == {"{{word}}", "{{lang}}"}
