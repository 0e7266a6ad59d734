"""Prompt files (JSON Lines, text), the loading entry point and the bundled samples."""

import json
import os

import pytest
from lit_nlp.api import types as lit_types
from lit_nlp.lib import utils as lit_utils
from lit_nlp.lib import validation

from lit_app import fields
from lit_app.datasets import loading, prompts, template_dataset

# Umlauts, emoji (incl. a ZWJ sequence and a flag), CJK, RTL, combining marks, U+2028.
UNICODE = [
    "Grüße aus Köln, Straße ẞ",
    "Family 👨‍👩‍👧 and flag 🇩🇪 🙂",
    "漢字とかな、한국어",
    "שלום עולם and مرحبا بالعالم",
    "e\u0301 vs é, line\u2028separator",
]


def write_jsonl(path, rows) -> str:
  path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                  encoding="utf-8")
  return str(path)


def write_bytes(path, data: bytes) -> str:
  path.write_bytes(data)
  return str(path)


# ---------------------------------------------------------------- reading prompt files


def test_jsonl_round_trips_unicode(tmp_path):
  rows = [{"prompt": text, "target": text[::-1], "source": text[:4]} for text in UNICODE]
  path = write_jsonl(tmp_path / "p.jsonl", rows)
  ds = prompts.PromptDataset(path)
  assert ds.examples == rows


def test_jsonl_round_trips_unicode_written_as_escapes(tmp_path):
  path = tmp_path / "p.jsonl"
  path.write_text("".join(json.dumps({"prompt": t}) + "\n" for t in UNICODE), encoding="ascii")
  assert [ex[fields.PROMPT] for ex in prompts.PromptDataset(str(path)).examples] == UNICODE


def test_text_round_trips_unicode_and_skips_blank_lines(tmp_path):
  data = ("\n".join(UNICODE[:4]) + "\n\n   \n" + UNICODE[4] + "\r\n").encode("utf-8")
  ds = prompts.PromptDataset(write_bytes(tmp_path / "p.txt", data))
  assert [ex[fields.PROMPT] for ex in ds.examples] == UNICODE


def test_text_keeps_prompts_exactly_but_drops_bom(tmp_path):
  path = write_bytes(tmp_path / "p.txt", b"\xef\xbb\xbf  padded prompt  \nnext")
  assert [ex[fields.PROMPT] for ex in prompts.PromptDataset(path).examples] == [
      "  padded prompt  ", "next"]


def test_optional_fields_default_to_empty(tmp_path):
  path = write_jsonl(tmp_path / "p.jsonl", [{"prompt": "a"}, {"prompt": "b", "target": None}])
  assert prompts.PromptDataset(path).examples == [
      {"prompt": "a", "target": "", "source": ""}, {"prompt": "b", "target": "", "source": ""}]


def test_extra_keys_become_metadata_fields(tmp_path):
  path = write_jsonl(tmp_path / "p.jsonl", [
      {"prompt": "a", "language": "de", "policy": "drugs"},
      {"prompt": "b", "kind": "benign", "language": None}])
  ds = prompts.PromptDataset(path)
  validation.validate_dataset(ds)
  assert list(ds.spec()) == ["prompt", "target", "source", "language", "policy", "kind"]
  assert isinstance(ds.spec()["kind"], lit_types.CategoryLabel) and not ds.spec()["kind"].required
  assert ds.examples[1] == {"prompt": "b", "target": "", "source": "", "kind": "benign",
                            "language": "", "policy": ""}


def test_max_examples(tmp_path):
  path = write_jsonl(tmp_path / "p.jsonl", [{"prompt": str(i)} for i in range(5)])
  assert len(prompts.PromptDataset(path, max_examples=2)) == 2
  with pytest.raises(ValueError, match="max_examples"):
    prompts.PromptDataset(path, max_examples=0)


def test_spec_fits_lit_editing():
  spec = prompts.spec()
  assert isinstance(spec[fields.PROMPT], lit_types.TextSegment) and spec[fields.PROMPT].required
  assert isinstance(spec[fields.TARGET], lit_types.TextSegment)
  assert not spec[fields.TARGET].required
  assert isinstance(spec[fields.SOURCE], lit_types.CategoryLabel)
  assert not spec[fields.SOURCE].required and spec[fields.SOURCE].vocab is None


# ---------------------------------------------------------------- errors name file and line

