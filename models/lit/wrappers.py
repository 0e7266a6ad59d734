"""LIT model wrappers: thin adapters around one Engine.

For a model NAME the server registers three LIT models sharing one loaded checkpoint —
the names and fields LIT's Sequence Salience module asks for:
  NAME               prompt (+ target) -> response, prompt_embeddings, response_embeddings
  _NAME_salience     prompt + target + target_mask (+ foil) -> tokens, grad_l2,
                     grad_dot_input, the methods of methods.py (IG, occlusion, contrastive),
                     and each method's share of the prompt's influence (shares.py)
  _NAME_tokenizer    prompt + target -> tokens
Each validates its inputs, turns text into arrays, calls the engine, and turns arrays into
JSON-able values.
"""

import dataclasses
from collections.abc import Iterable

import numpy as np
import tqdm
from lit_nlp.api import model as lit_model
from lit_nlp.api import types as lit_types

from lit_app import fields
from lit_app.datasets import template_dataset
from lit_app.models import engine as engine_lib
from lit_app.models.lit import methods
from lit_app.models.lit import shares as shares_lib
from lit_app.models.lit import tokens as tokens_lib

TRUNCATION_NOTICE = "[…earlier text truncated…] "

INPUT_SPEC: lit_types.Spec = {
    fields.PROMPT: lit_types.TextSegment(),
    fields.TARGET: lit_types.TextSegment(required=False),
}


def _checked_text(value, field: str) -> str:
  if not isinstance(value, str):
    raise ValueError(f"field '{field}' must be a string, got {type(value).__name__}")
  try:
    value.encode("utf-8")
  except UnicodeEncodeError as e:
    raise ValueError(f"field '{field}' contains an unpaired surrogate at character {e.start}"
                     ) from None
  return value


@dataclasses.dataclass(frozen=True)
class ModelConfig:
  """What one named LIT model group runs: an engine, and which adapter on it."""
  engine: engine_lib.Engine
  adapter: str | None = None  # None: the checkpoint's base weights.
  batch_size: int = 8
  max_new_tokens: int = 96
  description: str = ""
  chat_template: bool = False  # Wrap prompts in Gemma's chat turn markup.
  output_embeddings: bool = True  # Prompt and response embeddings from the generation model.
  # Attribution methods beside the gradients (methods.OPTIONAL_METHODS).
  salience_methods: tuple[str, ...] = methods.OPTIONAL_METHODS

  @property
  def is_tuned(self) -> bool:
    """Whether the model runs an adapter (a tuned checkpoint) rather than the base."""
    return self.adapter is not None


