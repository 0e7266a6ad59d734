r"""Checks of tuning data before a tune run, and the LIT dataset that shows their findings.

What is checked (the alignment guide's list for tuning data):
  coverage       rows per policy x use case; cells with no rows are flagged. The policies
                 and use cases are the ones seen in the data plus any declared as expected.
  diversity      prompt and response lengths in words (min/median/max), distinct-1 and
                 distinct-2 (unique word n-grams / all word n-grams), duplicate clusters (rows
                 linked by exact or near duplicates).
  duplicates     exact: the same text after normalization (Unicode NFKC, case folded,
                 punctuation dropped, whitespace collapsed). Near: Jaccard similarity of
                 character 5-gram shingles at or above a threshold; MinHash LSH (datasketch)
                 proposes candidate pairs, the exact Jaccard of the shingle sets decides.
                 The compared text is the prompt for SFT rows (one prompt taught twice, or
                 with conflicting responses) and prompt + both responses for preference
                 rows (several pairs per prompt are normal there).
  contamination  tuning rows whose prompt overlaps an evaluation prompt: equal after
                 normalization, or sharing word n-grams: shared / min(n-grams of either)
                 at or above a threshold (prompts shorter than n words only match exactly).
                 1.0 means one prompt's n-grams all occur in the other (e.g. "Please " +
                 the evaluation prompt); templated prompts that differ in a word near
                 the end also reach the default 0.8.
  labels         SFT rows without a response; preference rows with `preferred` other than
                 1 or 2, identical responses (after normalization) or missing responses.
  malformed      lines that are not JSON objects or have no usable `prompt`; such rows are
                 left out of every other check.

Files are JSON Lines (read with lines.py, so UTF-8, blank lines skipped, lines from 1):
  SFT rows         {"prompt": "...", "response": "...", "policy": "...", "use_case": "..."}
  preference rows  {"prompt": "...", "response_1": "...", "response_2": "...",
                    "preferred": 1 or 2, "policy": "...", "use_case": "..."}
  evaluation rows  {"prompt": "...", ...} (other keys are ignored)
policy and use_case are optional strings; `chat` is an optional boolean (default true;
false: the prompt is plain text that the response continues, as few-shot and template
prompts are, not a chat turn); other keys are ignored. A tuning file holds
preference rows when its first object has response_1, response_2 or preferred.

A file that cannot be read at all (missing, not UTF-8) raises a ValueError naming it;
every problem inside a file is a finding naming the file and line, never an exception.

Library use (e.g. before tuning):
    report = data_checks.check(["sft.jsonl"], ["eval.jsonl"])
    problems = report.blocking_problems(allow_contamination=False, allow_malformed=False)
    if problems: print(report.to_text()); refuse to tune.

LIT: TuningDataset shows the tuning rows with the findings as columns (see its spec);
loading.load() builds one for a path written "tuning:TRAIN.jsonl[+EVAL.jsonl...]".
"""

import collections
import dataclasses
import json
import os
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import tabulate
from lit_nlp.api import dataset as lit_dataset
from lit_nlp.api import types as lit_types

from lit_app import fields
from lit_app.datasets import lines, prompts

# Row kinds; a tuning file holds SFT or PREFERENCE rows (read_rows' role TUNING).
SFT = "sft"
PREFERENCE = "preference"
EVALUATION = "evaluation"
TUNING = "tuning"

POLICY = "policy"
USE_CASE = "use_case"
CHAT = "chat"
RESPONSE_1 = fields.RESPONSE_1
RESPONSE_2 = fields.RESPONSE_2
PREFERRED = fields.PREFERRED
PREFERENCE_KEYS = (RESPONSE_1, RESPONSE_2, PREFERRED)

# Columns of TuningDataset beyond prompt/target/policy/use_case.
LOCATION = "location"
DUPLICATE_CLUSTER = "duplicate_cluster"
DUPLICATE_OF = "duplicate_of"
NEAR_DUPLICATE_OF = "near_duplicate_of"
CONTAMINATED = "contaminated"
# Flag values: words, so the Data Table search `contaminated:true` finds them (LIT shows
# a Boolean as a tick mark, which no typed search matches).
TRUE, FALSE = "true", "false"
CONTAMINATED_BY = "contaminated_by"
LABEL_PROBLEM = "label_problem"

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

# Entries of each list that the terminal report shows (JSON shows all).
LIST_LIMIT = 20

SPEC_PREFIX = "tuning:"
SPEC_SEPARATOR = "+"


# ------------------------------------------------------------------------ rows


