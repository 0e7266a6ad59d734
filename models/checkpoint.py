"""Load a Gemma CausalLM from a KerasHub preset name or a local preset directory,
optionally with a KerasHub LoRA adapter: `PRESET_OR_DIR[@ADAPTER.lora.h5]`.
"""

import dataclasses
import logging
import os
import time

import keras
import keras_hub

log = logging.getLogger(__name__)

ADAPTER_SUFFIX = ".lora.h5"


@dataclasses.dataclass(frozen=True)
class CheckpointSpec:
  """Where a checkpoint comes from: a base preset and an optional LoRA adapter file."""
  base: str
  adapter: str | None = None

  @classmethod
  def parse(cls, spec: str) -> "CheckpointSpec":
    spec = spec.strip()
    if not spec:
      raise ValueError("empty checkpoint path")
    base, sep, adapter = spec.rpartition("@")
    if sep and adapter.endswith(ADAPTER_SUFFIX):
      return cls(base, adapter)
    if sep and "/" not in spec and "." not in adapter:  # e.g. a typo'd adapter name
      raise ValueError(f"adapter {adapter!r} in {spec!r} must be a file ending in {ADAPTER_SUFFIX}")
    return cls(spec)

  def __str__(self):
    return f"{self.base}@{self.adapter}" if self.adapter else self.base


def _looks_local(path: str) -> bool:
  return os.sep in path or path.startswith(".") or os.path.exists(path)


def check_exists(spec: CheckpointSpec) -> None:
  """Fails early, naming the path, when a local checkpoint or adapter is missing."""
  if _looks_local(spec.base) and not os.path.isdir(spec.base):
    raise FileNotFoundError(f"checkpoint directory not found: {spec.base}")
  if _looks_local(spec.base) and not os.path.exists(os.path.join(spec.base, "config.json")):
    raise FileNotFoundError(f"not a KerasHub preset directory (no config.json): {spec.base}")
  if spec.adapter and not os.path.isfile(spec.adapter):
    raise FileNotFoundError(f"LoRA adapter file not found: {spec.adapter}")


def load_causal_lm(spec: str | CheckpointSpec, dtype: str | None = None) -> keras.Model:
  """Loads `PRESET_OR_DIR[@ADAPTER.lora.h5]` as a KerasHub CausalLM."""
  if isinstance(spec, str):
    spec = CheckpointSpec.parse(spec)
  check_exists(spec)
  start = time.perf_counter()
  try:
    causal_lm = keras_hub.models.CausalLM.from_preset(spec.base, dtype=dtype)
  except Exception as e:  # KerasHub raises many kinds for unknown or unreachable presets.
    raise ValueError(f"could not load checkpoint {spec.base!r}: {e}") from e
  if spec.adapter:
    causal_lm.backbone.load_lora_weights(spec.adapter)
  log.info("loaded %s (%s, %.1fM parameters) in %.1fs", spec, type(causal_lm).__name__,
           causal_lm.backbone.count_params() / 1e6, time.perf_counter() - start)
  return causal_lm
