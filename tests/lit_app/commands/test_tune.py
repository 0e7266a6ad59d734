"""`gemma-lit tune`: the rows are checked once (check_report.check), problems stop the run."""

import json
import os

import pytest

from lit_app.commands import dispatch, tune
from lit_app.datasets import loading
from lit_app.models.engine import checkpoint


def write_jsonl(path, rows) -> str:
  path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
                  encoding="utf-8")
  return str(path)


def test_bad_rows_are_findings_naming_file_and_line(tmp_path):
  good = {"prompt": "p", "response": "r"}
  path = write_jsonl(tmp_path / "sft.jsonl", [good, "{not json", "", {"prompt": "p2"},
                                              {"prompt": " ", "response": "r"}])
  rows, blocking = tune.tuning_rows(path, [])
  assert rows[0] == {"prompt": "p", "response": "r", "policy": "", "use_case": "",
                     "chat": True}
  assert any(f"{path}, line 2: malformed JSON" in b for b in blocking), blocking
  assert any(f"{path}, line 4: missing 'response'" in b for b in blocking), blocking
  assert any(f"{path}, line 5: empty 'prompt'" in b for b in blocking), blocking
  with pytest.raises(ValueError, match="nowhere.jsonl: file not found"):
    tune.tuning_rows(str(tmp_path / "nowhere.jsonl"), [])


def test_tune_refuses_contaminated_data_unless_allowed():
  data = os.path.join(loading.DATA_DIR, "tuning_checks_sft.jsonl")
  evals = [os.path.join(loading.DATA_DIR, "tuning_checks_eval.jsonl")]
  _, blocking = tune.tuning_rows(data, evals)
  assert any("overlaps evaluation row" in b for b in blocking)
  _, blocking = tune.tuning_rows(data, evals, allow_contamination=True)
  assert not any("overlaps evaluation row" in b for b in blocking)


def test_bundled_safety_data_passes_the_checks_against_the_refusal_eval():
  rows, blocking = tune.tuning_rows(os.path.join(loading.DATA_DIR, "safety_sft.jsonl"),
                                    [os.path.join(loading.DATA_DIR, "refusal_eval.jsonl")])
  assert blocking == [] and len(rows) > 1000


def test_command_exit_codes(tiny_presets, tmp_path, capsys):
  bad = write_jsonl(tmp_path / "bad.jsonl", [{"prompt": "p"}])
  out = str(tmp_path / "a.lora.h5")
  base = tiny_presets["gemma"]
  assert dispatch.main(["tune", f"--base={base}", f"--data={bad}", f"--out={out}"]) == 1
  assert "BLOCKED: 1 problem(s)" in capsys.readouterr().out and not os.path.exists(out)
  assert dispatch.main(["tune", f"--base={base}", f"--data={bad}", "--out=x.h5"]) == 2
  err = capsys.readouterr().err.strip()
  assert err.startswith("gemma-lit tune: error: --out='x.h5' must end in .lora.h5")
  assert "\n" not in err
  good = write_jsonl(tmp_path / "good.jsonl", [
      {"prompt": f"What is {i} + {i}?", "response": f"{i} + {i} = {2 * i}"}
      for i in range(8)])
  assert dispatch.main(["tune", f"--base={base}", f"--data={good}", f"--out={out}",
                        "--rank=2", "--epochs=1", "--batch_size=4", "--sequence_length=32"]) == 0
  assert checkpoint.adapter_rank(out) == 2
