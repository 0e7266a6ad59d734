"""Tuning-data checks: the bundled example's planted problems (and nothing else), each
check on small files, the JSON shape, and the LIT dataset of findings."""

import json
import os

import pytest
from lit_nlp.api import types as lit_types
from lit_nlp.lib import validation

from lit_app import fields
from lit_app.datasets import (check_report, loading, preferences, prompts, similarity,
                              tuning_datasets, tuning_rows)

SFT_FILE = os.path.join(loading.DATA_DIR, "tuning_checks_sft.jsonl")
PREF_FILE = os.path.join(loading.DATA_DIR, "tuning_checks_pref.jsonl")
EVAL_FILE = os.path.join(loading.DATA_DIR, "tuning_checks_eval.jsonl")


def write_jsonl(path, rows) -> str:
  """Rows as JSON Lines; a str row is written as it is (for malformed lines)."""
  path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False))
                          + "\n" for r in rows), encoding="utf-8")
  return str(path)


def sft(prompt, response="An answer.", policy="none", use_case="howto"):
  return {"prompt": prompt, "response": response, "policy": policy, "use_case": use_case}


def at(path, line):
  return tuning_rows.Location(path, line)


def pairs(found):
  return {(str(p.first), str(p.second)) for p in found}


# Distinct prompts with no word or shingle in common to speak of.
PROMPTS = [
    "How do I repot a houseplant without hurting its roots?",
    "Wie entkalke ich meinen Wasserkocher mit Hausmitteln?",
    "Write a Python function that returns the largest of three numbers.",
    "What should I pack for a three-day hike in the Alps?",
    "Übersetze ins Englische: Morgen regnet es in den Bergen.",
]


@pytest.fixture(scope="module")
def bundled_report():
  return check_report.check([SFT_FILE, PREF_FILE], [EVAL_FILE])


# ------------------------------------------------------------- the bundled example


def test_bundled_example_names_every_planted_problem_and_nothing_else(bundled_report):
  report = bundled_report
  s = lambda line: str(at(SFT_FILE, line))  # noqa: E731
  assert pairs(report.exact_duplicates) == {(s(1), s(12))}
  assert pairs(report.near_duplicates) == {(s(3), s(16))}
  assert [[str(loc) for loc in c] for c in report.clusters] == [[s(1), s(12)], [s(3), s(16)]]
  assert {(str(c.tuning), str(c.evaluation), c.exact) for c in report.contamination} == {
      (s(19), str(at(EVAL_FILE, 2)), False),  # "Quick question: " + the eval prompt.
      (s(21), str(at(EVAL_FILE, 5)), True),  # Same after NFKC, case, spacing, punctuation.
  }
  assert report.empty_cells() == [("hacking", "translation")]
  assert [p.message for p in report.label_problems] == [
      f"{PREF_FILE}, line 3: 'preferred' must be 1 or 2, got 3",
      f"{PREF_FILE}, line 4: identical responses ('response_1' and 'response_2' are the "
      "same after normalization)",
  ]
  assert report.malformed == []
  assert report.unlabeled == 0
  assert len(report.blocking_problems()) == 4
  assert report.blocking_problems(allow_contamination=True, allow_malformed=True) == []


def test_bundled_example_counts(bundled_report):
  report = bundled_report
  assert (len(report.rows), report.num_eval_rows) == (29, 8)
  assert report.policies == ["drugs", "hacking", "none"]
  assert report.use_cases == ["howto", "script", "translation"]
  assert sum(report.coverage.values()) == 29
  text = report.to_text()
  assert "empty cells: 1\n    hacking x translation" in text
  assert f"{SFT_FILE}:16  ~  {SFT_FILE}:3  (0.90)" in text


def test_bundled_sft_file_alone_has_no_label_problems():
  report = check_report.check(SFT_FILE)
  assert report.label_problems == [] and report.contamination == []
  assert report.blocking_problems() == []


# ------------------------------------------------------------------- reading rows


