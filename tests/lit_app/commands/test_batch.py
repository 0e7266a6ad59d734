"""The batch command (`gemma-lit batch`) and its output read back as a dataset.

One run over 4 rows (German, emoji, CJK; one without a target) for a base model and a LoRA
adapter on it, in batches of 2; the other tests read its output or run on copies of it.
"""

import json
import shutil
import types

import numpy as np
import pytest

from lit_app import fields, model_specs, server
from lit_app.commands import batch, dispatch
from lit_app.datasets import loading

from tests.models.engine.test_adapters import make_adapter

ROWS = [  # Each under 32 tokens with at most 8 target tokens: one shape per batch size.
    {"prompt": "Translate to German: good morning -> ", "target": "Guten Morgen"},
    {"prompt": "Grüße aus München, 好! ", "target": "Öl 🙂", "source": "de"},
    {"prompt": "What is 12 + 30?"},
    {"prompt": "日本語で挨拶: ", "target": "你好"},
]
NAMES = ("base", "tuned")
SALIENCE = (fields.TOKENS, fields.GRAD_L2, fields.GRAD_DOT_INPUT)


def run(models: str, data, out, *extra: str) -> int:
  """`gemma-lit batch` with its default methods (the gradients), plus `extra` flags."""
  return dispatch.main(["batch", f"--models={models}", f"--data={data}", f"--out={out}",
                        "--max_length=64", "--max_new_tokens=4", "--batch_size=2", *extra])


def write_rows(path, rows: list[dict]) -> None:
  """Writes `rows` as a JSONL prompt file (text kept as typed, in any script)."""
  path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                  encoding="utf-8")


def lines_of(path) -> list[str]:
  return path.read_text(encoding="utf-8").splitlines(keepends=True)


def keys(lines: list[str]) -> list[str]:
  return [json.loads(line)[loading.BATCH_KEY] for line in lines]


@pytest.fixture(scope="module")
def done(tiny_presets, tmp_path_factory):
  """One complete run: its --models, input and output files, output lines, and the LIT
  models it built."""
  root = tmp_path_factory.mktemp("batch")
  preset = tiny_presets["gemma2"]
  adapter = make_adapter(preset, str(root / "tuned.lora.h5"), rank=2, seed=0)
  models = f"base:{preset},tuned:{preset}@{adapter}"
  data, out = root / "prompts.jsonl", root / "out.jsonl"
  write_rows(data, ROWS)
  built = []
  build_models = model_specs.build_models

  def keep_models(*args, **kwargs):
    built.append(build_models(*args, **kwargs)[0])
    return built[-1], {}

  with pytest.MonkeyPatch.context() as patch:
    patch.setattr(model_specs, "build_models", keep_models)
    assert run(models, data, out) == 0
  return types.SimpleNamespace(models=models, data=data, out=out, lines=lines_of(out),
                               lit_models=built[0])


def test_one_row_per_prompt_and_model_with_its_fields(done):
  rows = [json.loads(line) for line in done.lines]
  assert [(r[loading.MODEL], r[fields.PROMPT]) for r in rows] == [
      (name, ex[fields.PROMPT]) for ex in ROWS for name in NAMES]  # Row-major.
  assert len(set(keys(done.lines))) == len(ROWS) * len(NAMES)
  assert "München" in done.out.read_text(encoding="utf-8")  # UTF-8, not \u escapes.
  for row, ex in zip(rows, [ex for ex in ROWS for _ in NAMES]):
    assert {k: row[k] for k in ex} == ex
    assert fields.INTEGRATED_GRADIENTS not in row  # Only the methods --salience_methods names.
    assert row[loading.CHECKPOINT].endswith(".lora.h5") == (row[loading.MODEL] == "tuned")
    assert isinstance(row[fields.RESPONSE], str)
    if fields.TARGET in ex:
      n = len(row[fields.TOKENS])
      assert n > 1 and len(row[fields.GRAD_L2]) == len(row[fields.GRAD_DOT_INPUT]) == n
      assert all(np.isfinite(row[fields.GRAD_L2])) and max(row[fields.GRAD_L2]) > 0
    else:
      assert not set(SALIENCE) & set(row)


