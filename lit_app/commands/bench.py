"""gemma-lit bench: speed and memory of our JAX engine against LIT's TensorFlow reference.

  gemma-lit bench                      # 128, 512, 1024, 2048 tokens × batch 1, 8
  gemma-lit bench --lengths=128 --batch_sizes=1 --repeats=3 --skip_reference
  gemma-lit bench --memory             # peak resident memory per request size
  gemma-lit bench --startup            # first answers of a freshly started server
  gemma-lit bench --window_ratio       # salience 1,024 vs 8,192 tokens, 512-token window
  gemma-lit bench --limits             # the real Gemma 3 270M against the machine's limits

Both sides load the same checkpoint and get the same texts. Ours is timed through the LIT
wrappers' `predict()` (what the server calls; `--http` adds LIT's HTTP endpoint), LIT's
`keras_lms` wrappers in a TensorFlow subprocess. Salience marks the last TARGET_TOKENS
tokens of each text as the target; generation decodes `--new_tokens` tokens per row with
stop tokens off on both sides, so both do the same work. Figures are medians after one
warm-up call; the warm-up (which compiles) is reported on its own. Prints Markdown tables
for the README. The measuring code is the library `lit_app.models.benchmarks`.
"""

import os
import sys
import tempfile

import tabulate
from absl import flags

import lit_app  # noqa: F401  (sets the Keras backend)
from lit_app.commands import dispatch
from lit_app.models.benchmarks import inputs, limits, memory, reference, serving, speed, timing

FLAGS = flags.FlagValues()
_LENGTHS = flags.DEFINE_list("lengths", ["128", "512", "1024", "2048"],
                             "Request lengths in tokens (prompt + target, with <bos>).", flag_values=FLAGS)
_BATCH_SIZES = flags.DEFINE_list("batch_sizes", ["1", "8"], "Examples per request.", flag_values=FLAGS)
_REPEATS = flags.DEFINE_integer("repeats", 3, "Timed calls per figure, after one warm-up.", flag_values=FLAGS)
_NEW_TOKENS = flags.DEFINE_integer("new_tokens", 32, "Tokens generated per row.", flag_values=FLAGS)
_SKIP_REFERENCE = flags.DEFINE_boolean("skip_reference", False,
                                       "Time only our engine, not LIT's TensorFlow wrapper.", flag_values=FLAGS)
_CHECKPOINT = flags.DEFINE_string(
    "checkpoint", None, "KerasHub preset directory. Default: a random Gemma of 4 layers, "
    "hidden 256 (BENCH_ARCH, ~3M parameters), built for the run.", flag_values=FLAGS)
_HTTP = flags.DEFINE_boolean("http", False, "Also time salience over LIT's HTTP endpoint.", flag_values=FLAGS)
_MAX_LENGTH = flags.DEFINE_integer("engine_max_length", 4096, "The engine's max_length.", flag_values=FLAGS)
_PEAK_SIZE = flags.DEFINE_integer("peak_size", 2048, "Side of the square matmul for the peak.", flag_values=FLAGS)
_MEMORY = flags.DEFINE_boolean(
    "memory", False, "Measure peak resident memory per salience request size (each in a "
    "fresh process), and of a --big_length request on a random ~100M-parameter Gemma.", flag_values=FLAGS)
_BIG_LENGTH = flags.DEFINE_integer("big_length", 4096,
                                   "--memory: tokens of the ~100M-parameter request; 0 skips it.", flag_values=FLAGS)
_MEMORY_CAP_GIB = flags.DEFINE_float(
    "memory_cap_gib", 12.0, "--memory: a worker above this resident size is stopped and "
    "reported as over the cap.", flag_values=FLAGS)
_STARTUP = flags.DEFINE_boolean(
    "startup", False, "Time a freshly started `python -m lit_app` serving the checkpoint: "
    "until it serves, then its first salience and generation requests over HTTP (with an "
    "empty compilation cache, then again with the cache the first start filled).",
    flag_values=FLAGS)
