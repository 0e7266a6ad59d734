r"""gemma-lit check-data: checks tuning data before a tune run: coverage, diversity,
duplicates, evaluation contamination, label sanity and malformed rows
(datasets/check_report.py says how).

  gemma-lit check-data --train=datasets/data/tuning_checks_sft.jsonl \
      --eval=datasets/data/tuning_checks_eval.jsonl [--json]

Prints the report as a terminal table (or JSON with --json) and exits with
  0  nothing blocks tuning;
  1  contamination, malformed rows or label problems were found (relax with
     --allow_contamination / --allow_malformed; the report still lists them);
  2  the check could not run: a file is missing or unreadable, or a flag value is wrong.
"""

import json

from absl import app, flags

from lit_app.commands import dispatch
from lit_app.datasets import check_report, similarity

FLAGS = flags.FlagValues()
_TRAIN = flags.DEFINE_list(
    "train", None, "Tuning data, JSON Lines: SFT rows {prompt, response, policy?, use_case?} "
    "or preference rows {prompt, response_1, response_2, preferred}. Comma-separated for "
    "several files.", flag_values=FLAGS)
_EVAL = flags.DEFINE_multi_string(
    "eval", [], "Evaluation data, JSON Lines with a prompt per row; tuning rows overlapping "
    "them are contamination. Repeat the flag or separate files with commas.", flag_values=FLAGS)
_POLICIES = flags.DEFINE_list(
    "policies", [], "Expected policies: each gets a coverage row even with no data.", flag_values=FLAGS)
_USE_CASES = flags.DEFINE_list(
    "use_cases", [], "Expected use cases: each gets a coverage column even with no data.", flag_values=FLAGS)
_NEAR_DUPLICATE_THRESHOLD = flags.DEFINE_float(
    "near_duplicate_threshold", similarity.NEAR_DUPLICATE_THRESHOLD,
    "Rows whose texts have at least this Jaccard similarity (character 5-grams, after "
    "normalization) are near duplicates. In (0, 1].", flag_values=FLAGS)
_CONTAMINATION_NGRAM = flags.DEFINE_integer(
    "contamination_ngram", similarity.CONTAMINATION_NGRAM,
    "Word n-gram size for the contamination overlap; shorter prompts only match exactly.", flag_values=FLAGS)
_CONTAMINATION_THRESHOLD = flags.DEFINE_float(
    "contamination_threshold", similarity.CONTAMINATION_THRESHOLD,
    "A tuning prompt sharing at least this share of word n-grams with an evaluation "
    "prompt (of the smaller n-gram set) is contaminated. In (0, 1].", flag_values=FLAGS)
_LIST_LIMIT = flags.DEFINE_integer(
    "list_limit", check_report.LIST_LIMIT,
    "Entries of each list the table shows (0: all); --json always lists all.", flag_values=FLAGS)
_JSON = flags.DEFINE_bool("json", False, "Print the report as JSON instead of a table.", flag_values=FLAGS)
_ALLOW_CONTAMINATION = flags.DEFINE_bool(
    "allow_contamination", False, "Exit 0 even when tuning rows overlap evaluation rows.", flag_values=FLAGS)
_ALLOW_MALFORMED = flags.DEFINE_bool(
    "allow_malformed", False, "Exit 0 even with malformed rows or label problems.", flag_values=FLAGS)


def eval_paths(values: list[str]) -> list[str]:
  """The --eval files: each value may hold several, comma-separated."""
  return [p.strip() for value in values for p in value.split(",") if p.strip()]


def main() -> int:
  """Runs `gemma-lit check-data`: checks the --train files against the --eval files.

  Prints the report as a table followed by an `OK` or a `BLOCKED` line, or with --json as
  one JSON object that also lists the `blocking_problems`.

  Returns:
    dispatch.EXIT_FINDINGS (1) when contamination, malformed rows or label problems block
    tuning (unless --allow_contamination / --allow_malformed let them through), else
    dispatch.EXIT_OK (0).

  Raises:
    app.UsageError: --train is missing (dispatch exits 2).
    ValueError: a threshold is out of range or a file cannot be read (dispatch exits 2).
  """
  if not _TRAIN.value:
    raise app.UsageError("--train is required")
  report = check_report.check(
      _TRAIN.value, eval_paths(_EVAL.value), policies=_POLICIES.value,
      use_cases=_USE_CASES.value,
      near_duplicate_threshold=_NEAR_DUPLICATE_THRESHOLD.value,
      contamination_ngram=_CONTAMINATION_NGRAM.value,
      contamination_threshold=_CONTAMINATION_THRESHOLD.value)
  blocking = report.blocking_problems(allow_contamination=_ALLOW_CONTAMINATION.value,
                                      allow_malformed=_ALLOW_MALFORMED.value)
  if _JSON.value:
    print(json.dumps(report.to_json() | {"blocking_problems": blocking}, indent=2,
                     ensure_ascii=False))
  else:
    print(report.to_text(_LIST_LIMIT.value), end="")
    print()
    if blocking:
      print(f"BLOCKED: {len(blocking)} problem(s) stop a tune run "
            "(--allow_contamination / --allow_malformed to go on anyway).")
    else:
      print("OK: nothing blocks tuning.")
  return dispatch.EXIT_FINDINGS if blocking else dispatch.EXIT_OK
