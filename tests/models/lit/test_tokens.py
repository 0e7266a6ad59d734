"""Display tokens: byte-fallback pieces become characters, scores pool per character."""

import numpy as np

from lit_app.models.lit import tokens


def test_multibyte_characters_show_once():
  pieces = ["<bos>", "▁Gr", "<0xC3>", "<0xBC>", "ße", "▁", "<0xF0>", "<0x9F>", "<0x99>", "<0x82>",
            "<0x0A>", "<0x23>"]
  display, group_of = tokens.group_pieces(pieces)
  assert display == ["<bos>", "▁Gr", "ü", "ße", "▁", "🙂", "\n", "#"]
  assert group_of.tolist() == [0, 1, 2, 2, 3, 4, 5, 5, 5, 5, 6, 7]


def test_broken_byte_sequences_do_not_merge():
  display, group_of = tokens.group_pieces(["<0xC3>", "a", "<0xBC>"])
  assert display == ["\ufffd", "a", "\ufffd"]
  assert group_of.tolist() == [0, 1, 2]


def test_pooling_is_norm_of_concatenation_and_sum():
  group_of = np.array([0, 1, 1])
  np.testing.assert_allclose(tokens.pool_l2(np.array([1.0, 3.0, 4.0]), group_of, 2), [1, 5])
  np.testing.assert_allclose(tokens.pool_sum(np.array([1.0, -3.0, 4.0]), group_of, 2), [1, 1])