BAD_JSONL = [
    (b'{"prompt": "ok"}\n{"prompt": "broken"\n', 2, "malformed JSON"),
    (b'{"prompt": "ok"}\n\n["a list"]\n', 3, "expected a JSON object"),
    (b'{"prompt": "ok"}\n{"target": "no prompt"}\n', 2, "missing 'prompt'"),
    (b'{"prompt": 42}\n', 1, "'prompt' must be a string, got a number"),
    (b'{"prompt": "ok", "target": ["x"]}\n', 1, "'target' must be a string"),
    (b'{"prompt": "ok", "taget": "typo"}\n', 1, "unknown key 'taget'; did you mean 'target'?"),
    (b'{"prompt": "ok", "_id": "x"}\n', 1, "key '_id': names starting with '_'"),
    (b'{"prompt": "ok", "template": "{{x}}"}\n', 1, "key 'template' is reserved here"),
    (b'{"prompt": "ok", "language": ["de"]}\n', 1, "'language' must be a string"),
    (b'{"prompt": "ok"}\n{"prompt": "caf\xe9"}\n', 2, "invalid UTF-8"),
    (b'{"prompt": "\\ud83d alone"}\n', 1, "lone surrogate"),
]


@pytest.mark.parametrize("data,line,problem", BAD_JSONL)
def test_jsonl_errors_name_file_and_line(tmp_path, data, line, problem):
  path = write_bytes(tmp_path / "bad.jsonl", data)
  with pytest.raises(ValueError) as e:
    prompts.PromptDataset(path)
  assert str(e.value).startswith(f"{path}, line {line}: ")
  assert problem in str(e.value)


def test_text_invalid_utf8_names_line(tmp_path):
  path = write_bytes(tmp_path / "bad.txt", b"fine\nalso fine\n\xff\xfe broken\n")
  with pytest.raises(ValueError, match=r"bad\.txt, line 3: invalid UTF-8 \(byte 1"):
    prompts.PromptDataset(path)


def test_missing_file_names_path(tmp_path):
  path = str(tmp_path / "nowhere.jsonl")
  with pytest.raises(ValueError, match=f"^{path}: file not found$"):
    loading.load(path)


def test_empty_file_is_an_error(tmp_path):
  path = write_bytes(tmp_path / "empty.jsonl", b"\n\n")
  with pytest.raises(ValueError, match="empty.jsonl: no prompts"):
    loading.load(path)


# ---------------------------------------------------------------- loading: dispatch, loaders


def test_load_dispatches_by_suffix_and_content(tmp_path):
  text = write_bytes(tmp_path / "p.txt", b'{"prompt": "read as text"}\n')
  assert loading.load(text).examples[0][fields.PROMPT] == '{"prompt": "read as text"}'
  jsonl = write_jsonl(tmp_path / "p.jsonl", [{"prompt": "x"}])
  assert isinstance(loading.load(jsonl), prompts.PromptDataset)
  other_suffix = write_jsonl(tmp_path / "p.json_lines", [{"prompt": "x"}])
  assert isinstance(loading.load(other_suffix), prompts.PromptDataset)
  template = write_jsonl(tmp_path / "t.jsonl", [{"template": "Hi {{x}}", "vars": {"x": "y"}}])
  assert isinstance(loading.load(template), template_dataset.TemplateDataset)
  assert loading.load(template).examples[0][fields.PROMPT] == "Hi y"
  assert len(loading.load(jsonl, max_examples=1)) == 1


def test_dataset_loaders_load_a_path(tmp_path):
  path = write_jsonl(tmp_path / "p.jsonl", [{"prompt": "a"}, {"prompt": "b"}])
  loaders = loading.dataset_loaders()
  (loader, init_spec), = loaders.values()
  config = {"path": path, "max_examples": 1}
  lit_utils.validate_config_against_spec(config, init_spec, "test", raise_for_unsupported=True)
  ds = loader(**config)
  assert [ex[fields.PROMPT] for ex in ds.examples] == ["a"]


def test_dataset_loaders_allow_list(tmp_path):
  allowed, outside = tmp_path / "allowed", tmp_path / "outside"
  allowed.mkdir()
  outside.mkdir()
  inside_path = write_jsonl(allowed / "p.jsonl", [{"prompt": "ok"}])
  outside_path = write_jsonl(outside / "p.jsonl", [{"prompt": "secret"}])
  os.symlink(outside_path, allowed / "link.jsonl")
  (loader, _), = loading.dataset_loaders(allowed_dirs=[str(allowed)]).values()

  assert loader(path=inside_path).examples[0][fields.PROMPT] == "ok"
  sneaky = [outside_path, str(allowed / ".." / "outside" / "p.jsonl"),
            str(allowed / "link.jsonl"), str(tmp_path / "allowed_not" / "p.jsonl")]
  for path in sneaky:
    with pytest.raises(ValueError) as e:
      loader(path=path)
    assert path in str(e.value) and str(allowed) in str(e.value)
    assert "outside the allowed directories" in str(e.value)
  (refuse_all, _), = loading.dataset_loaders(allowed_dirs=[]).values()
  with pytest.raises(ValueError, match="outside the allowed directories"):
    refuse_all(path=inside_path)


