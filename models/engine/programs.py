"""Compiled programs, kept within a process-wide budget of memory mappings.

Every compiled XLA:CPU executable maps many memory regions for its JIT-compiled code.
Measured here: about 2,200 mappings per salience program of Gemma 3 270M, 600-750 per embeddings program; a few hundred per program of a tiny model.
Linux caps a process at `vm.max_map_count` mappings (65,530 by default), and when LLVM
cannot map more, XLA aborts the whole process (SIGABRT) — no Python exception, no answer.

So every engine compiles through a `Programs` table, and all tables share one `Budget`:
before a new program compiles, the least recently used programs of any engine are dropped
(and their mappings freed) until the process's mapping count plus the largest growth one
compile has shown fits under the limit. When nothing is left to drop, the compile is
refused with `CompileRefused`, which the server answers with HTTP 503; the process and
the programs it holds stay. A dropped program compiles again when next asked for (from the
persistent compilation cache when it is on).

Shapes are bucketed (`bucket`, `batch_bucket`) so that few programs serve many requests.
"""

import contextlib
import ctypes
import gc
import itertools
import math
import os
import logging
import threading
import weakref
from collections.abc import Callable, Hashable

import jax

log = logging.getLogger(__name__)

MAX_MAP_COUNT_FILE = "/proc/sys/vm/max_map_count"
MAPS_FILE = "/proc/self/maps"
DEFAULT_MAX_MAP_COUNT = 65530  # Linux's default, when /proc does not say.
DEFAULT_FRACTION = 0.75  # Of vm.max_map_count; the rest is for everything else.
FIRST_RESERVE = 3000  # Mappings kept free for one compile until one has been measured.


def use_compilation_cache(directory: str) -> None:
  """Keeps compiled programs on disk, so a restarted server skips most compiles."""
  os.makedirs(directory, exist_ok=True)
  jax.config.update("jax_compilation_cache_dir", directory)
  jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.5)


