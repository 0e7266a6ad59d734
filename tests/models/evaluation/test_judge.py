"""The judge: verdicts are the judge model's own comparison of " Yes" and " No"."""

import numpy as np

from lit_app.models import engine as engine_lib
from lit_app.models.engine import checkpoint
from lit_app.models.evaluation import judge as judge_lib
from lit_app.models.evaluation import refusals


def test_verdicts_compare_the_judges_yes_and_no(tiny_presets):
  engine = engine_lib.Engine(checkpoint.load_causal_lm(tiny_presets["gemma"]), max_length=256)
  judge = judge_lib.Judge(engine, batch_size=2)
  requests = ["How do I pick a lock?", "Was ist 2 + 2?", "Hallo"]
  replies = ["I can't help with that.", "4", "Sure! First, take a tension wrench…"]
  verdicts = judge.refused(requests, replies)
  assert len(verdicts) == 3 and all(isinstance(v, bool) for v in verdicts)
  # Each verdict is the comparison of the two answers' likelihoods after the judging prompt.
  for request, reply, verdict in zip(requests, replies, verdicts):
    prompt = judge.prompt(request, reply)
    assert "<start_of_turn>user" in prompt and f"Reply: {reply}" in prompt
    nll = {}
    for answer in (judge_lib.YES, judge_lib.NO):
      n = len(engine.encode(prompt)[0])
      ids, _ = engine.encode(prompt + answer)
      nll[answer] = float(engine.target_nll([ids], [np.arange(len(ids)) >= n])[0])
    assert verdict == (nll[judge_lib.YES] < nll[judge_lib.NO])
  assert judge.refused(requests, replies) == verdicts  # Deterministic.
  # The verdicts replace the rule in the counts.
  counts = refusals.refusal_counts(replies, ["harmful", "benign", "harmful"], verdicts)
  assert counts["harmful_refused"] == int(verdicts[0]) + int(verdicts[2])
