"""The hand-written tuning data (datasets/data/tuning/*.jsonl) and its loader
(`lit_app.models.training.tuning_data`)."""

import fnmatch
import json
import os
import tomllib

import pytest

from lit_app.models.routing import corpus as router_corpus
from lit_app.models.training import corpus, everyday, skills, tasks, topics, tuning_data

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
EVERYDAY = everyday.HARMFUL + everyday.BENIGN + everyday.HARD_NEGATIVES
READERS = (everyday, topics, skills, tasks, corpus, router_corpus)


def _repeated(texts):
  return sorted({t for t in texts if texts.count(t) > 1})


def test_everyday_lists_have_their_sizes_and_shapes():
  assert (len(everyday.HARMFUL), len(everyday.BENIGN), len(everyday.HARD_NEGATIVES)) == (
      160, 200, 120)
  assert all(len(row) == 3 for row in everyday.HARMFUL)
  assert all(len(row) == 4 for row in everyday.BENIGN + everyday.HARD_NEGATIVES)


def test_every_harmful_request_has_a_known_topic_with_a_reason_to_refuse():
  assert {topic for *_, topic in everyday.HARMFUL} <= set(everyday.TOPICS)
  assert set(everyday.TOPICS) == set(corpus.WHY)
  assert {policy for *_, policy in corpus._REQUEST_DATA["make_harmful"]} <= set(corpus.WHY)


def test_everyday_requests_and_answers_are_text_in_both_languages():
  for row in EVERYDAY:
    assert all(isinstance(text, str) and text.strip() for text in row), row


def test_everyday_answers_are_short():
  long = [text for row in everyday.BENIGN + everyday.HARD_NEGATIVES for text in row[2:]
          if len(text.split()) > 25]
  assert not long


def test_no_everyday_request_is_written_twice():
  assert not _repeated([row[0] for row in EVERYDAY])
  assert not _repeated([row[1] for row in EVERYDAY])


def test_open_topics_are_distinct_and_every_frame_names_its_topic():
  assert not _repeated([en for en, _ in topics.TOPICS])
  assert not _repeated([de for _, de in topics.TOPICS])
  for frame in topics.FRAMES:
    assert all(isinstance(text, str) and text.strip() for text in frame), frame
    assert "{t}" in frame[0] and "{t}" in frame[1], frame


def test_the_generators_vocabularies_refer_to_known_entries():
  features = set(skills._F)
  assert set(skills._INGREDIENTS) <= features
  assert all(has and has <= features for _, _, has in skills._MENU_DISHES)
  assert set(skills._WHOLE) == set(skills._PROTEIN) == {"meat", "fish", "veg"}
  assert all(len(written) == len(skills._SCRIPTS) for *_, written in skills._WORDS)
  assert all(len(names) == 3 for names in skills._COLOURS.values())
  assert all(tags and tags <= set(tasks._WANTS) for *_, tags in tasks._DISHES)
  assert {legs for *_, legs in tasks._LEGS} <= set(tasks._NUM_WORDS)


def test_every_per_language_table_has_both_languages():
  tables = [skills._FEWSHOT, skills._SUMMARY_ASK, skills._EXPERT, skills._STEP,
            skills._PRINCIPLES, skills._MENU, skills._REPEAT, corpus.REFUSAL,
            corpus.OVER_REFUSAL, corpus.PLACEHOLDER, corpus.OPENER, corpus.SCRIPT_TEMPLATES,
            corpus.HOWTO_TEMPLATES, corpus.SFT_ONLY_SCRIPT_TEMPLATES,
            corpus.SFT_ONLY_HOWTO_TEMPLATES, router_corpus._ASK, router_corpus._MEDICAL,
            router_corpus._CODE]
  for table in tables:
    assert list(table) == ["en", "de"] and all(table.values()), table
  assert set(corpus.COMPLY) == {(lang, kind) for lang in ("en", "de")
                                for kind in ("script", "howto")}