_SALIENCE_METHODS = flags.DEFINE_list(
    "salience_methods", [], "Attribution methods the timed salience requests compute beside "
    "the gradients (of integrated_gradients, occlusion, contrastive; the server's default "
    "is all three). Default: none, the gradients alone, as LIT's reference computes.",
    flag_values=FLAGS)
_WINDOW_RATIO = flags.DEFINE_boolean(
    "window_ratio", False, "Time salience at each of --window_lengths on a random "
    "Gemma-4-shaped checkpoint whose local layers slide over a 512-token window "
    "(WINDOW_ARCH: 6 layers, hidden 256, one global layer in 6), and report the ratio of "
    "the longest request's time to the shortest's.", flag_values=FLAGS)
_WINDOW_LENGTHS = flags.DEFINE_list("window_lengths", ["1024", "8192"],
                                    "--window_ratio: request lengths in tokens.",
                                    flag_values=FLAGS)
_LIMITS = flags.DEFINE_boolean(
    "limits", False, "Figures against the machine's limits on --checkpoint (default: the "
    "bundled Gemma 3 270M): salience at --lengths (default 128, 1024) against a forward "
    "pass, decoding against the memory-bandwidth bound at --batch_sizes, a --big_length "
    "(default 8192) request's time and memory, and a person's view over HTTP on a freshly "
    "started default server.", flag_values=FLAGS)

GIB, MIB = memory.GIB, memory.MIB
LIMITS_LENGTHS, LIMITS_BIG_LENGTH = [128, 1024], 8192
LIMITS_PROMPT_TOKENS, LIMITS_STEPS, VIEW_PROMPT_TOKENS, VIEW_ANSWER_TOKENS = 100, (8, 40), 100, 64


# --- Tables -------------------------------------------------------------------


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
  """Formats a Markdown table, every column right-aligned.

  Args:
    header: the column titles.
    rows: the cells, as text (numbers are not reformatted).

  Returns:
    The table (GitHub Markdown).
  """
  return tabulate.tabulate(rows, headers=header, tablefmt="github", disable_numparse=True,
                           colalign=("right",) * len(header))


def _ms(t: timing.Timing | None) -> str:
  return "—" if t is None else f"{t.median_s * 1e3:,.0f}"


def _ratio(theirs: float | None, ours: float | None) -> str:
  return "—" if not theirs or not ours else f"{theirs / ours:.1f}×"


def salience_table(cases: list[speed.Case], peak: float, http: bool) -> str:
  """Formats the salience table: ours against LIT's reference, rates against the peak.

  Args:
    cases: measured by `speed.run_ours` (and `reference.run_reference`, if it ran).
    peak: the machine's fp32 matmul peak, FLOP/s.
    http: add the column of salience over LIT's HTTP endpoint.

  Returns:
    A Markdown table, a row per case ("—" where the reference did not run).
  """
  header = ["Tokens", "Batch", "Ours (ms)"]
  header += ["Ours over HTTP (ms)"] if http else []
  header += ["LIT TF (ms)", "Speed-up", "Ours, first call (s)", "GFLOP/s", "% of peak"]
  rows = []
  for c in cases:
    ours, ref = c.ours["salience"], c.reference.get("salience")
    rate = c.ours["flops"] / ours.median_s
    row = [str(c.length), str(c.batch), _ms(ours)]
    row += [_ms(c.ours.get("salience_http"))] if http else []
    row += [_ms(ref), _ratio(ref and ref.median_s, ours.median_s), f"{ours.first_s:.1f}",
            f"{rate / 1e9:.1f}", f"{100 * rate / peak:.0f}%"]
    rows.append(row)
  return markdown_table(header, rows)


