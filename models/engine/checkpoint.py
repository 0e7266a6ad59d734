"""Load Gemma checkpoints: a KerasHub preset name, a local preset directory or a GGUF
file, optionally with a KerasHub LoRA adapter file on top.

  PRESET_OR_DIR                  gemma2_instruct_2b_en, a directory save_to_preset wrote
  FILE.gguf                      a llama.cpp / Ollama file (converted once, cached by
                                 content: gguf_file.converted_preset)
  BASE@ADAPTER.lora.h5           a tuned checkpoint: the base plus a LoRA weights file
                                 (what `backbone.save_lora_weights` writes; it stores its rank)

Several tuned checkpoints over one base share the base's weights: the base is loaded once
with LoRA enabled, and each adapter keeps only its LoRA kernels (see `load_shared`).
A checkpoint's identity is a hash of its content (weights and adapter), not its name.
"""

import dataclasses
import hashlib
import logging
import os
import time

import keras
import numpy as np

from lit_app.models.engine import families, gguf_file, programs

log = logging.getLogger(__name__)

ADAPTER_SUFFIX = ".lora.h5"


@dataclasses.dataclass(frozen=True)
class CheckpointSpec:
  """Where a checkpoint comes from: a base preset and an optional LoRA adapter file."""
  base: str
  adapter: str | None = None

  @classmethod
  def parse(cls, spec: str) -> "CheckpointSpec":
    """Parses `PRESET_OR_DIR|FILE.gguf[@ADAPTER.lora.h5]`, split at its last `@`.

    Args:
      spec: the checkpoint text; surrounding whitespace is ignored.

    Returns:
      The CheckpointSpec; `adapter` is None when `spec` has no `@`.

    Raises:
      ValueError: `spec` is empty, or it has an `@` with nothing before it or with an
        adapter path that does not end in ADAPTER_SUFFIX.
    """
    spec = spec.strip()
    if not spec:
      raise ValueError("empty checkpoint path; expected PRESET_OR_DIR|FILE.gguf"
                       "[@ADAPTER.lora.h5]")
    base, sep, adapter = spec.rpartition("@")
    if not sep:
      return cls(spec)
    if not base or not adapter.endswith(ADAPTER_SUFFIX):
      raise ValueError(f"checkpoint {spec!r}: expected BASE@ADAPTER{ADAPTER_SUFFIX}")
    return cls(base, adapter)

  def __str__(self):
    return f"{self.base}@{self.adapter}" if self.adapter else self.base


def _looks_local(path: str) -> bool:
  """A path rather than a preset name or a `scheme://` handle."""
  return "://" not in path and (os.sep in path or path.startswith(".") or os.path.exists(path))


def check_exists(spec: CheckpointSpec) -> None:
  """Fails early, naming the path, when a local checkpoint or adapter is missing."""
  if gguf_file.is_gguf(spec.base):
    if not os.path.isfile(spec.base):
      raise FileNotFoundError(f"GGUF file not found: {spec.base}")
  elif _looks_local(spec.base):
    if not os.path.isdir(spec.base):
      raise FileNotFoundError(f"checkpoint directory not found: {spec.base}")
    if not os.path.isfile(os.path.join(spec.base, "config.json")):
      raise FileNotFoundError(f"not a KerasHub preset directory (no config.json): {spec.base}")
  if spec.adapter and not os.path.isfile(spec.adapter):
    raise FileNotFoundError(f"LoRA adapter file not found: {spec.adapter}")


def backbone_class(preset) -> type:
  """The backbone class of a KerasHub preset (name or directory) or GGUF file, or the
  class itself."""
  if isinstance(preset, type):
    return preset
  if gguf_file.is_gguf(preset):
    return gguf_file.backbone_class(gguf_file.architecture(preset))
  from keras_hub.src.utils import preset_utils  # Reads config.json only, no weights.
  try:
    return preset_utils.get_preset_loader(preset).check_backbone_class()
  except Exception as e:
    raise ValueError(f"could not read the backbone class of {preset!r}: {e}") from e


def _from_preset(base: str, dtype: str | None):
  """Loads the family's own CausalLM class, never KerasHub's generic pick.

  `keras_hub.models.CausalLM.from_preset` chooses among the subclasses that declare the
  preset's backbone class in set order: for Gemma 4 it sometimes builds the speculative
  decoding drafter `Gemma4AssistantCausalLM` and fails.
  """
  start = time.perf_counter()
  if gguf_file.is_gguf(base):
    try:
      preset = gguf_file.converted_preset(base)
    except OSError as e:  # The cache directory, not the file, is the problem.
      raise ValueError(f"could not convert {base} into {gguf_file.cache_root()}: {e}") from e
    return _from_preset(preset, dtype)
  family = families.family_of(backbone_class(base))
  try:
    causal_lm = family.causal_lm_cls.from_preset(base, dtype=dtype)
  except Exception as e:  # KerasHub raises many kinds for unknown or unreachable presets.
    raise ValueError(f"could not load checkpoint {base!r}: {e}") from e
  log.info("loaded %s (%s, %.1fM parameters) in %.1fs", base, type(causal_lm).__name__,
           causal_lm.backbone.count_params() / 1e6, time.perf_counter() - start)
  return causal_lm


