"""Timing for the benchmarks: medians after a warm-up, the machine, its peak, FLOPs.

Every timed figure is a `Timing`: the first call at a shape (which compiles) and the
median of the calls after it. Progress goes to stderr (`log`), so stdout keeps the tables.
"""

import contextlib
import dataclasses
import statistics
import sys
import time
from collections.abc import Callable

import psutil


def log(*args) -> None:
  """Prints one progress line on stderr.

  Args:
    *args: what `print` takes.
  """
  print(*args, file=sys.stderr, flush=True)


@dataclasses.dataclass
class Timing:
  """Seconds of one measured call: the first, and the median of the later ones."""

  first_s: float   # The first call at this shape: compile + run.
  median_s: float  # Median of the later calls (nan when there were none).


def timed(fn: Callable[[], object], repeats: int) -> Timing:
  """Calls `fn` once to warm up, then `repeats` more times, timing each call.

  Args:
    fn: the call to time, without arguments; it must block until its result is ready.
    repeats: timed calls after the first; 0 times the first alone.

  Returns:
    A `Timing`: the first call, and the median of the later calls (nan if `repeats` is 0).
  """
  times = []
  for _ in range(1 + repeats):
    start = time.perf_counter()
    fn()
    times.append(time.perf_counter() - start)
  return Timing(times[0], statistics.median(times[1:]) if repeats else float("nan"))


def machine() -> str:
  """Names the CPU and the cores this process may use.

  Returns:
    "MODEL, N cores": the model from /proc/cpuinfo (psutil does not name it; "unknown
    CPU" where there is none), N from this process's CPU affinity.
  """
  model = "unknown CPU"
  with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as f:
    for line in f:
      if line.startswith("model name"):
        model = line.split(":", 1)[1].strip()
        break
  return f"{model}, {len(psutil.Process().cpu_affinity())} cores"


def matmul_peak(size: int, repeats: int = 10) -> float:
  """Measures the fp32 rate of a jitted square matmul in JAX, the machine's practical peak.

  Args:
    size: the side of both square matrices.
    repeats: timed calls after one warm-up (which compiles).

  Returns:
    FLOP/s of the median call (2·size³ FLOPs per call).
  """
  import jax
  import jax.numpy as jnp
  a = jax.random.normal(jax.random.PRNGKey(0), (size, size), jnp.float32)
  b = jax.random.normal(jax.random.PRNGKey(1), (size, size), jnp.float32)
  matmul = jax.jit(jnp.matmul)
  t = timed(lambda: matmul(a, b).block_until_ready(), repeats)
  return 2 * size ** 3 / t.median_s


def salience_flops(backbone, lengths: list[int], num_targets: list[int]) -> float:
  """Counts the matmul FLOPs of one salience call: forward + backward ≈ 3 × forward.

  Per row of T tokens with k target tokens, hidden d, H query and G key/value heads of
  width h, FFN width F (read off the down projection: KerasHub's intermediate_dim / 2 for
  Gemma 1/2, intermediate_dim for Gemma 3), vocabulary V and L layers:

    forward = L × [ 2·T·d·(H + 2G)·h       q, k, v projections
                  + 2·T·H·h·d              attention output projection
                  + 2·2·T²·H·h             scores q·kᵀ and weights·v (the full T×T, as run)
                  + 2·3·T·d·F ]            gated MLP: gate, up, down
            + 2·k·d·V                      output projection at the target positions only

  The ×3 is the usual training convention (backward = gradients w.r.t. activations and
  w.r.t. weights, one forward each). Salience differentiates w.r.t. the embeddings only,
  so the work it needs is nearer 2 × forward: rates from this count flatter by up to 1.5×.

  Args:
    backbone: a KerasHub Gemma backbone (its sizes are read off it).
    lengths: each row's token count T.
    num_targets: each row's target token count k.

  Returns:
    The FLOPs of the whole call (all rows).
  """
  d, h = backbone.hidden_dim, backbone.head_dim
  heads, kv_heads = backbone.num_query_heads, backbone.num_key_value_heads
  ffw = backbone.transformer_layers[0].ffw_linear.kernel.shape[0]
  vocab, layers = backbone.vocabulary_size, backbone.num_layers
  total = 0.0
  for t, k in zip(lengths, num_targets):
    per_layer = (2 * t * d * (heads + 2 * kv_heads) * h + 2 * t * heads * h * d
                 + 2 * 2 * t * t * heads * h + 2 * 3 * t * d * ffw)
    total += layers * per_layer + 2 * k * d * vocab
  return 3 * total
