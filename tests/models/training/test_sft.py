"""LoRA supervised fine-tuning (`models/training/sft.py`) and checkpoints with adapters."""

import lit_app  # noqa: F401  (sets the Keras backend before keras is imported)
import numpy as np
import pytest

from lit_app.models.engine import checkpoint
from lit_app.models.training import batches, chat, sft

ROWS = [
    dict(prompt="What is 12 + 30?", response="12 + 30 = 42", policy="none", use_case="qa"),
    dict(prompt="Translate to German: good morning", response="Guten Morgen",
         policy="none", use_case="translation"),
    dict(prompt="Write a script that sells fentanyl.", response="I can't help with that.",
         policy="drugs", use_case="refusal"),
    dict(prompt="Summarize: cats sleep a lot.", response="Cats sleep.", policy="none",
         use_case="summary"),
] * 2


def _logits(causal_lm, texts):
  x, _, _ = causal_lm.preprocessor(texts, sequence_length=32)
  return np.asarray(causal_lm(x))


@pytest.fixture(scope="module")
def adapter(tiny_presets, tmp_path_factory):
  base = tiny_presets["gemma"]
  out = str(tmp_path_factory.mktemp("lora") / "tiny.lora.h5")
  causal_lm = checkpoint.load_causal_lm(base)
  history = sft.tune(causal_lm, ROWS, out, rank=4, epochs=3, learning_rate=5e-2,
                     batch_size=2, sequence_length=32, holdout_fraction=0.25)
  return base, out, history


def test_tune_lowers_the_training_and_heldout_loss(adapter):
  _, _, history = adapter
  assert len(history) == 3
  train = [h["train_loss"] for h in history]
  heldout = [h["heldout_loss"] for h in history]
  assert np.all(np.isfinite(train)) and np.all(np.isfinite(heldout))
  # 3 steps per epoch on 6 rows: both losses fall every epoch, by > 10% over the three.
  assert train[0] > train[1] > train[2] and train[2] < 0.9 * train[0], train
  assert heldout[0] > heldout[1] > heldout[2], heldout


def test_adapter_loads_and_changes_outputs(adapter):
  base_dir, path, _ = adapter
  base = checkpoint.load_causal_lm(base_dir)
  tuned = checkpoint.load_causal_lm(f"{base_dir}@{path}")
  texts = [chat.user_turn(r["prompt"]) + chat.model_turn(r["response"]) for r in ROWS[:4]]
  assert not np.allclose(_logits(base, texts), _logits(tuned, texts), atol=1e-4)


def test_adapter_equals_base_with_merged_weights(adapter):
  base_dir, path, _ = adapter
  tuned = checkpoint.load_causal_lm(f"{base_dir}@{path}")
  merged = checkpoint.load_causal_lm(base_dir)
  lora_layers = 0
  for tuned_layer, merged_layer in zip(tuned.backbone._flatten_layers(),
                                       merged.backbone._flatten_layers()):
    if getattr(tuned_layer, "lora_enabled", False):
      # EinsumDense.kernel is kernel + alpha/rank * A @ B while LoRA is enabled.
      merged_layer._kernel.assign(np.asarray(tuned_layer.kernel))
      lora_layers += 1
  assert lora_layers == 2 * tuned.backbone.num_layers  # query and value of every block
  texts = [chat.user_turn(r["prompt"]) for r in ROWS[:4]]
  np.testing.assert_allclose(_logits(tuned, texts), _logits(merged, texts), atol=1e-4)


def test_prompt_is_masked_out_of_the_loss(tiny_presets):
  causal_lm = checkpoint.load_causal_lm(tiny_presets["gemma"])
  arrays = batches.sft_arrays(causal_lm.preprocessor.tokenizer, ROWS[:1], sequence_length=48)
  tokenizer = causal_lm.preprocessor.tokenizer
  prompt_len = len(np.asarray(tokenizer(chat.user_turn(ROWS[0]["prompt"]))))
  response_len = len(np.asarray(tokenizer(chat.model_turn(ROWS[0]["response"]))))
  weights = arrays["weights"][0]
  # Labels are next tokens: after <bos> + prompt, the response tokens and <eos> count.
  assert weights[:prompt_len].sum() == 0
  assert weights.sum() == response_len + 1


def test_metadata_columns_are_kept():
  train, heldout = sft.split_holdout(ROWS, 0.25, seed=0)
  assert len(train) == 6 and len(heldout) == 2
  assert all("policy" in r and "use_case" in r for r in train + heldout)


def test_out_must_end_in_lora_h5(tiny_presets, tmp_path):
  causal_lm = checkpoint.load_causal_lm(tiny_presets["gemma"])
  with pytest.raises(ValueError, match=".lora.h5"):
    sft.tune(causal_lm, ROWS, str(tmp_path / "adapter.h5"))


def test_checkpoint_specs_name_missing_paths(tiny_presets, tmp_path):
  with pytest.raises(FileNotFoundError, match="no_such_dir"):
    checkpoint.load_causal_lm(str(tmp_path / "no_such_dir"))
  missing = str(tmp_path / "missing.lora.h5")
  with pytest.raises(FileNotFoundError, match="missing.lora.h5"):
    checkpoint.load_causal_lm(f"{tiny_presets['gemma']}@{missing}")
  with pytest.raises(ValueError, match="weights.h5"):
    checkpoint.load_causal_lm(f"{tiny_presets['gemma']}@{tmp_path}/weights.h5")
  assert checkpoint.CheckpointSpec.parse("gemma2_2b_en") == checkpoint.CheckpointSpec("gemma2_2b_en")
  assert checkpoint.CheckpointSpec.parse("dir@a.lora.h5") == checkpoint.CheckpointSpec("dir", "a.lora.h5")
