r"""Near-duplicates and contamination: how alike two texts are, after normalization.

  normalization  Unicode NFKC, case folded, punctuation dropped (as a space), whitespace
                 collapsed (normalize()).
  duplicates     exact: the same text after normalization. Near: Jaccard similarity of
                 character 5-gram shingles at or above a threshold; MinHash LSH (datasketch)
                 proposes candidate pairs, the exact Jaccard of the shingle sets decides.
  contamination  a prompt that overlaps an evaluation prompt: equal after normalization,
                 or sharing word n-grams: shared / min(n-grams of either) at or above a
                 threshold (prompts shorter than n words only match exactly). 1.0 means one
                 prompt's n-grams all occur in the other (e.g. "Please " + the evaluation
                 prompt); templated prompts that differ in a word near the end also reach
                 the default 0.8.

Text only: the functions take strings and answer with indices into the lists given, so
both the tuning-data checks (check_report.py, which turns indices into rows' file:line)
and the training corpus builder (models/training/corpus.py, plain dicts) use them.
Nothing here imports LIT.
"""

import collections
import unicodedata
from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

# Defaults, shared by the command line and the library.
NEAR_DUPLICATE_THRESHOLD = 0.7
CONTAMINATION_NGRAM = 8
CONTAMINATION_THRESHOLD = 0.8
SHINGLE_CHARS = 5
NUM_PERM = 128
MINHASH_SEED = 1
# LSH looks for candidates at this share of the threshold, so that few pairs the exact
# Jaccard would accept are missed for falling just short in the MinHash estimate.
LSH_SLACK = 0.8

Item = TypeVar("Item")


def normalize(text: str) -> str:
  """The text that duplicate and contamination checks compare.

  Args:
    text: any text.

  Returns:
    `text` in Unicode NFKC, case folded, each punctuation character replaced by a space,
    whitespace collapsed to single spaces and stripped at both ends.
  """
  text = unicodedata.normalize("NFKC", text).casefold()
  text = "".join(" " if unicodedata.category(c).startswith("P") else c for c in text)
  return " ".join(text.split())


def words(text: str) -> list[str]:
  """The words of a text, after normalize().

  Args:
    text: any text.

  Returns:
    The whitespace-separated words of `normalize(text)`.
  """
  return normalize(text).split()


def ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
  """The contiguous n-grams of a token sequence, in order, repeats kept.

  Args:
    tokens: e.g. the words() of a text.
    n: tokens per n-gram.

  Returns:
    One tuple of `n` tokens per start position; [] when there are fewer than `n` tokens.
  """
  return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


def shingles(normalized: str) -> set[str]:
  """The character shingles compared for near-duplicates.

  Args:
    normalized: text after normalize().

  Returns:
    The set of its character SHINGLE_CHARS-grams; {the whole text} when it is no longer
    than that.
  """
  if len(normalized) <= SHINGLE_CHARS:
    return {normalized}
  return {normalized[i:i + SHINGLE_CHARS] for i in range(len(normalized) - SHINGLE_CHARS + 1)}


def jaccard(a: set, b: set) -> float:
  """Jaccard similarity of two sets.

  Args:
    a: a set.
    b: another set.

  Returns:
    |a & b| / |a | b|, and 1.0 when both are empty.
  """
  return len(a & b) / len(a | b) if a or b else 1.0


