"""Speed of our engine: salience and generation through the LIT wrappers, per request size.

Ours is timed through the wrappers' `predict()` (what the server calls), optionally also
over LIT's HTTP endpoint in process. Generation decodes `new_tokens` tokens per row with
stop tokens off, so every row does the same work as on LIT's reference side
(`reference.py`). `window_salience` times the engine alone against request length on a
checkpoint whose local layers slide over a window.
"""

import dataclasses
import os
import statistics

from lit_app import fields
from lit_app.models.benchmarks import inputs, serving, timing


@dataclasses.dataclass
class Case:
  """One request size, its requests, and the figures measured on it.

  Attributes:
    length: tokens per request (prompt + target, with <bos>).
    batch: requests per call.
    examples: the requests, {prompt, target} (`run_ours` cuts them from the corpus).
    ours: our figures: "salience", "generation" (and "salience_http") as `Timing`s,
      "flops" of one salience call, mean "tokens" per request, "generated_tokens".
    reference: LIT's reference figures ("salience", "generation", "generated_tokens");
      empty when it was not run.
  """

  length: int
  batch: int
  examples: list[dict] = dataclasses.field(default_factory=list)
  ours: dict = dataclasses.field(default_factory=dict)
  reference: dict = dataclasses.field(default_factory=dict)


def run_ours(checkpoint_path: str, cases: list[Case], repeats: int, new_tokens: int,
             http: bool, max_length: int, salience_methods: tuple[str, ...] = ()) -> dict:
  """Times our LIT wrappers' salience and generation on every case.

  Args:
    checkpoint_path: a KerasHub preset directory.
    cases: the request sizes; each gets its `examples` and `ours` filled in.
    repeats: timed calls per figure, after one warm-up.
    new_tokens: tokens generated per row (stop tokens off).
    http: also time salience over LIT's HTTP endpoint (in process).
    max_length: the engine's max_length (raised to fit the longest case).
    salience_methods: attribution methods computed beside the gradients.

  Returns:
    Facts about the checkpoint: layers, hidden, params, vocab, family.
  """
  from lit_app.models import engine as engine_lib
  from lit_app.models.engine import checkpoint
  from lit_app.models.lit import wrappers
  causal_lm = checkpoint.load_causal_lm(checkpoint_path)
  engine = engine_lib.Engine(causal_lm, max_length=max(
      max_length, max(c.length for c in cases) + new_tokens))
  # Stop tokens off (an id past the vocabulary is never generated): every row decodes
  # new_tokens tokens, as on the reference side.
  engine.stop_ids = (causal_lm.backbone.vocabulary_size,)
  models = wrappers.model_group("bench", engine, batch_size=max(c.batch for c in cases),
                                max_new_tokens=new_tokens, output_embeddings=False,
                                salience_methods=tuple(salience_methods))
  name = fields.salience_model_name("bench")  # Every request computes salience_methods.
  models[name] = models[name].with_methods(salience_methods)
  salience, tokenizer, generation = (models[fields.salience_model_name("bench")],
                                     models[fields.tokenizer_model_name("bench")],
                                     models["bench"])
  client = serving.http_client(models) if http else None
  for case in cases:
    case.examples = inputs.make_examples(engine.sp, case.length, case.batch)
    masked = inputs.with_target_masks(tokenizer, case.examples)
    t = timing.timed(lambda: list(salience.predict(masked)), repeats)
    ids = [engine.encode(ex[fields.PROMPT] + ex[fields.TARGET])[0] for ex in case.examples]
    targets = [int(sum(ex[fields.TARGET_MASK])) for ex in masked]
    case.ours["salience"] = t
    case.ours["flops"] = timing.salience_flops(causal_lm.backbone, [len(i) for i in ids],
                                               targets)
    case.ours["tokens"] = statistics.mean(len(i) for i in ids)
    timing.log(f"ours salience {case.length}x{case.batch}: first {t.first_s:.2f}s, "
               f"median {t.median_s * 1e3:.0f} ms")
    if client is not None:
      t = timing.timed(lambda: serving.post_preds(client, fields.salience_model_name("bench"),
                                                  masked, "Tokens,TokenScores"), repeats)
      case.ours["salience_http"] = t
      timing.log(f"ours salience over HTTP {case.length}x{case.batch}: "
                 f"median {t.median_s * 1e3:.0f} ms")
    prompts = [{fields.PROMPT: ex[fields.PROMPT] + ex[fields.TARGET]} for ex in case.examples]
    t = timing.timed(lambda: list(generation.predict(prompts)), repeats)
    case.ours["generation"] = t
    case.ours["generated_tokens"] = case.batch * new_tokens
    timing.log(f"ours generation {case.length}x{case.batch}: first {t.first_s:.2f}s, "
               f"median {t.median_s * 1e3:.0f} ms")
  backbone = causal_lm.backbone
  return dict(layers=backbone.num_layers, hidden=backbone.hidden_dim,
              params=backbone.count_params(), vocab=backbone.vocabulary_size,
              family=engine.family.name)


def window_salience(lengths: list[int], repeats: int) -> tuple[int, list[timing.Timing]]:
  """Times engine salience of one row per length where most layers slide over a window.

  The checkpoint is a random Gemma 4 of `inputs.WINDOW_ARCH` (a 512-token window on all
  but one layer in 6): local layers cost O(length · window), so time should grow far less
  than length², only the global layers' share quadratically. Each row is random ids after
  <bos>, its last TARGET_TOKENS tokens the target.

  Args:
    lengths: request lengths in tokens, in the order to time them.
    repeats: timed calls per length, after one warm-up.

  Returns:
    (the checkpoint's parameter count, a `Timing` per length).
  """
  import numpy as np
  from lit_app.models import engine as engine_lib
  causal_lm = inputs.random_causal_lm("gemma4", inputs.WINDOW_ARCH)
  engine = engine_lib.Engine(causal_lm, max_length=max(lengths))
  rng = np.random.default_rng(0)
  timings = []
  for n in lengths:
    ids = np.concatenate([[engine.bos_id], rng.integers(4, inputs.VOCAB_SIZE, size=n - 1)])
    mask = np.zeros(n)
    mask[-inputs.TARGET_TOKENS:] = 1
    t = timing.timed(lambda: engine.salience([ids.astype(np.int32)], [mask]), repeats)
    timings.append(t)
    timing.log(f"window {n}: first {t.first_s:.1f} s, median {t.median_s:.2f} s, "
               f"load {os.getloadavg()[0]:.1f}")
  return causal_lm.backbone.count_params(), timings
