"""Runs LIT's own reference salience wrapper (TensorFlow backend) and prints JSON.

Run as a subprocess: `python lit_reference_salience.py PRESET_DIR` with a JSON list of
{"prompt", "target", "target_mask"} on stdin. Needs KERAS_BACKEND=tensorflow, which is why
it cannot share a process with the JAX engine.
"""

import json
import os
import sys

os.environ["KERAS_BACKEND"] = "tensorflow"

from lit_nlp.examples.prompt_debugging import keras_lms  # noqa: E402


def main():
  preset = sys.argv[1]
  inputs = json.load(sys.stdin)
  group = keras_lms.initialize_model_group_for_salience(
      "ref", model_name_or_path=preset, max_length=128, batch_size=len(inputs))
  tokens = list(group["_ref_tokenizer"].predict(inputs))
  salience = list(group["_ref_salience"].predict(inputs))
  json.dump([{"tokens": [str(t) for t in tok["tokens"]],
              "grad_l2": [float(x) for x in sal["grad_l2"]],
              "grad_dot_input": [float(x) for x in sal["grad_dot_input"]]}
             for tok, sal in zip(tokens, salience)], sys.stdout)


if __name__ == "__main__":
  main()
