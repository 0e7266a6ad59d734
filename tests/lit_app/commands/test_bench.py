"""`gemma-lit bench` in a tiny configuration: it prints its tables (no timing checks), and
the measuring library behind it (`lit_app.models.benchmarks`)."""

import re
import time

import numpy as np
import pytest

from lit_app.commands import dispatch
from lit_app.models import engine as engine_lib
from lit_app.models.benchmarks import inputs, memory, reference, speed, timing
from lit_app.models.engine import checkpoint


def _table(text: str, title: str) -> list[list[str]]:
  """The cells of the Markdown table that follows the line starting with `title`."""
  lines = text.splitlines()
  start = next(i for i, line in enumerate(lines) if line.startswith(title))
  rows = []
  for line in lines[start + 1:]:
    if line.startswith("|"):
      rows.append([cell.strip() for cell in line.strip("|").split("|")])
    elif rows:
      break
  return rows


def test_speed_tables(tiny_presets, capsys):
  assert dispatch.main([
      "bench", f"--checkpoint={tiny_presets['gemma']}", "--lengths=48", "--batch_sizes=1",
      "--repeats=1", "--skip_reference", "--new_tokens=4", "--peak_size=256"]) == 0
  out = capsys.readouterr().out

  assert re.search(r"^Machine: .+, \d+ cores; fp32 matmul peak \d+ GFLOP/s", out, re.M)
  assert "--lengths=48" in out and "--skip_reference" in out

  salience = _table(out, "Sequence salience")
  assert salience[0] == ["Tokens", "Batch", "Ours (ms)", "LIT TF (ms)", "Speed-up",
                         "Ours, first call (s)", "GFLOP/s", "% of peak"]
  assert len(salience) == 3 and salience[2][:2] == ["48", "1"]
  assert salience[2][3] == salience[2][4] == "—"  # No reference run.
  assert float(salience[2][2].replace(",", "")) > 0
  assert salience[2][7].endswith("%")

  generation = _table(out, "Generation, 4 new tokens")
  assert generation[0][:5] == ["Tokens", "Batch", "Ours (tokens/s)", "LIT TF (tokens/s)",
                               "Speed-up"]
  assert len(generation) == 3 and generation[2][:2] == ["48", "1"]
  assert float(generation[2][2].replace(",", "")) > 0


@pytest.mark.subprocess
def test_memory_table_from_a_worker_process(tiny_presets, capsys):
  assert dispatch.main([
      "bench", "--memory", f"--checkpoint={tiny_presets['gemma']}", "--lengths=48",
      "--batch_sizes=1", "--big_length=0"]) == 0
  out = capsys.readouterr().out
  assert "Resident memory of one salience request (gradients)" in out
  rows = _table(out, "Machine: ")
  assert rows[0][:4] == ["Checkpoint", "Parameters", "Tokens", "Batch"]
  assert len(rows) == 3 and rows[2][2:4] == ["48", "1"]
  imports, loaded, peak = (float(cell.replace(",", "")) for cell in rows[2][4:7])
  assert 0 < imports <= loaded and peak > 0


@pytest.mark.subprocess
def test_memory_worker_over_the_cap_is_stopped(tiny_presets):
  m = memory.measure_memory(tiny_presets["gemma"], 48, 1, cap_bytes=memory.MIB)
  assert m["over_cap"] and m["watched_peak"] > memory.MIB


@pytest.mark.subprocess
def test_reference_times_lit_tensorflow_wrappers(tiny_presets):
  case = speed.Case(8, 1, [{"prompt": "The quick brown fox", "target": " jumps over."}])
  reference.run_reference(tiny_presets["gemma"], [case], repeats=1, new_tokens=2,
                          max_length=64)
  assert case.reference["salience"].median_s > 0
  assert case.reference["generation"].median_s > 0
  assert case.reference["generated_tokens"] == 2


def test_timed_calls_once_to_warm_up_then_repeats():
  calls = []
  t = timing.timed(lambda: calls.append(1), repeats=2)
  assert len(calls) == 3 and t.first_s >= 0 and t.median_s >= 0
  assert np.isnan(timing.timed(lambda: None, repeats=0).median_s)


def test_peak_rss_of_this_process():
  assert memory.rss_bytes() > 10 * memory.MIB
  with memory.PeakRSS() as watch:
    block = bytearray(64 * memory.MIB)
    time.sleep(0.05)
  del block
  assert watch.peak > 0


def test_examples_have_the_requested_length_and_target(tiny_presets):
  causal_lm = checkpoint.load_causal_lm(tiny_presets["gemma"])
  engine = engine_lib.Engine(causal_lm, max_length=256)
  examples = inputs.make_examples(engine.sp, 100, 3)
  assert len({ex["prompt"] for ex in examples}) == 3
  for ex in examples:
    ids, _ = engine.encode(ex["prompt"] + ex["target"])
    assert abs(len(ids) - 100) <= 2
    assert 10 <= len(engine.sp.encode(ex["target"])) <= 20


def test_salience_flops_counts_every_kernel(tiny_presets):
  """The formula against a count of the decoder blocks' actual weight matrices."""
  for family in ("gemma", "gemma3"):
    backbone = checkpoint.load_causal_lm(tiny_presets[family]).backbone
    t, k = 20, 3
    kernels = sum(int(np.prod(v.shape)) for v in backbone.transformer_layers[0].weights
                  if len(v.shape) >= 2)
    attention = 2 * 2 * t * t * backbone.num_query_heads * backbone.head_dim
    forward = (backbone.num_layers * (2 * t * kernels + attention)
               + 2 * k * backbone.hidden_dim * backbone.vocabulary_size)
    assert timing.salience_flops(backbone, [t, t], [k, k]) == 3 * 2 * forward


def test_limits_library_measures_a_tiny_checkpoint(tiny_presets):
  """`--limits`' measurements (models/benchmarks/limits.py) on a tiny Gemma: each figure is
  produced and consistent with its parts; decoding's steps cancel the prefill."""
  from lit_app.models.benchmarks import limits
  causal_lm = checkpoint.load_causal_lm(tiny_presets["gemma"])
  engine = engine_lib.Engine(causal_lm, max_length=128)
  engine.stop_ids = (causal_lm.backbone.vocabulary_size,)  # Every row decodes every step.
  assert limits.read_bandwidth(size_bytes=16 << 20, repeats=1) > 0
  assert limits.weight_bytes(causal_lm.backbone) == 4 * causal_lm.backbone.count_params()
  [row] = limits.salience_against_forward(engine, [48], repeats=1)
  assert row.length == 48 and row.salience.median_s > 0 and row.forward.median_s > 0
  decoding = limits.decoding(engine, [1, 2], prompt_tokens=20, steps=(2, 6), repeats=1)
  assert [g.batch for g in decoding] == [1, 2]
  for g in decoding:
    assert g.step_s == pytest.approx((g.long.median_s - g.short.median_s) / 4)
    assert g.tokens_per_s == pytest.approx(g.batch / g.step_s)
  big = limits.big_salience(engine, 96)
  assert big.length == 96 and big.first_s > 0 and big.run_s > 0
  assert big.first_peak_above_load >= 0
