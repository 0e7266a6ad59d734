"""The engine: pure JAX + KerasHub, no LIT. Arrays in, arrays out.

  families      every per-generation fact, selected by backbone class
  runner        Engine: tokenization, salience, scoring, embeddings, generation
  attribution   integrated gradients, occlusion, contrastive, perturbation curves (pure)
  attention     blockwise attention installed on KerasHub's layers
  projection    the vocabulary projection without XLA:CPU's small-matrix trap
  checkpoint    presets, LoRA adapters, content hash
  programs      compiled programs within the memory-mapping budget, shape buckets,
                the persistent compilation cache
  distribution  model-parallel meshes and layouts
  tiny          tiny random checkpoints of every family (tests, the fallback model)
"""

from lit_app.models.engine.programs import batch_bucket, bucket, use_compilation_cache
from lit_app.models.engine.runner import Engine, Salience

__all__ = ["Engine", "Salience", "batch_bucket", "bucket", "use_compilation_cache"]
