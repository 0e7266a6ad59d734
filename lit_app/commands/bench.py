"""gemma-lit bench: speed and memory of our JAX engine against LIT's TensorFlow reference.

  gemma-lit bench                      # 128, 512, 1024, 2048 tokens × batch 1, 8
  gemma-lit bench --lengths=128 --batch_sizes=1 --repeats=3 --skip_reference
  gemma-lit bench --memory             # peak resident memory per request size
  gemma-lit bench --startup            # first answers of a freshly started server
  gemma-lit bench --window_ratio       # salience 1,024 vs 8,192 tokens, 512-token window

Both sides load the same checkpoint and get the same texts. Ours is timed through the LIT
wrappers' `predict()` (what the server calls; `--http` adds LIT's HTTP endpoint), LIT's
`keras_lms` wrappers in a TensorFlow subprocess (`bench_reference`). Salience marks
the last TARGET_TOKENS tokens of each text as the target; generation decodes `--new_tokens`
tokens per row with stop tokens off on both sides, so both do the same work. Figures are
medians after one warm-up call; the warm-up (which compiles) is reported on its own.
Prints Markdown tables for the README.
"""

import contextlib
import dataclasses
import functools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import psutil
import tabulate
from absl import flags

import lit_app  # noqa: F401  (sets the Keras backend)
from lit_app import fields
from lit_app.commands import dispatch

FLAGS = flags.FlagValues()
_LENGTHS = flags.DEFINE_list("lengths", ["128", "512", "1024", "2048"],
                             "Request lengths in tokens (prompt + target, with <bos>).", flag_values=FLAGS)
_BATCH_SIZES = flags.DEFINE_list("batch_sizes", ["1", "8"], "Examples per request.", flag_values=FLAGS)
_REPEATS = flags.DEFINE_integer("repeats", 3, "Timed calls per figure, after one warm-up.", flag_values=FLAGS)
_NEW_TOKENS = flags.DEFINE_integer("new_tokens", 32, "Tokens generated per row.", flag_values=FLAGS)
_SKIP_REFERENCE = flags.DEFINE_boolean("skip_reference", False,
                                       "Time only our engine, not LIT's TensorFlow wrapper.", flag_values=FLAGS)
_CHECKPOINT = flags.DEFINE_string(
    "checkpoint", None, "KerasHub preset directory. Default: models/checkpoints/"
    "gemma_tiny_base if present, else a random Gemma of the same shape.", flag_values=FLAGS)
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
_MEMORY_WORKER = flags.DEFINE_boolean("memory_worker", False,
                                      "Internal: run one --memory measurement, print JSON.", flag_values=FLAGS)

TARGET_TOKENS = 16
BENCH_ARCH = dict(num_layers=4, hidden_dim=256, num_heads=4, num_kv_heads=1, head_dim=64,
                  intermediate_dim=1024)  # The shape of gemma_tiny_base (train_base).
# ~106M parameters with a 3,000-piece vocabulary (KerasHub's intermediate_dim is 2 × FFN width).
BIG_ARCH = dict(num_layers=12, hidden_dim=768, num_heads=12, num_kv_heads=4, head_dim=64,
                intermediate_dim=6144)
# --window_ratio: Gemma 4's layout (5 sliding layers, then a global one) at a small size,
# with Gemma 4's 512-token window.
WINDOW_ARCH = dict(num_layers=6, hidden_dim=256, num_heads=4, num_kv_heads=1, head_dim=64,
                   intermediate_dim=1024, sliding_window_size=512, sliding_window_pattern=6)
VOCAB_SIZE = 3000
GIB = 1 << 30
MIB = 1 << 20


def _log(*args):
  print(*args, file=sys.stderr, flush=True)


# --- The machine --------------------------------------------------------------


def machine() -> str:
  """CPU model (from /proc/cpuinfo; psutil does not name it) and the cores we may use."""
  model = "unknown CPU"
  with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as f:
    for line in f:
      if line.startswith("model name"):
        model = line.split(":", 1)[1].strip()
        break
  return f"{model}, {len(psutil.Process().cpu_affinity())} cores"


