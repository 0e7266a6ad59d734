"""Resident memory of one salience request, each request size in a fresh process.

`measure_memory` starts this module as a worker,

  python -m lit_app.models.benchmarks.memory < job.json

with the job {"checkpoint", "length", "batch", "salience_methods"}; the worker loads the
checkpoint, makes one salience request of that size through our LIT wrappers and prints
its resident sizes as one JSON line (`memory_worker`). The parent polls the worker's size
from outside as well, and stops it above a cap.
"""

import json
import os
import resource
import subprocess
import sys
import threading
import time

import psutil

from lit_app.models.benchmarks import timing

GIB = 1 << 30
MIB = 1 << 20
WORKER = "lit_app.models.benchmarks.memory"  # This module, run as the worker.


def rss_bytes(process: psutil.Process | None = None) -> int:
  """Reads a process's current resident set size.

  Args:
    process: the process; default this one.

  Returns:
    Its resident size in bytes; 0 if it is gone.
  """
  try:
    return (process or psutil.Process()).memory_info().rss
  except psutil.Error:
    return 0


def max_rss_bytes() -> int:
  """Reads this process's resident high-water mark (getrusage).

  Returns:
    The highest resident size this process has had, in bytes.
  """
  return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB.


class PeakRSS:
  """Polls a process's resident size in a thread while in a `with` block.

  `.peak` is the highest size seen (bytes). Above `cap_bytes`, `on_cap` is called once and
  polling stops.

  Args:
    pid: the process; default this one.
    interval_s: seconds between polls.
    cap_bytes: the size above which `on_cap` is called.
    on_cap: called without arguments when the peak passes `cap_bytes` (e.g. `proc.kill`).
  """

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


def memory_worker(checkpoint_path: str, length: int, batch: int,
                  salience_methods: tuple[str, ...] = ()) -> dict:
  """Makes one salience request in this process, noting its resident size per phase.

  Meant for a fresh process (`measure_memory` starts one): the first request at a size, so
  the peak includes XLA compilation, as does the time.

  Args:
    checkpoint_path: a KerasHub preset directory.
    length: tokens per request (the engine's max_length too).
    batch: requests in the call.
    salience_methods: attribution methods computed beside the gradients.

  Returns:
    Bytes "imports" (after the imports), "loaded" (checkpoint, engine and requests
    ready), "request_peak" (polled during the request), "high_water" (getrusage after
    it); "request_s" seconds; "params" of the checkpoint.
  """
  from lit_app import fields
  from lit_app.models import engine as engine_lib
  from lit_app.models.benchmarks import inputs
  from lit_app.models.engine import checkpoint
  from lit_app.models.lit import wrappers
  result = {"imports": rss_bytes()}
  causal_lm = checkpoint.load_causal_lm(checkpoint_path)
  engine = engine_lib.Engine(causal_lm, max_length=length)
  models = wrappers.model_group("m", engine, batch_size=batch,
                                salience_methods=tuple(salience_methods))
  masked = inputs.with_target_masks(models[fields.tokenizer_model_name("m")],
                                    inputs.make_examples(engine.sp, length, batch))
  result["loaded"] = rss_bytes()
  start = time.perf_counter()
  with PeakRSS() as call:
    list(models[fields.salience_model_name("m")].with_methods(salience_methods).predict(masked))
  result["request_s"] = time.perf_counter() - start
  return result | {"request_peak": call.peak, "high_water": max_rss_bytes(),
                   "params": causal_lm.backbone.count_params()}


def measure_memory(checkpoint_path: str, length: int, batch: int, cap_bytes: float,
                   salience_methods: tuple[str, ...] = ()) -> dict:
  """Runs `memory_worker` in a fresh process, watching its resident size from outside too.

  Args:
    checkpoint_path: a KerasHub preset directory.
    length: tokens per request.
    batch: requests in the call.
    cap_bytes: a worker above this resident size is stopped.
    salience_methods: attribution methods computed beside the gradients.

  Returns:
    `memory_worker`'s figures plus "watched_peak" (bytes, polled every 10 ms from
    outside); over the cap, only {"over_cap": True, "watched_peak"}.

  Raises:
    RuntimeError: the worker failed (the end of its stderr in the message).
  """
  job = dict(checkpoint=checkpoint_path, length=length, batch=batch,
             salience_methods=list(salience_methods))
  name = f"{os.path.basename(os.path.normpath(checkpoint_path))} {length}x{batch}"
  env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
  with subprocess.Popen([sys.executable, "-m", WORKER], stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                        env=env) as proc:
    with PeakRSS(proc.pid, interval_s=0.01, cap_bytes=cap_bytes, on_cap=proc.kill) as watch:
      out, err = proc.communicate(json.dumps(job))
  if watch.peak > cap_bytes:
    timing.log(f"memory {name}: over the {cap_bytes / GIB:.1f} GiB cap")
    return {"over_cap": True, "watched_peak": watch.peak}
  if proc.returncode != 0:
    raise RuntimeError(f"memory worker for {length}x{batch} failed:\n{err[-3000:]}")
  m = json.loads(out.strip().splitlines()[-1]) | {"watched_peak": watch.peak}
  timing.log(f"memory {name}: loaded {m['loaded'] / MIB:.0f} MiB, request peak "
             f"{m['request_peak'] / MIB:.0f} MiB, high-water "
             f"{max(m['high_water'], m['watched_peak']) / MIB:.0f} MiB, request "
             f"{m['request_s']:.1f} s, load {os.getloadavg()[0]:.1f}")
  return m


def main() -> None:
  """The worker: a job as JSON on stdin, `memory_worker`'s figures as JSON on stdout."""
  job = json.load(sys.stdin)
  print(json.dumps(memory_worker(job["checkpoint"], job["length"], job["batch"],
                                 tuple(job["salience_methods"]))), flush=True)


if __name__ == "__main__":
  main()