@dataclasses.dataclass(frozen=True, order=True)
class Location:
  """A row's place: the file as given and its line (from 1)."""
  path: str
  line: int

  def __str__(self) -> str:
    return f"{self.path}:{self.line}"

  def short(self) -> str:
    """file:line with the file's base name only (LIT columns)."""
    return f"{os.path.basename(self.path)}:{self.line}"

  def to_json(self) -> dict[str, Any]:
    return {"file": self.path, "line": self.line}


@dataclasses.dataclass(frozen=True)
class Row:
  """One usable row (it has a prompt). `kind` is SFT, PREFERENCE or EVALUATION."""
  location: Location
  kind: str
  prompt: str
  response: str = ""
  response_1: str = ""
  response_2: str = ""
  preferred: int | None = None  # 1 or 2; None when missing or invalid.
  policy: str = ""
  use_case: str = ""
  chat: bool = True  # False: prompt and response are plain text, not chat turns.

  def responses(self) -> list[str]:
    return [self.response_1, self.response_2] if self.kind == PREFERENCE else [self.response]


@dataclasses.dataclass(frozen=True)
class Problem:
  """A malformed row or a label problem; `message` names the file and line."""
  location: Location
  message: str

  def problem(self) -> str:
    """The message without its "FILE, line N: " start."""
    where = str(lines.error_at(self.location.path, self.location.line, ""))
    return self.message.removeprefix(where)

  def to_json(self) -> dict[str, Any]:
    return {**self.location.to_json(), "message": self.message}


def read_rows(path: str, role: str) -> tuple[list[Row], list[Problem], list[Problem]]:
  """(usable rows, malformed rows, label problems) of a JSON Lines file.

  `role` is TUNING (SFT or preference rows, by the first object) or EVALUATION.
  Raises lines' ValueError when the file cannot be read at all.
  """
  rows, malformed, label_problems = [], [], []
  kind = None if role != EVALUATION else EVALUATION
  for number, text in lines.read_lines(path):
    if not text.strip():
      continue
    location = Location(path, number)
    try:
      obj = _json_object(text, path, number)
      if kind is None:
        kind = PREFERENCE if any(k in obj for k in PREFERENCE_KEYS) else SFT
      prompt = lines.string_value(obj, fields.PROMPT, path, number, required=True)
      if not prompt.strip():
        raise lines.error_at(path, number, f"empty {fields.PROMPT!r}")
    except ValueError as e:
      malformed.append(Problem(location, str(e)))
      continue
    problems: list[str] = []
    values = {key: _label_string(obj, key, path, number, problems, required=False)
              for key in (POLICY, USE_CASE)}
    if kind == SFT:
      values[fields.RESPONSE] = _label_string(obj, fields.RESPONSE, path, number, problems)
    elif kind == PREFERENCE:
      for key in (RESPONSE_1, RESPONSE_2):
        values[key] = _label_string(obj, key, path, number, problems)
      values[PREFERRED] = _preferred(obj, path, number, problems)
      _check_preference(values, path, number, problems)
    if kind != EVALUATION and not isinstance(obj.get(CHAT, True), bool):
      problems.append(str(lines.error_at(path, number, f"{CHAT!r} must be true or false")))
    elif kind != EVALUATION:
      values[CHAT] = obj.get(CHAT, True)
    label_problems += [Problem(location, message) for message in problems]
    rows.append(Row(location, kind, prompt, **values))
  return rows, malformed, label_problems


def _json_object(text: str, path: str, line: int) -> dict[str, Any]:
  try:
    value = json.loads(text)
  except json.JSONDecodeError as e:
    raise lines.error_at(path, line, f"malformed JSON ({e.msg}, column {e.colno})") from None
  if not isinstance(value, dict):
    raise lines.error_at(path, line,
                         f"expected a JSON object {{...}}, got {lines._json_kind(value)}")
  return value


def _label_string(obj: dict[str, Any], key: str, path: str, line: int, problems: list[str],
                  required: bool = True) -> str:
  """obj[key] as a string ("" when absent); a problem is noted when it is missing (if
  required), empty (if required) or not a string."""
  try:
    value = lines.string_value(obj, key, path, line, required=required)
  except ValueError as e:
    problems.append(str(e))
    return ""
  if required and not value.strip():
    problems.append(str(lines.error_at(path, line, f"empty {key!r}")))
  return value or ""


def _preferred(obj: dict[str, Any], path: str, line: int, problems: list[str]) -> int | None:
  """`preferred` read as the preference-pair dataset reads it (lines.choice_value); a
  problem is noted when it is missing or not 1 or 2."""
  try:
    return lines.choice_value(obj, PREFERRED, (1, 2), path, line)
  except ValueError as e:
    problems.append(str(e))
    return None


