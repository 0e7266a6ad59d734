"""`gemma-lit bench` in a tiny configuration: it prints its tables (no timing checks)."""

import re
import time

import numpy as np

from lit_app.commands import bench, dispatch
from lit_app.models.engine import checkpoint
from lit_app.models import engine as engine_lib


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


def test_peak_rss_of_this_process():
  assert bench.rss_bytes() > 10 * bench.MIB
  with bench.PeakRSS() as watch:
    block = bytearray(64 * bench.MIB)
    time.sleep(0.05)
  del block
  assert watch.peak > 0


def test_examples_have_the_requested_length_and_target(tiny_presets):
  causal_lm = checkpoint.load_causal_lm(tiny_presets["gemma"])
  engine = engine_lib.Engine(causal_lm, max_length=256)
  examples = bench.make_examples(engine.sp, 100, 3)
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
    assert bench.salience_flops(backbone, [t, t], [k, k]) == 3 * 2 * forward
