"""The vocabulary projection (hidden states to logits) without XLA:CPU's small-matrix trap.

Every Gemma projects hidden states to logits with its tied token embedding,
Keras's `ReversibleEmbedding(h, reverse=True)`: a [rows, hidden] × [hidden, vocab] product. On
XLA's CPU backend that product is fast for one row and for eight or more, and about 30×
slower in between (Gemma 3 270M, 262,144 × 640 embedding, measured here: 33 ms for 1 row,
0.95-1.08 s for 2, 3 or 4 rows, 156-237 ms for 8). Greedy generation at batch 2 or 4
projects 2 or 4 rows per step, so each step paid about a second for it.

`install(model)` wraps `call` on each ReversibleEmbedding instance inside `model` (the
class is untouched): a reverse call with 2 to 7 rows (batch × positions) pads them with
zero rows to 8, runs Keras's own reverse call (tied or untied kernel, `reverse_dtype`,
logit soft cap all as before) and drops the padding. The logits of the real rows are the
same product, so they are unchanged; other calls pass straight through. Gemma 3n projects
with a method of its text model (no ReversibleEmbedding) and keeps KerasHub's path.
"""

import inspect

import keras
from keras import ops
from keras.layers import ReversibleEmbedding  # KerasHub's Gemmas use Keras's own.

ROWS = 8  # The fewest rows XLA:CPU projects at its matrix-matrix speed (measured above).


def _padded_call(original):
  """`original` (a bound ReversibleEmbedding.call) with the reverse rows padded to ROWS."""

  def call(inputs, reverse=False):
    if not reverse:
      return original(inputs)
    shape = tuple(inputs.shape)
    rows = 1
    for n in shape[:-1]:
      rows *= n
    if rows <= 1 or rows >= ROWS:
      return original(inputs, reverse=True)
    flat = ops.reshape(inputs, (rows, shape[-1]))
    flat = ops.pad(flat, ((0, ROWS - rows), (0, 0)))
    logits = original(flat, reverse=True)[:rows]
    return ops.reshape(logits, shape[:-1] + (logits.shape[-1],))

  call.padded_projection = True
  return call


def install(model: keras.Layer) -> int:
  """Wraps the reverse call of every ReversibleEmbedding inside `model`. Idempotent.

  Args:
    model: a KerasHub CausalLM or backbone.

  Returns:
    The number of embeddings it covers.

  Raises:
    ValueError: (one line) Keras's ReversibleEmbedding.call no longer takes
      `(inputs, reverse=False)`, so the wrapper would change what it computes.
  """
  params = list(inspect.signature(ReversibleEmbedding.call).parameters)
  if params[:3] != ["self", "inputs", "reverse"]:
    raise ValueError(
        f"Keras's ReversibleEmbedding.call takes {params}, not (self, inputs, reverse), so "
        "models/engine/projection.py cannot wrap it; use keras==3.15.1 or update that module")
  count = 0
  for layer in model._flatten_layers(include_self=True, recursive=True):
    if isinstance(layer, ReversibleEmbedding):
      if not getattr(layer.call, "padded_projection", False):
        layer.call = _padded_call(layer.call)
      count += 1
  return count