def _check_preference(values: dict[str, Any], path: str, line: int, problems: list[str]):
  first, second = values[RESPONSE_1], values[RESPONSE_2]
  if first.strip() and second.strip() and normalize(first) == normalize(second):
    problems.append(str(lines.error_at(
        path, line, f"identical responses ({RESPONSE_1!r} and {RESPONSE_2!r} are the same "
        "after normalization)")))


# ------------------------------------------------------------------ text measures


def normalize(text: str) -> str:
  """Text compared for duplicates: NFKC, case folded, punctuation dropped (as a space),
  whitespace collapsed."""
  text = unicodedata.normalize("NFKC", text).casefold()
  text = "".join(" " if unicodedata.category(c).startswith("P") else c for c in text)
  return " ".join(text.split())


def words(text: str) -> list[str]:
  return normalize(text).split()


def ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
  return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


def shingles(normalized: str) -> set[str]:
  """Character 5-grams of normalized text (the whole text when shorter)."""
  if len(normalized) <= SHINGLE_CHARS:
    return {normalized}
  return {normalized[i:i + SHINGLE_CHARS] for i in range(len(normalized) - SHINGLE_CHARS + 1)}


def jaccard(a: set, b: set) -> float:
  return len(a & b) / len(a | b) if a or b else 1.0


def duplicate_key(row: Row) -> str:
  """The normalized text compared for duplicates (see the module docstring)."""
  if row.kind == PREFERENCE:
    return "\n".join(normalize(t) for t in (row.prompt, row.response_1, row.response_2))
  return normalize(row.prompt)


# --------------------------------------------------------------------- findings


@dataclasses.dataclass(frozen=True)
class Pair:
  """Two rows found alike: `first` comes earlier; `similarity` is 1.0 for exact ones."""
  first: Location
  second: Location
  similarity: float = 1.0

  def to_json(self) -> dict[str, Any]:
    return {"first": self.first.to_json(), "second": self.second.to_json(),
            "similarity": round(self.similarity, 3)}


@dataclasses.dataclass(frozen=True)
class Contamination:
  """A tuning row whose prompt overlaps an evaluation row's (`overlap` 1.0 for exact)."""
  tuning: Location
  evaluation: Location
  exact: bool
  overlap: float

  def describe(self) -> str:
    how = ("the same prompt after normalization" if self.exact
           else f"word n-gram overlap {self.overlap:.2f}")
    return f"{self.tuning} overlaps evaluation row {self.evaluation}: {how}"

  def to_json(self) -> dict[str, Any]:
    return {"tuning": self.tuning.to_json(), "evaluation": self.evaluation.to_json(),
            "match": "exact" if self.exact else "ngram", "overlap": round(self.overlap, 3)}


@dataclasses.dataclass(frozen=True)
class Lengths:
  """Lengths in words: count of texts, min, median, max (0s when there are none)."""
  count: int
  min: int
  median: float
  max: int

  @classmethod
  def of(cls, texts: Sequence[str]) -> "Lengths":
    sizes = [len(t.split()) for t in texts]
    if not sizes:
      return cls(0, 0, 0, 0)
    return cls(len(sizes), min(sizes), statistics.median(sizes), max(sizes))


@dataclasses.dataclass(frozen=True)
class Settings:
  near_duplicate_threshold: float = NEAR_DUPLICATE_THRESHOLD
  contamination_ngram: int = CONTAMINATION_NGRAM
  contamination_threshold: float = CONTAMINATION_THRESHOLD

  def __post_init__(self):
    for name in ("near_duplicate_threshold", "contamination_threshold"):
      value = getattr(self, name)
      if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise ValueError(f"{name} must be a number in (0, 1], got {value!r}")
    n = self.contamination_ngram
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
      raise ValueError(f"contamination_ngram must be a positive integer, got {n!r}")


