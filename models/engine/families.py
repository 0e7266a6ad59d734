"""What differs between Gemma generations, in one place, selected by backbone class.

Gemma 1 and 2 share `GemmaBackbone` (Gemma 2 adds logit soft caps, post-norms and
sliding-window attention, all inside KerasHub's decoder blocks and embedding layer).
Gemma 3 has `Gemma3Backbone` (q/k norms, local/global RoPE); its text-only path passes
no vision mask. Everything else in the engine is generation-agnostic.
"""

import dataclasses
from collections.abc import Callable

import keras
import keras_hub


@dataclasses.dataclass(frozen=True)
class Family:
  """How to run one backbone family's decoder stack on embeddings."""
  name: str
  backbone_cls: type
  # (decoder block, x, padding_mask) -> x
  call_block: Callable


def _gemma_block(block, x, padding_mask):
  return block(x, padding_mask=padding_mask)


def _gemma3_block(block, x, padding_mask):
  return block(x, padding_mask=padding_mask, vision_mask=None)


# Most specific class first: selection is by isinstance.
FAMILIES = (
    Family("gemma3", keras_hub.models.Gemma3Backbone, _gemma3_block),
    Family("gemma", keras_hub.models.GemmaBackbone, _gemma_block),
)


def family_of(backbone: keras.Model) -> Family:
  for family in FAMILIES:
    if isinstance(backbone, family.backbone_cls):
      if getattr(backbone, "vision_encoder", None) is not None:
        raise ValueError("only text-only Gemma 3 checkpoints are supported; "
                         "this one has a vision encoder")
      return family
  raise ValueError(
      f"unsupported backbone {type(backbone).__name__}; expected one of "
      + ", ".join(f.backbone_cls.__name__ for f in FAMILIES))
