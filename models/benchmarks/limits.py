"""Figures against the machine's limits on a real checkpoint (`gemma-lit bench --limits`).

Each figure is measured in the same run as its reference, so the machine's load cancels:
  - salience (the gradients, the default view's cost) against one forward pass of the
    same input (`Engine.target_nll`: logits only where the targets need them);
  - generation's time per token at batch 1 against the memory-bandwidth bound (every
    weight byte read once per token, at the read bandwidth measured in the run), and
    tokens per second at each batch size;
  - a long salience request's time against a 1,024-token one, and its resident memory
    above the loaded model.
Decoding time per token is the difference of two generations that differ only in length,
so the prompt's prefill cancels. Stop tokens are off: every row decodes every token.
"""

import dataclasses

import jax
import jax.numpy as jnp
import numpy as np

from lit_app import fields
from lit_app.models.benchmarks import inputs, timing
from lit_app.models.benchmarks import memory as memory_lib


@dataclasses.dataclass
class Salience:
  """One length's salience and forward timings (`timing.Timing`s, seconds)."""

  length: int
  salience: timing.Timing
  forward: timing.Timing


@dataclasses.dataclass
class Generation:
  """Decoding at one batch size: seconds per decoding step and tokens per second."""

  batch: int
  step_s: float
  tokens_per_s: float
  short: timing.Timing
  long: timing.Timing


@dataclasses.dataclass
class Big:
  """The long salience request: its time, and resident memory above the loaded model."""

  length: int
  first_s: float
  run_s: float
  first_peak_above_load: int  # Bytes, during the first call (compiles, then runs).
  run_peak_above_load: int    # Bytes, during the second call (runs only).


def read_bandwidth(size_bytes: int = 1 << 30, repeats: int = 5) -> float:
  """Measures memory read bandwidth as decoding sees it: a jitted matrix-vector product
  over a `size_bytes` float32 matrix of 640 columns (every byte read once, on every core,
  as a decoding step reads each weight matrix).

  Args:
    size_bytes: the matrix's size; far above the caches.
    repeats: timed products after one warm-up; the best counts (load only slows it).

  Returns:
    Bytes per second.
  """
  columns = 640
  matrix = jnp.ones((size_bytes // (4 * columns), columns), jnp.float32)
  vector = jnp.ones((columns,), jnp.float32)
  product = jax.jit(jnp.matmul)
  best = min(timing.timed(lambda: product(matrix, vector).block_until_ready(), 1).median_s
             for _ in range(repeats))
  del matrix
  return matrix_bytes(size_bytes, columns) / best


def matrix_bytes(size_bytes: int, columns: int) -> int:
  """Bytes of the float32 matrix `read_bandwidth` builds for `size_bytes`."""
  return size_bytes // (4 * columns) * columns * 4


def weight_bytes(backbone) -> int:
  """Bytes of the backbone's weights: what one decoding step reads at least once."""
  return sum(int(np.prod(w.shape)) * np.dtype(w.dtype).itemsize for w in backbone.weights)


def _row(engine, length: int) -> tuple[np.ndarray, np.ndarray]:
  """A `length`-token row of corpus text and a mask on its last TARGET_TOKENS tokens."""
  example = inputs.make_examples(engine.sp, length, 1)[0]
  ids = engine.encode(example[fields.PROMPT] + example[fields.TARGET])[0]
  mask = np.zeros(len(ids), bool)
  mask[-inputs.TARGET_TOKENS:] = True
  return ids, mask


def salience_against_forward(engine, lengths: list[int], repeats: int) -> list[Salience]:
  """Times engine salience and the forward pass on the same row, per length.

  Args:
    engine: a loaded `Engine`.
    lengths: row lengths in tokens.
    repeats: timed calls after one warm-up (which compiles).

  Returns:
    A `Salience` per length.
  """
  out = []
  for n in lengths:
    ids, mask = _row(engine, n)
    forward = timing.timed(lambda: engine.target_nll([ids], [mask]), repeats)
    salience = timing.timed(lambda: engine.salience([ids], [mask]), repeats)
    timing.log(f"limits: {n} tokens: salience {salience.median_s:.2f}s, forward "
               f"{forward.median_s:.2f}s ({salience.median_s / forward.median_s:.1f}×)")
    out.append(Salience(n, salience, forward))
  return out


def decoding(engine, batches: list[int], prompt_tokens: int, steps: tuple[int, int],
             repeats: int) -> list[Generation]:
  """Times greedy decoding per batch size, prefill cancelled out.

  Args:
    engine: a loaded `Engine` whose stop tokens are off.
    batches: rows per call.
    prompt_tokens: tokens of each row's prompt.
    steps: (short, long) new tokens; the time per step is their difference's share.
    repeats: timed calls per length after one warm-up.

  Returns:
    A `Generation` per batch size.
  """
  short, long = steps
  out = []
  for batch in batches:
    rows = [_row(engine, prompt_tokens)[0]] * batch
    t_short = timing.timed(lambda: engine.generate(rows, short), repeats)
    t_long = timing.timed(lambda: engine.generate(rows, long), repeats)
    step = (t_long.median_s - t_short.median_s) / (long - short)
    timing.log(f"limits: decoding at batch {batch}: {step * 1e3:.0f} ms per step, "
               f"{batch / step:.1f} tokens/s")
    out.append(Generation(batch, step, batch / step, t_short, t_long))
  return out


def big_salience(engine, length: int) -> Big:
  """Runs one `length`-token salience request twice, polling resident memory.

  Args:
    engine: a loaded `Engine` whose max_length is at least `length`.
    length: the request's tokens.

  Returns:
    A `Big`: times of the first call (compile + run) and the second, and the resident
    peak of each above the size before the first.
  """
  ids, mask = _row(engine, length)
  loaded = memory_lib.rss_bytes()
  times, peaks = [], []
  for _ in range(2):
    with memory_lib.PeakRSS() as poll:
      times.append(timing.timed(lambda: engine.salience([ids], [mask]), 0).first_s)
    peaks.append(poll.peak - loaded)
    timing.log(f"limits: {length} tokens: {times[-1]:.1f}s, peak "
               f"{peaks[-1] / memory_lib.GIB:.2f} GiB above the loaded model")
  return Big(length, times[0], times[1], peaks[0], peaks[1])