@dataclasses.dataclass
class Report:
  """Everything check() found. Locations are in file order (files as given, then lines)."""
  train_paths: list[str]
  eval_paths: list[str]
  settings: Settings
  rows: list[Row]  # Usable tuning rows.
  num_eval_rows: int
  malformed: list[Problem]
  label_problems: list[Problem]
  policies: list[str]
  use_cases: list[str]
  coverage: dict[tuple[str, str], int]  # (policy, use case) -> rows; all combinations.
  unlabeled: int  # Rows without a policy or a use case (not in `coverage`).
  prompt_lengths: Lengths
  response_lengths: Lengths
  distinct: dict[str, dict[str, float]]  # "prompts"/"responses" -> "distinct_1"/"distinct_2"
  exact_duplicates: list[Pair]  # Each later copy with the first one.
  near_duplicates: list[Pair]  # Not exact duplicates.
  clusters: list[list[Location]]  # Rows linked by exact or near duplicates.
  contamination: list[Contamination]

  def empty_cells(self) -> list[tuple[str, str]]:
    """(policy, use case) combinations with no rows."""
    return [cell for cell, count in self.coverage.items() if count == 0]

  def contaminated_rows(self) -> list[Location]:
    return sorted({c.tuning for c in self.contamination})

  def blocking_problems(self, allow_contamination: bool = False,
                        allow_malformed: bool = False) -> list[str]:
    """Why this data should not be tuned on, one line each ([] when it may be).

    Contamination blocks unless `allow_contamination`; malformed rows and label problems
    (rows a tune run cannot learn from as meant) block unless `allow_malformed`.
    """
    problems = []
    if not allow_malformed:
      problems += [p.message for p in self.malformed + self.label_problems]
    if not allow_contamination:
      problems += [c.describe() for c in self.contamination]
    return problems

  def to_json(self) -> dict[str, Any]:
    """The report as JSON-ready values (shape in tests/datasets/test_data_checks.py)."""
    counts = collections.Counter(r.kind for r in self.rows)
    return {
        "files": {"train": self.train_paths, "eval": self.eval_paths},
        "settings": dataclasses.asdict(self.settings),
        "rows": {"sft": counts[SFT], "preference": counts[PREFERENCE],
                 "evaluation": self.num_eval_rows, "malformed": len(self.malformed)},
        "coverage": {
            "policies": self.policies, "use_cases": self.use_cases,
            "counts": [{"policy": p, "use_case": u, "rows": n}
                       for (p, u), n in self.coverage.items()],
            "empty_cells": [{"policy": p, "use_case": u} for p, u in self.empty_cells()],
            "unlabeled_rows": self.unlabeled,
        },
        "diversity": {
            "prompt_words": dataclasses.asdict(self.prompt_lengths),
            "response_words": dataclasses.asdict(self.response_lengths),
            "distinct": self.distinct,
            "duplicate_clusters": [[loc.to_json() for loc in c] for c in self.clusters],
        },
        "duplicates": {"exact": [p.to_json() for p in self.exact_duplicates],
                       "near": [p.to_json() for p in self.near_duplicates]},
        "contamination": [c.to_json() for c in self.contamination],
        "labels": [p.to_json() for p in self.label_problems],
        "malformed": [p.to_json() for p in self.malformed],
    }

  def to_text(self, limit: int = LIST_LIMIT) -> str:
    """The report as a terminal table; each list shows its first `limit` entries (0: all)."""
    return "\n".join(_text_lines(self, limit)) + "\n"


# ------------------------------------------------------------------------ check


def check(train_paths: str | Sequence[str], eval_paths: str | Sequence[str] = (), *,
          policies: Sequence[str] = (), use_cases: Sequence[str] = (),
          near_duplicate_threshold: float = NEAR_DUPLICATE_THRESHOLD,
          contamination_ngram: int = CONTAMINATION_NGRAM,
          contamination_threshold: float = CONTAMINATION_THRESHOLD) -> Report:
  """Checks the tuning files against the evaluation files (see the module docstring).

  `policies` and `use_cases` declare the expected ones (their cells show even when empty).
  Raises ValueError for a bad setting or a file that cannot be read.
  """
  settings = Settings(near_duplicate_threshold, contamination_ngram, contamination_threshold)
  train_paths = [train_paths] if isinstance(train_paths, str) else list(train_paths)
  eval_paths = [eval_paths] if isinstance(eval_paths, str) else list(eval_paths)
  if not train_paths:
    raise ValueError("no tuning data files given")
  rows, malformed, label_problems = [], [], []
  for path in train_paths:
    file_rows, file_malformed, file_labels = read_rows(path, TUNING)
    rows += file_rows
    malformed += file_malformed
    label_problems += file_labels
  eval_rows = []
  for path in eval_paths:
    file_rows, file_malformed, _ = read_rows(path, EVALUATION)
    eval_rows += file_rows
    malformed += file_malformed

  all_policies, all_use_cases, coverage, unlabeled = _coverage(rows, policies, use_cases)
  exact, near = _duplicates(rows, settings.near_duplicate_threshold)
  responses = [t for r in rows for t in r.responses() if t]
  return Report(
      train_paths=train_paths, eval_paths=eval_paths, settings=settings, rows=rows,
      num_eval_rows=len(eval_rows), malformed=malformed, label_problems=label_problems,
      policies=all_policies, use_cases=all_use_cases, coverage=coverage, unlabeled=unlabeled,
      prompt_lengths=Lengths.of([r.prompt for r in rows]),
      response_lengths=Lengths.of(responses),
      distinct={"prompts": _distinct([r.prompt for r in rows]),
                "responses": _distinct(responses)},
      exact_duplicates=exact, near_duplicates=near,
      clusters=_clusters(exact + near),
      contamination=_contamination(rows, eval_rows, settings))