def generation_table(cases: list[speed.Case]) -> str:
  """Formats the generation table: tokens per second and per request, ours and LIT's.

  Args:
    cases: measured by `speed.run_ours` (and `reference.run_reference`, if it ran).

  Returns:
    A Markdown table, a row per case ("—" where the reference did not run).
  """
  header = ["Tokens", "Batch", "Ours (tokens/s)", "LIT TF (tokens/s)", "Speed-up",
            "Ours, first call (s)", "Ours (ms/request)", "LIT TF (ms/request)"]
  rows = []
  for c in cases:
    ours, ref = c.ours["generation"], c.reference.get("generation")
    ours_rate = c.ours["generated_tokens"] / ours.median_s
    ref_rate = ref and c.reference["generated_tokens"] / ref.median_s
    rows.append([str(c.length), str(c.batch), f"{ours_rate:,.0f}",
                 "—" if ref is None else f"{ref_rate:,.0f}", _ratio(ours_rate, ref_rate),
                 f"{ours.first_s:.1f}", _ms(ours), _ms(ref)])
  return markdown_table(header, rows)


def memory_row(name: str, length: int, batch: int, m: dict, cap: float) -> list[str]:
  """Formats one row of the memory table.

  Args:
    name: the checkpoint's name.
    length: tokens per request.
    batch: requests per call.
    m: `memory.measure_memory`'s figures.
    cap: the cap the worker ran under, bytes.

  Returns:
    The row's cells, sizes in MiB ("> cap (stopped)" for a worker over the cap).
  """
  if m.get("over_cap"):
    return [name, "—", str(length), str(batch), "—", "—", f"> {cap / MIB:,.0f} (stopped)",
            "—", f"> {cap / MIB:,.0f}", "—"]
  peak, high = m["request_peak"], max(m["high_water"], m["watched_peak"])
  return [name, f"{m['params'] / 1e6:.0f}M", str(length), str(batch),
          f"{m['imports'] / MIB:,.0f}", f"{m['loaded'] / MIB:,.0f}", f"{peak / MIB:,.0f}",
          f"{(peak - m['loaded']) / MIB:,.0f}", f"{high / MIB:,.0f}", f"{m['request_s']:.1f}"]


# --- Reports ------------------------------------------------------------------


def _ints(values: list[str]) -> list[int]:
  return [int(x) for x in values]


def _name(path: str) -> str:
  return os.path.basename(os.path.normpath(path))


def speed_report(argv_line: str) -> str:
  """Times salience and generation, ours and LIT's reference (the default report).

  Args:
    argv_line: this run's command, quoted in the report.

  Returns:
    The machine and checkpoint, then the salience and generation tables.
  """
  lengths, batches = _ints(_LENGTHS.value), _ints(_BATCH_SIZES.value)
  load_start = os.getloadavg()[0]
  with tempfile.TemporaryDirectory() as tmp:
    path = _CHECKPOINT.value or inputs.default_checkpoint(tmp)
    peak_start = timing.matmul_peak(_PEAK_SIZE.value)
    timing.log(f"fp32 matmul peak: {peak_start / 1e9:.1f} GFLOP/s")
    cases = [speed.Case(n, b) for n in lengths for b in batches]
    info = speed.run_ours(path, cases, _REPEATS.value, _NEW_TOKENS.value, _HTTP.value,
                          _MAX_LENGTH.value, tuple(_SALIENCE_METHODS.value))
    if not _SKIP_REFERENCE.value:
      reference.run_reference(path, cases, _REPEATS.value, _NEW_TOKENS.value,
                              max(_MAX_LENGTH.value, max(lengths) + _NEW_TOKENS.value))
    peak_end = timing.matmul_peak(_PEAK_SIZE.value)
  load_end = os.getloadavg()[0]
  peak = max(peak_start, peak_end)  # The better of the two: other load only lowers it.
  return "\n".join([
      f"Machine: {timing.machine()}; fp32 matmul peak {peak / 1e9:.0f} GFLOP/s (JAX, "
      f"{_PEAK_SIZE.value}² @ {_PEAK_SIZE.value}², best of {peak_start / 1e9:.0f} at start "
      f"and {peak_end / 1e9:.0f} at end); load average {load_start:.1f} at start, "
      f"{load_end:.1f} at end.",
      f"Checkpoint: {_name(path)} ({info['family']}, {info['layers']} layers, hidden "
      f"{info['hidden']}, vocabulary {info['vocab']:,}, {info['params'] / 1e6:.1f}M "
      f"parameters). Medians of {_REPEATS.value} calls after one warm-up; the first call "
      f"compiles. Salience target: the last {inputs.TARGET_TOKENS} tokens. "
      f"Command: `{argv_line}`",
      "",
      "Sequence salience (ours: LIT wrapper `predict()`, JAX; LIT TF: "
      "`keras_lms.KerasSalienceModel` on TensorFlow)",
      "",
      salience_table(cases, peak, _HTTP.value),
      "",
      f"Generation, {_NEW_TOKENS.value} new tokens per row, greedy, stop tokens off "
      "(LIT TF: `keras_lms.KerasGenerationModel`)",
      "",
      generation_table(cases),
  ])


