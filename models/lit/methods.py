"""The attribution methods beyond the gradients, as fields of the `_NAME_salience` model.

One TokenScores field per method (one method button each in LIT's Sequence Salience
module), aligned to the display tokens:
  integrated_gradients        + raises the target's log-probability, − lowers it (relative
                              to a prompt of zero embeddings); pooled by summing pieces.
  integrated_gradients_error  (Scalar) |Σ IG − Δ log P| / |Δ log P|, the completeness error.
  occlusion                   per word (LIT's "Words" grouping): how much the target's
                              −log p rises when the whole word is zeroed (+ = the word
                              supports the target); shared evenly by the word's tokens, so
                              LIT's word sums show the word's value.
  token_occlusion             the same, each display token zeroed alone.
  contrastive_grad_l2 / contrastive_grad_dot_input
                              gradients of NLL(target) − NLL(foil) over the prompt, when the
                              example has a `foil`; zeros otherwise.
  grad_l2_up_vs_base / grad_l2_down_vs_base
                              (tuned models) normalized grad_l2, tuned − base: one more
                              gradient, on the base weights.
The math is in models/engine/attribution.py; this module only maps tokens and fields.

A click pays only for what it shows: grad_l2 and grad_dot_input (one gradient) come with
every salience answer; each method here runs only when a request names one of its fields
(or its `_share`), see `requested()`.
"""

import numpy as np
from lit_nlp.api import types as lit_types

from lit_app import fields
from lit_app.models.lit import shares
from lit_app.models.lit import tokens as tokens_lib

TOKEN_FIELDS = (fields.INTEGRATED_GRADIENTS, fields.OCCLUSION, fields.TOKEN_OCCLUSION,
                fields.CONTRASTIVE_GRAD_L2, fields.CONTRASTIVE_GRAD_DOT_INPUT)
# What --salience_methods may switch on or off, and the fields each one brings.
OPTIONAL_METHODS = ("integrated_gradients", "occlusion", "contrastive")
# A tuned model's change against its base (wrappers.SalienceModel computes it).
VS_BASE = "vs_base"
FIELDS_OF = {
    "integrated_gradients": (fields.INTEGRATED_GRADIENTS, fields.INTEGRATED_GRADIENTS_ERROR),
    "occlusion": (fields.OCCLUSION, fields.TOKEN_OCCLUSION),
    "contrastive": (fields.CONTRASTIVE_GRAD_L2, fields.CONTRASTIVE_GRAD_DOT_INPUT),
    VS_BASE: (fields.GRAD_L2_UP_VS_BASE, fields.GRAD_L2_DOWN_VS_BASE),
}


def requested(field_names, offered) -> tuple[str, ...]:
  """The methods of `offered` (names of FIELDS_OF) that compute one of `field_names`.

  A field counts with or without its `_share` suffix, so asking for
  `integrated_gradients_share` runs integrated gradients. Unknown names are ignored
  (they may be fields of the gradients, which always run).

  Args:
    field_names: iterable of output field names a request asks for.
    offered: the methods this model offers.
  Returns:
    The requested methods, in `offered`'s order.
  """
  names = {n.removesuffix(shares.SUFFIX) for n in field_names}
  return tuple(m for m in offered if names.intersection(FIELDS_OF[m]))


def output_spec(methods=OPTIONAL_METHODS) -> lit_types.Spec:
  """The output fields the attribution methods `methods` add to the salience model.

  Args:
    methods: names of FIELDS_OF; VS_BASE adds nothing here (SalienceModel lists its
      fields).

  Returns:
    A TokenScores aligned to `tokens` for each of their TOKEN_FIELDS, and with
    integrated_gradients a Scalar integrated_gradients_error in [0, 1].
  """
  spec = {f: lit_types.TokenScores(align=fields.TOKENS)
          for m in methods for f in FIELDS_OF[m] if f in TOKEN_FIELDS}
  if "integrated_gradients" in methods:
    spec[fields.INTEGRATED_GRADIENTS_ERROR] = lit_types.Scalar(min_val=0, max_val=1)
  return spec


def _spread(group_scores: np.ndarray, group_of: np.ndarray, num: int) -> np.ndarray:
  """Each group's score shared evenly by its members (members in group −1 get 0)."""
  inside = group_of >= 0
  counts = np.bincount(group_of[inside], minlength=group_scores.size)
  out = np.zeros(num, np.float32)
  out[inside] = group_scores[group_of[inside]] / counts[group_of[inside]]
  return out


def scores(engine, adapter, rows, foils: list[str | None],
           methods=OPTIONAL_METHODS) -> list[dict]:
  """The fields of `methods` (see FIELDS_OF) for a batch of rows.

  Args:
    engine: the Engine that runs them.
    adapter: the LoRA adapter key; None: the base.
    rows: rows[i] = (ids, display, group_of, piece_mask) as SalienceModel builds them:
      token ids, display tokens, each id's display index, and the per-id target mask.
    foils: foils[i], the example's foil text, or None.
    methods: which of OPTIONAL_METHODS to compute.

  Returns:
    Per row, {field: value} for every field of the methods asked for, pooled to the
    display tokens.

  Raises:
    The Engine's errors (memory.TooLarge, programs.CompileRefused, ValueError).
  """
  ids, masks = [r[0] for r in rows], [r[3] for r in rows]
  outputs = [{} for _ in rows]
  if "integrated_gradients" in methods:
    ig = engine.integrated_gradients(ids, masks, adapter)
    for out, (_, display, group_of, _), row_ig in zip(outputs, rows, ig):
      out[fields.INTEGRATED_GRADIENTS] = tokens_lib.pool_sum(row_ig.scores, group_of,
                                                              len(display))
      out[fields.INTEGRATED_GRADIENTS_ERROR] = float(row_ig.error)
  if "occlusion" in methods:
    # Display-level groups (<bos>, display token 0, is never zeroed: −1), then per model token.
    display_words, token_groups, word_groups = [], [], []
    for _, display, group_of, _ in rows:
      word = tokens_lib.word_of(display)
      word = np.where(np.arange(len(display)) == 0, -1, word - word[min(1, len(word) - 1)])
      display_words.append(word)
      token_groups.append(group_of - 1)   # Display token d > 0 is group d − 1.
      word_groups.append(word[group_of])
    by_token = engine.occlusion(ids, masks, token_groups, adapter)
    by_word = engine.occlusion(ids, masks, word_groups, adapter)
    for i, (out, (_, display, _, _)) in enumerate(zip(outputs, rows)):
      n = len(display)
      token_scores = np.zeros(n, np.float32)
      token_scores[1:1 + by_token[i].size] = by_token[i]
      out[fields.OCCLUSION] = _spread(by_word[i], display_words[i], n)
      out[fields.TOKEN_OCCLUSION] = token_scores
  if "contrastive" in methods:
    foil_ids = [engine.encode(f)[0][1:] if f else None for f in foils]
    contrast = (engine.contrastive(ids, masks, foil_ids, adapter) if any(foils)
                else [(np.zeros(len(i), np.float32),) * 2 for i in ids])
    for out, (_, display, group_of, _), (l2, gdi) in zip(outputs, rows, contrast):
      out[fields.CONTRASTIVE_GRAD_L2] = tokens_lib.pool_l2(l2, group_of, len(display))
      out[fields.CONTRASTIVE_GRAD_DOT_INPUT] = tokens_lib.pool_sum(gdi, group_of, len(display))
  return outputs