def test_dataset_loaders_refuse_empty_path():
  (loader, _), = loading.dataset_loaders().values()
  with pytest.raises(ValueError, match="no dataset path"):
    loader(path="")


# ---------------------------------------------------------------- bundled samples


def test_bundled_datasets_validate():
  datasets = loading.bundled()
  assert {"prompt_debugging_en", "prompt_debugging_de"} <= set(datasets)
  for name, ds in datasets.items():
    # Samples to browse are short; evaluation sets for the Metrics module may be longer.
    evaluation_sets = ("refusal_eval", "refusal_eval_ood", "refusal_validation", "preference_pairs",
                       "routed_safety")
    assert 8 <= len(ds) <= (300 if name in evaluation_sets else 13), name
    validation.validate_dataset(ds)
    for ex in ds.examples:
      assert ex[fields.PROMPT].strip(), name
      assert len(ex[fields.TARGET]) <= 120, (name, ex[fields.TARGET])
    assert ds.description() == loading.BUNDLED[name][1]


def test_bundled_data_covers_the_tour():
  all_text = ""
  for lang in ("en", "de"):
    ds = loading.bundled()[f"prompt_debugging_{lang}"]
    sources = {ex[fields.SOURCE] for ex in ds.examples}
    assert {"few_shot_planted_mistake", "few_shot_fixed", "summarization", "chain_of_thought",
            "constitution", "dangerous_request", "benign_request"} <= sources
    chat = [ex[fields.PROMPT] for ex in ds.examples
            if not ex[fields.SOURCE].startswith("few_shot")]
    for prompt in chat:
      assert prompt.startswith("<start_of_turn>user\n")
      assert prompt.endswith("<end_of_turn>\n<start_of_turn>model\n")
    all_text += "".join(ex[fields.PROMPT] + ex[fields.TARGET] for ex in ds.examples)
    assert any("fentanyl" in ex[fields.PROMPT].lower() for ex in ds.examples)
  assert any(0x1F300 <= ord(c) <= 0x1FAFF for c in all_text)  # Emoji.
  assert any(0x4E00 <= ord(c) <= 0x9FFF for c in all_text)  # CJK ideographs.


def test_lit_app_serves_bundled_data_and_loads_a_file(tmp_path):
  """The Configure dialog's request, through LIT's own app (no models, no socket)."""
  from lit_nlp import app as lit_nlp_app  # pylint: disable=g-import-not-at-top
  from werkzeug import test as werkzeug_test  # pylint: disable=g-import-not-at-top

  path = write_jsonl(tmp_path / "t.jsonl", [
      {"templates": {"ask": "<start_of_turn>user\n{{q}}<end_of_turn>\n<start_of_turn>model\n"}},
      {"vars": {"q": "Wie spät ist es? ⏰"}}, {"vars": {"q": "几点了？"}}])
  app = lit_nlp_app.LitApp(
      models={}, datasets=loading.bundled(), layouts={}, client_root=str(tmp_path),
      dataset_loaders=loading.dataset_loaders(allowed_dirs=[str(tmp_path)]))
  client = werkzeug_test.Client(app)

  info = json.loads(client.post("/get_info").data)
  assert set(loading.BUNDLED) <= set(info["datasets"])
  assert set(info["initSpecs"]["datasets"]["prompt_file"]) == {"path", "max_examples"}

  reply = client.post("/create_dataset?dataset_name=prompt_file",
                      json={"config": {"new_name": "mine", "path": path, "max_examples": 5}})
  assert reply.status_code == 200, reply.data[-300:]
  rows = json.loads(client.post("/get_dataset?dataset_name=mine").data)
  assert [r["data"]["q"] for r in rows] == ["Wie spät ist es? ⏰", "几点了？"]

  reply = client.post("/create_dataset?dataset_name=prompt_file",
                      json={"config": {"new_name": "no", "path": "/etc/hostname"}})
  assert reply.status_code == 500
  assert b"outside the allowed directories" in reply.data
