"""The engine: tokenization, generation, sequence salience and mean-pooled hidden states
for a KerasHub Gemma CausalLM.

Pure JAX and KerasHub; knows nothing of LIT. Arrays in, arrays out.

Salience follows LIT's prompt-debugging wrappers: the text is `<bos>` + prompt + target;
`target_mask[j] = 1` marks token j as a target; token j's loss is −log p(tok_j | tok_<j);
`<bos>` is never a target. Gradients are taken with respect to the token-embedding
lookup (before Gemma's √hidden_dim scaling) — the value KerasHub's `score()` hands to its
layer intercept at index −1, and so what LIT's TensorFlow reference differentiates.
"""

import contextlib
import dataclasses
import functools
import logging
import threading
import time
from collections.abc import Sequence

import jax
import jax.numpy as jnp
import keras
import numpy as np
import sentencepiece as spm

from lit_app.models.engine import attention, attribution
from lit_app.models.engine import distribution
from lit_app.models.engine import families
from lit_app.models.engine import generation
from lit_app.models.engine import memory
from lit_app.models.engine import projection
from lit_app.models.engine import programs
from lit_app.models.engine.programs import batch_bucket, bucket

log = logging.getLogger(__name__)


@dataclasses.dataclass
class Salience:
  """Per-token scores for one sequence, aligned to its token ids."""
  grad_l2: np.ndarray         # <float32>[num_tokens]
  grad_dot_input: np.ndarray  # <float32>[num_tokens]
  token_loss: np.ndarray      # <float32>[num_tokens], −log p(tok_j | tok_<j) at targets, else 0


