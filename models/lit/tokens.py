"""Token pieces as people read them.

SentencePiece pieces keep their `▁` word marker (LIT groups words by it). Byte-fallback
pieces (`<0xE2>` ...) are decoded: consecutive byte pieces that make up one UTF-8 character
become one display token, so `ä` or `🙂` appears once, not as raw bytes. A display token
is thus a *group* of one or more model tokens; scores are pooled per group.

Chat markup (`<start_of_turn>`, `<end_of_turn>`, `<|turn>`, `<bos>` ...) is set apart from
the words: a markup piece right after text gets a leading `▁`, so LIT's "Words" view shows
`fentanyl.` and `<end_of_turn>` as two words, not one `fentanyl.<end_of_turn>`.
"""

import re

import numpy as np

_BYTE_PIECE = re.compile(r"^<0x([0-9A-Fa-f]{2})>$")
# A control piece such as <end_of_turn>, <|turn>, <turn|>, <bos> (not a byte piece).
_MARKUP_PIECE = re.compile(r"^<[|/]?[A-Za-z_]+[|]?>$")
WORD_MARK = "▁"


def is_markup(piece: str) -> bool:
  """Whether `piece` is chat or control markup (`<bos>`, `<end_of_turn>`, `<|turn>` ...)."""
  return bool(_MARKUP_PIECE.match(piece)) and not _BYTE_PIECE.match(piece)


def _set_apart(display: list[str], piece: str) -> str:
  """A markup piece, with a word mark when it would otherwise join the previous word."""
  if is_markup(piece) and display and not display[-1][-1:].isspace() and display[-1] != "":
    return WORD_MARK + piece
  return piece


def _utf8_length(lead: int) -> int:
  """Bytes in the UTF-8 character that starts with byte `lead` (1 for invalid leads)."""
  if lead >= 0xF0:
    return 4
  if lead >= 0xE0:
    return 3
  if lead >= 0xC0:
    return 2
  return 1


def group_pieces(pieces: list[str]) -> tuple[list[str], np.ndarray]:
  """Groups model pieces into display tokens.

  Returns:
    display: one string per display token.
    group_of: <int>[num_pieces], the display-token index of each piece.
  """
  display: list[str] = []
  group_of = np.zeros(len(pieces), dtype=np.int32)
  i = 0
  while i < len(pieces):
    match = _BYTE_PIECE.match(pieces[i])
    if not match:
      group_of[i] = len(display)
      display.append(_set_apart(display, pieces[i]))
      i += 1
      continue
    want = _utf8_length(int(match.group(1), 16))
    run = []
    while len(run) < want and i + len(run) < len(pieces):
      m = _BYTE_PIECE.match(pieces[i + len(run)])
      if not m or (run and not 0x80 <= int(m.group(1), 16) < 0xC0):
        break
      run.append(int(m.group(1), 16))
    if len(run) != want:  # A broken sequence: show each byte as its own token.
      run = run[:1]
    text = bytes(run).decode("utf-8", errors="replace")
    group_of[i:i + len(run)] = len(display)
    display.append(text)
    i += len(run)
  return display, group_of


def pool_l2(scores: np.ndarray, group_of: np.ndarray, num_groups: int) -> np.ndarray:
  """Gradient norms pooled per group: the norm of the concatenated gradients."""
  return np.sqrt(np.bincount(group_of, weights=np.square(scores), minlength=num_groups))


def pool_sum(scores: np.ndarray, group_of: np.ndarray, num_groups: int) -> np.ndarray:
  """Additive scores (gradient·input) pooled per group."""
  return np.bincount(group_of, weights=scores, minlength=num_groups)


_WORD_START = re.compile(r"^[▁\s]")


def word_of(display: list[str]) -> np.ndarray:
  """Each display token's word, as LIT's "Words" granularity groups them: a word starts at
  a token beginning with `▁` or whitespace, or right after a token ending in a newline.

  Returns <int>[num_display], word indices from 0 (the first token starts word 0).
  """
  starts = [i == 0 or bool(_WORD_START.match(tok)) or display[i - 1].endswith("\n")
            for i, tok in enumerate(display)]
  return np.cumsum(starts).astype(np.int32) - 1