def load_causal_lm(spec: str | CheckpointSpec, dtype: str | None = None) -> keras.Model:
  """Loads `PRESET_OR_DIR[@ADAPTER.lora.h5]` as one KerasHub CausalLM."""
  spec = CheckpointSpec.parse(spec) if isinstance(spec, str) else spec
  check_exists(spec)
  causal_lm = _from_preset(spec.base, dtype)
  if spec.adapter:
    enable_lora(causal_lm, adapter_rank(spec.adapter))
    causal_lm.backbone.load_lora_weights(spec.adapter)
  return causal_lm


def enable_lora(causal_lm: keras.Model, rank: int) -> None:
  """LoRA kernels of `rank` on the family's target layers (text query and value
  projections), the base weights frozen. Adapter files store kernels by layer index, so
  saving and loading both go through here."""
  backbone = causal_lm.backbone
  backbone.enable_lora(rank, target_layer_names=list(families.family_of(backbone).lora_targets))


def adapter_rank(path: str) -> int:
  """The LoRA rank stored in a KerasHub adapter file (read as `load_lora_weights` does)."""
  store = keras.src.saving.saving_lib.H5IOStore(path, mode="r")
  try:
    return int(store.get("lora")["rank"][()])
  except Exception as e:
    raise ValueError(f"not a KerasHub LoRA weights file: {path} ({e})") from None
  finally:
    store.close()


def lora_variables(causal_lm: keras.Model) -> list:
  """The LoRA kernels of a LoRA-enabled backbone, in a fixed order."""
  return [v for v in causal_lm.backbone.variables if "lora_kernel" in v.path]


@dataclasses.dataclass
class SharedBase:
  """One loaded base model and the LoRA adapters that run on its weights.

  `adapters` maps an adapter path to its LoRA kernel values (None: the base itself, whose
  LoRA kernels are KerasHub's initial ones, with B = 0, so it computes exactly the base).
  """
  causal_lm: keras.Model
  adapters: dict[str | None, list[np.ndarray]]


def load_shared(specs: list[CheckpointSpec], dtype: str | None = None
                ) -> dict[CheckpointSpec, SharedBase]:
  """Loads each distinct base once; adapters of one rank on a base share its weights.

  An adapter whose rank differs from the first adapter's on the same base gets its own
  copy of the base (KerasHub enables one LoRA rank per backbone).
  """
  for spec in specs:
    check_exists(spec)
  rank_of = {s.adapter: adapter_rank(s.adapter) for s in specs if s.adapter}
  by_base: dict[str, list[CheckpointSpec]] = {}
  for spec in specs:
    by_base.setdefault(spec.base, []).append(spec)
  groups = []  # (base, LoRA rank or None, member specs)
  for base, members in by_base.items():
    ranks = list(dict.fromkeys(rank_of[s.adapter] for s in members if s.adapter))
    first = ranks[0] if ranks else None
    groups.append((base, first, [s for s in members if rank_of.get(s.adapter, first) == first]))
    groups += [(base, r, [s for s in members if rank_of.get(s.adapter) == r]) for r in ranks[1:]]

  loaded = {}
  for base, rank, members in groups:
    causal_lm = _from_preset(base, dtype)
    adapters: dict[str | None, list[np.ndarray]] = {}
    if rank is not None:
      enable_lora(causal_lm, rank)
      kernels = lora_variables(causal_lm)
      adapters[None] = [np.array(v.value) for v in kernels]
      for spec in members:
        if spec.adapter and spec.adapter not in adapters:
          causal_lm.backbone.load_lora_weights(spec.adapter)
          adapters[spec.adapter] = [np.array(v.value) for v in kernels]
      for v, value in zip(kernels, adapters[None]):
        v.assign(value)
    shared = SharedBase(causal_lm, adapters)
    for spec in members:
      loaded[spec] = shared
  programs.release_memory()  # Dequantizing and loading leave freed blocks behind.
  return loaded


def content_hash(spec: CheckpointSpec) -> str:
  """A short hash of the checkpoint's files (weights, config, tokenizer) and adapter.

  For a preset name (not a local directory), the name stands in for the base's content.
  """
  h = hashlib.sha256()
  if gguf_file.is_gguf(spec.base):
    _hash_file(h, spec.base)
  elif _looks_local(spec.base):
    for root, _, files in sorted(os.walk(spec.base)):
      for name in sorted(files):
        path = os.path.join(root, name)
        h.update(os.path.relpath(path, spec.base).encode())
        _hash_file(h, path)
  else:
    h.update(spec.base.encode())
  if spec.adapter:
    h.update(b"@")
    _hash_file(h, spec.adapter)
  return h.hexdigest()[:16]


def _hash_file(h, path: str):
  with open(path, "rb") as f:
    for block in iter(lambda: f.read(1 << 20), b""):
      h.update(block)