class _EngineModel(lit_model.BatchedModel):
  """Shared plumbing: one engine, batched prediction, prompt+target texts."""

  def __init__(self, config: ModelConfig):
    self.config = config
    self.engine = config.engine

  def description(self) -> str:
    """The text LIT shows for the model: the config's description, else LIT's default."""
    return self.config.description or super().description()

  @classmethod
  def init_spec(cls):
    """None: built by the server from a checkpoint path, not from LIT's UI form."""
    return None

  def max_minibatch_size(self) -> int:
    """Examples per engine call (--batch_size)."""
    return self.config.batch_size

  def batched_predict(self, inputs, **kw):
    """LIT's minibatch loop, with a progress bar in the server log when there is more
    than one batch (e.g. the first Metrics run answering a whole dataset)."""
    inputs = list(inputs)
    size = self.config.batch_size
    batches = [inputs[i:i + size] for i in range(0, len(inputs), size)]
    name = self.config.description.split(":")[0] or type(self).__name__
    for batch in tqdm.tqdm(batches, desc=f"{name} ({type(self).__name__}), "
                           f"{len(inputs)} examples", unit="batch",
                           disable=len(batches) < 2, mininterval=2):
      yield from self.predict_minibatch(batch, **kw)

  def input_spec(self) -> lit_types.Spec:
    """The fields read from an example: prompt, and optional target (see INPUT_SPEC)."""
    return dict(INPUT_SPEC)

  def chat_wrap(self, prompt: str) -> str:
    """The user turn in the checkpoint's chat markup (Gemma 1–3: `<start_of_turn>user…`,
    Gemma 4: `<|turn>user…`), for models with the chat template on.

    Prompts that already carry turn markup are left as they are.
    """
    chat = self.engine.family.chat
    if not self.config.chat_template or chat.has_markup(prompt):
      return prompt
    return chat.user_turn(prompt)

  def prompt(self, example) -> str:
    """The prompt the model sees: refilled from its template when the example has one
    (so edits to a template or a variable in the Datapoint Editor take effect), and in
    chat markup when the model's chat template is on. Tokens show exactly this text."""
    if fields.PROMPT not in example and fields.TEMPLATE not in example:
      raise ValueError(f"missing field '{fields.PROMPT}'")
    prompt = template_dataset.refill(example).get(fields.PROMPT)
    return self.chat_wrap(_checked_text(prompt, fields.PROMPT))

  def _text(self, example) -> str:
    target = example.get(fields.TARGET) or ""
    return self.prompt(example) + _checked_text(target, fields.TARGET)

  def _tokens(self, example) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Token ids of prompt + target, their display tokens, and each id's display index.

    A text cut to max_length shows a notice on its first token after <bos>.
    """
    ids, truncated = self.engine.encode(self._text(example))
    display, group_of = tokens_lib.group_pieces(self.engine.pieces(ids))
    if truncated:
      display[1] = TRUNCATION_NOTICE + display[1]
    return ids, display, group_of


class GenerationModel(_EngineModel):
  """NAME: the model's answer to the prompt, and embeddings of prompt and answer.

  The embeddings (for LIT's Embeddings projector) are the model's final hidden states,
  mean-pooled over the tokens of the prompt as the model sees it, and of the response.
  """

  def output_spec(self) -> lit_types.Spec:
    """`response` (parent `target`), plus prompt and response Embeddings when configured."""
    spec = {fields.RESPONSE: lit_types.GeneratedText(parent=fields.TARGET)}
    if self.config.output_embeddings:
      spec |= {fields.PROMPT_EMBEDDINGS: lit_types.Embeddings(),
               fields.RESPONSE_EMBEDDINGS: lit_types.Embeddings()}
    return spec

  def predict_minibatch(self, inputs: list[dict]) -> list[dict]:
    """Greedy answers, and if configured <float32>[hidden] prompt and answer embeddings."""
    adapter = self.config.adapter
    ids = [self.engine.encode(self.prompt(ex))[0] for ex in inputs]
    new_ids = self.engine.generate(ids, self.config.max_new_tokens, adapter)
    outputs = [{fields.RESPONSE: self.engine.decode(new)} for new in new_ids]
    if self.config.output_embeddings:
      response_ids = [self.engine.encode(out[fields.RESPONSE])[0] for out in outputs]
      prompt_emb = self.engine.mean_hidden(ids, adapter)              # <float32>[batch, hidden]
      response_emb = self.engine.mean_hidden(response_ids, adapter)  # <float32>[batch, hidden]
      for out, p, r in zip(outputs, prompt_emb, response_emb):
        out[fields.PROMPT_EMBEDDINGS], out[fields.RESPONSE_EMBEDDINGS] = p, r
    return outputs


class TokenizerModel(_EngineModel):
  """_NAME_tokenizer: the tokens of prompt + target, as people read them."""

  def output_spec(self) -> lit_types.Spec:
    """`tokens` only: the display tokens of prompt + target."""
    return {fields.TOKENS: lit_types.Tokens(parent="")}

  def predict_minibatch(self, inputs: list[dict]) -> Iterable[dict]:
    """Each example's display tokens of prompt + target (tokenization only, no forward)."""
    return [{fields.TOKENS: self._tokens(ex)[1]} for ex in inputs]


class SalienceModel(_EngineModel):
  """_NAME_salience: gradient L2 norm and gradient·input for the marked target tokens, and
  the methods of models/lit/methods.py (integrated gradients, occlusion, contrastive
  gradients against an optional `foil`).

  A tuned model (an adapter on a base) also offers the change against its base: each
  method's scores normalized to sum to 1 over the tokens, tuned − base, split into the
  part that grew and the part that shrank (LIT colours only `grad_dot_input` two-way).
  Every method also comes as `METHOD_share`: its part of the prompt's total (shares.py).

  The output spec lists every offered method (one button each), but a prediction holds
  only the gradients (one backward pass) plus the methods this instance computes:
  `with_methods()` returns the instance that computes more. The server picks it from the
  fields a request names (lit_app/wsgi.py), so a click pays only for what it shows.

  Args:
    config: the model group's ModelConfig.
    computed: methods (names of methods.FIELDS_OF) computed beside the gradients; those
      not offered are ignored.
  """

  def __init__(self, config: ModelConfig, computed: Iterable[str] = ()):
    super().__init__(config)
    self.computed = tuple(m for m in self.offered if m in set(computed))

  @property
  def offered(self) -> tuple[str, ...]:
    """Every method of methods.FIELDS_OF this model can compute on request."""
    return self.config.salience_methods + ((methods.VS_BASE,) if self.config.is_tuned else ())

  def with_methods(self, computed: Iterable[str]) -> "SalienceModel":
    """This model computing `computed` (method names) beside the gradients."""
    return SalienceModel(self.config, computed)

  def for_fields(self, field_names: Iterable[str]) -> "SalienceModel":
    """The instance that computes every method behind `field_names` (output field names,
    raw or `_share`): this one when they need nothing beyond the gradients."""
    wanted = methods.requested(field_names, self.offered)
    return self if set(wanted) <= set(self.computed) else self.with_methods(wanted)

  def input_spec(self) -> lit_types.Spec:
    """`prompt` and `target`, plus the optional `target_mask` and `foil`."""
    return super().input_spec() | {
        fields.TARGET_MASK: lit_types.TokenScores(align="", required=False),
        fields.FOIL: lit_types.TextSegment(required=False)}

  def output_spec(self) -> lit_types.Spec:
    """`tokens`, the gradients and every offered method's fields, with a `_share` per raw score."""
    return shares_lib.with_share_specs(self._method_spec())  # Each method and its share.

  def _method_spec(self) -> lit_types.Spec:
    spec = {
        fields.TOKENS: lit_types.Tokens(parent=""),
        fields.GRAD_L2: lit_types.TokenScores(align=fields.TOKENS),
        fields.GRAD_DOT_INPUT: lit_types.TokenScores(align=fields.TOKENS),
    }
    if self.config.is_tuned:
      spec |= {f: lit_types.TokenScores(align=fields.TOKENS)
               for f in methods.FIELDS_OF[methods.VS_BASE]}
    return spec | methods.output_spec(self.config.salience_methods)

  def predict_minibatch(self, inputs: list[dict]) -> list[dict]:
    """Gradients and the `computed` methods for the `target_mask` tokens, with shares."""
    rows = []
    for ex in inputs:
      ids, display, group_of = self._tokens(ex)
      mask = ex.get(fields.TARGET_MASK)
      mask = np.zeros(len(display)) if mask is None else np.asarray(mask, dtype=float)
      if mask.ndim != 1 or mask.size != len(display):
        raise ValueError(
            f"'{fields.TARGET_MASK}' has {mask.size} entries but the text has "
            f"{len(display)} tokens; send one 0/1 value per token of '{fields.TOKENS}'")
      rows.append((ids, display, group_of, mask[group_of] > 0))
    ids, masks = [r[0] for r in rows], [r[3] for r in rows]
    scores = self.engine.salience(ids, masks, self.config.adapter)
    base_scores = (self.engine.salience(ids, masks, None) if methods.VS_BASE in self.computed
                   else [None] * len(rows))
    foils = [_checked_text(ex.get(fields.FOIL) or "", fields.FOIL) or None for ex in inputs]
    more = methods.scores(self.engine, self.config.adapter, rows, foils,
                          [m for m in self.computed if m != methods.VS_BASE])
    outputs, spec = [], self._method_spec()
    for (_, display, group_of, ids_mask), s, base, extra in zip(rows, scores, base_scores, more):
      n, explained = len(display), np.bincount(group_of, ids_mask, len(display)) > 0
      out = {
          fields.TOKENS: display,
          fields.GRAD_L2: tokens_lib.pool_l2(s.grad_l2, group_of, n),
          fields.GRAD_DOT_INPUT: tokens_lib.pool_sum(s.grad_dot_input, group_of, n),
      }
      if base is not None:
        change = normalized(out[fields.GRAD_L2]) - normalized(
            tokens_lib.pool_l2(base.grad_l2, group_of, n))
        out[fields.GRAD_L2_UP_VS_BASE] = np.maximum(change, 0)
        out[fields.GRAD_L2_DOWN_VS_BASE] = np.maximum(-change, 0)
      outputs.append(shares_lib.with_shares(out | extra, spec, explained))
    return outputs


def normalized(scores: np.ndarray) -> np.ndarray:
  """Scores divided by their absolute sum (all zeros stay zeros)."""
  total = np.abs(scores).sum()
  return scores / total if total > 0 else scores


def model_group(name: str, engine: engine_lib.Engine, **config) -> dict[str, lit_model.Model]:
  """The three LIT models for one checkpoint, named as LIT's salience module expects.

  Args:
    name: the model's name in LIT (NAME of --models).
    engine: the Engine of its loaded base.
    **config: the other ModelConfig fields (adapter, batch_size, max_new_tokens,
      description, chat_template, output_embeddings, salience_methods).

  Returns:
    {name: GenerationModel, fields.salience_model_name(name): SalienceModel,
    fields.tokenizer_model_name(name): TokenizerModel}, sharing one ModelConfig.
  """
  config = ModelConfig(engine, **config)
  return {
      name: GenerationModel(config),
      fields.salience_model_name(name): SalienceModel(config),
      fields.tokenizer_model_name(name): TokenizerModel(config),
  }