def matmul_peak(size: int, repeats: int = 10) -> float:
  """fp32 FLOP/s of a jitted size × size @ size × size matmul in JAX (median call)."""
  import jax
  import jax.numpy as jnp
  a = jax.random.normal(jax.random.PRNGKey(0), (size, size), jnp.float32)
  b = jax.random.normal(jax.random.PRNGKey(1), (size, size), jnp.float32)
  matmul = jax.jit(jnp.matmul)
  matmul(a, b).block_until_ready()
  times = []
  for _ in range(repeats):
    start = time.perf_counter()
    matmul(a, b).block_until_ready()
    times.append(time.perf_counter() - start)
  return 2 * size ** 3 / statistics.median(times)


def rss_bytes(process: psutil.Process | None = None) -> int:
  """Current resident set size of a process (this one by default; 0 if it is gone)."""
  try:
    return (process or psutil.Process()).memory_info().rss
  except psutil.Error:
    return 0


def max_rss_bytes() -> int:
  return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB.


# --- Checkpoints and inputs ---------------------------------------------------


@functools.cache
def corpus_text() -> str:
  """Prose to cut requests from: the base model's seeded EN/DE instruction corpus."""
  from lit_app.models.training import corpus
  rows = corpus.base_corpus(0, num_tasks=4000)
  return "\n\n".join(f"{r['prompt']}\n{r['response']}" for r in rows)


def build_random_checkpoint(path: str, arch: dict) -> str:
  """A randomly initialised Gemma with a SentencePiece vocabulary trained on the corpus."""
  from lit_app.models.engine import tiny
  proto = tiny.train_sentencepiece(corpus_text().split("\n\n"), vocab_size=VOCAB_SIZE)
  causal_lm = tiny.build_causal_lm("gemma", proto, sequence_length=256, seed=0, **arch)
  causal_lm.save_to_preset(path)
  _log(f"built a random Gemma ({causal_lm.backbone.count_params() / 1e6:.1f}M parameters) "
       f"in {path}")
  return path


def default_checkpoint(tmp: str) -> str:
  from lit_app import model_specs
  base = os.path.join(model_specs.CHECKPOINT_DIR, "gemma_tiny_base")
  if os.path.exists(os.path.join(base, "config.json")):
    return base
  return build_random_checkpoint(os.path.join(tmp, "gemma_random_4x256"), BENCH_ARCH)


