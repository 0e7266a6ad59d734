r"""Checks of tuning data before a tune run, and the report of what they found.

What is checked (the alignment guide's list for tuning data):
  coverage       rows per policy x use case; cells with no rows are flagged. The policies
                 and use cases are the ones seen in the data plus any declared as expected.
  diversity      prompt and response lengths in words (min/median/max), distinct-1 and
                 distinct-2 (unique word n-grams / all word n-grams), duplicate clusters (rows
                 linked by exact or near duplicates).
  duplicates     exact and near duplicates (similarity.py says how they are found). The
                 compared text is the prompt for SFT rows (one prompt taught twice, or with
                 conflicting responses) and prompt + both responses for preference rows
                 (several pairs per prompt are normal there).
  contamination  tuning rows whose prompt overlaps an evaluation prompt (similarity.py).
  labels         problems of single rows (missing or identical responses, `preferred`
                 other than 1 or 2), found while reading them (tuning_rows.py).
  malformed      lines that are not JSON objects or have no usable `prompt`; such rows are
                 left out of every other check.

A file that cannot be read at all (missing, not UTF-8) raises a ValueError naming it;
every problem inside a file is a finding naming the file and line, never an exception.

Library use (e.g. before tuning):
    report = check_report.check(["sft.jsonl"], ["eval.jsonl"])
    problems = report.blocking_problems(allow_contamination=False, allow_malformed=False)
    if problems: print(report.to_text()); refuse to tune.

Nothing here imports LIT: tuning_datasets.py shows the findings in LIT.
"""

import collections
import dataclasses
import statistics
from collections.abc import Iterable, Sequence
from typing import Any

import tabulate

from lit_app.datasets import similarity, tuning_rows

# Entries of each list that the terminal report shows (JSON shows all).
LIST_LIMIT = 20


# --------------------------------------------------------------------- findings


@dataclasses.dataclass(frozen=True)
class Pair:
  """Two rows found alike: `first` comes earlier; `similarity` is 1.0 for exact ones."""
  first: tuning_rows.Location
  second: tuning_rows.Location
  similarity: float = 1.0

  def to_json(self) -> dict[str, Any]:
    """The pair as JSON-ready values.

    Returns:
      {"first": location, "second": location, "similarity": rounded to 3 places}.
    """
    return {"first": self.first.to_json(), "second": self.second.to_json(),
            "similarity": round(self.similarity, 3)}


@dataclasses.dataclass(frozen=True)
class Contamination:
  """A tuning row whose prompt overlaps an evaluation row's (`overlap` 1.0 for exact)."""
  tuning: tuning_rows.Location
  evaluation: tuning_rows.Location
  exact: bool
  overlap: float

  def describe(self) -> str:
    """The finding in words.

    Returns:
      "TUNING overlaps evaluation row EVAL: " and how (same prompt, or the overlap).
    """
    how = ("the same prompt after normalization" if self.exact
           else f"word n-gram overlap {self.overlap:.2f}")
    return f"{self.tuning} overlaps evaluation row {self.evaluation}: {how}"

  def to_json(self) -> dict[str, Any]:
    """The finding as JSON-ready values.

    Returns:
      {"tuning": location, "evaluation": location, "match": "exact" or "ngram",
      "overlap": rounded to 3 places}.
    """
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
    """The lengths of some texts, in whitespace-separated words.

    Args:
      texts: the texts measured.

    Returns:
      Their count, shortest, median and longest length (all 0 for no texts).
    """
    sizes = [len(t.split()) for t in texts]
    if not sizes:
      return cls(0, 0, 0, 0)
    return cls(len(sizes), min(sizes), statistics.median(sizes), max(sizes))