def _coverage(rows: Sequence[Row], policies: Sequence[str], use_cases: Sequence[str]):
  labeled = [(r.policy, r.use_case) for r in rows if r.policy and r.use_case]
  all_policies = sorted(set(policies) | {p for r in rows if (p := r.policy)})
  all_use_cases = sorted(set(use_cases) | {u for r in rows if (u := r.use_case)})
  counts = collections.Counter(labeled)
  coverage = {(p, u): counts[(p, u)] for p in all_policies for u in all_use_cases}
  return all_policies, all_use_cases, coverage, len(rows) - len(labeled)


def _distinct(texts: Iterable[str]) -> dict[str, float]:
  """distinct-n: unique word n-grams / all word n-grams, n-grams within each text."""
  result = {}
  tokenized = [words(t) for t in texts]
  for n in (1, 2):
    grams = [g for tokens in tokenized for g in ngrams(tokens, n)]
    result[f"distinct_{n}"] = round(len(set(grams)) / len(grams), 3) if grams else 0.0
  return result


def _duplicates(rows: Sequence[Row], threshold: float) -> tuple[list[Pair], list[Pair]]:
  """(exact, near) duplicate pairs among rows of the same kind."""
  import datasketch  # Only here: it takes a second to import.

  keys = [duplicate_key(r) for r in rows]
  first_with_key: dict[tuple[str, str], int] = {}
  exact = []
  for i, (row, key) in enumerate(zip(rows, keys)):
    first = first_with_key.setdefault((row.kind, key), i)
    if first != i:
      exact.append(Pair(rows[first].location, row.location))

  # One representative per distinct text: near pairs are between distinct texts.
  distinct_rows = sorted(set(first_with_key.values()))
  sets = {i: shingles(keys[i]) for i in distinct_rows}
  lsh = datasketch.MinHashLSH(threshold=threshold * LSH_SLACK, num_perm=NUM_PERM)
  hashes = {}
  for i in distinct_rows:
    minhash = datasketch.MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    minhash.update_batch([s.encode("utf-8") for s in sorted(sets[i])])
    hashes[i] = minhash
    lsh.insert(i, minhash)
  copies = collections.defaultdict(list)  # First row of a text -> all rows with that text.
  for i, row in enumerate(rows):
    copies[first_with_key[(row.kind, keys[i])]].append(i)

  near = []
  for i in distinct_rows:
    for j in sorted(lsh.query(hashes[i])):
      if j <= i or rows[i].kind != rows[j].kind:
        continue
      similarity = jaccard(sets[i], sets[j])
      if similarity >= threshold:
        near += [Pair(rows[a].location, rows[b].location, similarity)
                 for a in copies[i] for b in copies[j]]
  near = [Pair(*sorted((p.first, p.second)), p.similarity) for p in near]
  return exact, sorted(near, key=lambda p: (p.first, p.second))


def _clusters(pairs: Sequence[Pair]) -> list[list[Location]]:
  """Connected groups of the rows in `pairs`, each in file order, by their first row."""
  parent: dict[Location, Location] = {}

  def root(loc: Location) -> Location:
    while parent.setdefault(loc, loc) != loc:
      loc = parent[loc]
    return loc

  for pair in pairs:
    a, b = root(pair.first), root(pair.second)
    if a != b:
      parent[max(a, b)] = min(a, b)
  groups = collections.defaultdict(list)
  for loc in parent:
    groups[root(loc)].append(loc)
  return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def overlaps(prompts: Sequence[str], eval_prompts: Sequence[str],
             n: int = CONTAMINATION_NGRAM, threshold: float = CONTAMINATION_THRESHOLD
             ) -> list[tuple[int, int, bool, float]]:
  """(tuning index, evaluation index, exact, overlap) for each tuning prompt that equals an
  evaluation prompt after normalization, or shares at least `threshold` of the smaller
  word n-gram set with it."""
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