def test_every_data_file_is_readable_read_and_shipped():
  """UTF-8 text a person can read (no \\u escapes), one object per line, read by one of
  the generating modules, and in the wheel (pyproject's package data)."""
  names = sorted(os.listdir(tuning_data.DATA_DIR))
  assert names and all(name.endswith(".jsonl") for name in names)
  sources = ""
  for module in READERS:
    with open(module.__file__, encoding="utf-8") as f:
      sources += f.read()
  with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
    patterns = tomllib.load(f)["tool"]["setuptools"]["package-data"]["lit_app.datasets"]
  for name in names:
    with open(os.path.join(tuning_data.DATA_DIR, name), encoding="utf-8") as f:
      text = f.read()
    assert "\\u" not in text and text.endswith("\n"), name
    assert all(isinstance(json.loads(line), dict) for line in text.splitlines()), name
    assert f'"{name}"' in sources, f"{name} is read by no module"
    assert any(fnmatch.fnmatch(f"data/tuning/{name}", p) for p in patterns), name


# ----------------------------------------------------------------------------------------
# The loader's errors: one line naming the file (and the line).
# ----------------------------------------------------------------------------------------

@pytest.fixture
def data_dir(tmp_path, monkeypatch):
  monkeypatch.setattr(tuning_data, "DATA_DIR", str(tmp_path))

  def write(name, *lines):
    (tmp_path / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
  return write


def _error(name, fields):
  with pytest.raises(ValueError) as raised:
    tuning_data.load(name, fields)
  message = str(raised.value)
  assert "\n" not in message and name in message
  return message


def test_load_reads_rows_and_tables_in_file_order(data_dir):
  data_dir("rows.jsonl", '{"en": "Über", "de": "über"}', "", '{"de": "b", "en": "a"}')
  assert tuning_data.load("rows.jsonl", ("en", "de")) == [("Über", "über"), ("a", "b")]
  data_dir("tables.jsonl", '{"table": "b", "x": 1}', '{"table": "a", "y": [2]}',
           '{"table": "b", "x": 3}')
  assert tuning_data.load("tables.jsonl", {"a": ("y",), "b": ("x",)}) == {
      "a": [([2],)], "b": [(1,), (3,)]}


@pytest.mark.parametrize("lines, fields, expected", [
    (None, ("en",), "missing.jsonl: file not found"),
    (['{"en": "a"}', '{"en": "b",}'], ("en",), "missing.jsonl, line 2: malformed JSON"),
    (['["a"]'], ("en",), "missing.jsonl, line 1: expected a JSON object"),
    (['{"en": "a"}'], ("en", "de"), "missing.jsonl, line 1: missing 'de'"),
    (['{"en": "a", "fr": "b"}'], ("en",), "missing.jsonl, line 1: unknown key 'fr'"),
    ([], ("en",), "missing.jsonl: no rows"),
    (['{"en": "a"}'], {"t": ("en",)}, "missing.jsonl, line 1: missing 'table' (known: t)"),
    (['{"table": "u", "en": "a"}'], {"t": ("en",)},
     "missing.jsonl, line 1: unknown table 'u' (known: t)"),
    (['{"table": "t", "en": "a"}'], {"t": ("en",), "v": ("en",)},
     "missing.jsonl: no rows for table 'v'"),
])
def test_a_missing_or_malformed_file_is_a_one_line_error(data_dir, lines, fields, expected):
  if lines is not None:
    data_dir("missing.jsonl", *lines)
  assert expected in _error("missing.jsonl", fields)


def test_grouped_keeps_the_order_of_first_values():
  rows = [("en", "a"), ("de", "b"), ("en", "c")]
  assert tuning_data.grouped(rows) == {"en": ["a", "c"], "de": ["b"]}
  assert list(tuning_data.grouped(rows)) == ["en", "de"]
  assert tuning_data.grouped([("k", 1, 2)]) == {"k": [(1, 2)]}