@dataclasses.dataclass(frozen=True)
class Settings:
  """The thresholds of a check (defaults in similarity.py); validated when made."""
  near_duplicate_threshold: float = similarity.NEAR_DUPLICATE_THRESHOLD
  contamination_ngram: int = similarity.CONTAMINATION_NGRAM
  contamination_threshold: float = similarity.CONTAMINATION_THRESHOLD

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
  rows: list[tuning_rows.Row]  # Usable tuning rows.
  num_eval_rows: int
  malformed: list[tuning_rows.Problem]
  label_problems: list[tuning_rows.Problem]
  policies: list[str]
  use_cases: list[str]
  coverage: dict[tuple[str, str], int]  # (policy, use case) -> rows; all combinations.
  unlabeled: int  # Rows without a policy or a use case (not in `coverage`).
  prompt_lengths: Lengths
  response_lengths: Lengths
  distinct: dict[str, dict[str, float]]  # "prompts"/"responses" -> "distinct_1"/"distinct_2"
  exact_duplicates: list[Pair]  # Each later copy with the first one.
  near_duplicates: list[Pair]  # Not exact duplicates.
  clusters: list[list[tuning_rows.Location]]  # Rows linked by exact or near duplicates.
  contamination: list[Contamination]

  def empty_cells(self) -> list[tuple[str, str]]:
    """The coverage gaps.

    Returns:
      The (policy, use case) combinations with no rows, in coverage order.
    """
    return [cell for cell, count in self.coverage.items() if count == 0]

  def contaminated_rows(self) -> list[tuning_rows.Location]:
    """The tuning rows that overlap some evaluation row.

    Returns:
      Their locations, each once, sorted.
    """
    return sorted({c.tuning for c in self.contamination})

  def blocking_problems(self, allow_contamination: bool = False,
                        allow_malformed: bool = False) -> list[str]:
    """Why this data should not be tuned on.

    Args:
      allow_contamination: contamination does not block.
      allow_malformed: malformed rows and label problems (rows a tune run cannot learn
        from as meant) do not block.

    Returns:
      One message per blocking problem; [] when the data may be tuned on.
    """
    problems = []
    if not allow_malformed:
      problems += [p.message for p in self.malformed + self.label_problems]
    if not allow_contamination:
      problems += [c.describe() for c in self.contamination]
    return problems

  def to_json(self) -> dict[str, Any]:
    """The report as JSON-ready values (shape in tests/datasets/test_data_checks.py).

    Returns:
      A dict of files, settings, row counts, coverage, diversity, duplicates,
      contamination, labels and malformed rows; every list in full.
    """
    counts = collections.Counter(r.kind for r in self.rows)
    return {
        "files": {"train": self.train_paths, "eval": self.eval_paths},
        "settings": dataclasses.asdict(self.settings),
        "rows": {"sft": counts[tuning_rows.SFT], "preference": counts[tuning_rows.PREFERENCE],
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
    """The report as terminal text: a section per check, tables aligned.

    Args:
      limit: entries shown of each list (0: all); the rest are counted.

    Returns:
      The text, ending in a newline.
    """
    return "\n".join(_text_lines(self, limit)) + "\n"


# ------------------------------------------------------------------------ check


def check(train_paths: str | Sequence[str], eval_paths: str | Sequence[str] = (), *,
          policies: Sequence[str] = (), use_cases: Sequence[str] = (),
          near_duplicate_threshold: float = similarity.NEAR_DUPLICATE_THRESHOLD,
          contamination_ngram: int = similarity.CONTAMINATION_NGRAM,
          contamination_threshold: float = similarity.CONTAMINATION_THRESHOLD) -> Report:
  """Checks tuning files against evaluation files (see the module docstring).

  Args:
    train_paths: the tuning file(s), JSON Lines of SFT or preference rows.
    eval_paths: the evaluation file(s), JSON Lines with a `prompt` per row.
    policies: policies expected in the data (their coverage cells show even when empty).
    use_cases: use cases expected in the data (likewise).
    near_duplicate_threshold: the least shingle similarity of near duplicates, in (0, 1].
    contamination_ngram: words per n-gram of the contamination check.
    contamination_threshold: the least n-gram overlap that counts as contamination.

  Returns:
    The Report of every finding.

  Raises:
    ValueError: a setting is out of range, no tuning file is given, or a file cannot be
      read at all.
  """
  settings = Settings(near_duplicate_threshold, contamination_ngram, contamination_threshold)
  train_paths = [train_paths] if isinstance(train_paths, str) else list(train_paths)
  eval_paths = [eval_paths] if isinstance(eval_paths, str) else list(eval_paths)
  if not train_paths:
    raise ValueError("no tuning data files given")
  rows, malformed, label_problems = [], [], []
  for path in train_paths:
    file_rows, file_malformed, file_labels = tuning_rows.read_rows(path, tuning_rows.TUNING)
    rows += file_rows
    malformed += file_malformed
    label_problems += file_labels
  eval_rows = []
  for path in eval_paths:
    file_rows, file_malformed, _ = tuning_rows.read_rows(path, tuning_rows.EVALUATION)
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
      clusters=similarity.clusters((p.first, p.second) for p in exact + near),
      contamination=_contamination(rows, eval_rows, settings))


def duplicate_key(row: tuning_rows.Row) -> str:
  """The text of a row that the duplicate checks compare.

  Args:
    row: a tuning row.

  Returns:
    The normalized prompt; for a preference row, the normalized prompt and both
    responses, one per line.
  """
  if row.kind == tuning_rows.PREFERENCE:
    return "\n".join(similarity.normalize(t)
                     for t in (row.prompt, row.response_1, row.response_2))
  return similarity.normalize(row.prompt)


def _coverage(rows: Sequence[tuning_rows.Row], policies: Sequence[str], use_cases: Sequence[str]):
  labeled = [(r.policy, r.use_case) for r in rows if r.policy and r.use_case]
  all_policies = sorted(set(policies) | {p for r in rows if (p := r.policy)})
  all_use_cases = sorted(set(use_cases) | {u for r in rows if (u := r.use_case)})
  counts = collections.Counter(labeled)
  coverage = {(p, u): counts[(p, u)] for p in all_policies for u in all_use_cases}
  return all_policies, all_use_cases, coverage, len(rows) - len(labeled)


def _distinct(texts: Iterable[str]) -> dict[str, float]:
  """distinct-n: unique word n-grams / all word n-grams, n-grams within each text."""
  result = {}
  tokenized = [similarity.words(t) for t in texts]
  for n in (1, 2):
    grams = [g for tokens in tokenized for g in similarity.ngrams(tokens, n)]
    result[f"distinct_{n}"] = round(len(set(grams)) / len(grams), 3) if grams else 0.0
  return result


def _duplicates(rows: Sequence[tuning_rows.Row], threshold: float) -> tuple[list[Pair], list[Pair]]:
  """(exact, near) duplicate pairs among rows of the same kind."""
  exact, near = similarity.duplicates([duplicate_key(r) for r in rows],
                                      [r.kind for r in rows], threshold)
  exact = [Pair(rows[first].location, rows[copy].location) for first, copy in exact]
  near = [Pair(*sorted((rows[a].location, rows[b].location)), score)
          for a, b, score in near]
  return exact, sorted(near, key=lambda p: (p.first, p.second))


def _contamination(rows: Sequence[tuning_rows.Row], eval_rows: Sequence[tuning_rows.Row],
                   settings: Settings) -> list[Contamination]:
  """Tuning rows whose prompt overlaps an evaluation prompt (similarity.overlaps)."""
  found = similarity.overlaps([r.prompt for r in rows], [r.prompt for r in eval_rows],
                              settings.contamination_ngram, settings.contamination_threshold)
  return [Contamination(rows[i].location, eval_rows[e].location, exact, overlap)
          for i, e, exact, overlap in found]


# ------------------------------------------------------------------ terminal text


def _text_lines(report: Report, limit: int) -> Iterable[str]:
  """The lines of Report.to_text()."""
  counts = collections.Counter(r.kind for r in report.rows)
  yield f"Tuning data:     {', '.join(report.train_paths)}"
  yield f"Evaluation data: {', '.join(report.eval_paths) or '(none given)'}"
  yield (f"Rows: {counts[tuning_rows.SFT]} SFT, {counts[tuning_rows.PREFERENCE]} preference, "
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


def _joined(locations: Sequence[tuning_rows.Location], limit: int) -> str:
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