def test_malformed_rows_are_reported_with_file_and_line_and_skipped(tmp_path):
  path = write_jsonl(tmp_path / "t.jsonl", [
      sft(PROMPTS[0]),
      '{"prompt": "unterminated',
      '["a list"]',
      {"response": "no prompt"},
      {"prompt": "   ", "response": "blank prompt"},
      {"prompt": 7, "response": "a number"},
      sft(PROMPTS[1]),
  ])
  report = check_report.check(path)
  assert [p.message for p in report.malformed] == [
      f"{path}, line 2: malformed JSON (Unterminated string starting at, column 12)",
      f"{path}, line 3: expected a JSON object {{...}}, got an array",
      f"{path}, line 4: missing 'prompt' (a string)",
      f"{path}, line 5: empty 'prompt'",
      f"{path}, line 6: 'prompt' must be a string, got a number",
  ]
  assert [r.location.line for r in report.rows] == [1, 7]
  assert report.blocking_problems() == [p.message for p in report.malformed]
  assert report.blocking_problems(allow_malformed=True) == []


def test_blank_lines_are_skipped_and_lines_count_from_one(tmp_path):
  path = write_jsonl(tmp_path / "t.jsonl", ["", sft(PROMPTS[0]), "   ", "{bad"])
  report = check_report.check(path)
  assert [r.location.line for r in report.rows] == [2]
  assert [p.location.line for p in report.malformed] == [4]


def test_unreadable_files_raise_naming_them(tmp_path):
  with pytest.raises(ValueError, match=r"missing\.jsonl: file not found"):
    check_report.check(str(tmp_path / "missing.jsonl"))
  good = write_jsonl(tmp_path / "t.jsonl", [sft(PROMPTS[0])])
  with pytest.raises(ValueError, match=r"nope\.jsonl: file not found"):
    check_report.check(good, [str(tmp_path / "nope.jsonl")])
  bad = tmp_path / "latin1.jsonl"
  bad.write_bytes(b'{"prompt": "ok"}\n{"prompt": "Gr\xfc\xdfe"}\n')
  with pytest.raises(ValueError, match=r"latin1\.jsonl, line 2: invalid UTF-8"):
    check_report.check(str(bad))
  with pytest.raises(ValueError, match="no tuning data files"):
    check_report.check([])


def test_sft_label_problems(tmp_path):
  path = write_jsonl(tmp_path / "t.jsonl", [
      {"prompt": PROMPTS[0]},
      {"prompt": PROMPTS[1], "response": " "},
      {"prompt": PROMPTS[2], "response": ["x"]},
      {"prompt": PROMPTS[3], "response": "ok", "policy": 3},
      {"prompt": PROMPTS[4], "response": "ok", "chat": "no"},
      {"prompt": "Dish: Lentil soup\nVegetarian:", "response": " yes", "chat": False},
  ])
  report = check_report.check(path)
  assert [p.message for p in report.label_problems] == [
      f"{path}, line 1: missing 'response' (a string)",
      f"{path}, line 2: empty 'response'",
      f"{path}, line 3: 'response' must be a string, got an array",
      f"{path}, line 4: 'policy' must be a string, got a number",
      f"{path}, line 5: 'chat' must be true or false",
  ]
  assert len(report.rows) == 6  # Still shown (and checked for duplicates, contamination).
  assert [row.chat for row in report.rows] == [True] * 5 + [False]


