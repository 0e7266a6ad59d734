"""The reward model (`models/training/reward.py`, served by `models/lit/reward.py`): it
learns a planted preference, and the served score equals the training-time score."""

import lit_app  # noqa: F401  (sets the Keras backend before keras is imported)
import numpy as np
import pytest

from lit_app import fields, model_specs
from lit_app.models.engine import checkpoint
from lit_app.models.lit import reward as reward_lit
from lit_app.models.training import reward

PROMPTS = ["What is 12 + 30?", "Translate to German: good morning", "Summarize: cats sleep.",
           "Hallo Welt", "The quick brown fox", "Write a script.", "Ärger über Öl",
           "Summarize the article"]
# The planted preference: a polite answer over a rude one, whatever the prompt.
GOOD, BAD = "Thank you, good morning!", "no."
PAIRS = [dict(prompt=p, response_1=GOOD if i % 2 else BAD, response_2=BAD if i % 2 else GOOD,
              preferred="1" if i % 2 else "2") for i, p in enumerate(PROMPTS)]


@pytest.fixture(scope="module")
def trained(tiny_presets, tmp_path_factory):
  base = tiny_presets["gemma"]
  out = str(tmp_path_factory.mktemp("reward") / "reward.lora.h5")
  causal_lm = checkpoint.load_causal_lm(base)
  history, heldout = reward.tune(causal_lm, PAIRS, out, rank=4, learning_rate=3e-2,
                                 batch_size=4, sequence_length=96, holdout_fraction=0.25,
                                 steps=12)
  return base, out, history, heldout


def test_reward_ranks_the_planted_preference(trained):
  base, out, history, heldout = trained
  assert history[-1]["heldout_accuracy"] == 1.0 and len(heldout) == 2
  models, _ = model_specs.build_models([f"reward:{base}@{out}"], 128, 4, 4, "float32")
  model = models["reward"]
  assert isinstance(model, reward_lit.RewardModel)
  new_prompt = "Guten Morgen, wie geht es dir?"  # Not in the training pairs.
  out_rows = list(model.predict([
      {fields.PROMPT: new_prompt, fields.RESPONSE: GOOD},
      {fields.PROMPT: new_prompt, fields.RESPONSE: BAD},
      {fields.PROMPT: new_prompt, fields.RESPONSE_1: BAD, fields.RESPONSE_2: GOOD}]))
  assert out_rows[0][fields.REWARD] > out_rows[1][fields.REWARD]
  assert out_rows[2][reward_lit.REWARD_PREFERS] == "2"
  assert out_rows[2][reward_lit.REWARD_2] > out_rows[2][reward_lit.REWARD_1]


def test_served_score_equals_training_score(trained):
  base, out, _, _ = trained
  causal_lm = checkpoint.load_causal_lm(f"{base}@{out}")
  head = reward.load_head(out)
  objective = reward.Objective(causal_lm)
  arrays = reward.reward_arrays(causal_lm.preprocessor.tokenizer, PAIRS[:2], 96)
  flat = {k: arrays[k].reshape(4, 96) for k in ("token_ids", "padding_mask", "pool")}
  values = [v.value for v in causal_lm.backbone.trainable_variables] + [head.kernel, head.bias]
  trained_scores = np.asarray(objective.rewards(values, objective.non_trainable,
                                                flat["token_ids"], flat["padding_mask"],
                                                flat["pool"]))
  models, _ = model_specs.build_models([f"reward:{base}@{out}"], 128, 4, 4, "float32")
  model = models["reward"]
  texts = [(p["prompt"], r) for p in PAIRS[:2] for r in reward.pairs_lib.chosen_rejected(p)]
  served = reward_lit.score(model.engine, model.head, model.adapter, [t[0] for t in texts],
                            [t[1] for t in texts])
  np.testing.assert_allclose(served, trained_scores, rtol=1e-4, atol=1e-4)


def test_head_file_errors(tmp_path, trained):
  _, out, _, _ = trained
  assert reward.load_head(out).kernel.ndim == 1
  assert checkpoint.adapter_rank(out) == 4  # Still a KerasHub LoRA file.
  bad = tmp_path / "bad.lora.h5"
  bad.write_text("not hdf5")
  with pytest.raises(ValueError, match="bad.lora.h5: not a readable adapter file"):
    reward.load_head(str(bad))


def test_batch_and_eval_refuse_a_reward_model_in_one_line(trained, tmp_path, capsys):
  """A reward model has no answers or salience to precompute or rate: exit 2, one line,
  no output."""
  from lit_app.commands import dispatch
  from lit_app.datasets import loading
  base, out, _, _ = trained
  data, written = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
  data.write_text('{"prompt": "Hi", "target": "Hallo"}\n', encoding="utf-8")
  requests = f"{loading.DATA_DIR}/refusal_validation.jsonl"
  for argv in (["batch", f"--data={data}"], ["eval", f"--data={requests}"]):
    assert dispatch.main([*argv, f"--models=reward:{base}@{out}", f"--out={written}",
                          "--max_length=64"]) == 2
    err = capsys.readouterr().err
    assert "reward is a reward model" in err and err.count("\n") == 1, err
    assert not written.exists()