def make_examples(sp, length: int, batch: int) -> list[dict]:
  """`batch` texts of `length` tokens (with <bos>), cut from the corpus at different places;
  the last TARGET_TOKENS tokens of each are its target."""
  stream = _stream_ids(sp, length * (batch + 1))
  stride = max(length, (len(stream) - length) // max(batch, 1))
  examples = []
  for b in range(batch):
    start = (b * stride) % max(1, len(stream) - length)
    end = start + length - 1
    for _ in range(8):  # Decoding and re-encoding may merge differently: adjust the cut.
      text = sp.decode(stream[start:end])
      n = len(sp.encode(text))
      if n == length - 1:
        break
      end += (length - 1) - n
    target = sp.decode(stream[end - TARGET_TOKENS:end])
    if not text.endswith(target):
      target = text[-len(target):]
    examples.append({fields.PROMPT: text[:-len(target)], fields.TARGET: target})
  return examples


@functools.cache
def _stream_ids(sp, min_tokens: int) -> list[int]:
  """The corpus's first ≥ min_tokens token ids (all of them if it is shorter)."""
  text, chars = corpus_text(), 4 * min_tokens
  while True:
    ids = sp.encode(text[:chars])
    if len(ids) >= min_tokens or chars >= len(text):
      return ids
    chars *= 2


def with_target_masks(tokenizer, examples: list[dict]) -> list[dict]:
  """Marks each target's tokens, as the browser does after a click on the answer."""
  out = []
  for ex in examples:
    n_prompt = len(list(tokenizer.predict([{fields.PROMPT: ex[fields.PROMPT]}]))[0][fields.TOKENS])
    n_all = len(list(tokenizer.predict([ex]))[0][fields.TOKENS])
    out.append(dict(ex, **{fields.TARGET_MASK: [0.0] * n_prompt + [1.0] * (n_all - n_prompt)}))
  return out


# --- FLOPs --------------------------------------------------------------------


def salience_flops(backbone, lengths: list[int], num_targets: list[int]) -> float:
  """Matmul FLOPs of one salience call: forward + backward ≈ 3 × forward.

  Per row of T tokens with k target tokens, hidden d, H query and G key/value heads of
  width h, FFN width F (read off the down projection: KerasHub's intermediate_dim / 2 for
Gemma 1/2, intermediate_dim for Gemma 3), vocabulary V and L layers:

    forward = L × [ 2·T·d·(H + 2G)·h       q, k, v projections
                  + 2·T·H·h·d              attention output projection
                  + 2·2·T²·H·h             scores q·kᵀ and weights·v (the full T×T, as run)
                  + 2·3·T·d·F ]            gated MLP: gate, up, down
            + 2·k·d·V                      output projection at the target positions only

  The ×3 is the usual training convention (backward = gradients w.r.t. activations and
  w.r.t. weights, one forward each). Salience differentiates w.r.t. the embeddings only,
  so the work it needs is nearer 2 × forward: rates from this count flatter by up to 1.5×.
  """
  d, h = backbone.hidden_dim, backbone.head_dim
  heads, kv_heads = backbone.num_query_heads, backbone.num_key_value_heads
  ffw = backbone.transformer_layers[0].ffw_linear.kernel.shape[0]
  vocab, layers = backbone.vocabulary_size, backbone.num_layers
  total = 0.0
  for t, k in zip(lengths, num_targets):
    per_layer = (2 * t * d * (heads + 2 * kv_heads) * h + 2 * t * heads * h * d
                 + 2 * 2 * t * t * heads * h + 2 * 3 * t * d * ffw)
    total += layers * per_layer + 2 * k * d * vocab
  return 3 * total


# --- Timing -------------------------------------------------------------------


@dataclasses.dataclass
class Timing:
  first_s: float   # The first call at this shape: compile + run.
  median_s: float  # Median of the later calls.


def timed(fn, repeats: int) -> Timing:
  times = []
  for _ in range(1 + repeats):
    start = time.perf_counter()
    fn()
    times.append(time.perf_counter() - start)
  return Timing(times[0], statistics.median(times[1:]) if repeats else float("nan"))


@dataclasses.dataclass
class Case:
  length: int
  batch: int
  examples: list[dict]
  ours: dict = dataclasses.field(default_factory=dict)
  reference: dict = dataclasses.field(default_factory=dict)


def http_client(models: dict):
  """A werkzeug test client on LIT's WSGI app serving `models`."""
  import werkzeug.test
  from lit_nlp import app as lit_app_lib
  from lit_nlp.api import dataset as lit_dataset
  dataset = lit_dataset.Dataset(spec=next(iter(models.values())).input_spec(), examples=[])
  client_root = tempfile.mkdtemp(prefix="lit_bench_client_")  # API only: no static files.
  return werkzeug.test.Client(lit_app_lib.LitApp(models, {"bench": dataset},
                                                 client_root=client_root))


def post_preds(client, model: str, inputs: list[dict], types: str):
  body = {"inputs": [{"data": dict(d, _id="", _meta={}), "id": "", "meta": {}} for d in inputs]}
  resp = client.post(
      f"/get_preds?model={model}&dataset_name=bench&requested_types={types}&requested_fields=",
      data=json.dumps(body), content_type="application/json")
  if resp.status_code != 200:
    raise RuntimeError(f"HTTP {resp.status_code}: {resp.get_data(as_text=True)[:300]}")
  return json.loads(resp.get_data(as_text=True))


def run_ours(checkpoint_path: str, cases: list[Case], repeats: int, new_tokens: int,
             http: bool) -> dict:
  """Times our LIT wrappers on every case; returns facts about the checkpoint."""
  from lit_app.models.engine import checkpoint
  from lit_app.models import engine as engine_lib
  from lit_app.models.lit import wrappers
  causal_lm = checkpoint.load_causal_lm(checkpoint_path)
  engine = engine_lib.Engine(causal_lm, max_length=max(
      _MAX_LENGTH.value, max(c.length for c in cases) + new_tokens))
  # Stop tokens off (an id past the vocabulary is never generated): every row decodes
  # new_tokens tokens, as on the reference side.
  engine.stop_ids = (causal_lm.backbone.vocabulary_size,)
  batch_size = max(c.batch for c in cases)
  models = wrappers.model_group("bench", engine, batch_size=batch_size,
                                  max_new_tokens=new_tokens, output_embeddings=False,
                                  salience_methods=tuple(_SALIENCE_METHODS.value))
  salience, tokenizer, generation = (models[fields.salience_model_name("bench")],
                                     models[fields.tokenizer_model_name("bench")],
                                     models["bench"])
  client = http_client(models) if http else None
  for case in cases:
    case.examples = make_examples(engine.sp, case.length, case.batch)
    inputs = with_target_masks(tokenizer, case.examples)
    t = timed(lambda: list(salience.predict(inputs)), repeats)
    ids = [engine.encode(ex[fields.PROMPT] + ex[fields.TARGET])[0] for ex in case.examples]
    targets = [int(sum(ex[fields.TARGET_MASK])) for ex in inputs]
    case.ours["salience"] = t
    case.ours["flops"] = salience_flops(causal_lm.backbone, [len(i) for i in ids], targets)
    case.ours["tokens"] = statistics.mean(len(i) for i in ids)
    _log(f"ours salience {case.length}x{case.batch}: first {t.first_s:.2f}s, "
         f"median {t.median_s * 1e3:.0f} ms")
    if client is not None:
      t = timed(lambda: post_preds(client, fields.salience_model_name("bench"), inputs,
                                   "Tokens,TokenScores"), repeats)
      case.ours["salience_http"] = t
      _log(f"ours salience over HTTP {case.length}x{case.batch}: median {t.median_s * 1e3:.0f} ms")
    prompts = [{fields.PROMPT: ex[fields.PROMPT] + ex[fields.TARGET]} for ex in case.examples]
    t = timed(lambda: list(generation.predict(prompts)), repeats)
    case.ours["generation"] = t
    case.ours["generated_tokens"] = case.batch * new_tokens
    _log(f"ours generation {case.length}x{case.batch}: first {t.first_s:.2f}s, "
         f"median {t.median_s * 1e3:.0f} ms")
  backbone = causal_lm.backbone
  return dict(layers=backbone.num_layers, hidden=backbone.hidden_dim,
              params=backbone.count_params(), vocab=backbone.vocabulary_size,
              family=engine.family.name)


def run_reference(checkpoint_path: str, cases: list[Case], repeats: int, new_tokens: int,
                  max_length: int) -> None:
  """Times LIT's TensorFlow wrappers on the same cases, in a subprocess."""
  job = dict(checkpoint=checkpoint_path, max_length=max_length, repeats=repeats,
             batch_size=max(c.batch for c in cases),
             cases=[dict(length=c.length, batch=c.batch, examples=c.examples,
                         new_tokens=new_tokens) for c in cases])
  env = dict(os.environ, KERAS_BACKEND="tensorflow", CUDA_VISIBLE_DEVICES="",
             TF_CPP_MIN_LOG_LEVEL="2")
  proc = subprocess.run([sys.executable, "-m", "lit_app.commands.bench_reference"],
                        input=json.dumps(job), capture_output=True, text=True, env=env,
                        check=False)
  sys.stderr.write("\n".join(line for line in proc.stderr.splitlines()
                             if line.startswith("reference ")) + "\n")
  if proc.returncode != 0:
    raise RuntimeError(f"the reference subprocess failed:\n{proc.stderr[-3000:]}")
  for case, result in zip(cases, json.loads(proc.stdout)):
    case.reference = {
        "salience": Timing(result["salience_first_s"], result["salience_median_s"]),
        "generation": Timing(result["generation_first_s"], result["generation_median_s"]),
        "generated_tokens": result["generated_tokens"],
    }


# --- Tables -------------------------------------------------------------------


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
  """A Markdown table, every column right-aligned."""
  return tabulate.tabulate(rows, headers=header, tablefmt="github", disable_numparse=True,
                           colalign=("right",) * len(header))


def _ms(t: Timing | None) -> str:
  return "—" if t is None else f"{t.median_s * 1e3:,.0f}"


def _ratio(theirs: float | None, ours: float | None) -> str:
  return "—" if not theirs or not ours else f"{theirs / ours:.1f}×"


def salience_table(cases: list[Case], peak: float, http: bool) -> str:
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


def generation_table(cases: list[Case]) -> str:
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


def speed_report(argv_line: str) -> str:
  lengths = [int(x) for x in _LENGTHS.value]
  batches = [int(x) for x in _BATCH_SIZES.value]
  load_start = os.getloadavg()[0]
  with tempfile.TemporaryDirectory() as tmp:
    path = _CHECKPOINT.value or default_checkpoint(tmp)
    peak_start = matmul_peak(_PEAK_SIZE.value)
    _log(f"fp32 matmul peak: {peak_start / 1e9:.1f} GFLOP/s")
    cases = [Case(n, b, []) for n in lengths for b in batches]
    info = run_ours(path, cases, _REPEATS.value, _NEW_TOKENS.value, _HTTP.value)
    if not _SKIP_REFERENCE.value:
      run_reference(path, cases, _REPEATS.value, _NEW_TOKENS.value,
                    max(_MAX_LENGTH.value, max(lengths) + _NEW_TOKENS.value))
    peak_end = matmul_peak(_PEAK_SIZE.value)
  load_end = os.getloadavg()[0]
  peak = max(peak_start, peak_end)  # The better of the two: other load only lowers it.
  name = os.path.basename(os.path.normpath(path))
  return "\n".join([
      f"Machine: {machine()}; fp32 matmul peak {peak / 1e9:.0f} GFLOP/s (JAX, "
      f"{_PEAK_SIZE.value}² @ {_PEAK_SIZE.value}², best of {peak_start / 1e9:.0f} at start "
      f"and {peak_end / 1e9:.0f} at end); load average {load_start:.1f} at start, "
      f"{load_end:.1f} at end.",
      f"Checkpoint: {name} ({info['family']}, {info['layers']} layers, hidden {info['hidden']}, "
      f"vocabulary {info['vocab']:,}, {info['params'] / 1e6:.1f}M parameters). "
      f"Medians of {_REPEATS.value} calls after one warm-up; the first call compiles. "
      f"Salience target: the last {TARGET_TOKENS} tokens. Command: `{argv_line}`",
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
  """Salience time against length where most layers slide (--window_ratio): with the
  window, local layers cost O(length · window), so time should grow far less than
  length², only the global layers' share quadratically."""
  import numpy as np
  from lit_app.models import engine as engine_lib
  from lit_app.models.engine import tiny
  lengths = sorted(int(x) for x in _WINDOW_LENGTHS.value)
  load_start = os.getloadavg()[0]
  proto = tiny.train_sentencepiece(corpus_text().split("\n\n"), vocab_size=VOCAB_SIZE)
  causal_lm = tiny.build_causal_lm("gemma4", proto, sequence_length=256, seed=0, **WINDOW_ARCH)
  engine = engine_lib.Engine(causal_lm, max_length=max(lengths))
  rng = np.random.default_rng(0)
  rows, medians = [], []
  for n in lengths:
    ids = np.concatenate([[engine.bos_id], rng.integers(4, VOCAB_SIZE, size=n - 1)])
    mask = np.zeros(n)
    mask[-TARGET_TOKENS:] = 1
    t = timed(lambda: engine.salience([ids.astype(np.int32)], [mask]), _REPEATS.value)
    medians.append(t.median_s)
    rows.append([f"{n:,}", f"{t.first_s:.1f}", f"{t.median_s:.2f}",
                 f"{t.median_s / medians[0]:.1f}×"])
    _log(f"window {n}: first {t.first_s:.1f} s, median {t.median_s:.2f} s, "
         f"load {os.getloadavg()[0]:.1f}")
  load_end = os.getloadavg()[0]
  return "\n".join([
      f"Machine: {machine()}; load average {load_start:.1f} at start, {load_end:.1f} at end. "
      f"Checkpoint: random Gemma 4 ({causal_lm.backbone.count_params() / 1e6:.1f}M "
      f"parameters; {WINDOW_ARCH['num_layers']} layers of hidden "
      f"{WINDOW_ARCH['hidden_dim']}, a {WINDOW_ARCH['sliding_window_size']}-token window on "
      f"all but one layer in {WINDOW_ARCH['sliding_window_pattern']}). Engine salience of "
      f"one row, the last {TARGET_TOKENS} tokens the target; medians of {_REPEATS.value} "
      f"calls after one warm-up (the first call compiles). Ratio: "
      f"{medians[-1] / medians[0]:.1f}× from {lengths[0]:,} to {lengths[-1]:,} tokens. "
      f"Command: `{argv_line}`",
      "", markdown_table(["Tokens", "First call (s)", "Median (s)", "× shortest"], rows)])


# --- Memory -------------------------------------------------------------------


class PeakRSS:
  """Polls a process's resident size in a thread; `.peak` is the highest value seen."""

  def __init__(self, pid: int | None = None, interval_s: float = 0.005,
               cap_bytes: float = float("inf"), on_cap=None):
    self.process = psutil.Process(pid)
    self.interval_s, self.cap, self.on_cap = interval_s, cap_bytes, on_cap
    self.peak = rss_bytes(self.process)
    self._stop = threading.Event()
    self._thread = threading.Thread(target=self._poll, daemon=True)

  def _poll(self):
    while not self._stop.is_set():
      self.peak = max(self.peak, rss_bytes(self.process))
      if self.peak > self.cap and self.on_cap:
        self.on_cap()
        return
      time.sleep(self.interval_s)

  def __enter__(self):
    self._thread.start()
    return self

  def __exit__(self, *exc):
    self._stop.set()
    self._thread.join()


def memory_worker() -> dict:
  """One salience request size in this (fresh) process: resident memory after each phase."""
  from lit_app.models.engine import checkpoint
  from lit_app.models import engine as engine_lib
  from lit_app.models.lit import wrappers
  length, batch = int(_LENGTHS.value[0]), int(_BATCH_SIZES.value[0])
  result = {"imports": rss_bytes()}
  causal_lm = checkpoint.load_causal_lm(_CHECKPOINT.value)
  engine = engine_lib.Engine(causal_lm, max_length=max(_MAX_LENGTH.value, length))
  models = wrappers.model_group("m", engine, batch_size=batch,
                                salience_methods=tuple(_SALIENCE_METHODS.value))
  inputs = with_target_masks(models["_m_tokenizer"],
                             make_examples(engine.sp, length, batch))
  result["loaded"] = rss_bytes()
  start = time.perf_counter()
  with PeakRSS() as call:
    list(models["_m_salience"].predict(inputs))
  result["request_s"] = time.perf_counter() - start
  return result | {"request_peak": call.peak, "high_water": max_rss_bytes(),
                   "params": causal_lm.backbone.count_params()}


def measure_memory(path: str, length: int, batch: int, cap_bytes: float) -> dict:
  """Runs memory_worker in a fresh process, watching its resident size from outside too."""
  cmd = [sys.executable, "-m", "lit_app", "bench", "--memory_worker", f"--checkpoint={path}",
         f"--lengths={length}", f"--batch_sizes={batch}", f"--engine_max_length={length}",
         f"--salience_methods={','.join(_SALIENCE_METHODS.value)}"]
  env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
  with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                        env=env) as proc:
    with PeakRSS(proc.pid, interval_s=0.01, cap_bytes=cap_bytes, on_cap=proc.kill) as watch:
      out, err = proc.communicate()
  if watch.peak > cap_bytes:
    return {"over_cap": True, "watched_peak": watch.peak}
  if proc.returncode != 0:
    raise RuntimeError(f"memory worker for {length}x{batch} failed:\n{err[-3000:]}")
  return json.loads(out.strip().splitlines()[-1]) | {"watched_peak": watch.peak}


def memory_report(argv_line: str) -> str:
  lengths = [int(x) for x in _LENGTHS.value]
  batches = [int(x) for x in _BATCH_SIZES.value]
  cap = _MEMORY_CAP_GIB.value * GIB
  load_start = os.getloadavg()[0]
  rows = []
  with tempfile.TemporaryDirectory() as tmp:
    path = _CHECKPOINT.value or default_checkpoint(tmp)
    runs = [(path, n, b) for n in lengths for b in batches]
    if _BIG_LENGTH.value:
      runs.append((build_random_checkpoint(os.path.join(tmp, "gemma_random_12x768"), BIG_ARCH),
                   _BIG_LENGTH.value, 1))
    for ckpt, n, b in runs:
      m = measure_memory(ckpt, n, b, cap)
      name = os.path.basename(os.path.normpath(ckpt))
      if m.get("over_cap"):
        rows.append([name, "—", str(n), str(b), "—", "—",
                     f"> {cap / MIB:,.0f} (stopped)", "—", f"> {cap / MIB:,.0f}", "—"])
        _log(f"memory {name} {n}x{b}: over the {cap / GIB:.1f} GiB cap")
        continue
      peak, high = m["request_peak"], max(m["high_water"], m["watched_peak"])
      rows.append([name, f"{m['params'] / 1e6:.0f}M", str(n), str(b),
                   f"{m['imports'] / MIB:,.0f}", f"{m['loaded'] / MIB:,.0f}",
                   f"{peak / MIB:,.0f}", f"{(peak - m['loaded']) / MIB:,.0f}",
                   f"{high / MIB:,.0f}", f"{m['request_s']:.1f}"])
      _log(f"memory {name} {n}x{b}: loaded {m['loaded'] / MIB:.0f} MiB, request peak "
           f"{peak / MIB:.0f} MiB, high-water {high / MIB:.0f} MiB, request "
           f"{m['request_s']:.1f} s, load {os.getloadavg()[0]:.1f}")
  header = ["Checkpoint", "Parameters", "Tokens", "Batch", "After imports (MiB)",
            "After load (MiB)", "Request peak (MiB)", "Request peak − load (MiB)",
            "Process high-water (MiB)", "Request (s)"]
  methods = ", ".join(["gradients"] + _SALIENCE_METHODS.value)
  return "\n".join([
      f"Machine: {machine()}; load average {load_start:.1f} at start, "
      f"{os.getloadavg()[0]:.1f} at end. Resident memory of one salience request "
      f"({methods}), each size in a "
      f"fresh process: its peak during the request (polled every 5 ms; the first request "
      f"at a size, so it includes XLA compilation, as does its time) and the process's "
      f"high-water mark (getrusage, and polled from outside). Command: `{argv_line}`",
      "", markdown_table(header, rows)])


STARTUP_PROMPT = ("<start_of_turn>user\nWrite a short, friendly message offering concert "
                  "tickets to my friends.<end_of_turn>\n<start_of_turn>model\n")
STARTUP_TARGET = "Sure, here is the script:"


def _post_json(url: str, body: dict) -> dict:
  import urllib.request
  request = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"),
                                   headers={"Content-Type": "application/json"})
  with urllib.request.urlopen(request, timeout=600) as response:
    return json.loads(response.read())


def first_answers(path: str, cache_dir: str) -> dict:
  """Starts `python -m lit_app` on `path`; seconds until it serves, then until its first
  salience answer (a tokenizer call to build the target mask, then the salience call) and
  its first generated answer."""
  import socket
  import urllib.request
  with socket.socket() as sock:
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
  url = f"http://127.0.0.1:{port}"
  dataset = "prompt_debugging_en"
  cmd = [sys.executable, "-m", "lit_app", f"--models=bench:{path}", f"--datasets={dataset}:"
         + os.path.join(loading_dir(), "prompt_debugging_en.jsonl"), f"--port={port}",
         "--host=127.0.0.1", f"--compilation_cache_dir={cache_dir}"]
  started = time.perf_counter()
  with open(os.devnull, "w") as devnull, subprocess.Popen(
      cmd, stdout=devnull, stderr=devnull) as proc:
    try:
      while True:
        if proc.poll() is not None:
          raise RuntimeError(f"the server exited with {proc.returncode}: {' '.join(cmd)}")
        try:
          urllib.request.urlopen(url + "/", timeout=5).close()
          break
        except OSError:
          time.sleep(0.1)
      serving = time.perf_counter()
      query = f"&dataset_name={dataset}&requested_fields="
      example = {fields.PROMPT: STARTUP_PROMPT, fields.TARGET: STARTUP_TARGET}
      wrap = lambda d: {"inputs": [{"data": d | {"_id": "", "_meta": {}}, "id": "", "meta": {}}]}
      prompt_only = _post_json(f"{url}/get_preds?model=_bench_tokenizer&requested_types=Tokens"
                               + query, wrap({fields.PROMPT: STARTUP_PROMPT}))
      both = _post_json(f"{url}/get_preds?model=_bench_tokenizer&requested_types=Tokens" + query,
                        wrap(example))
      n_prompt, n_all = len(prompt_only[0][fields.TOKENS]), len(both[0][fields.TOKENS])
      mask = [0.0] * n_prompt + [1.0] * (n_all - n_prompt)
      _post_json(f"{url}/get_preds?model=_bench_salience&requested_types=TokenScores" + query,
                 wrap(example | {fields.TARGET_MASK: mask}))
      salience = time.perf_counter()
      _post_json(f"{url}/get_preds?model=bench&requested_types=GeneratedText" + query,
                 wrap({fields.PROMPT: STARTUP_PROMPT}))
      generation = time.perf_counter()
    finally:
      proc.terminate()
      proc.wait(timeout=60)
  return {"serving": serving - started, "salience": salience - serving,
          "generation": generation - salience}


def loading_dir() -> str:
  from lit_app.datasets import loading
  return loading.DATA_DIR


def startup_report(argv_line: str) -> str:
  rows = []
  with tempfile.TemporaryDirectory() as tmp:
    path = _CHECKPOINT.value or default_checkpoint(tmp)
    cache_dir = os.path.join(tmp, "jax_cache")
    for cache in ("empty", "filled by the first start"):
      t = first_answers(path, cache_dir)
      rows.append([cache, f"{t['serving']:.1f}", f"{t['salience']:.2f}", f"{t['generation']:.2f}"])
      _log(f"startup ({cache} cache): serving after {t['serving']:.1f}s, first salience "
           f"{t['salience']:.2f}s, first generation {t['generation']:.2f}s")
  header = ["Compilation cache", "Serving after (s)", "First salience after serving (s)",
            "Then first generation (s)"]
  return "\n".join([
      f"Machine: {machine()}. `python -m lit_app` on {os.path.basename(os.path.normpath(path))}"
      f", timed from process start; the first requests go out the moment the page answers, "
      f"while the background warm-up is still compiling. Command: `{argv_line}`",
      "", markdown_table(header, rows)])


def command_line() -> str:
  """This run's command, with the flags that were given."""
  given = []
  for flag in FLAGS.get_key_flags_for_module(sys.modules[__name__]):
    if flag.present:
      value = ",".join(flag.value) if isinstance(flag.value, list) else flag.value
      given.append(f"--{flag.name}" if value is True else
                   f"--no{flag.name}" if value is False else f"--{flag.name}={value}")
  return " ".join(["gemma-lit bench"] + given)


def main() -> int:
  if _MEMORY_WORKER.value:
    print(json.dumps(memory_worker()), flush=True)
    return dispatch.EXIT_OK
  argv_line = command_line()
  report = (memory_report if _MEMORY.value else startup_report if _STARTUP.value
            else window_report if _WINDOW_RATIO.value else speed_report)
  print(report(argv_line), flush=True)
  return dispatch.EXIT_OK
