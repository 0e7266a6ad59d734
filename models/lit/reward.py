"""A reward model as a LIT model: the score of a response to a prompt.

  NAME   prompt + response (or target) -> reward;  with response_1 and response_2 (a
         preference pair) also reward_1, reward_2 and reward_prefers ("1" or "2")

The reward is models/training/reward.py's head on the engine's mean-pooled hidden states
(Engine.mean_hidden) of `user_turn(prompt) + model_turn(response)`, with the reward
adapter's LoRA kernels: one compiled program shared with the other adapters on the base.
"""

import numpy as np
from lit_nlp.api import model as lit_model
from lit_nlp.api import types as lit_types

from lit_app import fields
from lit_app.models import engine as engine_lib
from lit_app.models.training import reward as reward_lib

REWARD_1, REWARD_2, REWARD_PREFERS = "reward_1", "reward_2", "reward_prefers"


def score(engine: engine_lib.Engine, head: reward_lib.Head, adapter: str | None,
          prompts: list[str], responses: list[str], batch_size: int = 8) -> np.ndarray:
  """<float32>[rows]: the reward of each (prompt, response)."""
  ids = [engine.encode(reward_lib.reward_text(p, r, engine.family.chat))[0]
         for p, r in zip(prompts, responses, strict=True)]
  if not ids:
    return np.zeros(0, np.float32)
  pooled = np.concatenate([engine.mean_hidden(ids[i:i + batch_size], adapter)
                           for i in range(0, len(ids), batch_size)])
  return head.score(pooled)


class RewardModel(lit_model.BatchedModel):
  """Scores prompt + response with a reward adapter (see the module docstring)."""

  def __init__(self, engine: engine_lib.Engine, adapter: str, head: reward_lib.Head,
               batch_size: int = 8, description: str = ""):
    if head.kernel.shape != (engine.hidden_size,):
      raise ValueError(f"{adapter}: the reward head has {head.kernel.size} inputs but the "
                       f"base's hidden size is {engine.hidden_size}")
    self.engine, self.adapter, self.head = engine, adapter, head
    self.batch_size, self._description = batch_size, description

  def description(self) -> str:
    """The description given to the constructor, else LIT's default."""
    return self._description or super().description()

  @classmethod
  def init_spec(cls):
    """None: built by the server from a checkpoint, never from LIT's UI."""
    return None

  def max_minibatch_size(self) -> int:
    """The constructor's batch_size (examples per predict_minibatch call)."""
    return self.batch_size

  def input_spec(self) -> lit_types.Spec:
    """`prompt`; optional `response` (or `target`) and a pair's `response_1`, `response_2`."""
    optional = lit_types.TextSegment(required=False)
    return {fields.PROMPT: lit_types.TextSegment(), fields.RESPONSE: optional,
            fields.TARGET: optional, fields.RESPONSE_1: optional, fields.RESPONSE_2: optional}

  def output_spec(self) -> lit_types.Spec:
    """Scalars `reward`, `reward_1`, `reward_2`, and `reward_prefers` ("", "1" or "2")."""
    return {fields.REWARD: lit_types.Scalar(), REWARD_1: lit_types.Scalar(),
            REWARD_2: lit_types.Scalar(),
            REWARD_PREFERS: lit_types.CategoryLabel(vocab=["", "1", "2"])}

  def predict_minibatch(self, inputs: list[dict]) -> list[dict]:
    """Rewards of `response` (else `target`) and of a pair's responses ("1" wins ties)."""
    for ex in inputs:
      for key in (fields.PROMPT, fields.RESPONSE, fields.TARGET, fields.RESPONSE_1,
                  fields.RESPONSE_2):
        if ex.get(key) is not None and not isinstance(ex[key], str):
          raise ValueError(f"field '{key}' must be a string, got {type(ex[key]).__name__}")
    prompts = [ex[fields.PROMPT] for ex in inputs]
    answers = [ex.get(fields.RESPONSE) or ex.get(fields.TARGET) or "" for ex in inputs]
    first = [ex.get(fields.RESPONSE_1) or "" for ex in inputs]
    second = [ex.get(fields.RESPONSE_2) or "" for ex in inputs]
    rewards = score(self.engine, self.head, self.adapter, prompts + prompts + prompts,
                    answers + first + second, self.batch_size).reshape(3, len(inputs))
    outputs = []
    for i, ex in enumerate(inputs):
      pair = bool(first[i] and second[i])
      outputs.append({
          fields.REWARD: float(rewards[0, i]),
          REWARD_1: float(rewards[1, i]) if first[i] else 0.0,
          REWARD_2: float(rewards[2, i]) if second[i] else 0.0,
          REWARD_PREFERS: ("1" if rewards[1, i] >= rewards[2, i] else "2") if pair else ""})
    return outputs