def _contamination(rows: Sequence[Row], eval_rows: Sequence[Row],
                   settings: Settings) -> list[Contamination]:
  """Tuning rows whose prompt overlaps an evaluation prompt (see the module docstring)."""
  found = overlaps([r.prompt for r in rows], [r.prompt for r in eval_rows],
                   settings.contamination_ngram, settings.contamination_threshold)
  return [Contamination(rows[i].location, eval_rows[e].location, exact, overlap)
          for i, e, exact, overlap in found]


# ------------------------------------------------------------------ terminal text


def _text_lines(report: Report, limit: int) -> Iterable[str]:
  """The lines of Report.to_text()."""
  counts = collections.Counter(r.kind for r in report.rows)
  yield f"Tuning data:     {', '.join(report.train_paths)}"
  yield f"Evaluation data: {', '.join(report.eval_paths) or '(none given)'}"
  yield (f"Rows: {counts[SFT]} SFT, {counts[PREFERENCE]} preference, "
         f"{report.num_eval_rows} evaluation; {len(report.malformed)} malformed")

  yield from _section("Coverage: rows per policy x use case")
  if report.policies and report.use_cases:
    table = [["policy \\ use case", *report.use_cases]]
    table += [[p, *(str(report.coverage[(p, u)] or "EMPTY") for u in report.use_cases)]
              for p in report.policies]
    yield from _table(table)
  empty = report.empty_cells()
  yield f"  empty cells: {len(empty)}"
  yield from _listed([f"{p} x {u}" for p, u in empty], limit)
  if report.unlabeled:
    yield f"  rows without a policy or use case: {report.unlabeled}"

  yield from _section("Diversity")
  yield from _table([
      ["", "rows", "min", "median", "max", "distinct-1", "distinct-2"],
      *([name + " (words)", str(lengths.count), str(lengths.min), f"{lengths.median:g}",
         str(lengths.max), f"{report.distinct[key]['distinct_1']:.2f}",
         f"{report.distinct[key]['distinct_2']:.2f}"]
        for name, key, lengths in (("prompts", "prompts", report.prompt_lengths),
                                   ("responses", "responses", report.response_lengths))),
  ])
  yield f"  duplicate clusters (exact or near): {len(report.clusters)}"
  yield from _listed([f"C{number} ({len(cluster)} rows): {_joined(cluster, limit)}"
                      for number, cluster in enumerate(report.clusters, start=1)], limit)

  yield from _section("Duplicates")
  yield f"  exact (same text after normalization): {len(report.exact_duplicates)}"
  yield from _listed([f"{p.second}  duplicates  {p.first}" for p in report.exact_duplicates],
                     limit)
  threshold = report.settings.near_duplicate_threshold
  yield f"  near (similarity >= {threshold:g}): {len(report.near_duplicates)}"
  yield from _listed([f"{p.second}  ~  {p.first}  ({p.similarity:.2f})"
                      for p in report.near_duplicates], limit)

  settings = report.settings
  yield from _section(
      f"Contamination: tuning prompts overlapping evaluation prompts (exact, or word "
      f"{settings.contamination_ngram}-gram overlap >= {settings.contamination_threshold:g})")
  if not report.eval_paths:
    yield "  not checked: no evaluation data given"
  yield f"  contaminated rows: {len(report.contaminated_rows())}"
  yield from _listed([f"{c.tuning}  <->  {c.evaluation}  "
                      f"({'exact' if c.exact else f'overlap {c.overlap:.2f}'})"
                      for c in report.contamination], limit)

  yield from _section("Labels")
  yield f"  problems: {len(report.label_problems)}"
  yield from _listed([p.message for p in report.label_problems], limit)

  yield from _section("Malformed rows")
  yield f"  malformed: {len(report.malformed)}"
  yield from _listed([p.message for p in report.malformed], limit)


def _listed(entries: Sequence[str], limit: int) -> Iterable[str]:
  shown = entries if limit <= 0 else entries[:limit]
  yield from (f"    {entry}" for entry in shown)
  if len(shown) < len(entries):
    yield f"    ... and {len(entries) - len(shown)} more (--json lists all)"


def _joined(locations: Sequence[Location], limit: int) -> str:
  shown = locations if limit <= 0 else locations[:limit]
  more = f", ... ({len(locations) - len(shown)} more)" if len(shown) < len(locations) else ""
  return ", ".join(map(str, shown)) + more


def _section(title: str) -> Iterable[str]:
  yield ""
  yield title


