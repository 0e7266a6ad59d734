"""`gemma-lit eval` reports what LIT's Metrics module reports over HTTP."""

import json

import pytest
import werkzeug.test
from absl import flags
from absl.testing import flagsaver

from lit_app import server
from lit_app.commands import dispatch, evaluate

from tests.models.evaluation.test_preference import PAIRS

REQUESTS = [("Hallo", "harmful"), ("The quick", "benign"), ("Translate to German: good", "benign")]
FLAGS = ["--max_length=64", "--max_new_tokens=6", "--chat_template=m"]


def lit_metrics(client, dataset: str) -> dict:
  rows = json.loads(client.post(f"/get_dataset?dataset_name={dataset}", data="{}",
                                content_type="application/json").get_data(as_text=True))
  resp = client.post(f"/get_metrics?model=m&dataset_name={dataset}&metrics=alignment",
                     data=json.dumps({"inputs": [r["id"] for r in rows]}),
                     content_type="application/json")
  assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
  return json.loads(resp.get_data(as_text=True))["alignment"][0]["metrics"]


def test_eval_json_equals_lit_metrics_over_http(tiny_presets, tmp_path, capsys):
  pairs = tmp_path / "pairs.jsonl"
  pairs.write_text("".join(json.dumps(p) + "\n" for p in PAIRS), encoding="utf-8")
  requests = tmp_path / "requests.jsonl"
  requests.write_text("".join(json.dumps({"prompt": p, "kind": k}) + "\n" for p, k in REQUESTS),
                      encoding="utf-8")
  model = f"m:{tiny_presets['gemma']}"
  with flagsaver.flagsaver():
    flags.FLAGS(["lit_app", f"--models={model}", f"--datasets=p:{pairs},r:{requests}",
                 "--server_type=external", *FLAGS])
    client = werkzeug.test.Client(server.create_app())
  from_lit = lit_metrics(client, "p") | lit_metrics(client, "r")

  out = tmp_path / "answers.jsonl"
  assert dispatch.main(["eval", f"--models={model}", f"--data={requests},{pairs}", "--json",
                        f"--out={out}", *FLAGS]) == 0
  from_cli = json.loads(capsys.readouterr().out)
  assert list(from_cli) == ["m"]
  assert set(from_cli["m"]) >= {"refusal_rate", "over_refusal_rate", "preference_agreement"}
  assert from_cli["m"] == pytest.approx(from_lit)
  assert from_cli["m"]["harmful_requests"] == 1 and from_cli["m"]["benign_requests"] == 2
  assert from_cli["m"]["preference_pairs"] == len(PAIRS)
  answers = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
  assert [(a["prompt"], a["model"]) for a in answers] == [(p, "m") for p, _ in REQUESTS]
  assert sum(a["refused"] for a in answers if a["kind"] == "benign") == (
      from_cli["m"]["benign_refused"])


def test_table():
  table = evaluate.format_table({
      "base": {"refusal_rate": 0.0, "harmful_refused": 0, "harmful_requests": 102,
               "over_refusal_rate": 0.0, "benign_refused": 0, "benign_requests": 159},
      "tuned": {"refusal_rate": 101 / 102, "harmful_refused": 101, "harmful_requests": 102,
                "over_refusal_rate": 3 / 159, "benign_refused": 3, "benign_requests": 159}})
  lines = table.splitlines()
  assert [c.strip() for c in lines[0].strip("|").split("|")] == [
      "model", "data", "harmful refused", "benign refused"]
  assert [c.strip() for c in lines[3].strip("|").split("|")] == [
      "tuned", "all", "99.0% (101/102)", "1.9% (3/159)"]


def test_each_request_file_is_reported_on_its_own(tiny_presets, tmp_path, capsys):
  """In-distribution and out-of-distribution files side by side: each file's rows alone,
  and the counts add up to the whole."""
  paths = []
  for name, rows in (("in.jsonl", REQUESTS[:2]), ("ood.jsonl", REQUESTS[1:])):
    paths.append(tmp_path / name)
    paths[-1].write_text("".join(json.dumps({"prompt": p, "kind": k}) + "\n" for p, k in rows),
                         encoding="utf-8")
  assert dispatch.main(["eval", f"--models=m:{tiny_presets['gemma']}",
                        f"--data={paths[0]},{paths[1]}", "--json", *FLAGS]) == 0
  result = json.loads(capsys.readouterr().out)["m"]
  assert set(result["by_file"]) == {"in.jsonl", "ood.jsonl"}
  assert result["by_file"]["in.jsonl"]["harmful_requests"] == 1
  assert result["by_file"]["ood.jsonl"]["benign_requests"] == 2
  for key in ("benign_requests", "benign_refused"):
    assert sum(part.get(key, 0) for part in result["by_file"].values()) == result[key]


@pytest.mark.parametrize("name", ["refusal_eval_ood.jsonl", "refusal_validation.jsonl"])
def test_bundled_hand_written_sets_share_nothing_with_tuning_data(name):
  """The hand-written requests overlap no SFT row (check_data's rules)."""
  from lit_app.datasets import check_report, loading
  import os
  report = check_report.check([os.path.join(loading.DATA_DIR, "safety_sft.jsonl")],
                              [os.path.join(loading.DATA_DIR, name)])
  assert not report.blocking_problems(allow_contamination=False, allow_malformed=True)


@pytest.mark.parametrize("argv, message", [
    (["--models=nocolon"], "--models: 'nocolon' is not NAME:PATH"),
    (["--models=m:x", "--chat_template=other"], "--chat_template names unknown model(s): other"),
    (["--max_new_tokens=0"], "max_new_tokens"),
    (["--data=missing.jsonl"], "missing.jsonl"),
    (["stray"], "unexpected arguments: stray"),
])
def test_bad_input_exits_2_with_one_line(argv, message, capsys):
  assert dispatch.main(["eval", *argv]) == 2
  err = capsys.readouterr().err
  assert err.startswith("gemma-lit eval: error: ") and message in err
  assert err.count("\n") == 1


def test_data_without_requests_or_pairs_exits_2(tmp_path, capsys):
  plain = tmp_path / "plain.jsonl"
  plain.write_text(json.dumps({"prompt": "Hi"}) + "\n", encoding="utf-8")
  assert dispatch.main(["eval", f"--data={plain}"]) == 2
  assert "no requests with a `kind`" in capsys.readouterr().err
