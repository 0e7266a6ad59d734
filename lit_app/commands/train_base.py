r"""gemma-lit train-base: trains the bundled tiny Gemma base checkpoint from scratch, on
this machine's CPU.

  gemma-lit train-base --out=models/checkpoints/gemma_tiny_base

Generates the corpus (`lit_app.models.training.corpus.base_corpus`, seeded), trains a
Gemma-style SentencePiece tokenizer on it, builds a random-init KerasHub GemmaCausalLM
(`lit_app.models.engine.tiny`), trains it on chat-formatted exchanges packed into fixed windows,
and saves a KerasHub preset directory (`causal_lm.save_to_preset`) plus
`training_log.json` (flags, losses, wall time).

  gemma-lit train-base --init=models/checkpoints/gemma_tiny_base --learning_rate=1e-3

continues training a saved preset (its weights and tokenizer) on the current corpus;
the earlier training log is kept under `continued_from`. `--skills` limits the bundled
examples' kinds of task to some of them (e.g. a copying phase).
"""

import json
import os
import platform
import time

from absl import flags

import lit_app  # noqa: F401  (selects the JAX backend before keras is imported)
from lit_app.commands import dispatch
from lit_app.models.engine import checkpoint, tiny
from lit_app.models.training import batches, chat, corpus, loop

FLAGS = flags.FlagValues()
_OUT = flags.DEFINE_string("out", "models/checkpoints/gemma_tiny_base",
                           "Directory for the KerasHub preset.", flag_values=FLAGS)
_SEED = flags.DEFINE_integer("seed", 0, "Seed for the corpus, initialisation and shuffling.", flag_values=FLAGS)
_STEPS = flags.DEFINE_integer("steps", 1000, "Optimizer steps (overrides --epochs when > 0).", flag_values=FLAGS)
_EPOCHS = flags.DEFINE_integer("epochs", 1, "Passes over the corpus when --steps=0.", flag_values=FLAGS)
_BATCH_SIZE = flags.DEFINE_integer("batch_size", 16, "Windows per batch.", flag_values=FLAGS)
_SEQUENCE_LENGTH = flags.DEFINE_integer("sequence_length", 256, "Tokens per training window.", flag_values=FLAGS)
_LEARNING_RATE = flags.DEFINE_float("learning_rate", 2e-3, "Peak AdamW learning rate.", flag_values=FLAGS)
_VOCAB_SIZE = flags.DEFINE_integer("vocab_size", 3000, "SentencePiece vocabulary size.", flag_values=FLAGS)
_FAMILY = flags.DEFINE_enum("family", "gemma", ["gemma", "gemma2"], "Backbone generation.", flag_values=FLAGS)
_NUM_TASKS = flags.DEFINE_integer("num_tasks", 12000, "Everyday-task rows in the corpus.", flag_values=FLAGS)
_NUM_SKILLS = flags.DEFINE_integer("num_skills", 24000, "Rows of the bundled examples' kinds "
                                   "of task (models/training/skills.py).", flag_values=FLAGS)
_SKILLS = flags.DEFINE_list("skills", None, "Only these kinds of task (skills.GENERATORS "
                            "names), e.g. a copying phase: repeat,few_shot,summary_article. "
                            "Default: all.", flag_values=FLAGS)
_INIT = flags.DEFINE_string(
    "init", None, "Continue training this preset directory (its weights and tokenizer) "
    "instead of starting from random weights and a new tokenizer.", flag_values=FLAGS)

# The 4-layer, 256-wide model (also the speed benchmark's model).
ARCH = dict(num_layers=4, hidden_dim=256, num_heads=4, num_kv_heads=1, head_dim=64,
            intermediate_dim=1024)
# The preset's preprocessor length: room for a prompt and its generated reply.
PRESET_SEQUENCE_LENGTH = 256
HELDOUT_FRACTION = 0.02


def _earlier_log(init: str | None) -> dict | None:
  """The training log of the preset training continues from (read before --out, which
  may be the same directory, is overwritten)."""
  path = os.path.join(init, "training_log.json") if init else None
  if path and os.path.exists(path):
    with open(path) as f:
      return json.load(f)
  return None


def main() -> int:
  started = time.time()
  seed = _SEED.value
  try:
    rows = corpus.base_corpus(seed, num_tasks=_NUM_TASKS.value, num_skills=_NUM_SKILLS.value,
                              skill_use_cases=_SKILLS.value)
  except ValueError as e:
    raise ValueError(f"--skills: {e}") from None
  print(f"corpus: {len(rows)} exchanges (seed {seed})")
  if _INIT.value:
    causal_lm = checkpoint.load_causal_lm(_INIT.value)
  else:
    texts = [p + r for p, r in zip(*batches.exchange_texts(rows, chat.GEMMA))]
    proto = tiny.train_sentencepiece(texts, vocab_size=_VOCAB_SIZE.value, seed=seed)
    causal_lm = tiny.build_causal_lm(_FAMILY.value, proto,
                                     sequence_length=PRESET_SEQUENCE_LENGTH, seed=seed, **ARCH)
  print(f"model: {_FAMILY.value}, {causal_lm.backbone.count_params():,} parameters, "
        f"vocabulary {causal_lm.preprocessor.tokenizer.vocabulary_size()}")

  arrays = batches.packed_lm_arrays(causal_lm.preprocessor.tokenizer, rows,
                                    _SEQUENCE_LENGTH.value)
  num_heldout = max(int(len(arrays["labels"]) * HELDOUT_FRACTION), 1)
  heldout = {k: v[:num_heldout] for k, v in arrays.items()}
  train = {k: v[num_heldout:] for k, v in arrays.items()}
  print(f"windows: {len(train['labels'])} training, {num_heldout} held out, "
        f"{_SEQUENCE_LENGTH.value} tokens each")
  history = loop.fit(
      causal_lm, train, heldout, batch_size=_BATCH_SIZE.value,
      epochs=_EPOCHS.value, steps=_STEPS.value or None,
      learning_rate=_LEARNING_RATE.value, seed=seed, desc="base")

  os.makedirs(_OUT.value, exist_ok=True)
  earlier = _earlier_log(_INIT.value)
  causal_lm.save_to_preset(_OUT.value)
  log = dict(
      command="gemma-lit train-base " + " ".join(
          f"--{f.name}={f.value}" for f in (_OUT, _SEED, _STEPS, _EPOCHS, _BATCH_SIZE,
                                            _SEQUENCE_LENGTH, _LEARNING_RATE, _VOCAB_SIZE,
                                            _FAMILY, _NUM_TASKS, _NUM_SKILLS, _SKILLS, _INIT)),
      arch=ARCH | dict(family=_FAMILY.value,
                       vocabulary_size=causal_lm.preprocessor.tokenizer.vocabulary_size()),
      parameters=int(causal_lm.backbone.count_params()),
      corpus_rows=len(rows), history=history,
      wall_seconds=round(time.time() - started, 1),
      machine=f"{platform.machine()}, {os.cpu_count()} CPU cores")
  if earlier:
    log["continued_from"] = earlier
  with open(os.path.join(_OUT.value, "training_log.json"), "w") as f:
    json.dump(log, f, indent=2)
  print(f"saved {_OUT.value} in {log['wall_seconds']:.0f}s")
  return dispatch.EXIT_OK
