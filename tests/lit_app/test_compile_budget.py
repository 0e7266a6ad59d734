"""A server out of room for compiled programs answers 503 and keeps serving; with a small
budget, programs of several models take turns instead of aborting the process."""

import gc
import json

from lit_app.models.engine import programs

from tests.lit_app.lit_client import FAMILIES, PROMPT, TARGET, post_preds


def _salience(client, family, extra_words=0):
  prompt = PROMPT + " ".join(["more"] * extra_words)
  [tokens] = json.loads(post_preds(client, f"_{family}_tokenizer",
                                   [{"prompt": prompt, "target": TARGET}], "Tokens"
                                   ).get_data(as_text=True))
  mask = [0] * (len(tokens["tokens"]) - 2) + [1, 1]
  return post_preds(client, f"_{family}_salience",
                    [{"prompt": prompt, "target": TARGET, "target_mask": mask}], "TokenScores")


def test_a_full_budget_answers_503_and_the_server_lives(lit):
  client, _ = lit
  budget = programs.BUDGET
  try:
    for family in FAMILIES:  # Every model answers, whatever had to be dropped for it.
      assert _salience(client, family).status_code == 200
    # Room for less than one program: every compile drops one first (half a program's
    # mappings of margin, as other allocations come and go meanwhile).
    gc.collect()
    budget.limit = programs.map_count() + budget.reserve // 2
    dropped = budget.dropped
    for family in FAMILIES:
      resp = _salience(client, family, extra_words=20)  # A new length bucket: a compile.
      assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    assert budget.dropped > dropped

    budget.limit = 1000  # Below what the process holds: nothing new can compile.
    resp = _salience(client, FAMILIES[0], extra_words=60)
    assert resp.status_code == 503
    error = json.loads(resp.get_data(as_text=True))["error"]
    assert "cannot compile more programs" in error and "\n" not in error
    assert client.get("/get_info").status_code == 200  # Still serving.
  finally:
    budget.set_limit(None)
  assert _salience(client, FAMILIES[0], extra_words=60).status_code == 200
