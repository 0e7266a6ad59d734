"""A LIT app over tiny Gemma 1/2/3 checkpoints, driven through werkzeug's test client."""

import json

import pytest
import werkzeug.test
from absl import flags
from absl.testing import flagsaver

from lit_app import server

from tests.lit_app.lit_client import FAMILIES, PROMPT, TARGET


@pytest.fixture(scope="session")
def lit(tiny_presets, tmp_path_factory):
  data = tmp_path_factory.mktemp("data") / "prompts.jsonl"
  data.write_text(json.dumps({"prompt": PROMPT, "target": TARGET}) + "\n", encoding="utf-8")
  models = ",".join(f"{f}:{tiny_presets[f]}" for f in FAMILIES)
  with flagsaver.flagsaver():
    flags.FLAGS(["lit_app", f"--models={models}", f"--datasets=sample:{data}",
                 "--server_type=external", "--max_length=128", "--max_new_tokens=8"])
    wsgi = server.create_app()
  return werkzeug.test.Client(wsgi), wsgi
