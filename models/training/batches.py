"""Rows of {prompt, response} → token arrays for training, through the public tokenizer
API (`tokenizer(texts)`, `start/end/pad_token_id`), so the same code serves the tiny model
and real Gemma presets. Turns are in the generation's chat markup (`fmt`).

A batch is a dict of numpy arrays:
  token_ids     <int32>[batch, seq]    model input
  padding_mask  <bool>[batch, seq]     model input
  labels        <int32>[batch, seq]    next token
  weights       <float32>[batch, seq]  1 where the label counts towards the loss
"""

import numpy as np

from lit_app.models.training import chat


def _numpy(x):
  return np.asarray(x.numpy() if hasattr(x, "numpy") else x)


def _token_lists(tokenizer, texts: list[str]) -> list[list[int]]:
  out = []
  for start in range(0, len(texts), 2048):
    ids = tokenizer(texts[start:start + 2048])
    ids = ids.to_list() if hasattr(ids, "to_list") else ids
    out += [[int(t) for t in _numpy(row)] for row in ids]
  return out


def exchange_texts(rows: list[dict], fmt: chat.ChatFormat) -> tuple[list[str], list[str]]:
  """Each row's prompt and response text: a chat exchange in `fmt`'s turns, or — rows with
  `chat: false` (few-shot and template prompts) — the plain prompt and its continuation."""
  plain = [r.get("chat", True) is False for r in rows]
  return ([r["prompt"] if p else fmt.user_turn(r["prompt"]) for r, p in zip(rows, plain)],
          [r["response"] if p else fmt.model_turn(r["response"]) for r, p in zip(rows, plain)])


def packed_lm_arrays(tokenizer, rows: list[dict], sequence_length: int,
                     fmt: chat.ChatFormat = chat.GEMMA) -> dict:
  """Whole exchanges (`<bos>` user turn, model turn `<eos>`; see exchange_texts) packed back to back
  into windows of `sequence_length`; every token is a label. For training a base model."""
  prompt_texts, response_texts = exchange_texts(rows, fmt)
  prompts = _token_lists(tokenizer, prompt_texts)
  responses = _token_lists(tokenizer, response_texts)
  bos, eos = tokenizer.start_token_id, tokenizer.end_token_id
  stream = np.fromiter(
      (t for p, r in zip(prompts, responses) for t in [bos, *p, *r, eos]), dtype=np.int32)
  num = (len(stream) - 1) // sequence_length
  windows = stream[:num * sequence_length + 1]
  token_ids = windows[:-1].reshape(num, sequence_length)
  labels = windows[1:].reshape(num, sequence_length)
  return dict(token_ids=token_ids, padding_mask=np.ones_like(token_ids, dtype=bool),
              labels=labels, weights=np.ones(labels.shape, np.float32))


def sft_arrays(tokenizer, rows: list[dict], sequence_length: int,
               fmt: chat.ChatFormat = chat.GEMMA) -> dict:
  """One exchange per row (`<bos>` user turn, model turn `<eos>`; see exchange_texts), padded or cut
  to `sequence_length`; only the response tokens and the closing `<eos>` are labels — the
  prompt is masked out of the loss. `truncated` in the result counts rows that were cut."""
  prompt_texts, response_texts = exchange_texts(rows, fmt)
  prompts = _token_lists(tokenizer, prompt_texts)
  responses = _token_lists(tokenizer, response_texts)
  bos, eos, pad = tokenizer.start_token_id, tokenizer.end_token_id, tokenizer.pad_token_id
  width = sequence_length + 1  # inputs and labels are this shifted by one
  ids = np.full((len(rows), width), pad, np.int32)
  in_response = np.zeros((len(rows), width), np.float32)
  mask = np.zeros((len(rows), width), bool)
  truncated = 0
  for i, (p, r) in enumerate(zip(prompts, responses)):
    row = [bos, *p, *r, eos]
    truncated += len(row) > width
    row = row[:width]
    ids[i, :len(row)] = row
    mask[i, :len(row)] = True
    in_response[i, 1 + len(p):len(row)] = 1.0
  return dict(token_ids=ids[:, :-1], padding_mask=mask[:, :-1], labels=ids[:, 1:],
              weights=in_response[:, 1:], truncated=truncated)
