r"""LIT datasets of tuning data: the rows with the checks' findings as columns, and the
coverage table.

loading.load() builds a TuningDataset for a path written "tuning:TRAIN.jsonl[+EVAL.jsonl...]"
(TRAIN checked against the EVAL files, check_report.check()); with_coverage() adds each one's
coverage table beside it. This is the only tuning-data module that imports LIT.
"""

import collections
import os
from collections.abc import Callable, Sequence
from typing import Any

from lit_nlp.api import dataset as lit_dataset
from lit_nlp.api import types as lit_types

from lit_app import fields
from lit_app.datasets import check_report, lines, prompts, tuning_rows

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

SPEC_PREFIX = "tuning:"
SPEC_SEPARATOR = "+"



def is_spec(path: str) -> bool:
  """Whether a dataset path names tuning data for LIT.

  Args:
    path: a dataset path (anything; non-strings are not specs).

  Returns:
    True for "tuning:TRAIN.jsonl[+EVAL.jsonl...]".
  """
  return isinstance(path, str) and path.startswith(SPEC_PREFIX)


def parse_spec(spec: str) -> tuple[str, list[str]]:
  """The files a tuning-data path names.

  Args:
    spec: "tuning:TRAIN.jsonl[+EVAL.jsonl...]" (is_spec() holds).

  Returns:
    (tuning file, evaluation files), each stripped of surrounding spaces.

  Raises:
    ValueError: a file name is empty.
  """
  paths = [p.strip() for p in spec[len(SPEC_PREFIX):].split(SPEC_SEPARATOR)]
  if not paths[0] or not all(paths):
    raise ValueError(f"{spec!r}: expected {SPEC_PREFIX}TRAIN.jsonl"
                     f"[{SPEC_SEPARATOR}EVAL.jsonl...] with no empty file names")
  return paths[0], paths[1:]


def map_spec_paths(spec: str, function: Callable[[str], str]) -> str:
  """A tuning-data path with each of its files passed through a function.

  Args:
    spec: "tuning:TRAIN.jsonl[+EVAL.jsonl...]".
    function: applied to each file (e.g. a check that it lies in an allowed directory).

  Returns:
    The spec of the mapped files.

  Raises:
    ValueError: from parse_spec(), or whatever `function` raises.
  """
  train, evals = parse_spec(spec)
  return SPEC_PREFIX + SPEC_SEPARATOR.join(function(p) for p in [train, *evals])


