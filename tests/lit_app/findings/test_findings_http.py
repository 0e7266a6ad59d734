"""Examples, notes, stars and findings over LIT's HTTP API, across a server restart."""

import json
import re

import pytest
import werkzeug.test
from absl import flags
from absl.testing import flagsaver

from lit_app.commands import dispatch
from lit_app import server

PROMPT = "Translate to German: good morning -> "


@pytest.fixture
def state_dir(tmp_path):
  return tmp_path / "state"


@pytest.fixture
def start(tiny_presets, tmp_path, state_dir):
  """start(*extra_flags) -> a werkzeug client of a fresh app on the same --state_dir."""
  data = tmp_path / "prompts.jsonl"
  data.write_text(json.dumps({"prompt": PROMPT, "target": "Guten Morgen"}) + "\n" +
                  json.dumps({"prompt": "Summarize: cats sleep a lot."}) + "\n",
                  encoding="utf-8")
  path = tiny_presets["gemma"]

  def _start(*extra):
    with flagsaver.flagsaver():
      flags.FLAGS(["lit_app", f"--models=a:{path},b:{path}", f"--datasets=sample:{data}",
                   "--server_type=external", "--max_length=128", "--max_new_tokens=6",
                   f"--state_dir={state_dir}", f"--allowed_dirs={tmp_path}", *extra])
      return werkzeug.test.Client(server.create_app())
  return _start


def rows(client, dataset="sample"):
  resp = client.post(f"/get_dataset?dataset_name={dataset}", data="{}")
  assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
  return json.loads(resp.get_data(as_text=True))


def add(client, data, parent_id="", headers=None, dataset="sample"):
  """What the Datapoint Editor's Add sends."""
  meta = {"added": True, "source": "manual", "parentId": parent_id}
  body = {"inputs": [{"data": dict(data, _id="", _meta=meta), "id": "", "meta": meta}]}
  return client.post(f"/annotate_new_data?dataset_name={dataset}", data=json.dumps(body),
                     headers=headers or {})


def test_added_example_and_a_rows_note_and_star_survive_a_restart(start):
  client = start()
  first = rows(client)[0]
  assert first["data"]["note"] == "" and first["data"]["starred"] is False
  edited = {k: v for k, v in first["data"].items() if not k.startswith("_")}
  new = dict(edited, prompt="Is a margherita pizza vegetarian?", note="new one")
  assert add(client, new, first["id"]).status_code == 200
  assert add(client, dict(edited, note="wrong article", starred=True),
             first["id"]).status_code == 200
  # Another browser, same server: sees both at once.
  now = {r["data"]["prompt"]: r["data"] for r in rows(client)}
  assert now[PROMPT]["note"] == "wrong article" and now[PROMPT]["starred"] is True
  assert now["Is a margherita pizza vegetarian?"]["note"] == "new one"
  # The id the first browser still holds resolves.
  resp = client.post("/get_preds?model=_a_tokenizer&dataset_name=sample&requested_types=Tokens",
                     data=json.dumps({"inputs": [first["id"]]}))
  assert resp.status_code == 200, resp.get_data(as_text=True)[:300]

  after = {r["data"]["prompt"]: r["data"] for r in rows(start())}  # Restart.
  assert len(after) == 3  # Two file rows (one annotated in place) and the new one.
  assert after[PROMPT]["note"] == "wrong article" and after[PROMPT]["starred"] is True
  assert after["Is a margherita pizza vegetarian?"]["note"] == "new one"


def save_finding(client, example_id, note="tuned refuses", models=("a", "b")):
  body = {"inputs": [example_id], "config": {
      "models": list(models), "explain": "the model's answer", "only these words": "",
      "method": "grad_l2", "note": note, "model_name": models[0], "dataset_name": "sample"}}
  return client.post(
      f"/get_generated?model={models[0]}&dataset_name=sample&generator=Save finding",
      data=json.dumps(body), headers={"X-Forwarded-User": "ana@example.org"})


