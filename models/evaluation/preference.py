"""Preference agreement: does the model find the preferred response the more likely?

For a pair (prompt, response_1, response_2, preferred), each response is scored by its
mean log-probability per token given the prompt (length-normalized, so longer responses
are not penalized); the model agrees when the preferred response scores higher (a tie
counts as preferring response_1).
"""

from collections.abc import Callable

import numpy as np

from lit_app.models import engine as engine_lib

PROMPT, RESPONSE_1, RESPONSE_2, PREFERRED = "prompt", "response_1", "response_2", "preferred"


def response_logprob(engine: engine_lib.Engine, prompts: list[str], responses: list[str],
                     adapter: str | None = None, batch_size: int = 8) -> np.ndarray:
  """Mean log-probability per token of each response given its prompt. <float>[rows]."""
  rows, masks = [], []
  for prompt, response in zip(prompts, responses, strict=True):
    ids, starts, _ = engine.encode_with_offsets(prompt + response)
    rows.append(ids)
    masks.append(starts >= len(prompt.encode("utf-8")))  # The response's tokens.
  totals = np.concatenate([
      engine.target_nll(rows[i:i + batch_size], masks[i:i + batch_size], adapter)
      for i in range(0, len(rows), batch_size)])
  counts = np.array([max(1, int(m.sum())) for m in masks])
  return -totals / counts


def agreement_metrics(first: np.ndarray, second: np.ndarray,
                      preferred: list[str]) -> dict[str, float]:
  """{preference_agreement, preference_pairs, preference_agreed} from the two responses'
  scores and the preferred response of each pair ("1" or "2")."""
  picked = np.where(np.asarray(first) >= np.asarray(second), "1", "2")
  agreed = int(np.sum(picked == np.asarray([str(p) for p in preferred])))
  return {"preference_agreement": agreed / len(picked), "preference_pairs": len(picked),
          "preference_agreed": agreed}


def score_pairs(engine: engine_lib.Engine, pairs: list[dict], adapter: str | None = None,
                chat_wrap: Callable[[str], str] = lambda prompt: prompt,
                batch_size: int = 8) -> dict[str, float]:
  """agreement_metrics of `engine` (with `adapter`) on pairs, prompts wrapped by chat_wrap."""
  prompts = [chat_wrap(p[PROMPT]) for p in pairs]
  first = response_logprob(engine, prompts, [p[RESPONSE_1] for p in pairs], adapter,
                           batch_size)
  second = response_logprob(engine, prompts, [p[RESPONSE_2] for p in pairs], adapter,
                            batch_size)
  return agreement_metrics(first, second, [p[PREFERRED] for p in pairs])
