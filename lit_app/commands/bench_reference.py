"""The reference side of `gemma-lit bench`: LIT's own Keras wrappers on TensorFlow.

Runs as a subprocess (KERAS_BACKEND=tensorflow cannot share a process with the JAX engine):

  python -m lit_app.commands.bench_reference < job.json > results.json

The job is {"checkpoint", "max_length", "batch_size", "repeats", "cases": [{"length",
"batch", "examples": [{"prompt", "target"}], "new_tokens"}]}. For each case it times
`KerasSalienceModel.predict()` on the examples (target mask: the target's tokens, from
LIT's own tokenizer wrapper) and `KerasGenerationModel.predict()` on prompt + target with
room for `new_tokens` more tokens. Prints one JSON list, a dict per case, in seconds.

Equal work for the comparison: generation runs with stop tokens off (as our side does),
so every row decodes the same number of tokens, and without LIT's prompt/response
embeddings (ours is run with output_embeddings=False too).
"""

import functools
import json
import os
import statistics
import sys
import time

os.environ["KERAS_BACKEND"] = "tensorflow"

from lit_nlp.examples.prompt_debugging import keras_lms  # noqa: E402


def _timed(fn, repeats: int) -> tuple[float, float]:
  """(first call, median of `repeats` later calls) in seconds."""
  times = []
  for _ in range(1 + repeats):
    start = time.perf_counter()
    fn()
    times.append(time.perf_counter() - start)
  return times[0], statistics.median(times[1:]) if repeats else float("nan")


def _with_masks(tokenizer, examples: list[dict]) -> list[dict]:
  """Marks the target's tokens, as the browser does after a click on the answer."""
  out = []
  for ex in examples:
    n_prompt = len(list(tokenizer.predict([{"prompt": ex["prompt"]}]))[0]["tokens"])
    n_all = len(list(tokenizer.predict([ex]))[0]["tokens"])
    out.append(dict(ex, target_mask=[0.0] * n_prompt + [1.0] * (n_all - n_prompt)))
  return out


def run_case(group: dict, case: dict, repeats: int, log) -> dict:
  salience, tokenizer, generation = group["_ref_salience"], group["_ref_tokenizer"], group["ref"]
  inputs = _with_masks(tokenizer, case["examples"])
  first, median = _timed(lambda: list(salience.predict(inputs)), repeats)
  log(f"reference salience {case['length']}x{case['batch']}: first {first:.2f}s, "
      f"median {median * 1e3:.0f} ms")
  result = {"salience_first_s": first, "salience_median_s": median}

  prompts = [{"prompt": ex["prompt"] + ex["target"]} for ex in case["examples"]]
  lengths = [len(list(tokenizer.predict([p]))[0]["tokens"]) for p in prompts]
  # The wrapper's max_length is prompt + answer: decode new_tokens past the longest prompt.
  generator = keras_lms.KerasGenerationModel(
      model=generation.model, max_length=max(lengths) + case["new_tokens"],
      batch_size=len(prompts), output_embeddings=False)
  first, median = _timed(lambda: list(generator.predict(prompts)), repeats)
  log(f"reference generation {case['length']}x{case['batch']}: first {first:.2f}s, "
      f"median {median * 1e3:.0f} ms")
  return result | {"generation_first_s": first, "generation_median_s": median,
                   "generated_tokens": sum(max(lengths) + case["new_tokens"] - n for n in lengths)}


def main():
  job = json.load(sys.stdin)
  log = functools.partial(print, file=sys.stderr, flush=True)
  group = keras_lms.initialize_model_group_for_salience(
      "ref", model_name_or_path=job["checkpoint"], max_length=job["max_length"],
      batch_size=job["batch_size"])
  model = group["ref"].model
  # Stop tokens off: every row decodes to the wrapper's max_length, like our side.
  model.generate = functools.partial(model.generate, stop_token_ids=None)
  results = [run_case(group, case, job["repeats"], log) for case in job["cases"]]
  json.dump(results, sys.stdout)


if __name__ == "__main__":
  main()