def window_report(argv_line: str) -> str:
  """Times salience against length where most layers slide (--window_ratio).

  Args:
    argv_line: this run's command, quoted in the report.

  Returns:
    The machine, checkpoint and ratio, then a table with a row per length.
  """
  lengths = sorted(_ints(_WINDOW_LENGTHS.value))
  load_start = os.getloadavg()[0]
  params, timings = speed.window_salience(lengths, _REPEATS.value)
  load_end = os.getloadavg()[0]
  rows = [[f"{n:,}", f"{t.first_s:.1f}", f"{t.median_s:.2f}",
           f"{t.median_s / timings[0].median_s:.1f}×"] for n, t in zip(lengths, timings)]
  arch = inputs.WINDOW_ARCH
  return "\n".join([
      f"Machine: {timing.machine()}; load average {load_start:.1f} at start, {load_end:.1f} "
      f"at end. Checkpoint: random Gemma 4 ({params / 1e6:.1f}M parameters; "
      f"{arch['num_layers']} layers of hidden {arch['hidden_dim']}, a "
      f"{arch['sliding_window_size']}-token window on all but one layer in "
      f"{arch['sliding_window_pattern']}). Engine salience of one row, the last "
      f"{inputs.TARGET_TOKENS} tokens the target; medians of {_REPEATS.value} calls after "
      f"one warm-up (the first call compiles). Ratio: "
      f"{timings[-1].median_s / timings[0].median_s:.1f}× from {lengths[0]:,} to "
      f"{lengths[-1]:,} tokens. Command: `{argv_line}`",
      "", markdown_table(["Tokens", "First call (s)", "Median (s)", "× shortest"], rows)])


def memory_report(argv_line: str) -> str:
  """Measures resident memory per request size, each in a fresh process (--memory).

  Args:
    argv_line: this run's command, quoted in the report.

  Returns:
    The machine and what was measured, then a table with a row per size.

  Raises:
    RuntimeError: a worker process failed.
  """
  cap = _MEMORY_CAP_GIB.value * GIB
  methods = tuple(_SALIENCE_METHODS.value)
  load_start = os.getloadavg()[0]
  rows = []
  with tempfile.TemporaryDirectory() as tmp:
    path = _CHECKPOINT.value or inputs.default_checkpoint(tmp)
    runs = [(path, n, b) for n in _ints(_LENGTHS.value) for b in _ints(_BATCH_SIZES.value)]
    if _BIG_LENGTH.value:
      big = inputs.build_random_checkpoint(os.path.join(tmp, "gemma_random_12x768"),
                                           inputs.BIG_ARCH)
      runs.append((big, _BIG_LENGTH.value, 1))
    for ckpt, n, b in runs:
      rows.append(memory_row(_name(ckpt), n, b,
                             memory.measure_memory(ckpt, n, b, cap, methods), cap))
  header = ["Checkpoint", "Parameters", "Tokens", "Batch", "After imports (MiB)",
            "After load (MiB)", "Request peak (MiB)", "Request peak − load (MiB)",
            "Process high-water (MiB)", "Request (s)"]
  return "\n".join([
      f"Machine: {timing.machine()}; load average {load_start:.1f} at start, "
      f"{os.getloadavg()[0]:.1f} at end. Resident memory of one salience request "
      f"({', '.join(('gradients',) + methods)}), each size in a "
      f"fresh process: its peak during the request (polled every 5 ms; the first request "
      f"at a size, so it includes XLA compilation, as does its time) and the process's "
      f"high-water mark (getrusage, and polled from outside). Command: `{argv_line}`",
      "", markdown_table(header, rows)])


