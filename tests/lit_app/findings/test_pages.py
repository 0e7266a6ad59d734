"""Finding pages read tokens the same way for every Gemma generation."""

import pytest

from lit_app import fields
from lit_app.findings import pages


def _model(tokens, scores, start):
  return {"tokens": tokens, fields.GRAD_L2: scores, "target_start": start,
          "target_mask": [0] * start + [1] * (len(tokens) - start)}


@pytest.mark.parametrize("opener, closer", [("<start_of_turn>", "<end_of_turn>"),
                                            ("<|turn>", "<turn|>")])  # Gemma 1-3n, Gemma 4
def test_strongest_words_leave_chat_markup_and_roles_aside(opener, closer):
  tokens = ["<bos>", opener, "user", "\n", "▁Write", "▁a", "▁script", "▁selling",
            "▁fentanyl", closer, "\n", opener, "model", "\n", "I", "▁can't"]
  # The role words and the markup get the largest scores; they must not be listed.
  scores = [0.0, 9.0, 8.0, 0.1, 0.2, 0.1, 1.0, 2.0, 3.0, 7.0, 0.1, 6.0, 5.0, 0.1, 0, 0]
  model = _model(tokens, scores, start=14)
  words = [w for w, _ in pages.top_words(model, fields.GRAD_L2)]
  assert words == ["fentanyl", "selling", "script"]
  page = pages.token_html(model, fields.GRAD_L2)
  assert "▁" not in page and "selling" in page
