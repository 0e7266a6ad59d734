"""A LIT app over tiny Gemma 1/2/3 checkpoints, driven through werkzeug's test client."""

import json

import pytest
import werkzeug.test
from absl import flags
from absl.testing import flagsaver

from lit_app import server

from tests.lit_app.lit_client import FAMILIES, PROMPT, TARGET


def make_app(tiny_presets, tmp_path_factory, variants, *extra_flags, aliases=None):
  """A LIT app over tiny presets of `variants` (model NAME = variant; `aliases`: more
  models, {NAME: variant}, sharing that variant's base) with one `sample` dataset of
  PROMPT + TARGET. Returns (test client, WSGI app)."""
  data = tmp_path_factory.mktemp("data") / "prompts.jsonl"
  data.write_text(json.dumps({"prompt": PROMPT, "target": TARGET}) + "\n", encoding="utf-8")
  names = [(v, v) for v in variants] + list((aliases or {}).items())
  models = ",".join(f"{name}:{tiny_presets[v]}" for name, v in names)
  with flagsaver.flagsaver():
    flags.FLAGS(["lit_app", f"--models={models}", f"--datasets=sample:{data}",
                 "--server_type=external", "--max_length=128", "--max_new_tokens=8",
                 *extra_flags])
    wsgi = server.create_app()
  return werkzeug.test.Client(wsgi), wsgi


@pytest.fixture(scope="session")
def lit(tiny_presets, tmp_path_factory):
  """Every salience method offered (each computed only when a request names it)."""
  return make_app(tiny_presets, tmp_path_factory, FAMILIES,
                  "--salience_methods=integrated_gradients,occlusion,contrastive")
