"""Gemma prompt debugging in LIT, on Keras 3 with the JAX backend.

This is the one place that chooses the Keras backend: every module of the project is
imported through this package, so the variable is set before anything imports keras.
"""

import os
import sys

os.environ["KERAS_BACKEND"] = "jax"
# XLA:CPU hands matrix products to XNNPACK by default, which keeps a packed copy of each
# weight matrix per compiled program: with Gemma 3 270M's 262,144 x 640 embedding that is
# 0.6-0.8 GiB of resident memory per salience program, measured here, at no gain in speed
# (salience and generation timed within noise of each other). Off unless the user sets it;
# set before JAX starts its backend, so servers and commands this starts inherit it.
if "xla_cpu_use_xnnpack" not in os.environ.get("XLA_FLAGS", ""):
  os.environ["XLA_FLAGS"] = " ".join(filter(None, [os.environ.get("XLA_FLAGS"),
                                                   "--xla_cpu_use_xnnpack=false"]))
if "keras" in sys.modules and sys.modules["keras"].config.backend() != "jax":
  raise ImportError(
      "keras was imported with the "
      f"{sys.modules['keras'].config.backend()!r} backend before lit_app; "
      "import lit_app first or set KERAS_BACKEND=jax."
  )