def duplicates(keys: Sequence[str], groups: Sequence[Hashable], threshold: float
               ) -> tuple[list[tuple[int, int]], list[tuple[int, int, float]]]:
  """Exact and near-duplicate pairs among texts, compared within their group only.

  Args:
    keys: the normalized texts compared (normalize() or a join of such texts).
    groups: one label per key (e.g. the row kind); texts of different groups are never
      paired.
    threshold: the least shingle Jaccard similarity of a near-duplicate pair, in (0, 1].

  Returns:
    (exact, near). exact: (index of the first text with that key in its group, index of a
    later copy) per later copy, in index order. near: (i, j, similarity) for each two
    texts of one group whose keys differ and whose shingles() reach `threshold` (every
    copy of either key is paired), i < j among the first copies.
  """
  import datasketch  # Only here: it takes a second to import.

  first_with_key: dict[tuple[Hashable, str], int] = {}
  exact = []
  for i, (group, key) in enumerate(zip(groups, keys)):
    first = first_with_key.setdefault((group, key), i)
    if first != i:
      exact.append((first, i))

  # One representative per distinct text: near pairs are between distinct texts.
  distinct = sorted(set(first_with_key.values()))
  sets = {i: shingles(keys[i]) for i in distinct}
  lsh = datasketch.MinHashLSH(threshold=threshold * LSH_SLACK, num_perm=NUM_PERM)
  hashes = {}
  for i in distinct:
    minhash = datasketch.MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    minhash.update_batch([s.encode("utf-8") for s in sorted(sets[i])])
    hashes[i] = minhash
    lsh.insert(i, minhash)
  copies = collections.defaultdict(list)  # First index of a text -> all indices with it.
  for i, (group, key) in enumerate(zip(groups, keys)):
    copies[first_with_key[(group, key)]].append(i)

  near = []
  for i in distinct:
    for j in sorted(lsh.query(hashes[i])):
      if j <= i or groups[i] != groups[j]:
        continue
      similarity = jaccard(sets[i], sets[j])
      if similarity >= threshold:
        near += [(a, b, similarity) for a in copies[i] for b in copies[j]]
  return exact, near


def clusters(links: Iterable[tuple[Item, Item]]) -> list[list[Item]]:
  """Connected groups of linked items (e.g. rows linked by exact or near duplicates).

  Args:
    links: pairs of orderable, hashable items (e.g. file:line locations).

  Returns:
    Each group of items joined by links, sorted; the groups sorted by their first item.
  """
  parent: dict = {}

  def root(item):
    while parent.setdefault(item, item) != item:
      item = parent[item]
    return item

  for first, second in links:
    a, b = root(first), root(second)
    if a != b:
      parent[max(a, b)] = min(a, b)
  groups = collections.defaultdict(list)
  for item in parent:
    groups[root(item)].append(item)
  return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def overlaps(prompts: Sequence[str], eval_prompts: Sequence[str],
             n: int = CONTAMINATION_NGRAM, threshold: float = CONTAMINATION_THRESHOLD
             ) -> list[tuple[int, int, bool, float]]:
  """Prompts that overlap evaluation prompts (contamination, see the module docstring).

  Args:
    prompts: the tuning prompts.
    eval_prompts: the evaluation prompts.
    n: words per n-gram.
    threshold: the least share of the smaller word n-gram set that two prompts must
      share to overlap.

  Returns:
    (tuning index, evaluation index, exact, overlap) for each tuning prompt that equals an
    evaluation prompt after normalization (exact True, overlap 1.0) or shares at least
    `threshold` of the smaller word n-gram set with it; by tuning index, then exact
    matches before n-gram ones, each by evaluation index.
  """
  by_text = collections.defaultdict(list)
  by_gram = collections.defaultdict(set)
  eval_grams = []
  for e, prompt in enumerate(eval_prompts):
    by_text[normalize(prompt)].append(e)
    grams = set(ngrams(words(prompt), n))
    eval_grams.append(grams)
    for gram in grams:
      by_gram[gram].add(e)

  found = []
  for i, prompt in enumerate(prompts):
    text = normalize(prompt)
    exact = set(by_text.get(text, ()))
    found += [(i, e, True, 1.0) for e in sorted(exact)]
    grams = set(ngrams(text.split(), n))
    shared = collections.Counter(e for gram in grams for e in by_gram.get(gram, ()))
    for e, count in sorted(shared.items()):
      overlap = count / min(len(grams), len(eval_grams[e]))
      if e not in exact and overlap >= threshold:
        found.append((i, e, False, overlap))
  return found