def test_preference_label_problems(tmp_path):
  ok = {"response_1": "Yes.", "response_2": "No."}
  path = write_jsonl(tmp_path / "p.jsonl", [
      {"prompt": PROMPTS[0], **ok, "preferred": 1},
      {"prompt": PROMPTS[1], **ok, "preferred": 0},
      {"prompt": PROMPTS[2], **ok, "preferred": "2.5"},
      {"prompt": PROMPTS[3], **ok, "preferred": True},
      {"prompt": PROMPTS[4], **ok},
      {"prompt": "Ist das gut?", "response_1": "Ja, sehr.", "response_2": "ja  sehr",
       "preferred": 2},
      {"prompt": "Is it late?", "response_1": "Yes.", "preferred": 1},
  ])
  report = check_report.check(path)
  assert {r.kind for r in report.rows} == {tuning_rows.PREFERENCE}
  assert [p.problem() for p in report.label_problems] == [
      "'preferred' must be 1 or 2, got 0",
      "'preferred' must be 1 or 2, got \"2.5\"",
      "'preferred' must be 1 or 2, got true",
      "missing 'preferred' (1 or 2)",
      "identical responses ('response_1' and 'response_2' are the same after normalization)",
      "missing 'response_2' (a string)",
  ]
  assert [p.location.line for p in report.label_problems] == [2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize("preferred, valid", [
    (1, True), (2, True), ("1", True), ("2", True), (0, False), (3, False), ("3", False),
    (True, False), (1.0, False), ("one", False), (None, False)])
def test_pair_reader_and_checks_agree_on_preferred(tmp_path, preferred, valid):
  """The LIT preference dataset reads a pair exactly when the checks find no label problem."""
  row = {"prompt": PROMPTS[0], "response_1": "Yes.", "response_2": "No."}
  if preferred is not None:
    row["preferred"] = preferred
  path = write_jsonl(tmp_path / "p.jsonl", [row])
  problems = [p.problem() for p in check_report.check(path).label_problems]
  assert (problems == []) == valid, problems
  if valid:
    [pair] = preferences.read_pairs(path)
    assert pair["preferred"] == str(preferred)
    assert pair["target"] == row[f"response_{preferred}"]
  else:
    with pytest.raises(ValueError) as error:
      preferences.read_pairs(path)
    assert str(error.value).removeprefix(f"{path}, line 1: ") == problems[0]


# ------------------------------------------------------------------- measures


def test_normalize_folds_unicode_case_punctuation_and_whitespace():
  assert similarity.normalize("  Ｈello,\tWORLD!!  Straße… ") == "hello world strasse"
  assert similarity.normalize("U\u0308bersetze") == similarity.normalize("übersetze")
  assert similarity.normalize("well-known") == "well known"


def test_coverage_flags_empty_cells_including_declared_policies(tmp_path):
  path = write_jsonl(tmp_path / "t.jsonl", [
      sft(PROMPTS[0], policy="none", use_case="howto"),
      sft(PROMPTS[1], policy="none", use_case="script"),
      sft(PROMPTS[2], policy="drugs", use_case="howto"),
      {"prompt": PROMPTS[3], "response": "No policy given."},
  ])
  report = check_report.check(path)
  assert report.coverage == {("drugs", "howto"): 1, ("drugs", "script"): 0,
                             ("none", "howto"): 1, ("none", "script"): 1}
  assert report.empty_cells() == [("drugs", "script")]
  assert report.unlabeled == 1
  declared = check_report.check(path, policies=["weapons"], use_cases=["howto"])
  assert declared.policies == ["drugs", "none", "weapons"]
  assert declared.empty_cells() == [("drugs", "script"), ("weapons", "howto"),
                                    ("weapons", "script")]
  assert declared.blocking_problems() == []  # Coverage gaps inform; they do not block.


def test_diversity_lengths_and_distinct_ngrams(tmp_path):
  path = write_jsonl(tmp_path / "t.jsonl", [
      sft("a b a b", response="one two three"),
      sft("c d", response="x"),
      sft("e f g h i j", response="y z"),
  ])
  report = check_report.check(path)
  assert report.prompt_lengths == check_report.Lengths(3, 2, 4, 6)
  assert report.response_lengths == check_report.Lengths(3, 1, 2, 3)
  # Prompts: 12 words, 10 distinct; bigrams: 3 + 1 + 5 = 9, "a b" twice -> 8 distinct.
  assert report.distinct["prompts"] == {"distinct_1": round(10 / 12, 3),
                                        "distinct_2": round(8 / 9, 3)}


def test_exact_duplicates_pair_each_copy_with_the_first(tmp_path):
  path = write_jsonl(tmp_path / "t.jsonl", [
      sft(PROMPTS[0]), sft(PROMPTS[1]), sft(PROMPTS[0].upper()),
      sft("  " + PROMPTS[0].rstrip("?") + " ", response="A different answer."),
  ])
  report = check_report.check(path)
  assert pairs(report.exact_duplicates) == {(f"{path}:1", f"{path}:3"),
                                            (f"{path}:1", f"{path}:4")}
  assert report.near_duplicates == []
  assert [[loc.line for loc in c] for c in report.clusters] == [[1, 3, 4]]


def test_near_duplicates_follow_the_threshold(tmp_path):
  near = "Please write a Python function that returns the largest of three numbers."
  other = "Write a Python function that returns the smallest of four integers."
  path = write_jsonl(tmp_path / "t.jsonl", [sft(p) for p in PROMPTS] + [sft(near),
                                                                         sft(other)])
  report = check_report.check(path)
  assert pairs(report.near_duplicates) == {(f"{path}:3", f"{path}:6")}
  assert report.near_duplicates[0].similarity == pytest.approx(0.897, abs=1e-3)
  assert check_report.check(path, near_duplicate_threshold=0.95).near_duplicates == []
  loose = check_report.check(path, near_duplicate_threshold=0.4)
  assert pairs(loose.near_duplicates) == {(f"{path}:3", f"{path}:6"),
                                          (f"{path}:3", f"{path}:7"),
                                          (f"{path}:6", f"{path}:7")}
  assert [[loc.line for loc in c] for c in loose.clusters] == [[3, 6, 7]]


def test_preference_duplicates_compare_prompt_and_responses(tmp_path):
  rows = [{"prompt": PROMPTS[0], "response_1": "A", "response_2": "B", "preferred": 1},
          {"prompt": PROMPTS[0], "response_1": "C", "response_2": "D", "preferred": 1},
          {"prompt": PROMPTS[0], "response_1": "a", "response_2": "b.", "preferred": 2}]
  path = write_jsonl(tmp_path / "p.jsonl", rows)
  assert pairs(check_report.check(path).exact_duplicates) == {(f"{path}:1", f"{path}:3")}


def test_contamination_exact_and_ngram_overlap(tmp_path):
  evals = write_jsonl(tmp_path / "eval.jsonl", [
      {"prompt": "What is the capital of Australia and why is it not Sydney?"},
      {"prompt": "Name a fruit."},
      {"prompt": "Explain how to make a paper airplane that flies far and straight."},
  ])
  train = write_jsonl(tmp_path / "t.jsonl", [
      sft("Answer briefly: what is the capital of Australia, and why is it not Sydney?"),
      sft("NAME A FRUIT!"),
      sft("Name a fruit that is red."),  # Short eval prompts only match exactly.
      sft("Explain how to make a paper airplane that flies very far and straight."),  # 0.4
      sft(PROMPTS[0]),
  ])
  report = check_report.check(train, [evals])
  found = {(c.tuning.line, c.evaluation.line, c.exact, round(c.overlap, 2))
           for c in report.contamination}
  assert found == {(1, 1, False, 1.0), (2, 2, True, 1.0)}
  lower = check_report.check(train, [evals], contamination_threshold=0.4)
  assert (4, 3, 0.4) in {(c.tuning.line, c.evaluation.line, round(c.overlap, 2))
                         for c in lower.contamination}
  shorter = check_report.check(train, [evals], contamination_ngram=3)
  assert (3, 2) in {(c.tuning.line, c.evaluation.line) for c in shorter.contamination}
  assert [loc.line for loc in report.contaminated_rows()] == [1, 2]
  assert report.blocking_problems() == [c.describe() for c in report.contamination]
  assert report.blocking_problems()[0] == (
      f"{train}:1 overlaps evaluation row {evals}:1: word n-gram overlap 1.00")
  assert report.blocking_problems(allow_contamination=True) == []


def test_malformed_evaluation_rows_are_reported(tmp_path):
  evals = write_jsonl(tmp_path / "eval.jsonl", [{"prompt": "ok prompt"}, {"question": "?"}])
  train = write_jsonl(tmp_path / "t.jsonl", [sft(PROMPTS[0])])
  report = check_report.check(train, evals)
  assert [p.message for p in report.malformed] == [
      f"{evals}, line 2: missing 'prompt' (a string)"]
  assert report.num_eval_rows == 1


@pytest.mark.parametrize("option, value, message", [
    ("near_duplicate_threshold", 0, "near_duplicate_threshold must be a number in"),
    ("contamination_threshold", 1.5, "contamination_threshold must be a number in"),
    ("contamination_ngram", 0, "contamination_ngram must be a positive integer"),
])
def test_bad_settings_raise_naming_them(tmp_path, option, value, message):
  path = write_jsonl(tmp_path / "t.jsonl", [sft(PROMPTS[0])])
  with pytest.raises(ValueError, match=message):
    check_report.check(path, **{option: value})


# ------------------------------------------------------------------ report output


def test_json_shape(bundled_report):
  report = json.loads(json.dumps(bundled_report.to_json()))
  assert list(report) == ["files", "settings", "rows", "coverage", "diversity",
                          "duplicates", "contamination", "labels", "malformed"]
  assert report["files"] == {"train": [SFT_FILE, PREF_FILE], "eval": [EVAL_FILE]}
  assert report["settings"] == {"near_duplicate_threshold": 0.7, "contamination_ngram": 8,
                                "contamination_threshold": 0.8}
  assert report["rows"] == {"sft": 24, "preference": 5, "evaluation": 8, "malformed": 0}
  assert report["coverage"]["empty_cells"] == [{"policy": "hacking",
                                                "use_case": "translation"}]
  assert {"policy": "none", "use_case": "howto", "rows": 7} in report["coverage"]["counts"]
  assert set(report["diversity"]) == {"prompt_words", "response_words", "distinct",
                                      "duplicate_clusters"}
  assert set(report["diversity"]["prompt_words"]) == {"count", "min", "median", "max"}
  assert report["duplicates"]["exact"] == [{
      "first": {"file": SFT_FILE, "line": 1}, "second": {"file": SFT_FILE, "line": 12},
      "similarity": 1.0}]
  assert report["duplicates"]["near"][0]["similarity"] == 0.897
  assert report["contamination"][1] == {
      "tuning": {"file": SFT_FILE, "line": 21}, "evaluation": {"file": EVAL_FILE, "line": 5},
      "match": "exact", "overlap": 1.0}
  assert report["labels"][0] == {"file": PREF_FILE, "line": 3, "message":
                                 f"{PREF_FILE}, line 3: 'preferred' must be 1 or 2, got 3"}
  assert report["malformed"] == []


def test_text_lists_are_cut_at_the_limit(tmp_path):
  path = write_jsonl(tmp_path / "t.jsonl", [sft(PROMPTS[0])] * 5)
  text = check_report.check(path).to_text(limit=2)
  assert f"    {path}:2  duplicates  {path}:1\n    {path}:3  duplicates  {path}:1\n" \
         "    ... and 2 more (--json lists all)\n" in text
  assert f"C1 (5 rows): {path}:1, {path}:2, ... (3 more)" in text
  assert f"{path}:5  duplicates" in check_report.check(path).to_text(limit=0)


# ------------------------------------------------------------------------- LIT


def test_lit_dataset_of_the_bundled_example_has_findings_as_columns():
  spec = f"tuning:{SFT_FILE}+{EVAL_FILE}"
  ds = loading.load(spec)
  assert isinstance(ds, tuning_datasets.TuningDataset)
  validation.validate_dataset(ds)
  assert isinstance(ds.spec()[fields.PROMPT], lit_types.TextSegment)
  assert isinstance(ds.spec()[fields.TARGET], lit_types.TextSegment)
  contaminated = ds.spec()[tuning_datasets.CONTAMINATED]
  assert isinstance(contaminated, lit_types.CategoryLabel)
  assert contaminated.vocab == ["true", "false"]  # Typed search `contaminated:true` works.
  assert len(ds.examples) == 24
  by_line = {int(ex[tuning_datasets.LOCATION].rsplit(":", 1)[1]): ex for ex in ds.examples}
  assert by_line[1][fields.TARGET].startswith("Water the plant")
  findings = {line: {k: v for k, v in ex.items() if k in (
      tuning_datasets.DUPLICATE_CLUSTER, tuning_datasets.DUPLICATE_OF,
      tuning_datasets.NEAR_DUPLICATE_OF, tuning_datasets.CONTAMINATED_BY) and v}
      for line, ex in by_line.items()}
  assert {line: f for line, f in findings.items() if f} == {
      1: {"duplicate_cluster": "C1", "duplicate_of": "tuning_checks_sft.jsonl:12"},
      12: {"duplicate_cluster": "C1", "duplicate_of": "tuning_checks_sft.jsonl:1"},
      3: {"duplicate_cluster": "C2", "near_duplicate_of": "tuning_checks_sft.jsonl:16"},
      16: {"duplicate_cluster": "C2", "near_duplicate_of": "tuning_checks_sft.jsonl:3"},
      19: {"contaminated_by": "tuning_checks_eval.jsonl:2"},
      21: {"contaminated_by": "tuning_checks_eval.jsonl:5"},
  }
  assert [line for line, ex in by_line.items()
          if ex[tuning_datasets.CONTAMINATED] == "true"] == [19, 21]
  assert by_line[9][tuning_rows.POLICY] == "drugs"
  assert by_line[9][tuning_rows.USE_CASE] == "script"
  assert "tuning_checks_eval.jsonl" in ds.description()


def test_lit_dataset_of_preference_rows():
  ds = loading.load(f"tuning:{PREF_FILE}", max_examples=4)
  validation.validate_dataset(ds)
  assert len(ds.examples) == 4
  # An invalid value shows empty; label_problem names what the file says.
  assert [ex[tuning_rows.PREFERRED] for ex in ds.examples] == ["1", "2", "", "1"]
  assert [ex[fields.TARGET] == ex[key] for ex, key in zip(
      ds.examples, ["response_1", "response_2"])] == [True, True]
  assert ds.examples[2][fields.TARGET] == ""  # No valid preference: the model answers.
  assert ds.examples[2][tuning_datasets.LABEL_PROBLEM] == "'preferred' must be 1 or 2, got 3"


def test_lit_dataset_counts_malformed_rows_it_cannot_show(tmp_path):
  path = write_jsonl(tmp_path / "t.jsonl", [sft(PROMPTS[0]), "{bad", sft(PROMPTS[1])])
  ds = loading.load(f"tuning:{path}")
  assert len(ds.examples) == 2
  assert "1 malformed rows not shown" in ds.description()
  empty = write_jsonl(tmp_path / "empty.jsonl", ["{bad"])
  with pytest.raises(ValueError, match=r"empty\.jsonl: no usable rows"):
    loading.load(f"tuning:{empty}")


@pytest.mark.parametrize("spec", ["tuning:", "tuning:+eval.jsonl", "tuning:t.jsonl+"])
def test_bad_specs_are_refused(spec):
  with pytest.raises(ValueError, match="expected tuning:TRAIN.jsonl"):
    loading.load(spec)


def test_other_paths_load_as_before():
  ds = loading.load(os.path.join(loading.DATA_DIR, "safety_sft.jsonl"), max_examples=3)
  assert isinstance(ds, prompts.PromptDataset)


def test_configure_dialog_checks_every_file_of_a_spec(tmp_path):
  inside = tmp_path / "inside"
  inside.mkdir()
  train = write_jsonl(inside / "t.jsonl", [sft(PROMPTS[0])])
  evals = write_jsonl(inside / "e.jsonl", [{"prompt": PROMPTS[0]}])
  outside = write_jsonl(tmp_path / "outside.jsonl", [{"prompt": PROMPTS[1]}])
  load_file, _ = loading.dataset_loaders([str(inside)])[loading.LOADER_NAME]
  ds = load_file(f"tuning:{train}+{evals}")
  assert [ex[tuning_datasets.CONTAMINATED] for ex in ds.examples] == ["true"]
  with pytest.raises(ValueError, match="outside the allowed directories"):
    load_file(f"tuning:{train}+{outside}")
  with pytest.raises(ValueError, match="outside the allowed directories"):
    load_file(f"tuning:{outside}")


def test_coverage_dataset_lists_every_cell_and_the_gap():
  sft = os.path.join(loading.DATA_DIR, "tuning_checks_sft.jsonl")
  ds = tuning_datasets.TuningDataset(sft)
  assert "hacking x translation" in ds.description()
  coverage = tuning_datasets.with_coverage({"review": ds})["review_coverage"]
  validation.validate_dataset(coverage)
  gaps = [ex for ex in coverage.examples if ex[tuning_datasets.GAP] == "true"]
  assert [(ex["policy"], ex["use_case"], ex["rows"]) for ex in gaps] == [
      ("hacking", "translation", 0)]
  assert "hacking x translation" in coverage.description()
