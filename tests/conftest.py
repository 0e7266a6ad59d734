"""Shared fixtures: tiny random checkpoints of every Gemma generation saved as KerasHub presets.

Built once per test session (a SentencePiece model trained on the fly, random weights),
so the real loading code runs on real preset directories.
"""

import os
import shutil
import tempfile

# Tests compile many small programs and run each a few times: LLVM's optimizations cost
# more than they save (a third of the engine tests' time measured here). Set before JAX
# starts its backend; subprocess servers and commands inherit it.
os.environ["XLA_FLAGS"] = " ".join(filter(None, [os.environ.get("XLA_FLAGS"),
                                                 "--xla_backend_optimization_level=0"]))

import lit_app  # noqa: E402,F401  (sets the Keras backend before keras is imported)
import pytest  # noqa: E402

from lit_app.models.engine import tiny

CORPUS = [
    "The quick brown fox jumps over the lazy dog.",
    "Hallo Welt, schöne Grüße aus München! Ärger über Öl und Übermut.",
    "Summarize the article: cats sleep a lot. Summary: cats sleep.",
    "<start_of_turn>user\nWhat is 12 + 30?<end_of_turn>\n<start_of_turn>model\n12 + 30 = 42",
    "Translate to German: good morning -> Guten Morgen",
    "I can't help with that request.",
    "<|turn>user\nWhat is 12 + 30?<turn|>\n<|turn>model\n12 + 30 = 42<turn|>",
] * 10


@pytest.fixture(scope="session")
def sp_proto():
  return tiny.train_sentencepiece(CORPUS, vocab_size=400)


class TinyPresets(dict):
  """{variant: preset directory} for every tiny variant (tiny.VARIANTS: gemma, gemma2,
  gemma3, gemma3_vision, gemma3n, gemma4, gemma4_moe, gemma4_vision), each built and saved
  the first time a test asks for it."""

  def __init__(self, root, proto):
    super().__init__()
    self.root, self.proto = root, proto

  def __missing__(self, variant):
    if variant not in tiny.VARIANTS:
      raise KeyError(variant)
    causal_lm = tiny.build_causal_lm(variant, self.proto, sequence_length=128, seed=1)
    path = str(self.root / variant)
    causal_lm.save_to_preset(path)
    self[variant] = path
    return path


@pytest.fixture(scope="session")
def tiny_presets(tmp_path_factory, sp_proto):
  return TinyPresets(tmp_path_factory.mktemp("presets"), sp_proto)


@pytest.fixture(autouse=True, scope="session")
def _in_process_server_defaults(tmp_path_factory):
  """In-process apps skip the background warm-up; nothing is written under the home
  directory: findings (--state_dir), converted GGUF files and the compilation cache go to
  temporary directories, also for servers started as subprocesses. The compilation cache
  is on for the whole session, so engines built again reuse compiled programs."""
  from absl import flags
  from lit_app import server  # noqa: F401  (defines the flags)
  from lit_app.models import engine as engine_lib
  flags.FLAGS.set_default("warm_up", False)
  data_home = tmp_path_factory.mktemp("xdg_data_home")
  os.environ["XDG_DATA_HOME"] = str(data_home)
  # Converted GGUF checkpoints (the real Gemma 3 270M) and compiled programs: kept once per
  # test run in one temporary cache (pytest_configure), shared with subprocess servers
  # (whose defaults read $GEMMA_LIT_CACHE).
  cache = os.environ["GEMMA_LIT_CACHE"]
  flags.FLAGS.set_default("compilation_cache_dir", os.path.join(cache, "jax"))
  engine_lib.use_compilation_cache(os.path.join(cache, "jax"))
  flags.FLAGS.set_default("state_dir", str(data_home / "gemma-lit"))


def pytest_configure(config):
  """One cache of compiled programs and converted GGUF checkpoints for the whole run: set
  in the controlling process, so pytest-xdist's workers (and the servers they start)
  inherit it. A GEMMA_LIT_CACHE set by the caller is kept (to reuse one)."""
  if "PYTEST_XDIST_WORKER" not in os.environ and "GEMMA_LIT_CACHE" not in os.environ:
    os.environ["GEMMA_LIT_CACHE"] = config._gemma_lit_cache = tempfile.mkdtemp(
        prefix="gemma_lit_cache-")


def pytest_unconfigure(config):
  """Removes the run's cache (about 1 GB once the real Gemma is converted)."""
  if getattr(config, "_gemma_lit_cache", None):
    shutil.rmtree(config._gemma_lit_cache, ignore_errors=True)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
  """Markers by place: tests/browser/ are `browser` tests (`-m "not browser"` skips them).

  Groups for `pytest -n 2 --dist loadgroup` (make test): every module runs in one worker,
  so its module fixtures (engines, compiled programs) are built once; the browser tests
  share one group, since they share one served LIT and one state directory. (Runs before
  pytest-xdist's own hook, which reads the groups. pytest 9.2 breaks loadgroup,
  pytest-dev/pytest-xdist#1386, so pyproject.toml keeps pytest below it.)"""
  for item in items:
    if "/tests/browser/" in str(item.fspath):
      item.add_marker(pytest.mark.browser)
      group = "browser"
    else:
      group = item.nodeid.split("::", 1)[0]
    item.add_marker(pytest.mark.xdist_group(group))