class Engine:
  """Runs one loaded Gemma CausalLM, and LoRA adapters on its weights.

  `adapters` maps an adapter key to the values of the backbone's LoRA kernels (see
  checkpoint.load_shared); key None is the base. Adapters are state, not mutations: every
  compiled program takes the weights as arguments, and an adapter's call passes its LoRA
  values in place of the base's. Calls are serialized (one at a time on the device).
  `max_memory` (bytes, None: no limit): requests estimated to need more are refused with
  memory.TooLarge before they run. `ig_max_steps`: the most quadrature points
  integrated_gradients() doubles up to unless a call says otherwise.
  """

  def __init__(self, causal_lm: keras.Model, max_length: int = 1024,
               adapters: dict[str | None, list[np.ndarray]] | None = None,
               max_memory: int | None = None, ig_max_steps: int = attribution.IG_MAX_STEPS):
    self.causal_lm = causal_lm
    self.ig_max_steps = ig_max_steps
    self.backbone = causal_lm.backbone
    self.family = families.family_of(self.backbone)
    attention.install(self.causal_lm)  # Blockwise attention in every forward (attention.py).
    projection.install(self.causal_lm)  # No small-matrix trap in the logits (projection.py).
    self.max_length = max_length
    self.max_memory = max_memory
    self._memory_shape = memory.shape_of(self.backbone)
    self._variables = list(self.backbone.variables)
    lora = [i for i, v in enumerate(self._variables) if "lora_kernel" in v.path]
    self._adapters = {key: dict(zip(lora, values)) for key, values in (adapters or {}).items()}
    tokenizer = causal_lm.preprocessor.tokenizer
    self.sp = spm.SentencePieceProcessor(model_proto=tokenizer.proto)
    self.bos_id = tokenizer.start_token_id
    self.pad_id = tokenizer.pad_token_id
    stop = [tokenizer.end_token_id]
    end_of_turn = self.sp.piece_to_id(self.family.chat.end_of_turn)
    if end_of_turn != self.sp.unk_id():
      stop.append(end_of_turn)
    self.stop_ids = tuple(stop)
    self.hidden_size = self.family.hidden_size(self.backbone)
    self._lock = threading.Lock()
    self._count_lock = threading.Lock()
    self._waiting = 0  # Requests waiting for the lock; the background warm-up yields to them.
    # Compiled programs by (name, shapes), within the process's mapping budget.
    self._programs = programs.Programs()

  # --- Tokens ---------------------------------------------------------------

  def encode(self, text: str) -> tuple[np.ndarray, bool]:
    """`<bos>` + the text's ids, left-truncated to max_length. Returns (ids, truncated)."""
    ids = self.sp.encode(text)
    truncated = len(ids) + 1 > self.max_length
    if truncated:
      ids = ids[len(ids) - (self.max_length - 1):]
    return np.asarray([self.bos_id] + ids, dtype=np.int32), truncated

  def encode_with_offsets(self, text: str) -> tuple[np.ndarray, np.ndarray, bool]:
    """Like encode(), plus each token's start as a UTF-8 byte offset in `text` (−1 for <bos>)."""
    proto = self.sp.encode(text, return_type="proto")
    ids = [p.id for p in proto.pieces]
    starts = [p.begin for p in proto.pieces]
    truncated = len(ids) + 1 > self.max_length
    if truncated:
      keep = self.max_length - 1
      ids, starts = ids[len(ids) - keep:], starts[len(starts) - keep:]
    return (np.asarray([self.bos_id] + ids, np.int32), np.asarray([-1] + starts, np.int64),
            truncated)

  def pieces(self, ids) -> list[str]:
    """The SentencePiece piece of each token id (`<bos>`, `▁word`, `<0xE2>`, ...)."""
    return [self.sp.id_to_piece(int(i)) for i in ids]

  def decode(self, ids) -> str:
    """The text of the token ids (SentencePiece's decode: `<bos>`, `<eos>`, `<pad>` give none)."""
    return self.sp.decode([int(i) for i in ids])

  # --- Weights as state -------------------------------------------------------

  def _state(self, adapter: str | None = None) -> list:
    """The backbone's variable values, with `adapter`'s LoRA kernels in place."""
    if adapter not in self._adapters and adapter is not None:
      raise ValueError(f"adapter {adapter!r} is not loaded on this checkpoint")
    values = [v.value for v in self._variables]
    for i, value in self._adapters.get(adapter, {}).items():
      values[i] = value
    return values

  def _scope(self, state):
    """Runs KerasHub layers on `state` (traced values) instead of their variables."""
    return keras.StatelessScope(state_mapping=list(zip(self._variables, state)))

  def _check_memory(self, need: int, token_ids: np.ndarray):
    """Refuses (memory.TooLarge) a call on `token_ids` <int>[batch, length] needing
    `need` bytes beyond max_memory."""
    memory.check(need, self.max_memory, token_ids.shape[1], int(token_ids.shape[0]))

  # --- Salience -------------------------------------------------------------

  def _embed(self, token_ids):
    """The token-embedding lookup (what salience differentiates): <float>[batch, length, hidden]."""
    return self.family.lookup(self.backbone, token_ids)

  def _hidden(self, lookup, token_ids, padding_mask, remat=False):
    """The family's text path on the lookup, after the final norm (what the backbone
    outputs). <float>[batch, length, hidden] in, <float>[batch, length, hidden] out.
    remat: recompute each block's activations in the backward pass (salience)."""
    block_call = families.remat_block if remat else families.call_block
    return self.family.hidden(self.backbone, lookup, token_ids, padding_mask, block_call)

  def _target_nll(self, lookup, token_ids, padding_mask, positions, targets, remat=False):
    """−log p(targets | prefix) read off the hidden states at `positions`.

    lookup: <float>[batch, length, hidden]; positions, targets: <int>[batch, k].
    Logits are computed only at the k gathered positions, not at every position.
    """
    x = self._hidden(lookup, token_ids, padding_mask, remat)
    h = jnp.take_along_axis(x, positions[:, :, None], axis=1)  # <float>[batch, k, hidden]
    logits = self.family.logits(self.backbone, h)              # <float>[batch, k, vocab]
    logp = jax.nn.log_softmax(logits.astype(jnp.float32), axis=-1)
    return -jnp.take_along_axis(logp, targets[:, :, None], axis=-1)[:, :, 0]

  def _salience_arrays(self, state, token_ids, padding_mask, positions, targets, weights):
    """The core: embeddings in, summed target loss out, `jax.grad`, two reductions."""
    with self._scope(state):
      embeddings = self._embed(token_ids)

      def loss_fn(emb):
        nll = self._target_nll(emb, token_ids, padding_mask, positions, targets, remat=True)
        return jnp.sum(nll * weights), nll

      grads, nll = jax.grad(loss_fn, has_aux=True)(embeddings)
    grads = grads.astype(jnp.float32)
    grad_l2 = jnp.linalg.norm(grads, axis=-1)                                # <float>[batch, length]
    grad_dot_input = jnp.sum(grads * embeddings.astype(jnp.float32), axis=-1)  # <float>[batch, length]
    return grad_l2, grad_dot_input, nll * weights

  def _pack(self, token_ids: list[np.ndarray], target_masks: list[np.ndarray]):
    """Validates rows and packs those with targets into bucketed arrays.

    Each row is cut after its last target token (later tokens cannot affect the loss).
    Returns (rows, todo, arrays): rows[i] = (ids, target indices); todo = indices of rows
    with targets, in batch order; arrays = (token_ids, padding_mask, positions, targets,
    weights), or None when no row has a target.
    """
    rows = []
    for ids, mask in zip(token_ids, target_masks):
      mask = np.asarray(mask, dtype=bool).copy()
      if mask.shape != ids.shape:
        raise ValueError(f"target_mask has {mask.size} entries but the text has {ids.size} tokens")
      mask[0] = False  # <bos> is never predicted.
      rows.append((ids, np.flatnonzero(mask)))
    todo = [i for i, (_, tgt) in enumerate(rows) if tgt.size]
    if not todo:
      return rows, todo, None

    length = bucket(max(rows[i][1][-1] + 1 for i in todo))
    k = bucket(max(rows[i][1].size for i in todo), minimum=8)
    batch = batch_bucket(len(todo))
    token_arr = np.full((batch, length), self.pad_id, np.int32)
    padding = np.zeros((batch, length), np.int32)
    positions = np.zeros((batch, k), np.int32)
    targets = np.zeros((batch, k), np.int32)
    weights = np.zeros((batch, k), np.float32)
    for b, i in enumerate(todo):
      ids, tgt = rows[i]
      n = tgt[-1] + 1
      token_arr[b, :n] = ids[:n]
      padding[b, :n] = 1
      positions[b, :tgt.size] = tgt - 1
      targets[b, :tgt.size] = ids[tgt]
      weights[b, :tgt.size] = 1.0
    return rows, todo, (token_arr, padding, positions, targets, weights)

  def salience(self, token_ids: list[np.ndarray], target_masks: list[np.ndarray],
               adapter: str | None = None) -> list[Salience]:
    """Sequence salience for a batch of token-id rows and their 0/1 target masks.

    One backward pass of the summed target NLL to the token embeddings. Rows are padded
    to a length bucket so compiled programs are reused.

    Args:
      token_ids: rows of token ids, each starting with `<bos>` (as encode() returns).
      target_masks: per row, <0/1>[num_tokens]: the tokens whose log-probability is
        explained (position 0 is never a target).
      adapter: the LoRA adapter key to run with; None: the base.

    Returns:
      A Salience per row: grad_l2, grad_dot_input and token_loss, each
      <float32>[num_tokens], zero after the last target and for rows without one.

    Raises:
      ValueError: a target mask whose length differs from its row's, or an unknown
        `adapter`.
      memory.TooLarge: the request's estimated memory exceeds `max_memory`.
      programs.CompileRefused: its program could not be compiled within the budget.
    """
    rows, todo, arrays = self._pack(token_ids, target_masks)
    results = [Salience(*(np.zeros(len(ids), np.float32) for _ in range(3))) for ids, _ in rows]
    if arrays is None:
      return results
    self._check_memory(memory.salience_bytes(self._memory_shape, *arrays[0].shape,
                                             arrays[2].shape[1]), arrays[0])
    with self._turn():
      out = self._programs.call(("salience",) + arrays[0].shape + arrays[2].shape[1:],
                                self._salience_arrays,
                                (self._state(adapter), *distribution.place_batch(*arrays)))
    grad_l2, grad_dot_input, nll = (np.asarray(a, np.float32) for a in out)
    for b, i in enumerate(todo):
      ids, tgt = rows[i]
      n = tgt[-1] + 1
      results[i].grad_l2[:n] = grad_l2[b, :n]
      results[i].grad_dot_input[:n] = grad_dot_input[b, :n]
      results[i].token_loss[tgt] = nll[b, :tgt.size]
    return results

  def _nll_arrays(self, state, token_ids, padding_mask, positions, targets, weights):
    with self._scope(state):
      nll = self._target_nll(self._embed(token_ids), token_ids, padding_mask, positions, targets)
    return jnp.sum(nll * weights, axis=-1)

  def target_nll(self, token_ids: list[np.ndarray], target_masks: list[np.ndarray],
                 adapter: str | None = None) -> np.ndarray:
    """Forward only: each row's summed −log p of its target tokens.

    Args:
      token_ids, target_masks, adapter: as in salience().

    Returns:
      <float32>[rows]; 0 for a row without targets.

    Raises:
      ValueError: a target mask whose length differs from its row's, or an unknown
        `adapter`.
      memory.TooLarge: the request's estimated memory exceeds `max_memory`.
      programs.CompileRefused: its program could not be compiled within the budget.
    """
    rows, todo, arrays = self._pack(token_ids, target_masks)
    totals = np.zeros(len(rows), np.float32)
    if arrays is None:
      return totals
    self._check_memory(memory.forward_bytes(self._memory_shape, *arrays[0].shape,
                                            arrays[2].shape[1]), arrays[0])
    with self._turn():
      out = np.asarray(self._programs.call(
          ("target_nll",) + arrays[0].shape + arrays[2].shape[1:], self._nll_arrays,
          (self._state(adapter), *distribution.place_batch(*arrays))), np.float32)
    totals[todo] = out[:len(todo)]
    return totals

  # --- Embeddings -------------------------------------------------------------

  def _mean_hidden_arrays(self, state, token_ids, padding_mask, pool_mask):
    """Final hidden states averaged over `pool_mask`: <float32>[batch, hidden]."""
    with self._scope(state):
      x = self._hidden(self._embed(token_ids), token_ids, padding_mask).astype(jnp.float32)
    weights = pool_mask.astype(jnp.float32)[:, :, None]  # <float32>[batch, length, 1]
    count = jnp.maximum(jnp.sum(weights, axis=1), 1.0)    # <float32>[batch, 1]
    return jnp.sum(x * weights, axis=1) / count

  def mean_hidden(self, token_ids: list[np.ndarray], adapter: str | None = None) -> np.ndarray:
    """Forward only: each row's final hidden states (after the final norm), mean-pooled
    over its tokens after `<bos>`.

    Args:
      token_ids: rows as encode() returns them, padded to a length bucket in one batch.
      adapter: the LoRA adapter key to run with; None: the base.

    Returns:
      <float32>[rows, hidden]; a row of `<bos>` alone gives 0.

    Raises:
      ValueError: an unknown `adapter`.
      memory.TooLarge: the request's estimated memory exceeds `max_memory`.
      programs.CompileRefused: its program could not be compiled within the budget.
    """
    if not token_ids:
      return np.zeros((0, self.hidden_size), np.float32)
    token_arr, padding = self._pad_rows(token_ids)
    pool = padding.copy()
    pool[:, 0] = 0  # <bos> carries no content of its own.
    self._check_memory(memory.forward_bytes(self._memory_shape, *token_arr.shape, 1), token_arr)
    with self._turn():
      out = self._programs.call(("mean_hidden",) + token_arr.shape, self._mean_hidden_arrays,
                                (self._state(adapter),
                                 *distribution.place_batch(token_arr, padding, pool)))
    return np.asarray(out, np.float32)[:len(token_ids)]

  def _pad_rows(self, token_ids: list[np.ndarray], length: int | None = None):
    """Rows right-padded to `length` (default: the longest row's bucket) in a batch of a
    power of two. Returns (token_ids, padding_mask), <int32>[batch, length] each; filler
    rows are all padding."""
    length = length or bucket(max(len(ids) for ids in token_ids))
    batch = batch_bucket(len(token_ids))
    token_arr = np.full((batch, length), self.pad_id, np.int32)
    padding = np.zeros((batch, length), np.int32)
    for b, ids in enumerate(token_ids):
      token_arr[b, :len(ids)] = ids
      padding[b, :len(ids)] = 1
    return token_arr, padding

  # --- Generation -------------------------------------------------------------

  def _generate_arrays(self, state, token_ids, padding_mask, steps, stop_ids):
    """KerasHub's cached greedy sampler (`generate_step`) on `state`, stopped after
    `steps` <int32>[] steps instead of at the end of the cache (generation.py)."""
    with self._scope(state), generation.bounded(self.causal_lm, steps):
      out = self.causal_lm.generate_step(
          {"token_ids": token_ids, "padding_mask": padding_mask}, stop_token_ids=stop_ids)
    return out["token_ids"]

  def generate(self, token_ids: list[np.ndarray], max_new_tokens: int,
               adapter: str | None = None) -> list[np.ndarray]:
    """Greedy continuation of each row (KerasHub's cached sampler), stopping at a stop token.

    Args:
      token_ids: prompt rows as encode() returns them (batched together, left as given).
      max_new_tokens: the most tokens generated per row.
      adapter: the LoRA adapter key to run with; None: the base.

    Returns:
      The new token ids of each row, without the prompt and the stop token.

    Raises:
      ValueError: an unknown `adapter`.
      memory.TooLarge: the request's estimated memory exceeds `max_memory`.
      programs.CompileRefused: its program could not be compiled within the budget.
    """
    longest = max(len(ids) for ids in token_ids)
    total = min(bucket(longest + max_new_tokens), max(self.max_length, longest + 1))
    token_arr, padding = self._pad_rows(token_ids, total)
    padding = padding.astype(bool)
    # Filler rows repeat row 0.
    token_arr[len(token_ids):], padding[len(token_ids):] = token_arr[0], padding[0]

    self._check_memory(memory.generation_bytes(self._memory_shape, *token_arr.shape), token_arr)
    # The sampler starts at the shortest prompt's end; the longest needs max_new_tokens.
    steps = np.int32(longest + max_new_tokens - min(len(ids) for ids in token_ids))
    with self._turn():
      out_ids = np.asarray(self._programs.call(
          ("generate",) + token_arr.shape + (self.stop_ids,), self._generate_arrays,
          (self._state(adapter), token_arr, padding, steps), static_argnames=("stop_ids",),
          stop_ids=self.stop_ids))
    responses = []
    for b, ids in enumerate(token_ids):
      new = out_ids[b, len(ids):len(ids) + max_new_tokens]
      stops = np.flatnonzero(np.isin(new, self.stop_ids + (self.pad_id,)))
      responses.append(new[:stops[0]] if stops.size else new)
    return responses

  @contextlib.contextmanager
  def _turn(self):
    """Holds the engine's lock (one call at a time on the device), counting
    the calls waiting for it so the background warm-up can let them go first."""
    with self._count_lock:
      self._waiting += 1
    try:
      self._lock.acquire()
    finally:
      with self._count_lock:
        self._waiting -= 1
    try:
      yield
    finally:
      self._lock.release()

  def warm_up(self, prompts: Sequence[np.ndarray] = (), lengths=(16, 32, 64, 128),
              max_new_tokens: int = 96, generate_lengths=(32, 64)):
    """Compiles what the page asks for first, before anyone clicks (batch 1 throughout).

    For each of `prompts` (token ids of the rows a person is likely to open first, as the
    model sees them): its answer (generation), the embeddings of prompt and answer, and
    salience for a click on the answer's first token, on its last, and on the whole answer.
    Then salience for a one-token click and embeddings at `lengths`, and generation for
    prompts of `generate_lengths` tokens. Before each call it waits while requests are
    waiting, so it never holds them up by more than the one compile in progress. It fills
    free room under the mapping budget only (programs.keep_programs): a compile that does
    not fit, or that the budget refuses, ends the warm-up with a warning.

    Args:
      prompts: token-id rows (from encode()).
      lengths, generate_lengths: further shapes, in tokens.
      max_new_tokens: the served models' answer length.
    """
    start = time.perf_counter()
    steps = [functools.partial(self._warm_up_prompt, ids, max_new_tokens) for ids in prompts]
    for length in (n for n in lengths if n <= self.max_length):
      ids = np.full(length, self.bos_id, np.int32)
      mask = np.zeros(length, bool)
      mask[-1] = True
      steps += [functools.partial(self.salience, [ids], [mask]),
                functools.partial(self.mean_hidden, [ids])]
    for length in (n for n in generate_lengths if n < self.max_length):
      steps.append(functools.partial(self.generate, [np.full(length, self.bos_id, np.int32)],
                                     max_new_tokens))
    try:
      with programs.keep_programs():  # Free room only: never drops a program for a guess.
        for step in steps:
          self._yield_to_requests()
          step()
    except programs.CompileRefused as e:
      log.warning("warm-up stopped after %d shapes: %s", len(self._programs), e)
      return
    log.info("warm-up compiled %d shapes in %.1fs; %s", len(self._programs),
             time.perf_counter() - start, self._programs.budget.describe())

  def _yield_to_requests(self):
    while self._waiting:
      time.sleep(0.02)

  def _warm_up_prompt(self, ids: np.ndarray, max_new_tokens: int):
    """The calls the page makes for one row: answer, embeddings, salience of clicks."""
    answer = self.generate([ids], max_new_tokens)[0]
    self._yield_to_requests()
    self.mean_hidden([ids])  # The page's embeddings of the prompt, then of the answer.
    self._yield_to_requests()
    self.mean_hidden([self.encode(self.decode(answer))[0]])
    ids = np.concatenate([ids, answer])[:self.max_length]
    first = len(ids) - answer.size
    for end in sorted({first + 1, len(ids)}) if answer.size else ():
      for start in sorted({end - 1, first}):
        mask = np.zeros(end, bool)
        mask[start:end] = True
        self._yield_to_requests()
        self.salience([ids[:end]], [mask])

  # --- Attribution methods ---
  # Integrated gradients, occlusion, contrastive gradients and perturbation curves; the math
  # is in attribution.py, which sees the forward only through _nll_fn.

  def _nll_fn(self, token_ids, padding_mask, positions, targets):
    """lookup <float>[batch, length, hidden] -> per-target-token NLL <float32>[batch, k]."""
    return lambda lookup: self._target_nll(lookup, token_ids, padding_mask, positions, targets)

  def _attribution_program(self, method, state, token_ids, padding_mask, positions, targets,
                           weights, *args, **static):
    """The lookup and the forward closure for `method` (one of attribution.py's)."""
    with self._scope(state):
      lookup = self._embed(token_ids)
      nll_fn = self._nll_fn(token_ids, padding_mask, positions, targets)
      if method is attribution.integrated_gradients:
        return method(nll_fn, lookup, attribution.zero_baseline(lookup), weights, *args,
                      **static)
      return method(nll_fn, lookup, weights, *args, **static)

  def _attribution_call(self, key: tuple, method, *args, **static):
    """Runs attribution.py's `method` compiled (one program per `key`)."""
    return self._programs.call(key, self._attribution_program, (method, *args),
                               static_argnums=(0,),
                               static_argnames=("chunk", "num_groups", "num_pairs"), **static)

  def _chunk(self, batch: int, length: int, wanted: int) -> int:
    """Forwards run together: a power of two ≤ wanted, about attribution.CHUNK_TOKENS tokens."""
    fit = max(1, attribution.CHUNK_TOKENS // (batch * length))
    return 1 << min(fit, wanted).bit_length() - 1

  def integrated_gradients(self, token_ids: list[np.ndarray], target_masks: list[np.ndarray],
                           adapter: str | None = None, num_steps: int = attribution.IG_STEPS,
                           tolerance: float = attribution.IG_TOLERANCE,
                           max_steps: int | None = None
                           ) -> list[attribution.IntegratedGradients]:
    """Integrated gradients of log P(targets) from the zero-embedding baseline.

    Starts with `num_steps` points (a power of two) and doubles them, up to `max_steps`
    (default: the Engine's `ig_max_steps`), while a row's completeness error exceeds
    `tolerance` (and 1e-3 nats). Each result says the steps used and the error reached.

    Args:
      token_ids, target_masks, adapter: as in salience().
      num_steps: the first try's quadrature points (attribution.ig_nodes).
      tolerance: the relative completeness error |Σ IG − gain| / |gain| that stops the
        doubling.
      max_steps: the most points; None: the Engine's `ig_max_steps`.

    Returns:
      An attribution.IntegratedGradients per row (scores <float32>[num_tokens], error,
      gain, steps); zeros for rows without targets.

    Raises:
      ValueError: a target mask whose length differs from its row's, or an unknown
        `adapter`.
      memory.TooLarge: the request's estimated memory exceeds `max_memory`.
      programs.CompileRefused: its program could not be compiled within the budget.
    """
    max_steps = self.ig_max_steps if max_steps is None else max_steps
    rows, todo, arrays = self._pack(token_ids, target_masks)
    results = [attribution.IntegratedGradients(np.zeros(len(ids), np.float32), 0.0, 0.0, 0)
               for ids, _ in rows]
    if arrays is None:
      return results
    batch, length = arrays[0].shape
    # One chunk size for every doubling (steps stay multiples of num_steps, a power of
    # two), so one compiled program serves 128 steps and 1,024 alike.
    chunk = self._chunk(batch, length, num_steps)
    key = ("integrated_gradients",) + arrays[0].shape + arrays[2].shape[1:] + (chunk,)
    state, placed = self._state(adapter), distribution.place_batch(*arrays)
    steps, gain = num_steps, None
    while True:
      t, w = attribution.ig_nodes(steps)
      with self._turn():  # The gain's forwards run in the request's first call only.
        parts = [self._attribution_call(key, attribution.integrated_gradients, state, *placed,
                                        t[c:c + chunk], w[c:c + chunk],
                                        np.bool_(gain is None and c == 0))
                 for c in range(0, steps, chunk)]
      ig = np.sum([np.asarray(part, np.float32) for part, _ in parts], axis=0)
      if gain is None:
        gain = np.asarray(parts[0][1], np.float32)
      errors = [attribution.completeness_error(ig[b], gain[b]) for b in range(len(todo))]
      close = all(e <= tolerance or abs(float(np.sum(ig[b])) - float(gain[b])) < 1e-3
                  for b, e in enumerate(errors))
      if close or steps * 2 > max_steps:
        break
      steps *= 2
    for b, i in enumerate(todo):
      n = rows[i][1][-1] + 1
      results[i].scores[:n] = ig[b, :n]
      results[i].error, results[i].gain, results[i].steps = errors[b], float(gain[b]), steps
    return results

  def occlusion(self, token_ids: list[np.ndarray], target_masks: list[np.ndarray],
                groups: list[np.ndarray] | None = None,
                adapter: str | None = None) -> list[np.ndarray]:
    """NLL(targets | group zeroed) − NLL(targets), per group: + = the group supports them.

    Args:
      token_ids, target_masks, adapter: as in salience().
      groups: per row, <int>[num_tokens], each token's group (−1: never occluded);
        default: each token alone (group j = token j). `<bos>` is never occluded.

    Returns:
      Per row, <float32>[number of groups] (0 for groups without tokens before the last
      target).

    Raises:
      ValueError: a target mask whose length differs from its row's, or an unknown
        `adapter`.
      memory.TooLarge: the request's estimated memory exceeds `max_memory`.
      programs.CompileRefused: its program could not be compiled within the budget.
    """
    if groups is None:
      groups = [np.arange(len(ids)) for ids in token_ids]
    sizes = [int(np.max(g, initial=-1)) + 1 for g in groups]
    results = [np.zeros(s, np.float32) for s in sizes]
    rows, todo, arrays = self._pack(token_ids, target_masks)
    if arrays is None:
      return results
    batch, length = arrays[0].shape
    group_arr = np.full((batch, length), -1, np.int32)
    for b, i in enumerate(todo):
      n = rows[i][1][-1] + 1
      group_arr[b, :n] = groups[i][:n]
      group_arr[b, 0] = -1  # <bos> stays.
    num_groups = bucket(max(sizes[i] for i in todo))
    chunk = self._chunk(batch, length, num_groups)
    key = ("occlusion",) + arrays[0].shape + arrays[2].shape[1:] + (num_groups, chunk)
    with self._turn():
      out = self._attribution_call(key, attribution.occlusion, self._state(adapter),
                                  *distribution.place_batch(*arrays), group_arr,
                                  num_groups=num_groups, chunk=chunk)
    out = np.asarray(out, np.float32)
    for b, i in enumerate(todo):
      results[i][:] = out[b, :sizes[i]]
    return results

  def contrastive(self, token_ids: list[np.ndarray], target_masks: list[np.ndarray],
                  foil_ids: list[np.ndarray | None],
                  adapter: str | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Gradient of NLL(targets | prompt) − NLL(foil | prompt) over the prompt tokens.

    The prompt is every token before the first target; the foil row is those tokens
    followed by `foil_ids` (the foil's ids, without `<bos>`), all of them targets.

    Args:
      token_ids, target_masks, adapter: as in salience().
      foil_ids: per row, the foil's token ids, or None for no foil.

    Returns:
      Per row (grad_l2, grad_dot_input), <float32>[num_tokens] each, 0 from the first
      target on, and 0 for rows without a foil or a target.

    Raises:
      ValueError: a target mask whose length differs from its row's, or an unknown
        `adapter`.
      memory.TooLarge: the request's estimated memory exceeds `max_memory`.
      programs.CompileRefused: its program could not be compiled within the budget.
    """
    results = [(np.zeros(len(ids), np.float32), np.zeros(len(ids), np.float32))
               for ids in token_ids]
    pairs, rows, masks = [], [], []
    for i, (ids, mask, foil) in enumerate(zip(token_ids, target_masks, foil_ids)):
      mask = np.asarray(mask, bool).copy()
      if mask.shape != ids.shape:
        raise ValueError(f"target_mask has {mask.size} entries but the text has {ids.size} tokens")
      mask[0] = False
      if foil is None or not len(foil) or not mask.any():
        continue
      first = int(np.argmax(mask))
      foil_row = np.concatenate([ids[:first], np.asarray(foil, np.int32)])[:self.max_length]
      if len(foil_row) <= first:
        continue
      pairs.append((i, first))
      rows.append(ids)
      masks.append(mask)
      foil_mask = np.zeros(len(foil_row), bool)
      foil_mask[first:] = True
      rows.append(foil_row)
      masks.append(foil_mask)
    if not pairs:
      return results
    n = len(pairs)
    rows, masks = rows[0::2] + rows[1::2], masks[0::2] + masks[1::2]  # Targets, then foils.
    _, _, arrays = self._pack(rows, masks)
    length = arrays[0].shape[1]
    prompt_mask = np.zeros((n, length), np.float32)
    for b, (_, first) in enumerate(pairs):
      prompt_mask[b, :first] = 1.0
    key = ("contrastive",) + arrays[0].shape + arrays[2].shape[1:] + (n,)
    with self._turn():
      out = self._attribution_call(key, attribution.contrastive, self._state(adapter),
                                   *distribution.place_batch(*arrays), prompt_mask, num_pairs=n)
    grad_l2, grad_dot_input = (np.asarray(a, np.float32) for a in out)
    for b, (i, first) in enumerate(pairs):
      results[i][0][:first] = grad_l2[b, :first]
      results[i][1][:first] = grad_dot_input[b, :first]
    return results

  def masked_log_p(self, token_ids: list[np.ndarray], target_masks: list[np.ndarray],
                   keeps: list[np.ndarray], adapter: str | None = None) -> list[np.ndarray]:
    """log P(targets) with the lookup zeroed where a keep mask is False: the points of
    deletion and insertion curves. All rows' masks run in batched forwards.

    Args:
      token_ids, target_masks, adapter: as in salience().
      keeps: per row, <bool>[num_masks, num_tokens]: the tokens each forward keeps.

    Returns:
      Per row, <float32>[num_masks].

    Raises:
      ValueError: a target mask whose length differs from its row's, or an unknown
        `adapter`.
      memory.TooLarge: the request's estimated memory exceeds `max_memory`.
      programs.CompileRefused: its program could not be compiled within the budget.
    """
    rows, todo, arrays = self._pack(token_ids, target_masks)
    results = [np.zeros(len(k), np.float32) for k in keeps]
    if arrays is None:
      return results
    batch, length = arrays[0].shape
    num_masks = bucket(max(len(keeps[i]) for i in todo), minimum=8)
    keep_arr = np.ones((num_masks, batch, length), bool)
    for b, i in enumerate(todo):
      n = rows[i][1][-1] + 1
      keep_arr[:len(keeps[i]), b, :n] = keeps[i][:, :n]
    chunk = self._chunk(batch, length, num_masks)
    key = ("masked_nll",) + arrays[0].shape + arrays[2].shape[1:] + (num_masks, chunk)
    with self._turn():
      out = self._attribution_call(key, attribution.masked_nll, self._state(adapter),
                                   *distribution.place_batch(*arrays), keep_arr, chunk=chunk)
    out = np.asarray(out, np.float32)
    for b, i in enumerate(todo):
      results[i][:] = -out[:len(keeps[i]), b]
    return results
