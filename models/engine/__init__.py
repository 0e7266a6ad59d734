"""The engine: pure JAX + KerasHub, no LIT. Arrays in, arrays out.

  families      every per-generation fact, selected by backbone class
  runner        Engine: tokenization, salience, scoring, embeddings, generation
  attribution   integrated gradients, occlusion, contrastive, perturbation curves (pure)
  checkpoint    presets, LoRA adapters, content hash
  distribution  model-parallel meshes and layouts
  tiny          tiny random checkpoints of every family (tests, the fallback model)
"""

from lit_app.models.engine.runner import Engine, Salience, batch_bucket, bucket, use_compilation_cache

__all__ = ["Engine", "Salience", "batch_bucket", "bucket", "use_compilation_cache"]