def test_saved_finding_has_a_page_an_export_and_a_row_after_a_restart(start, state_dir,
                                                                     tmp_path):
  client = start()
  example = rows(client)[0]
  resp = save_finding(client, example["id"])
  assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
  [[shown]] = json.loads(resp.get_data(as_text=True))
  assert re.search(r"Saved as finding 1: http://localhost/findings/1", shown["data"]["note"])

  client = start()  # Restart.
  page = client.get("/findings/1")
  assert page.status_code == 200
  text = page.get_data(as_text=True)
  assert "tuned refuses" in text and "ana@example.org" in text
  assert 'data-model="a"' in text and 'data-model="b"' in text
  assert "how strongly each word drove the answer" in text
  shares = [float(s) for s in re.findall(r'data-share="([-+0-9.]+)%"', text)]
  assert shares and abs(sum(shares) / 2 - 100) < 1  # Two models, each sums to 100%.
  assert "http://" not in text and "https://" not in text  # Nothing fetched from anywhere.
  # The LIT link selects the finding's row of the findings dataset.
  link = re.search(r'href="(/\?[^"]+)"', text).group(1)
  assert "models=a,b" in link and "dataset=findings" in link and "layout=compare" in link
  selection = re.search(r"selection=([0-9a-f]+)", link).group(1)
  [row] = rows(client, "findings")
  assert row["id"] == selection and row["data"]["finding"] == "/findings/1"
  assert row["data"]["note"] == "tuned refuses" and row["data"]["models"] == "a,b"

  export = client.get("/findings/1/export")
  assert export.headers["Content-Disposition"] == 'attachment; filename="finding-1.html"'
  assert "tuned refuses" in export.get_data(as_text=True)
  assert client.get("/findings/2").status_code == 404
  assert "Finding 1" in client.get("/findings").get_data(as_text=True)

  # The report command writes the same page as a file.
  assert dispatch.main(["report", "--all", f"--out={tmp_path / 'out'}",
                        f"--state_dir={state_dir}"]) == dispatch.EXIT_OK
  written = (tmp_path / "out" / "finding-1.html").read_text(encoding="utf-8")
  assert "tuned refuses" in written and "<style>" in written
  assert not re.search(r'<(?:link|script|img)\b', written)


def test_explaining_words_marks_only_those_tokens(start):
  client = start()
  example = rows(client)[0]
  body = {"inputs": [example["id"]], "config": {
      "models": ["a"], "explain": "the example's target", "only these words": "Morgen",
      "method": "grad_dot_input", "note": "", "model_name": "a", "dataset_name": "sample"}}
  resp = client.post("/get_generated?model=a&dataset_name=sample&generator=Save finding",
                     data=json.dumps(body))
  assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
  text = client.get("/findings/1").get_data(as_text=True)
  assert "pushed the answer up (green) or down (red)" in text
  outlined = re.findall(r'<span class="tok target">([^<]*)</span>', text)
  assert "".join(outlined).strip() == "Morgen"
  bad = dict(body, config=dict(body["config"], **{"only these words": "Abend"}))
  resp = client.post("/get_generated?model=a&dataset_name=sample&generator=Save finding",
                     data=json.dumps(bad))
  assert resp.status_code == 400 and "Abend" in resp.get_data(as_text=True)


def test_demo_mode_keeps_nothing_unless_allowed(start):
  client = start("--demo_mode")
  info = json.loads(client.get("/get_info").get_data(as_text=True))
  assert "Save finding" not in info["generators"]
  assert add(client, {"prompt": "demo", "target": "", "source": ""}).status_code == 200
  assert "demo" not in [r["data"]["prompt"] for r in rows(start("--demo_mode"))]

  client = start("--demo_mode", "--allow_findings")
  assert add(client, {"prompt": "kept", "target": "", "source": ""},
             headers={"X-Forwarded-User": "bo"}).status_code == 200
  assert "kept" in [r["data"]["prompt"] for r in rows(start("--demo_mode"))]


def test_configure_dialog_loads_a_dataset(start, tmp_path):
  client = start()
  path = tmp_path / "more.jsonl"
  path.write_text(json.dumps({"prompt": "from the dialog"}) + "\n", encoding="utf-8")
  body = {"config": {"new_name": "more", "path": str(path), "max_examples": 10}}
  resp = client.post("/create_dataset?dataset_name=prompt_file", data=json.dumps(body))
  assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
  info, name = json.loads(resp.get_data(as_text=True))
  assert name == "more" and "note" in info["datasets"]["more"]["spec"]
  assert rows(client, "more")[0]["data"]["prompt"] == "from the dialog"
  resp = client.post("/create_dataset?dataset_name=nope", data=json.dumps(body))
  assert resp.status_code == 400
  assert "unknown dataset loader 'nope'" in resp.get_data(as_text=True)