def test_results_equal_the_lit_models(done):
  """Each row's response and salience are what the LIT models give when called directly,
  with target_mask on the target's tokens (in the run's batches of 2, so that the run's
  compiled programs are reused)."""
  rows = {(r[loading.MODEL], r[fields.PROMPT]): r for r in map(json.loads, done.lines)}
  models = done.lit_models
  for name in NAMES:
    tokenizer = models[fields.tokenizer_model_name(name)]
    for chunk in (ROWS[:2], ROWS[2:]):
      examples = [{k: ex[k] for k in (fields.PROMPT, fields.TARGET) if k in ex} for ex in chunk]
      for ex, generated in zip(examples, models[name].predict(examples)):
        assert rows[name, ex[fields.PROMPT]][fields.RESPONSE] == generated[fields.RESPONSE]
      with_target = [ex for ex in examples if fields.TARGET in ex]
      masks = []
      for ex in with_target:
        [alone] = tokenizer.predict([{fields.PROMPT: ex[fields.PROMPT]}])
        n_prompt = len(alone[fields.TOKENS])
        n = len(rows[name, ex[fields.PROMPT]][fields.TOKENS])
        masks.append([0.0] * n_prompt + [1.0] * (n - n_prompt))
      expected = models[fields.salience_model_name(name)].predict(
          [ex | {fields.TARGET_MASK: m} for ex, m in zip(with_target, masks)])
      for ex, want in zip(with_target, expected):
        row = rows[name, ex[fields.PROMPT]]
        assert row[fields.TOKENS] == list(want[fields.TOKENS])
        for key in (fields.GRAD_L2, fields.GRAD_DOT_INPUT):
          np.testing.assert_allclose(row[key], want[key], rtol=1e-6, atol=1e-8,
                                     err_msg=f"{name} {key} {ex[fields.PROMPT]!r}")


