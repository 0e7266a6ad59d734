"""What `gemma-lit tune --method=dpo` prints at the end: the base and the tuned adapter
side by side, on the held-out pairs (preference agreement) and on the --eval requests
that have a `kind` (refusal and over-refusal rates), by the code `gemma-lit eval` runs."""

import numpy as np

from lit_app import fields
from lit_app.commands import evaluate
from lit_app.models import engine as engine_lib
from lit_app.models.engine import checkpoint
from lit_app.models.evaluation import refusals
from lit_app.models.lit import wrappers
from lit_app.models.training import dpo

TUNED = "tuned"


def base_and_tuned(causal_lm, max_length: int) -> engine_lib.Engine:
  """One Engine on a LoRA-tuned CausalLM: adapter None is the base (the adapter off),
  adapter TUNED the trained one."""
  kernels = checkpoint.lora_variables(causal_lm)
  tuned = [np.array(v.value) for v in kernels]
  off = [np.zeros_like(x) if dpo.is_lora_b(v) else x for v, x in zip(kernels, tuned)]
  return engine_lib.Engine(causal_lm, max_length, {None: off, TUNED: tuned})


def dpo_report(causal_lm, heldout_pairs: list[dict], eval_paths: list[str],
               sequence_length: int, max_new_tokens: int, batch_size: int) -> str:
  """A table: base and tuned, preference agreement on the held-out pairs, refusal rates on
  the --eval requests with a `kind`."""
  engine = base_and_tuned(causal_lm, max(sequence_length, 256) + max_new_tokens)
  requests = []
  for path in eval_paths:
    try:
      requests += evaluate.read_data([path])[0]
    except ValueError:
      continue  # An eval file without requests (e.g. prompts only) gives no rates.
  models = {}
  for name, adapter in (("base", None), (TUNED, TUNED)):
    models |= wrappers.model_group(name, engine, adapter=adapter, batch_size=batch_size,
                                   max_new_tokens=max_new_tokens, chat_template=True,
                                   output_embeddings=False)
  pairs = [dict(p) for p in heldout_pairs]
  results, _ = evaluate.evaluate(models, ["base", TUNED], requests, pairs)
  title = (f"held-out: {len(pairs)} pairs (preference agreement), "
           f"{sum(r.get(fields.KIND) == refusals.HARMFUL for r in requests)} harmful and "
           f"{sum(r.get(fields.KIND) == refusals.BENIGN for r in requests)} benign requests "
           f"from --eval (refusal rule: models/evaluation/refusals.py)")
  return f"{title}\n{evaluate.format_table(results)}"
