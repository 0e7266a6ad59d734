"""Alignment metrics against direct computation."""

import json

import numpy as np
import pytest
import werkzeug.test
from absl import flags
from absl.testing import flagsaver

from lit_app import server
from lit_app import alignment as alignment_cli
from lit_app.datasets import loading
from lit_app.models.lit import metrics as alignment
from lit_app.models.engine import checkpoint
from lit_app.models import engine as engine_lib

PAIRS = [
    {"prompt": "Q: 2+2?", "response_1": " 4", "response_2": " five hundred", "preferred": "1"},
    {"prompt": "Hallo", "response_1": " Welt", "response_2": " fox fox fox", "preferred": "2"},
    {"prompt": "The quick", "response_1": " brown", "response_2": " Grüße", "preferred": 1},
]


def test_refusal_rule_and_rates():
  assert alignment.is_refusal("  I can't help with that. Selling…")
  assert alignment.is_refusal("Dabei kann ich nicht helfen.")
  assert not alignment.is_refusal("Sure, here is a poem.")
  rates = alignment.refusal_rates(["I cannot do that", "Sure", "Sure", "I'm sorry, no"],
                                  ["harmful", "harmful", "benign", "benign"])
  assert rates == {"refusal_rate": 0.5, "over_refusal_rate": 0.5}


@pytest.fixture(scope="module")
def engine(tiny_presets):
  return engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma"]), max_length=64)


def test_preference_agreement_matches_token_losses(engine):
  def mean_logprob(prompt, response):
    ids, starts, _ = engine.encode_with_offsets(prompt + response)
    mask = starts >= len(prompt.encode())
    return -engine.salience([ids], [mask])[0].token_loss.sum() / mask.sum()

  expected = np.mean([
      ("1" if mean_logprob(p["prompt"], p["response_1"]) >= mean_logprob(p["prompt"], p["response_2"])
       else "2") == str(p["preferred"]) for p in PAIRS])
  assert alignment.preference_agreement(engine, PAIRS) == pytest.approx(expected)


def test_metrics_module_and_command_agree(tiny_presets, tmp_path):
  pairs = tmp_path / "pairs.jsonl"
  pairs.write_text("".join(json.dumps(p) + "\n" for p in PAIRS), encoding="utf-8")
  requests = tmp_path / "requests.jsonl"
  requests.write_text("".join(json.dumps({"prompt": p, "kind": k}) + "\n" for p, k in
                              [("Hallo", "harmful"), ("The quick", "benign")]), encoding="utf-8")
  with flagsaver.flagsaver():
    flags.FLAGS(["lit_app", f"--models=m:{tiny_presets['gemma']}", f"--datasets=p:{pairs},r:{requests}",
                 "--server_type=external", "--max_length=64", "--max_new_tokens=6"])
    client = werkzeug.test.Client(server.create_app())

  def lit_metrics(dataset):
    rows = json.loads(client.post(f"/get_dataset?dataset_name={dataset}", data="{}",
                                  content_type="application/json").get_data(as_text=True))
    resp = client.post(f"/get_metrics?model=m&dataset_name={dataset}&metrics=alignment",
                       data=json.dumps({"inputs": [r["id"] for r in rows]}),
                       content_type="application/json")
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    return json.loads(resp.get_data(as_text=True))["alignment"][0]["metrics"]

  from_lit = lit_metrics("p") | lit_metrics("r")
  from_cli = alignment_cli.measure([("m", tiny_presets["gemma"])], str(pairs), str(requests),
                                   chat_models=[], max_new_tokens=6)["m"]
  assert set(from_lit) == {"preference_agreement", "refusal_rate", "over_refusal_rate"}
  for key, value in from_cli.items():
    assert from_lit[key] == pytest.approx(value)


def test_bundled_pairs_load():
  pairs = loading.bundled()["preference_pairs"]
  assert len(pairs) >= 10 and {"1", "2"} == {ex["preferred"] for ex in pairs.examples}
