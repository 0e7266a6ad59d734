"""GGUF files: tiny Gemma 1/2/3 written as llama.cpp writes them load back with equal
logits and tokenizer ids; the cache converts once per content; bad files get one line."""

import os

import numpy as np
import pytest

from lit_app.commands import dispatch
from lit_app.models.engine import checkpoint, gguf_file
from tests import reference
from tests.models.engine import gguf_writer

TEXTS = [
    "The quick brown fox jumps over the lazy dog.",
    "Hallo Welt, schöne Grüße aus München! Ärger über Öl.",
    "def f(x):\n    return x  # two  spaces\n\n",
    "<start_of_turn>user\nWhat is 12 + 30?<end_of_turn>\n<start_of_turn>model\n",
    "日本語のテキスト und ein Emoji 😀",
]


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
  monkeypatch.setenv("GEMMA_LIT_CACHE", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def tiny_lms(tiny_presets):
  return {v: checkpoint.load_causal_lm(tiny_presets[v]) for v in ("gemma", "gemma2", "gemma3")}


def _logits(causal_lm, ids):
  return reference.keras_hub_forward(causal_lm, ids)[0]


@pytest.mark.parametrize("variant", ["gemma", "gemma2", "gemma3"])
def test_round_trip_logits_and_tokenizer(variant, tiny_lms, tmp_path):
  original = tiny_lms[variant]
  path = gguf_writer.write(original, str(tmp_path / f"{variant}.gguf"))
  loaded = checkpoint.load_causal_lm(path)
  assert type(loaded) is type(original)
  tok, tok2 = original.preprocessor.tokenizer, loaded.preprocessor.tokenizer
  for text in TEXTS:
    ids = np.asarray(tok(text))
    np.testing.assert_array_equal(np.asarray(tok2(text)), ids, err_msg=text)
    assert tok2.detokenize(ids) == text
  ids = np.asarray(tok(" ".join(TEXTS)), np.int32)
  np.testing.assert_allclose(_logits(loaded, ids), _logits(original, ids), rtol=1e-5, atol=1e-5)
  # The chat turn markers are single ids, as in Google's tokenizers.
  turn = np.asarray(tok2("<start_of_turn>"))
  assert turn.tolist() == [tok.token_to_id("<start_of_turn>")]


def test_cache_converts_once_per_content(tiny_lms, tmp_path, monkeypatch):
  path = gguf_writer.write(tiny_lms["gemma3"], str(tmp_path / "m.gguf"))
  first = gguf_file.converted_preset(path)
  root = os.path.dirname(first)
  monkeypatch.setattr(gguf_file, "load_causal_lm",
                      lambda *a, **k: pytest.fail("converted twice"))
  assert gguf_file.converted_preset(path) == first  # Cached: nothing is dequantized.
  monkeypatch.undo()
  monkeypatch.setenv("GEMMA_LIT_CACHE", str(tmp_path / "cache"))
  gguf_writer.write(tiny_lms["gemma"], path)  # The same file name, new content.
  second = gguf_file.converted_preset(path)
  assert second != first and os.path.isfile(os.path.join(second, "config.json"))
  assert sorted(os.listdir(root)) == sorted([os.path.basename(first), os.path.basename(second)])
  assert checkpoint.content_hash(checkpoint.CheckpointSpec(path)) != ""


@pytest.mark.parametrize("damage, message", [
    ("text", "not a GGUF file"),
    ("truncated", "truncated or corrupt"),
    ("llama", "general.architecture is 'llama'; supported GGUF architectures: gemma, gemma2"),
    ("missing", "GGUF file not found"),
])
def test_bad_files_get_one_line_and_leave_no_cache(damage, message, tiny_lms, tmp_path):
  path = str(tmp_path / "bad.gguf")
  if damage == "text":
    with open(path, "w") as f:
      f.write("this is not a model\n")
  elif damage == "truncated":
    full = gguf_writer.write(tiny_lms["gemma3"], str(tmp_path / "full.gguf"))
    gguf_writer.write(tiny_lms["gemma3"], path, truncate_to=os.path.getsize(full) // 2)
  elif damage == "llama":
    gguf_writer.write(tiny_lms["gemma3"], path, arch="llama")
  with pytest.raises((ValueError, FileNotFoundError), match=message) as error:
    checkpoint.load_causal_lm(path)
  assert "\n" not in str(error.value)
  cache = os.path.join(gguf_file.cache_root(), "gguf")
  assert not os.path.isdir(cache) or os.listdir(cache) == []


def test_models_flag_and_convert_command(tiny_lms, tmp_path, capsys):
  import keras_hub
  path = gguf_writer.write(tiny_lms["gemma3"], str(tmp_path / "tiny3.gguf"))
  out = tmp_path / "preset"
  assert dispatch.main(["convert", path, f"--out={out}"]) == 0
  assert "Gemma3CausalLM.from_preset" in capsys.readouterr().out
  loaded = keras_hub.models.Gemma3CausalLM.from_preset(str(out))  # KerasHub alone.
  ids = np.asarray(loaded.preprocessor.tokenizer(TEXTS[1]), np.int32)
  np.testing.assert_allclose(_logits(loaded, ids), _logits(tiny_lms["gemma3"], ids),
                             rtol=1e-5, atol=1e-5)
  assert dispatch.main(["convert", path, f"--out={out}"]) == 2  # Not empty any more.
  assert "not empty" in capsys.readouterr().err
  assert dispatch.main(["convert", str(tmp_path / "none.gguf"), f"--out={tmp_path / 'x'}"]) == 2
  assert "GGUF file not found" in capsys.readouterr().err