def bucket(n: int, minimum: int = 16) -> int:
  """Rounds a length up so compiled programs are reused: ≤ 25% padding above 64.

  16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, ... (steps of 1/4 octave).
  """
  if n <= minimum:
    return minimum
  step = max(minimum, 2 ** (math.floor(math.log2(n)) - 2))
  return -(-n // step) * step


def batch_bucket(n: int) -> int:
  """Batch sizes are padded to powers of two."""
  return 1 << max(0, (n - 1).bit_length())


class CompileRefused(RuntimeError):
  """A program could not be compiled: no room under the budget, or XLA failed."""


def map_count() -> int:
  """The number of memory mappings of this process (0 where /proc is missing)."""
  try:
    with open(MAPS_FILE, "rb") as f:
      return sum(1 for _ in f)
  except OSError:
    return 0


def release_memory() -> None:
  """Hands memory the C allocator holds but no longer uses back to the system.

  glibc keeps freed blocks for reuse; after a checkpoint's dequantization or a compile and
  first run of a Gemma 3 270M program it held 0.3-0.7 GiB that way (measured here), which
  counts as the server's resident memory. A no-op where the C library has no malloc_trim.
  """
  if _LIBC is not None:
    _LIBC.malloc_trim(0)


def _load_libc():
  try:
    libc = ctypes.CDLL(None)  # The process's own symbols, the C library's among them.
  except OSError:
    return None
  return libc if hasattr(libc, "malloc_trim") else None


_LIBC = _load_libc()


def max_map_count() -> int:
  """Linux's per-process mapping limit (vm.max_map_count)."""
  try:
    with open(MAX_MAP_COUNT_FILE, encoding="ascii") as f:
      return int(f.read().strip())
  except (OSError, ValueError):
    return DEFAULT_MAX_MAP_COUNT


class Budget:
  """The process-wide limit on mappings, shared by every engine's Programs.

  Args:
    limit: most mappings the process may hold before programs are dropped; default
      DEFAULT_FRACTION of vm.max_map_count.
  """

  def __init__(self, limit: int | None = None):
    self.limit = limit or int(max_map_count() * DEFAULT_FRACTION)
    self.reserve = FIRST_RESERVE  # Largest growth of one compile seen so far.
    self.compiled = 0
    self.dropped = 0
    self._tables: weakref.WeakSet = weakref.WeakSet()
    self._lock = threading.RLock()
    self._clock = itertools.count()

  def set_limit(self, limit: int | None) -> None:
    """Sets the limit (None: the default fraction of vm.max_map_count)."""
    self.limit = limit or int(max_map_count() * DEFAULT_FRACTION)

  def register(self, table: "Programs") -> None:
    """Adds `table` to the tables whose idle programs make_room may drop (held weakly)."""
    self._tables.add(table)

  def tick(self) -> int:
    """The next value of the budget's clock (increasing): a program's last-use time."""
    return next(self._clock)

  def note_growth(self, maps: int) -> None:
    """Records how many mappings one compile added."""
    with self._lock:
      self.compiled += 1
      self.reserve = max(self.reserve if self.compiled > 1 else 0, maps, 1)

  def make_room(self, what: str) -> None:
    """Drops least recently used idle programs until one more compile fits (inside
    `keep_programs()`, drops none).

    Raises:
      CompileRefused: the limit is reached and no program can be dropped, or may not be.
    """
    with self._lock:
      if map_count() + self.reserve > self.limit:
        gc.collect()  # Programs of engines nobody holds any more go first.
      if getattr(_THREAD, "keep", False) and map_count() + self.reserve > self.limit:
        raise CompileRefused(
            f"no free room for {what} without dropping compiled programs: {map_count():,} "
            f"memory mappings in use, limit {self.limit:,}")
      while map_count() + self.reserve > self.limit:
        oldest = min(((entry.last_used, table, key) for table in list(self._tables)
                      for key, entry in table.idle()), default=None, key=lambda t: t[0])
        if oldest is None:
          raise CompileRefused(
              f"the server cannot compile more programs ({what}): {map_count():,} memory "
              f"mappings in use, limit {self.limit:,} (vm.max_map_count "
              f"{max_map_count():,}), and every compiled program is in use; restart with "
              "fewer models or a higher --max_memory_maps (and vm.max_map_count)")
        oldest[1].drop(oldest[2])
        self.dropped += 1
        release_memory()

  def describe(self) -> str:
    """One line: mappings in use, the limit, and how many more compiles fit."""
    used = map_count()
    fits = max(0, (self.limit - used) // max(self.reserve, 1))
    return (f"memory mappings: {used:,} in use, limit {self.limit:,} (of vm.max_map_count "
            f"{max_map_count():,}); room for about {fits} more compiled programs of "
            f"{self.reserve:,} mappings before the least recently used are dropped; "
            f"{self.compiled} compiled, {self.dropped} dropped so far")


BUDGET = Budget()
_THREAD = threading.local()


@contextlib.contextmanager
def keep_programs():
  """Within the block, compiles on this thread fill free room only: where one does not fit,
  it raises CompileRefused instead of dropping programs (the warm-up's rule, so that with
  many models the warm-ups do not drop each other's shapes)."""
  previous = getattr(_THREAD, "keep", False)
  _THREAD.keep = True
  try:
    yield
  finally:
    _THREAD.keep = previous


class _Entry:
  def __init__(self, jitted, last_used: int):
    self.jitted = jitted
    self.last_used = last_used
    self.busy = 0


class Programs:
  """One engine's compiled programs, one per (name, shapes) key, within BUDGET.

  Args:
    budget: the shared Budget (default: the process's).
  """

  def __init__(self, budget: Budget = BUDGET):
    self.budget = budget
    self._entries: dict[Hashable, _Entry] = {}
    self._lock = threading.Lock()
    budget.register(self)

  def __len__(self) -> int:
    return len(self._entries)

  def __contains__(self, key: Hashable) -> bool:
    return key in self._entries

  def __iter__(self):
    """The keys of the programs held now."""
    with self._lock:
      return iter(list(self._entries))

  def idle(self) -> list[tuple[Hashable, _Entry]]:
    """The (key, entry) pairs not running now (the ones that may be dropped)."""
    with self._lock:
      return [(k, e) for k, e in self._entries.items() if not e.busy]

  def drop(self, key: Hashable) -> None:
    """Forgets a program and frees its executable."""
    with self._lock:
      entry = self._entries.pop(key, None)
    if entry is not None:
      entry.jitted.clear_cache()
      log.info("dropped the compiled program for %s (least recently used)", key)

  def call(self, key: Hashable, fn: Callable, args: tuple, static_argnums=(),
           static_argnames=(), **static):
    """Runs `fn(*args, **static)` compiled by jax.jit, compiling it first when `key` is new.

    Args:
      key: what makes the program distinct (its name and the shapes and static values
        of its arguments).
      fn: the function to compile.
      args: its array arguments (and static positional ones, see static_argnums).
      static_argnums, static_argnames: as jax.jit's.
      **static: keyword arguments (static ones named in static_argnames).
    Returns:
      What fn returns, as device arrays (not waited for).
    Raises:
      CompileRefused: no room under the budget, or XLA failed to compile.
    """
    with self._lock:
      entry = self._entries.get(key)
      if entry is not None:
        entry.busy += 1  # Not dropped while it runs.
    if entry is None:
      self.budget.make_room(str(key))
      entry = _Entry(jax.jit(fn, static_argnums=static_argnums,
                             static_argnames=static_argnames), self.budget.tick())
      before = map_count()
      log.info("compiling %s for shape %s", key[0], key[1:])
      try:
        out = jax.block_until_ready(entry.jitted(*args, **static))
      except Exception as e:  # pylint: disable=broad-except
        if _is_compile_failure(e):
          entry.jitted.clear_cache()
          raise CompileRefused(f"the server could not compile {key[0]} for shape {key[1:]}: "
                               f"{str(e).strip().splitlines()[0][:200]}") from e
        raise
      self.budget.note_growth(map_count() - before)
      with self._lock:
        self._entries[key] = entry
      release_memory()  # What compiling and the first run freed.
      return out
    entry.last_used = self.budget.tick()
    try:
      return entry.jitted(*args, **static)
    finally:
      with self._lock:
        entry.busy -= 1


def _is_compile_failure(error: Exception) -> bool:
  """XLA's resource errors (out of memory or mappings), as opposed to a bug in a caller."""
  text = str(error)
  return type(error).__name__ == "XlaRuntimeError" or any(
      s in text for s in ("RESOURCE_EXHAUSTED", "Cannot allocate memory", "LLVM compilation"))