def startup_report(argv_line: str) -> str:
  """Times a freshly started server twice: empty, then filled compilation cache (--startup).

  Args:
    argv_line: this run's command, quoted in the report.

  Returns:
    The machine and checkpoint, then a table with a row per start.

  Raises:
    RuntimeError: the server exited before it served.
  """
  rows = []
  with tempfile.TemporaryDirectory() as tmp:
    path = _CHECKPOINT.value or inputs.default_checkpoint(tmp)
    cache_dir = os.path.join(tmp, "jax_cache")
    for cache in ("empty", "filled by the first start"):
      t = serving.first_answers(path, cache_dir)
      rows.append([cache, f"{t['serving']:.1f}", f"{t['salience']:.2f}", f"{t['generation']:.2f}"])
      timing.log(f"startup ({cache} cache): serving after {t['serving']:.1f}s, first "
                 f"salience {t['salience']:.2f}s, first generation {t['generation']:.2f}s")
  header = ["Compilation cache", "Serving after (s)", "First salience after serving (s)",
            "Then first generation (s)"]
  return "\n".join([
      f"Machine: {timing.machine()}. `python -m lit_app` on {_name(path)}, timed from "
      f"process start; the first requests go out the moment the page answers, while the "
      f"background warm-up is still compiling. Command: `{argv_line}`",
      "", markdown_table(header, rows)])