def test_resume_computes_only_missing_rows(done, tmp_path, monkeypatch, capsys):
  out = tmp_path / "out.jsonl"
  # A crash after 5 rows (row 2 done for base only), halfway through writing the 6th.
  cut = done.lines[5].encode("utf-8")
  out.write_bytes("".join(done.lines[:5]).encode("utf-8") + cut[:len(cut) // 2])
  computed = []
  predict = batch.predict

  def recording_predict(group, name, examples):
    computed.extend((name, ex[fields.PROMPT]) for ex in examples)
    return predict(group, name, examples)

  monkeypatch.setattr(batch, "predict", recording_predict)
  # The models of the first run (loading them again would only cost time).
  monkeypatch.setattr(model_specs, "build_models", lambda *_, **__: (done.lit_models, {}))
  assert run(done.models, done.data, out) == 0
  assert computed == [("base", ROWS[3][fields.PROMPT]), ("tuned", ROWS[2][fields.PROMPT]),
                      ("tuned", ROWS[3][fields.PROMPT])]
  assert "wrote 3 rows (5 were already there)" in capsys.readouterr().out
  resumed = lines_of(out)
  assert resumed[:5] == done.lines[:5] and keys(resumed) == keys(done.lines)
  for got, want in zip(map(json.loads, resumed[5:]), map(json.loads, done.lines[5:])):
    assert got[fields.RESPONSE] == want[fields.RESPONSE]
    np.testing.assert_allclose(got.get(fields.GRAD_L2, []), want.get(fields.GRAD_L2, []),
                               rtol=1e-5, atol=1e-7)

  computed.clear()
  assert run(done.models, done.data, out) == 0  # Complete: nothing loaded or written.
  assert computed == [] and "nothing to do" in capsys.readouterr().out
  assert lines_of(out) == resumed


def test_a_name_on_another_checkpoint_is_refused(done, tiny_presets, tmp_path, capsys):
  out = tmp_path / "out.jsonl"
  shutil.copy(done.out, out)
  assert run(f"base:{tiny_presets['gemma']}", done.data, out) == 2
  err = capsys.readouterr().err
  assert f"holds results of model 'base' from '{tiny_presets['gemma2']}'" in err
  assert "use another --out or another model name" in err
  assert lines_of(out) == done.lines


@pytest.mark.parametrize("argv, message", [
    (["--models=m:x", "--data=in.jsonl"], "--out is required"),
    (["--models=nocolon", "--data=in.jsonl", "--out=o.jsonl"], "'nocolon' is not NAME:PATH"),
    (["--models=m:x", "--data=in.jsonl", "--out=o.jsonl", "--batch_size=0"], "batch_size"),
    (["--models=m:x", "--data=in.jsonl", "--out=o.jsonl", "--chat_template=other"],
     "--chat_template names unknown model(s): other"),
    (["--models=m:x", "--data=in.jsonl", "--out=o.jsonl", "stray"],
     "unexpected arguments: stray"),
])
def test_bad_flags_exit_2_with_a_message(argv, message, capsys):
  assert dispatch.main(["batch", *argv]) == 2
  err = capsys.readouterr().err
  assert message in err and err.startswith("gemma-lit batch: error: ")
  assert err.count("\n") == 1  # One line.


def test_bad_model_parallel_exits_2(done, tiny_presets, tmp_path, capsys):
  assert run(f"m:{tiny_presets['gemma']}", done.data, tmp_path / "o.jsonl",
             "--model_parallel=3") == 2
  assert "--model_parallel=3 does not divide the 1 available device(s)" in (
      capsys.readouterr().err)


def test_batch_output_is_not_batch_input(done, tiny_presets, tmp_path, capsys):
  assert run(f"m:{tiny_presets['gemma']}", done.out, tmp_path / "o.jsonl") == 2
  assert "which batch output adds" in capsys.readouterr().err


def test_output_loads_back_as_a_dataset(done):
  dataset = loading.load(str(done.out))
  assert isinstance(dataset, loading.PrecomputedDataset)
  assert "8 precomputed rows (base, tuned)" in dataset.description()
  spec = dataset.spec()
  for key in (fields.PROMPT, fields.TARGET, fields.RESPONSE, *SALIENCE, loading.MODEL,
              loading.CHECKPOINT, fields.SOURCE):
    assert key in spec, key
  assert loading.BATCH_KEY not in spec
  for ex, row in zip(dataset.examples, map(json.loads, done.lines)):
    assert ex[loading.MODEL] == row[loading.MODEL]
    assert ex[fields.TARGET] == row.get(fields.TARGET, "")
    for key in SALIENCE:
      assert ex[key] == row.get(key, [])
  # As the server loads it: --datasets=precomputed:OUT.jsonl.
  loaded = server.build_datasets([f"precomputed:{done.out}"])["precomputed"]
  assert isinstance(loaded, loading.PrecomputedDataset) and len(loaded.examples) == 8


def test_faithfulness_flag_adds_abpc_and_prints_a_table(done, tmp_path, capsys):
  from lit_app.models.lit import faithfulness
  out = tmp_path / "out.jsonl"  # Its own models: these offer the methods it names.
  # One model, a row with a target and one without: every program it compiles is new.
  data = tmp_path / "two.jsonl"
  write_rows(data, ROWS[:1] + ROWS[2:3])
  base = done.models.split(",")[0]
  assert run(base, data, out, "--faithfulness",
             "--salience_methods=integrated_gradients,occlusion,contrastive") == 0
  rows = [json.loads(line) for line in lines_of(out)]
  for row in rows:
    assert (fields.CONTRASTIVE_GRAD_L2 in row) == bool(row.get(fields.TARGET))
    abpc = {k for k in row if k.startswith(faithfulness.ABPC)}
    assert bool(abpc) == bool(row.get(fields.TARGET))
    if row.get(fields.TARGET):
      assert len(row[fields.INTEGRATED_GRADIENTS]) == len(row[fields.TOKENS])
      assert row[fields.INTEGRATED_GRADIENTS_ERROR] <= 0.02
  printed = capsys.readouterr().out
  assert "mean ABPC" in printed and fields.INTEGRATED_GRADIENTS in printed
  assert len(loading.load(str(out)).examples) == len(rows)  # Still loads back.
