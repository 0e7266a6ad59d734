"""Gemma prompt debugging in LIT, on Keras 3 with the JAX backend.

This is the one place that chooses the Keras backend: every module of the project is
imported through this package, so the variable is set before anything imports keras.
"""

import os
import sys

os.environ["KERAS_BACKEND"] = "jax"
if "keras" in sys.modules and sys.modules["keras"].config.backend() != "jax":
  raise ImportError(
      "keras was imported with the "
      f"{sys.modules['keras'].config.backend()!r} backend before lit_app; "
      "import lit_app first or set KERAS_BACKEND=jax."
  )
