"""Load a checkpoint spec: a KerasHub preset (name or local directory), optionally with a
KerasHub LoRA weights file on top.

  PRESET_OR_DIR                      gemma2_instruct_2b_en, models/checkpoints/gemma_tiny_base
  PRESET_OR_DIR@ADAPTER.lora.h5      models/checkpoints/gemma_tiny_base@models/checkpoints/
                                     gemma_tiny_safety.lora.h5

The adapter file is what `backbone.save_lora_weights` writes: it stores its LoRA rank, and
`backbone.load_lora_weights` enables LoRA with that rank before loading the kernels.
"""

import os

import keras_hub

ADAPTER_SUFFIX = ".lora.h5"


def parse_spec(spec: str) -> tuple[str, str | None]:
  """`PRESET_OR_DIR[@ADAPTER]` → (preset, adapter or None)."""
  spec = spec.strip()
  if not spec:
    raise ValueError("empty checkpoint spec; expected PRESET_OR_DIR or "
                     "PRESET_OR_DIR@ADAPTER.lora.h5")
  preset, sep, adapter = spec.rpartition("@")
  if not sep:
    return spec, None
  if not preset or not adapter:
    raise ValueError(f"checkpoint spec {spec!r}: expected PRESET_OR_DIR@ADAPTER.lora.h5")
  return preset, adapter


def _looks_local(preset: str) -> bool:
  """A path rather than a preset name or a `scheme://` handle."""
  if "://" in preset:
    return False
  return os.sep in preset or preset.startswith(".") or os.path.exists(preset)


def check_adapter_path(adapter: str) -> None:
  """Raises ValueError/FileNotFoundError naming `adapter` unless it is a LoRA weights file."""
  if not adapter.endswith(ADAPTER_SUFFIX):
    raise ValueError(f"LoRA adapter {adapter!r}: the file name must end in {ADAPTER_SUFFIX}")
  if not os.path.isfile(adapter):
    raise FileNotFoundError(f"LoRA adapter not found: {adapter}")


def load_causal_lm(spec: str) -> keras_hub.models.CausalLM:
  """The CausalLM for `spec` (`PRESET_OR_DIR` or `PRESET_OR_DIR@ADAPTER.lora.h5`)."""
  preset, adapter = parse_spec(spec)
  if _looks_local(preset) and not os.path.isdir(preset):
    raise FileNotFoundError(f"checkpoint directory not found: {preset}")
  if adapter is not None:
    check_adapter_path(adapter)
  causal_lm = keras_hub.models.CausalLM.from_preset(preset)
  if adapter is not None:
    causal_lm.backbone.load_lora_weights(adapter)
  return causal_lm