def limits_report(argv_line: str) -> str:
  """Measures the real model against the machine's limits (--limits); see `limits`.

  Args:
    argv_line: this run's command, quoted in the report.

  Returns:
    The machine, checkpoint and bandwidth, then a table per figure with its goal.

  Raises:
    RuntimeError: the default server exited or did not warm up (the HTTP view).
  """
  from lit_app.models import engine as engine_lib
  from lit_app.models.engine import checkpoint, gguf_file
  lengths = _ints(_LENGTHS.value) if _LENGTHS.present else LIMITS_LENGTHS
  big = _BIG_LENGTH.value if _BIG_LENGTH.present else LIMITS_BIG_LENGTH
  path = _CHECKPOINT.value or gguf_file.bundled_gguf()
  load_start = os.getloadavg()[0]
  bandwidth = limits.read_bandwidth()
  timing.log(f"limits: read bandwidth {bandwidth / 1e9:.1f} GB/s")
  causal_lm = checkpoint.load_causal_lm(path)
  backbone = causal_lm.backbone
  engine = engine_lib.Engine(causal_lm, max_length=max(lengths + [big]))
  engine.stop_ids = (backbone.vocabulary_size,)  # Every row decodes every step.
  salience = limits.salience_against_forward(engine, lengths, _REPEATS.value)
  decoding = limits.decoding(engine, _ints(_BATCH_SIZES.value), LIMITS_PROMPT_TOKENS,
                             LIMITS_STEPS, _REPEATS.value)
  long = limits.big_salience(engine, big) if big else None
  view_prompt = "".join(inputs.make_examples(engine.sp, VIEW_PROMPT_TOKENS + 1, 1)[0].values())
  weights, params = limits.weight_bytes(backbone), backbone.count_params()
  del engine, causal_lm, backbone  # The server below loads its own.
  view = serving.person_view(view_prompt, VIEW_ANSWER_TOKENS)
  bound = weights / bandwidth
  rows = [[f"{s.length:,}", f"{s.forward.median_s:.2f}", f"{s.salience.median_s:.2f}",
           f"{s.salience.median_s / s.forward.median_s:.1f}×",
           "≤ 3.0×" if s.length <= 128 else "≤ 3.5×"] for s in salience]
  gen_rows = [[str(g.batch), f"{g.step_s * 1e3:,.0f}", f"{g.tokens_per_s:,.1f}",
               f"{g.step_s / bound:.1f}×" if g.batch == 1 else
               f"{g.tokens_per_s / decoding[0].tokens_per_s:.1f}× batch 1"] for g in decoding]
  parts = [
      f"Machine: {timing.machine()}; load average {load_start:.1f} at start, "
      f"{os.getloadavg()[0]:.1f} at end; read bandwidth {bandwidth / 1e9:.1f} GB/s (a jitted "
      f"matrix-vector product over a 1 GiB matrix, best of 5). Checkpoint: {_name(path)} ({params / 1e6:.0f}M "
      f"parameters, {weights / GIB:.2f} GiB of weights). Medians of {_REPEATS.value} calls "
      f"after one that compiles; salience target: the last {inputs.TARGET_TOKENS} tokens. "
      f"Command: `{argv_line}`", "",
      "Salience (the gradients: the default view's cost) against one forward pass of the "
      "same row (goal: ≤ 3.0× at 128 tokens, ≤ 3.5× at 1,024)", "",
      markdown_table(["Tokens", "Forward (s)", "Salience (s)", "Ratio", "Goal"], rows), "",
      f"Decoding, a {LIMITS_PROMPT_TOKENS}-token prompt, time per step from "
      f"{LIMITS_STEPS[1]} minus {LIMITS_STEPS[0]} new tokens; bound: every weight byte read "
      f"once per step = {bound * 1e3:.0f} ms (goal: batch 1 ≤ 1.5× the bound; batch 8 ≥ 4× "
      "the tokens/s of batch 1)", "",
      markdown_table(["Batch", "ms per step", "Tokens/s", "Against"], gen_rows)]
  if long is not None:
    ref = next((s for s in salience if s.length == 1024), salience[-1])
    parts += ["", f"A {long.length:,}-token salience request: {long.run_s:.1f} s "
              f"({long.run_s / ref.salience.median_s:.1f}× the {ref.length:,}-token request; "
              f"goal ≤ 12×), first call {long.first_s:.1f} s with its compile; resident peak "
              f"above the loaded model {long.run_peak_above_load / GIB:.2f} GiB "
              f"({long.first_peak_above_load / GIB:.2f} GiB while compiling; goal ≤ 3 GiB)."]
  parts += ["", f"A person's view, over HTTP on a freshly started default server after its "
            f"warm-up ({view[0]['warm_up_s']:.0f} s from process start, "
            f"`--max_new_tokens={VIEW_ANSWER_TOKENS}`): an answer, then the salience of that "
            "whole answer (default view), each timed from request to response", "",
            markdown_table(["Prompt", "Tokens (prompt + answer)", "Answer (s)", "Salience (s)",
                            "Compiled for them"], [
                [v["view"], f"{v['prompt_tokens']} + {v['answer_tokens']}",
                 f"{v['answer_s']:.1f}", f"{v['salience_s']:.1f}",
                 "; ".join(v["compiled"]) or "nothing"] for v in view])]
  return "\n".join(parts)


def command_line() -> str:
  """Returns this run's command, `gemma-lit bench` with the flags that were given."""
  given = []
  for flag in FLAGS.get_key_flags_for_module(sys.modules[__name__]):
    if flag.present:
      value = ",".join(flag.value) if isinstance(flag.value, list) else flag.value
      given.append(f"--{flag.name}" if value is True else
                   f"--no{flag.name}" if value is False else f"--{flag.name}={value}")
  return " ".join(["gemma-lit bench"] + given)


def main() -> int:
  """Prints the report the flags ask for; returns the exit status."""
  argv_line = command_line()
  report = (memory_report if _MEMORY.value else startup_report if _STARTUP.value
            else window_report if _WINDOW_RATIO.value else limits_report if _LIMITS.value
            else speed_report)
  print(report(argv_line), flush=True)
  return dispatch.EXIT_OK
