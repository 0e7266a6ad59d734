"""LoRA tuning (`lit_app.tune`) and checkpoint specs with adapters (`checkpoint`)."""

import json
import os

import lit_app  # noqa: F401  (sets the Keras backend before keras is imported)
import numpy as np
import pytest

from lit_app import tune
from lit_app.datasets import loading
from lit_app.models.engine import checkpoint
from lit_app.models.training import batches, chat, corpus

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
  history = tune.tune(causal_lm, ROWS, out, rank=4, epochs=1, learning_rate=5e-2,
                      batch_size=4, sequence_length=32, holdout_fraction=0.25)
  return base, out, history


def test_tune_reports_training_and_heldout_loss(adapter):
  _, _, history = adapter
  assert len(history) == 1
  assert np.isfinite(history[0]["train_loss"]) and np.isfinite(history[0]["heldout_loss"])


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


def test_bad_data_names_file_and_line(tmp_path):
  path = tmp_path / "sft.jsonl"
  good = json.dumps(dict(prompt="p", response="r"))
  path.write_text(good + "\n{not json\n")
  with pytest.raises(ValueError, match=rf"{path}, line 2: malformed JSON"):
    tune.read_sft_rows(str(path))
  path.write_text(good + "\n\n" + json.dumps(dict(prompt="p")) + "\n")
  with pytest.raises(ValueError, match=rf"{path}, line 3: missing 'response'"):
    tune.read_sft_rows(str(path))
  path.write_text(json.dumps(dict(prompt="", response="r")) + "\n")
  with pytest.raises(ValueError, match=rf"{path}, line 1: 'prompt' must be a non-empty string"):
    tune.read_sft_rows(str(path))
  with pytest.raises(ValueError, match="nowhere.jsonl: file not found"):
    tune.read_sft_rows(str(tmp_path / "nowhere.jsonl"))


def test_metadata_columns_are_kept():
  train, heldout = tune.split_holdout(ROWS, 0.25, seed=0)
  assert len(train) == 6 and len(heldout) == 2
  assert all("policy" in r and "use_case" in r for r in train + heldout)


def test_out_must_end_in_lora_h5(tiny_presets, tmp_path):
  causal_lm = checkpoint.load_causal_lm(tiny_presets["gemma"])
  with pytest.raises(ValueError, match=".lora.h5"):
    tune.tune(causal_lm, ROWS, str(tmp_path / "adapter.h5"))


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


def test_refusal_rule():
  assert corpus.is_refusal("I can't help with that. It is illegal.")
  assert corpus.is_refusal("  dabei kann ich nicht helfen.")
  assert not corpus.is_refusal("Sure, here is the script: [PLACEHOLDER — harmful content omitted]")


def test_tune_refuses_contaminated_data_unless_allowed():
  data = os.path.join(loading.DATA_DIR, "tuning_checks_sft.jsonl")
  evals = [os.path.join(loading.DATA_DIR, "tuning_checks_eval.jsonl")]
  with pytest.raises(ValueError, match="block tuning"):
    tune.check_data(data, evals)
  tune.check_data(data, evals, allow_contamination=True)


def test_bundled_safety_data_passes_the_checks_against_the_refusal_eval():
  tune.check_data(os.path.join(loading.DATA_DIR, "safety_sft.jsonl"),
                  [os.path.join(loading.DATA_DIR, "refusal_eval.jsonl")])
