"""Salience as shares: each method's scores divided so that they sum to 1 over the prompt.

Raw gradient scores have no unit a reader can use (one model's panel runs 0–24, another's
0–0.4 on the same example). A share is a token's part of the whole: 0.19 reads "19% of the
influence", the shares of a word's tokens add up to the word's share, and two models'
shares sit on one scale. For every token-score method `M` the salience model also offers
`M_share`: |M| / Σ|M| over the tokens outside the explained span (the explained tokens
get 0), keeping the sign for signed methods.
"""

import numpy as np
from lit_nlp.api import types as lit_types

from lit_app import fields

SUFFIX = "_share"
# Methods that already are differences of shares (tuned − base) are left as they are.
_ALREADY_SHARES = (fields.GRAD_L2_UP_VS_BASE, fields.GRAD_L2_DOWN_VS_BASE)

# Plain-word descriptions of the methods, for the model description and the guide.
DESCRIPTIONS = {
    fields.GRAD_L2 + SUFFIX: "how much each word drove the chosen answer, as its share of "
                             "all the influence (0.19 = 19%); always positive",
    fields.GRAD_DOT_INPUT + SUFFIX: "the same as a signed share: green pushed towards the "
                                    "answer, pink pushed away from it",
    fields.GRAD_L2: "the raw gradient size behind grad_l2_share (no fixed scale)",
    fields.GRAD_DOT_INPUT: "the raw signed gradient·input behind grad_dot_input_share",
    fields.GRAD_L2_UP_VS_BASE: "words the tuned model leans on more than its base (share "
                               "points)",
    fields.GRAD_L2_DOWN_VS_BASE: "words the tuned model leans on less than its base",
}


def share_name(method: str) -> str:
  """The name of `method`'s share field: `method` + SUFFIX (`grad_l2` -> `grad_l2_share`)."""
  return method + SUFFIX


def _methods(spec: lit_types.Spec) -> list[str]:
  return [name for name, t in spec.items()
          if isinstance(t, lit_types.TokenScores) and not name.endswith(SUFFIX)
          and name not in _ALREADY_SHARES]


def with_share_specs(spec: lit_types.Spec) -> lit_types.Spec:
  """`spec` plus a TokenScores `M_share` for each TokenScores method `M`."""
  return spec | {share_name(m): lit_types.TokenScores(align=spec[m].align)
                 for m in _methods(spec)}


def shares(scores: np.ndarray, explained: np.ndarray) -> np.ndarray:
  """<float>[num_tokens]: scores / Σ|scores| over the tokens not `explained` (those get 0).

  The sign is kept (unsigned methods have none to keep); all zeros stay zeros.
  """
  context = np.where(explained, 0.0, np.asarray(scores, dtype=np.float64))
  total = np.abs(context).sum()
  return context / total if total > 0 else context


def with_shares(output: dict, spec: lit_types.Spec, explained: np.ndarray) -> dict:
  """One salience output with its `M_share` fields added (see with_share_specs)."""
  return output | {share_name(m): shares(output[m], explained)
                   for m in _methods(spec) if m in output}


def legend() -> str:
  """One line per method in plain words (the models' description in LIT)."""
  return " ".join(f"{name}: {text}." for name, text in DESCRIPTIONS.items())