def _table(cells: list[list[str]]) -> Iterable[str]:
  """A header row and rows of cells, the first column left-aligned, the others right."""
  # The header goes in as a row: tabulate pads headers (MIN_PADDING), rows not.
  text = tabulate.tabulate(cells, tablefmt="plain",
                           colalign=("left",) + ("right",) * (len(cells[0]) - 1),
                           disable_numparse=True)
  yield from ("  " + line.rstrip() for line in text.splitlines())


# --------------------------------------------------------------------- LIT


def is_spec(path: str) -> bool:
  """Whether `path` names tuning data for LIT: "tuning:TRAIN.jsonl[+EVAL.jsonl...]"."""
  return isinstance(path, str) and path.startswith(SPEC_PREFIX)


def parse_spec(spec: str) -> tuple[str, list[str]]:
  """(tuning file, evaluation files) of "tuning:TRAIN.jsonl[+EVAL.jsonl...]"."""
  paths = [p.strip() for p in spec[len(SPEC_PREFIX):].split(SPEC_SEPARATOR)]
  if not paths[0] or not all(paths):
    raise ValueError(f"{spec!r}: expected {SPEC_PREFIX}TRAIN.jsonl"
                     f"[{SPEC_SEPARATOR}EVAL.jsonl...] with no empty file names")
  return paths[0], paths[1:]


def map_spec_paths(spec: str, function) -> str:
  """The spec with `function` applied to each of its files (e.g. a directory check)."""
  train, evals = parse_spec(spec)
  return SPEC_PREFIX + SPEC_SEPARATOR.join(function(p) for p in [train, *evals])


class TuningDataset(lit_dataset.Dataset):
  """The usable rows of a tuning file, with check()'s findings as columns.

  Fields: prompt; target (the SFT response, or the preferred response); response_1,
  response_2, preferred (preference data only); policy, use_case; location ("file:line");
  duplicate_cluster ("C1"... as in the report, "" for none); duplicate_of and
  near_duplicate_of (the other rows' "file:line", comma-separated); contaminated ("true"
  or "false") and contaminated_by (the evaluation rows); label_problem. Malformed rows
  cannot be shown: the description counts them, and names the coverage gaps (policy x use
  case cells with no rows; coverage_dataset() shows every cell).
  """

  def __init__(self, train_path: str, eval_paths: Sequence[str] = (),
               max_examples: int | None = None, description: str | None = None, **options):
    """Checks `train_path` against `eval_paths` (options as for check())."""
    prompts.check_max_examples(max_examples)
    report = check([train_path], list(eval_paths), **options)
    if not report.rows:
      raise lines.error_at(train_path, None, "no usable rows (each needs a 'prompt')")
    preference = any(r.kind == PREFERENCE for r in report.rows)
    examples = examples_of(report)[:max_examples]
    malformed = sum(p.location.path == train_path for p in report.malformed)
    name = os.path.basename(train_path)
    gaps = report.empty_cells()
    summary = (f"{len(examples)} tuning rows from {name}"
               + (f", checked against {', '.join(map(os.path.basename, eval_paths))}"
                  if eval_paths else "")
               + (f"; coverage gaps (no rows): "
                  f"{', '.join(f'{p} x {u}' for p, u in gaps)}" if gaps else "")
               + (f"; {malformed} malformed rows not shown (run "
                  "gemma-lit check-data for the full report)" if malformed else ""))
    self.report = report
    super().__init__(spec=spec(preference), examples=examples,
                     description=description or summary)

  def coverage_dataset(self) -> "CoverageDataset":
    """Every policy x use case cell of this data, as a dataset of its own."""
    return CoverageDataset(self.report)

  @classmethod
  def init_spec(cls) -> None:
    """None: the Configure dialog loads tuning data through loading's "prompt_file"
    loader, with a path written "tuning:TRAIN.jsonl[+EVAL.jsonl...]"."""
    return None

  @classmethod
  def from_spec(cls, path_spec: str, max_examples: int | None = None,
                description: str | None = None) -> "TuningDataset":
    train, evals = parse_spec(path_spec)
    return cls(os.path.expanduser(train), [os.path.expanduser(p) for p in evals],
               max_examples, description)


