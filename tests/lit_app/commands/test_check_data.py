"""gemma-lit check-data: report, JSON output, exit codes and located messages.

Run in-process through `gemma-lit`'s dispatcher, and once as a subprocess
(`python -m lit_app check-data`) for the process entry point.
"""

import contextlib
import io
import json
import os
import subprocess
import sys
import types

from lit_app.commands import dispatch

from lit_app.datasets import loading

SFT_FILE = os.path.join(loading.DATA_DIR, "tuning_checks_sft.jsonl")
PREF_FILE = os.path.join(loading.DATA_DIR, "tuning_checks_pref.jsonl")
EVAL_FILE = os.path.join(loading.DATA_DIR, "tuning_checks_eval.jsonl")


def run(*args, command=None):
  """`gemma-lit check-data ARGS` in this process, or as `python -m COMMAND... ARGS`;
  returns (returncode, stdout, stderr) as attributes."""
  if command is not None:
    return subprocess.run([sys.executable, "-m", *command, *args],
                          capture_output=True, text=True, timeout=120, check=False)
  out, err = io.StringIO(), io.StringIO()
  with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
    code = dispatch.main(["check-data", *args])
  return types.SimpleNamespace(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())


def write_jsonl(path, rows) -> str:
  path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
                  encoding="utf-8")
  return str(path)


def test_bundled_example_report_blocks_and_names_each_problem():
  result = run(f"--train={SFT_FILE},{PREF_FILE}", f"--eval={EVAL_FILE}")
  assert result.returncode == 1, result.stderr
  out = result.stdout
  for line in [
      "Rows: 24 SFT, 5 preference, 8 evaluation; 0 malformed",
      "  hacking                3       2        EMPTY",
      "  empty cells: 1\n    hacking x translation",
      f"    {SFT_FILE}:12  duplicates  {SFT_FILE}:1",
      f"    {SFT_FILE}:16  ~  {SFT_FILE}:3  (0.90)",
      f"    {SFT_FILE}:19  <->  {EVAL_FILE}:2  (overlap 1.00)",
      f"    {SFT_FILE}:21  <->  {EVAL_FILE}:5  (exact)",
      f"    {PREF_FILE}, line 3: 'preferred' must be 1 or 2, got 3",
      f"    {PREF_FILE}, line 4: identical responses",
      "BLOCKED: 4 problem(s) stop a tune run",
  ]:
    assert line in out, line


def test_json_output_and_allow_flags():
  result = run(f"--train={SFT_FILE},{PREF_FILE}", f"--eval={EVAL_FILE}", "--json",
               "--allow_contamination", "--allow_malformed",
               command=("lit_app", "check-data"))
  assert result.returncode == 0, result.stderr
  report = json.loads(result.stdout)
  assert report["blocking_problems"] == []
  assert report["files"] == {"train": [SFT_FILE, PREF_FILE], "eval": [EVAL_FILE]}
  assert len(report["contamination"]) == 2 and len(report["labels"]) == 2


def test_only_contamination_left_still_blocks():
  result = run(f"--train={SFT_FILE},{PREF_FILE}", f"--eval={EVAL_FILE}", "--json",
               "--allow_malformed")
  assert result.returncode == 1
  assert json.loads(result.stdout)["blocking_problems"] == [
      f"{SFT_FILE}:19 overlaps evaluation row {EVAL_FILE}:2: word n-gram overlap 1.00",
      f"{SFT_FILE}:21 overlaps evaluation row {EVAL_FILE}:5: the same prompt after "
      "normalization"]


def test_malformed_rows_name_file_and_line_and_exit_1(tmp_path):
  train = write_jsonl(tmp_path / "t.jsonl", [
      {"prompt": "How do I bake bread?", "response": "Knead, rise, bake."},
      "{not json",
      {"response": "no prompt"},
  ])
  evals = [write_jsonl(tmp_path / f"e{i}.jsonl", [{"prompt": f"Evaluation prompt {i}?"}])
           for i in range(3)]
  # --eval repeated and comma-separated.
  result = run(f"--train={train}", f"--eval={evals[0]},{evals[1]}", f"--eval={evals[2]}",
               "--policies=none,drugs")
  assert result.returncode == 1, result.stderr
  assert f"Evaluation data: {evals[0]}, {evals[1]}, {evals[2]}" in result.stdout
  assert f"{train}, line 2: malformed JSON (Expecting property name enclosed in double " \
         "quotes, column 2)" in result.stdout
  assert f"{train}, line 3: missing 'prompt' (a string)" in result.stdout
  assert "Rows: 1 SFT, 0 preference, 3 evaluation; 2 malformed" in result.stdout
  assert run(f"--train={train}", "--allow_malformed").returncode == 0


def test_clean_data_exits_0(tmp_path):
  train = write_jsonl(tmp_path / "t.jsonl", [
      {"prompt": "How do I bake bread?", "response": "Knead, rise, bake.", "policy": "none",
       "use_case": "howto"}])
  result = run(f"--train={train}")
  assert result.returncode == 0, result.stderr
  assert result.stdout.endswith("OK: nothing blocks tuning.\n")
  assert "not checked: no evaluation data given" in result.stdout


def test_unreadable_file_or_bad_flag_exits_2(tmp_path):
  result = run(f"--train={tmp_path / 'missing.jsonl'}")
  assert result.returncode == 2
  assert f"error: {tmp_path / 'missing.jsonl'}: file not found" in result.stderr
  assert "Traceback" not in result.stderr
  result = run()
  assert result.returncode == 2 and "error: --train is required" in result.stderr
  train = write_jsonl(tmp_path / "t.jsonl", [{"prompt": "Hi there", "response": "Hello"}])
  result = run(f"--train={train}", "--contamination_threshold=0")
  assert result.returncode == 2
  assert "contamination_threshold must be a number in (0, 1], got 0.0" in result.stderr
