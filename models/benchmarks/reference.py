"""The reference side of the speed benchmark: LIT's own Keras wrappers on TensorFlow.

`run_reference` starts this module as a subprocess (KERAS_BACKEND=tensorflow cannot share
a process with the JAX engine):

  python -m lit_app.models.benchmarks.reference < job.json > results.json

The job is {"checkpoint", "max_length", "batch_size", "repeats", "cases": [{"length",
"batch", "examples": [{"prompt", "target"}], "new_tokens"}]}. For each case the worker
times `KerasSalienceModel.predict()` on the examples (target mask: the target's tokens,
from LIT's own tokenizer wrapper) and `KerasGenerationModel.predict()` on prompt + target
with room for `new_tokens` more tokens. It prints one JSON list, a dict per case, in
seconds.

Equal work for the comparison: generation runs with stop tokens off (as our side does),
so every row decodes the same number of tokens, and without LIT's prompt/response
embeddings (ours is run with output_embeddings=False too).
"""

import functools
import json
import os
import subprocess
import sys

from lit_app import fields
from lit_app.models.benchmarks import inputs, speed, timing

WORKER = "lit_app.models.benchmarks.reference"  # This module, run as the worker.


def run_reference(checkpoint_path: str, cases: list[speed.Case], repeats: int,
                  new_tokens: int, max_length: int) -> None:
  """Times LIT's TensorFlow wrappers on the same cases as ours, in a subprocess.

  Args:
    checkpoint_path: the KerasHub preset directory our side loaded.
    cases: `speed.Case`s whose `examples` are set (`speed.run_ours` sets them); each
      gets its `reference` filled in: "salience" and "generation" `Timing`s and
      "generated_tokens".
    repeats: timed calls per figure, after one warm-up.
    new_tokens: tokens generated per row (stop tokens off).
    max_length: the salience wrapper's max_length.

  Raises:
    RuntimeError: the subprocess failed (the end of its stderr in the message).
  """
  job = dict(checkpoint=checkpoint_path, max_length=max_length, repeats=repeats,
             batch_size=max(c.batch for c in cases),
             cases=[dict(length=c.length, batch=c.batch, examples=c.examples,
                         new_tokens=new_tokens) for c in cases])
  env = dict(os.environ, KERAS_BACKEND="tensorflow", CUDA_VISIBLE_DEVICES="",
             TF_CPP_MIN_LOG_LEVEL="2")
  proc = subprocess.run([sys.executable, "-m", WORKER], input=json.dumps(job),
                        capture_output=True, text=True, env=env, check=False)
  sys.stderr.write("\n".join(line for line in proc.stderr.splitlines()
                             if line.startswith("reference ")) + "\n")
  if proc.returncode != 0:
    raise RuntimeError(f"the reference subprocess failed:\n{proc.stderr[-3000:]}")
  for case, result in zip(cases, json.loads(proc.stdout)):
    case.reference = {
        "salience": timing.Timing(result["salience_first_s"], result["salience_median_s"]),
        "generation": timing.Timing(result["generation_first_s"],
                                    result["generation_median_s"]),
        "generated_tokens": result["generated_tokens"],
    }


def run_case(group: dict, case: dict, repeats: int) -> dict:
  """Times LIT's salience and generation wrappers on one case of the job (in the worker).

  Args:
    group: LIT's `keras_lms` model group "ref" (generation, salience, tokenizer).
    case: {"length", "batch", "examples", "new_tokens"} from the job.
    repeats: timed calls per figure, after one warm-up.

  Returns:
    Seconds "salience_first_s", "salience_median_s", "generation_first_s",
    "generation_median_s", and "generated_tokens" in the timed generation call.
  """
  from lit_nlp.examples.prompt_debugging import keras_lms
  salience, tokenizer, generation = (group[fields.salience_model_name("ref")],
                                     group[fields.tokenizer_model_name("ref")], group["ref"])
  masked = inputs.with_target_masks(tokenizer, case["examples"])
  t = timing.timed(lambda: list(salience.predict(masked)), repeats)
  timing.log(f"reference salience {case['length']}x{case['batch']}: first {t.first_s:.2f}s, "
             f"median {t.median_s * 1e3:.0f} ms")
  result = {"salience_first_s": t.first_s, "salience_median_s": t.median_s}

  prompts = [{fields.PROMPT: ex[fields.PROMPT] + ex[fields.TARGET]} for ex in case["examples"]]
  lengths = [len(list(tokenizer.predict([p]))[0][fields.TOKENS]) for p in prompts]
  # The wrapper's max_length is prompt + answer: decode new_tokens past the longest prompt.
  generator = keras_lms.KerasGenerationModel(
      model=generation.model, max_length=max(lengths) + case["new_tokens"],
      batch_size=len(prompts), output_embeddings=False)
  t = timing.timed(lambda: list(generator.predict(prompts)), repeats)
  timing.log(f"reference generation {case['length']}x{case['batch']}: "
             f"first {t.first_s:.2f}s, median {t.median_s * 1e3:.0f} ms")
  return result | {"generation_first_s": t.first_s, "generation_median_s": t.median_s,
                   "generated_tokens": sum(max(lengths) + case["new_tokens"] - n
                                           for n in lengths)}


def main() -> None:
  """The worker: a job as JSON on stdin, a JSON list of timings per case on stdout.

  Raises:
    ImportError: Keras was already imported with another backend than TensorFlow.
  """
  # lit_app's __init__ chose JAX; nothing here has imported keras yet, so switch.
  os.environ["KERAS_BACKEND"] = "tensorflow"
  if "keras" in sys.modules and sys.modules["keras"].config.backend() != "tensorflow":
    raise ImportError("the reference worker must import keras with the tensorflow backend")
  from lit_nlp.examples.prompt_debugging import keras_lms
  job = json.load(sys.stdin)
  group = keras_lms.initialize_model_group_for_salience(
      "ref", model_name_or_path=job["checkpoint"], max_length=job["max_length"],
      batch_size=job["batch_size"])
  model = group["ref"].model
  # Stop tokens off: every row decodes to the wrapper's max_length, like our side.
  model.generate = functools.partial(model.generate, stop_token_ids=None)
  results = [run_case(group, case, job["repeats"]) for case in job["cases"]]
  json.dump(results, sys.stdout)


if __name__ == "__main__":
  main()
