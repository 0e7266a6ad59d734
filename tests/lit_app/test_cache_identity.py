"""Predictions are cached by checkpoint content, not by display name."""

import json

import werkzeug.test
from absl import flags
from absl.testing import flagsaver

from lit_app import server


def serve_once(preset, data_file, data_dir):
  """One server run: answers for the dataset's first example, then saves its cache."""
  with flagsaver.flagsaver():
    flags.FLAGS(["lit_app", f"--models=m:{preset}", f"--datasets=d:{data_file}",
                 f"--data_dir={data_dir}", "--server_type=external", "--max_length=64",
                 "--max_new_tokens=6"])
    app = server.create_app()
  client = werkzeug.test.Client(app)
  dataset = json.loads(client.post("/get_dataset?dataset_name=d", data="{}",
                                   content_type="application/json").get_data(as_text=True))
  example_id = dataset[0]["id"]
  resp = client.post("/get_preds?model=m&dataset_name=d&requested_types=GeneratedText",
                     data=json.dumps({"inputs": [example_id]}), content_type="application/json")
  assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
  app.save_cache()
  return json.loads(resp.get_data(as_text=True))[0]["response"]


def test_reused_name_does_not_serve_stale_predictions(tiny_presets, tmp_path):
  data = tmp_path / "p.jsonl"
  data.write_text(json.dumps({"prompt": "The quick brown"}) + "\n", encoding="utf-8")
  cache = tmp_path / "cache"
  cache.mkdir()
  first = serve_once(tiny_presets["gemma"], data, cache)
  second = serve_once(tiny_presets["gemma3"], data, cache)  # Same name "m", other weights.
  fresh = serve_once(tiny_presets["gemma3"], data, tmp_path)  # No cache to go stale.
  assert second == fresh
  assert first != second
