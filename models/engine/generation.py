"""Greedy generation: KerasHub's cached sampler, bounded to the request's steps.

KerasHub's `generate_step` prefills the cache once (one forward over the prompt bucket)
and then samples one token per step until the end of the cache, whatever the number of
new tokens asked for: with a bucketed cache that is up to a quarter of the bucket of
wasted steps (256 steps for 32 new tokens after a 1,024-token prompt). Here the sampler
stops after `steps` iterations, a traced scalar (so one compiled program serves every
request of a bucket). Each step's attention (attention.py) visits only the key blocks up
to the cache index, not the whole cache.
"""

import contextlib

import jax.numpy as jnp
import keras_hub


class BoundedGreedySampler(keras_hub.samplers.GreedySampler):
  """GreedySampler that runs at most `steps` loop iterations (None: to the end)."""

  steps = None

  def run_loop(self, cond, body, model=None, loop_vars=None, maximum_iterations=None):
    """GreedySampler's loop, with `maximum_iterations` capped at `steps` when it is set."""
    if self.steps is not None:
      maximum_iterations = jnp.minimum(maximum_iterations, self.steps)
    return super().run_loop(cond, body, model=model, loop_vars=loop_vars,
                            maximum_iterations=maximum_iterations)


@contextlib.contextmanager
def bounded(causal_lm, steps):
  """Within the block, `causal_lm.generate_step` samples greedily for at most `steps`
  steps (from the shortest prompt's end, as KerasHub's sampler starts there)."""
  sampler = BoundedGreedySampler()
  sampler.steps = steps
  previous = causal_lm.sampler
  causal_lm.sampler = sampler
  try:
    yield
  finally:
    causal_lm.sampler = previous