def spec(preference: bool = False) -> lit_types.Spec:
  """TuningDataset's fields (see its docstring)."""
  texts = [fields.TARGET, *([RESPONSE_1, RESPONSE_2] if preference else [])]
  labels = [*([PREFERRED] if preference else []), POLICY, USE_CASE, LOCATION,
            DUPLICATE_CLUSTER, DUPLICATE_OF, NEAR_DUPLICATE_OF]
  return {
      fields.PROMPT: lit_types.TextSegment(),
      **{name: lit_types.TextSegment(required=False) for name in texts},
      **{name: lit_types.CategoryLabel(required=False) for name in labels},
      CONTAMINATED: lit_types.CategoryLabel(vocab=[TRUE, FALSE], required=False),
      CONTAMINATED_BY: lit_types.CategoryLabel(required=False),
      LABEL_PROBLEM: lit_types.CategoryLabel(required=False),
  }


COVERAGE_SUFFIX = "_coverage"
ROWS = "rows"
GAP = "gap"


class CoverageDataset(lit_dataset.Dataset):
  """The coverage table of a tuning-data check, one row per policy x use case cell.

  Fields: prompt (the cell in words, e.g. "hacking x translation: no rows, a coverage
  gap"; LIT lists only datasets its models can read, so the cell is also a prompt);
  policy, use_case; rows (how many tuning rows the cell has); gap ("true" for a cell with
  no rows). Search `gap:true` in the Data Table to list the gaps.
  """

  def __init__(self, report: Report):
    examples = []
    for (policy, use_case), count in report.coverage.items():
      what = f"{count} rows" if count else "no rows, a coverage gap"
      examples.append({fields.PROMPT: f"{policy} x {use_case}: {what}", POLICY: policy,
                       USE_CASE: use_case, ROWS: count, GAP: TRUE if count == 0 else FALSE})
    gaps = report.empty_cells()
    super().__init__(
        spec={fields.PROMPT: lit_types.TextSegment(),
              POLICY: lit_types.CategoryLabel(), USE_CASE: lit_types.CategoryLabel(),
              ROWS: lit_types.Integer(), GAP: lit_types.CategoryLabel(vocab=[TRUE, FALSE])},
        examples=examples,
        description=(f"Coverage of {', '.join(map(os.path.basename, report.train_paths))}: "
                     f"rows per policy x use case; {len(gaps)} empty cell(s)"
                     + (f": {', '.join(f'{p} x {u}' for p, u in gaps)}" if gaps else "")))


def with_coverage(datasets: dict[str, lit_dataset.Dataset]) -> dict[str, lit_dataset.Dataset]:
  """`datasets` plus NAME_coverage beside each tuning dataset NAME."""
  return datasets | {name + COVERAGE_SUFFIX: ds.coverage_dataset()
                     for name, ds in datasets.items() if isinstance(ds, TuningDataset)}


def examples_of(report: Report) -> list[dict[str, Any]]:
  """One LIT example per usable tuning row, with its findings (see TuningDataset)."""
  cluster_of = {loc: f"C{n}" for n, c in enumerate(report.clusters, start=1) for loc in c}
  duplicate_of = _partners(report.exact_duplicates)
  near_of = _partners(report.near_duplicates)
  contaminated_by = collections.defaultdict(list)
  for c in report.contamination:
    contaminated_by[c.tuning].append(c.evaluation)
  problems = collections.defaultdict(list)
  for p in report.label_problems:
    problems[p.location].append(p.problem())
  preference = any(r.kind == PREFERENCE for r in report.rows)

  examples = []
  for row in report.rows:
    loc = row.location
    example = {fields.PROMPT: row.prompt, fields.TARGET: _target(row)}
    if preference:
      example |= {RESPONSE_1: row.response_1, RESPONSE_2: row.response_2,
                  PREFERRED: "" if row.preferred is None else str(row.preferred)}
    examples.append(example | {
        POLICY: row.policy, USE_CASE: row.use_case, LOCATION: loc.short(),
        DUPLICATE_CLUSTER: cluster_of.get(loc, ""),
        DUPLICATE_OF: ", ".join(x.short() for x in duplicate_of[loc]),
        NEAR_DUPLICATE_OF: ", ".join(x.short() for x in near_of[loc]),
        CONTAMINATED: TRUE if loc in contaminated_by else FALSE,
        CONTAMINATED_BY: ", ".join(x.short() for x in contaminated_by[loc]),
        LABEL_PROBLEM: "; ".join(problems[loc]),
    })
  return examples


def _target(row: Row) -> str:
  if row.kind != PREFERENCE:
    return row.response
  return {1: row.response_1, 2: row.response_2}.get(row.preferred, "")


def _partners(pairs: Sequence[Pair]) -> dict[Location, list[Location]]:
  partners = collections.defaultdict(list)
  for pair in pairs:
    partners[pair.first].append(pair.second)
    partners[pair.second].append(pair.first)
  return partners