class TuningDataset(lit_dataset.Dataset):
  """The usable rows of a tuning file, with check_report.check()'s findings as columns.

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
    """Checks a tuning file and shows its usable rows.

    Args:
      train_path: the tuning file (SFT or preference rows).
      eval_paths: evaluation files it is checked against for contamination.
      max_examples: show at most this many rows (None: all).
      description: LIT's description of the dataset (default: a summary of the check).
      **options: check_report.check()'s keyword options (thresholds, policies, ...).

    Raises:
      ValueError: a file cannot be read, a setting is out of range, or the tuning file
        has no usable rows.
    """
    prompts.check_max_examples(max_examples)
    report = check_report.check([train_path], list(eval_paths), **options)
    if not report.rows:
      raise lines.error_at(train_path, None, "no usable rows (each needs a 'prompt')")
    preference = any(r.kind == tuning_rows.PREFERENCE for r in report.rows)
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
    """The coverage table of this data.

    Returns:
      A CoverageDataset: every policy x use case cell, one example each.
    """
    return CoverageDataset(self.report)

  @classmethod
  def init_spec(cls) -> None:
    """The fields LIT's Configure dialog asks for to load this class: none.

    Returns:
      None: the dialog loads tuning data through loading's "prompt_file" loader, with a
      path written "tuning:TRAIN.jsonl[+EVAL.jsonl...]".
    """
    return None

  @classmethod
  def from_spec(cls, path_spec: str, max_examples: int | None = None,
                description: str | None = None) -> "TuningDataset":
    """A TuningDataset of the files a tuning-data path names ("~" expanded).

    Args:
      path_spec: "tuning:TRAIN.jsonl[+EVAL.jsonl...]".
      max_examples: show at most this many rows (None: all).
      description: LIT's description of the dataset (default: a summary of the check).

    Returns:
      The dataset.

    Raises:
      ValueError: the path is malformed, or as TuningDataset() raises.
    """
    train, evals = parse_spec(path_spec)
    return cls(os.path.expanduser(train), [os.path.expanduser(p) for p in evals],
               max_examples, description)


def spec(preference: bool = False) -> lit_types.Spec:
  """TuningDataset's fields (see its docstring).

  Args:
    preference: the data are preference pairs (adds response_1, response_2, preferred).

  Returns:
    The LIT spec.
  """
  texts = [fields.TARGET, *([fields.RESPONSE_1, fields.RESPONSE_2] if preference else [])]
  labels = [*([fields.PREFERRED] if preference else []), tuning_rows.POLICY,
            tuning_rows.USE_CASE, LOCATION, DUPLICATE_CLUSTER, DUPLICATE_OF,
            NEAR_DUPLICATE_OF]
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

  def __init__(self, report: check_report.Report):
    """The coverage table of a check.

    Args:
      report: what check_report.check() found.
    """
    examples = []
    for (policy, use_case), count in report.coverage.items():
      what = f"{count} rows" if count else "no rows, a coverage gap"
      examples.append({fields.PROMPT: f"{policy} x {use_case}: {what}",
                       tuning_rows.POLICY: policy, tuning_rows.USE_CASE: use_case,
                       ROWS: count, GAP: TRUE if count == 0 else FALSE})
    gaps = report.empty_cells()
    super().__init__(
        spec={fields.PROMPT: lit_types.TextSegment(),
              tuning_rows.POLICY: lit_types.CategoryLabel(),
              tuning_rows.USE_CASE: lit_types.CategoryLabel(),
              ROWS: lit_types.Integer(), GAP: lit_types.CategoryLabel(vocab=[TRUE, FALSE])},
        examples=examples,
        description=(f"Coverage of {', '.join(map(os.path.basename, report.train_paths))}: "
                     f"rows per policy x use case; {len(gaps)} empty cell(s)"
                     + (f": {', '.join(f'{p} x {u}' for p, u in gaps)}" if gaps else "")))


def with_coverage(datasets: dict[str, lit_dataset.Dataset]) -> dict[str, lit_dataset.Dataset]:
  """Datasets with the coverage table of each tuning dataset beside it.

  Args:
    datasets: LIT datasets by name.

  Returns:
    `datasets` plus NAME_coverage (TuningDataset.coverage_dataset()) for each
    TuningDataset NAME.
  """
  return datasets | {name + COVERAGE_SUFFIX: ds.coverage_dataset()
                     for name, ds in datasets.items() if isinstance(ds, TuningDataset)}


def examples_of(report: check_report.Report) -> list[dict[str, Any]]:
  """The LIT examples of a check's rows (fields as in TuningDataset's docstring).

  Args:
    report: what check_report.check() found.

  Returns:
    One example per usable tuning row, in the report's order, with its findings.
  """
  cluster_of = {loc: f"C{n}" for n, c in enumerate(report.clusters, start=1) for loc in c}
  duplicate_of = _partners(report.exact_duplicates)
  near_of = _partners(report.near_duplicates)
  contaminated_by = collections.defaultdict(list)
  for c in report.contamination:
    contaminated_by[c.tuning].append(c.evaluation)
  problems = collections.defaultdict(list)
  for p in report.label_problems:
    problems[p.location].append(p.problem())
  preference = any(r.kind == tuning_rows.PREFERENCE for r in report.rows)

  examples = []
  for row in report.rows:
    loc = row.location
    example = {fields.PROMPT: row.prompt, fields.TARGET: _target(row)}
    if preference:
      example |= {fields.RESPONSE_1: row.response_1, fields.RESPONSE_2: row.response_2,
                  fields.PREFERRED: "" if row.preferred is None else str(row.preferred)}
    examples.append(example | {
        tuning_rows.POLICY: row.policy, tuning_rows.USE_CASE: row.use_case,
        LOCATION: loc.short(),
        DUPLICATE_CLUSTER: cluster_of.get(loc, ""),
        DUPLICATE_OF: ", ".join(x.short() for x in duplicate_of[loc]),
        NEAR_DUPLICATE_OF: ", ".join(x.short() for x in near_of[loc]),
        CONTAMINATED: TRUE if loc in contaminated_by else FALSE,
        CONTAMINATED_BY: ", ".join(x.short() for x in contaminated_by[loc]),
        LABEL_PROBLEM: "; ".join(problems[loc]),
    })
  return examples


def _target(row: tuning_rows.Row) -> str:
  if row.kind != tuning_rows.PREFERENCE:
    return row.response
  return {1: row.response_1, 2: row.response_2}.get(row.preferred, "")


def _partners(pairs: Sequence[check_report.Pair]
              ) -> dict[tuning_rows.Location, list[tuning_rows.Location]]:
  partners = collections.defaultdict(list)
  for pair in pairs:
    partners[pair.first].append(pair.second)
    partners[pair.second].append(pair.first)
  return partners
