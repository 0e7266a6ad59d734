"""The findings store: one SQLite file under the state directory.

Holds the examples people added or edited in the UI (per dataset), their notes and stars,
and saved findings. Every write is one transaction (BEGIN IMMEDIATE ... COMMIT) with
`synchronous=FULL` in WAL mode, so a write that returned survives a crash; several
processes or threads may write at once (SQLite serializes them, waiting up to
BUSY_TIMEOUT_S). The schema version is SQLite's `PRAGMA user_version`.
"""

import contextlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from typing import Any

FILENAME = "findings.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 30.0

# Version N's statements bring a store at version N-1 to N.
_MIGRATIONS = {
    1: [
        """CREATE TABLE examples (
             id INTEGER PRIMARY KEY,
             dataset TEXT NOT NULL,
             key TEXT NOT NULL,
             data TEXT NOT NULL,
             author TEXT NOT NULL DEFAULT '',
             created REAL NOT NULL,
             UNIQUE (dataset, key))""",
        """CREATE TABLE annotations (
             dataset TEXT NOT NULL,
             key TEXT NOT NULL,
             note TEXT NOT NULL DEFAULT '',
             starred INTEGER NOT NULL DEFAULT 0,
             author TEXT NOT NULL DEFAULT '',
             updated REAL NOT NULL,
             PRIMARY KEY (dataset, key))""",
        """CREATE TABLE findings (
             id INTEGER PRIMARY KEY,
             dataset TEXT NOT NULL,
             author TEXT NOT NULL DEFAULT '',
             created REAL NOT NULL,
             record TEXT NOT NULL)""",
    ],
}


def default_state_dir() -> str:
  """$XDG_DATA_HOME/gemma-lit, else ~/.local/share/gemma-lit."""
  base = os.environ.get("XDG_DATA_HOME") or os.path.join(
      os.path.expanduser("~"), ".local", "share")
  return os.path.join(base, "gemma-lit")


class Store:
  """Examples, annotations and findings in `state_dir`/findings.sqlite3.

  One connection per Store, shared by the threads of a process under a lock; open
  another Store (another connection) per process.
  """

  def __init__(self, state_dir: str):
    os.makedirs(state_dir, exist_ok=True)
    self.path = os.path.join(state_dir, FILENAME)
    self._lock = threading.Lock()
    self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                 check_same_thread=False)
    self._conn.row_factory = sqlite3.Row
    self._conn.execute("PRAGMA journal_mode=WAL")
    self._conn.execute("PRAGMA synchronous=FULL")
    self._migrate()

  def close(self) -> None:
    with self._lock:
      self._conn.close()

  @contextlib.contextmanager
  def _transaction(self) -> Iterator[sqlite3.Connection]:
    """One write transaction; committed on success, rolled back on any error."""
    with self._lock:
      self._conn.execute("BEGIN IMMEDIATE")
      try:
        yield self._conn
      except BaseException:
        self._conn.execute("ROLLBACK")
        raise
      self._conn.execute("COMMIT")

  def _read(self, sql: str, args: tuple = ()) -> list[sqlite3.Row]:
    with self._lock:
      return self._conn.execute(sql, args).fetchall()

  def _migrate(self) -> None:
    with self._transaction() as conn:
      version = conn.execute("PRAGMA user_version").fetchone()[0]
      if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"{self.path} has schema version {version}, newer than this program's "
            f"{SCHEMA_VERSION}; use a newer gemma-lit or another --state_dir")
      for target in range(version + 1, SCHEMA_VERSION + 1):
        for statement in _MIGRATIONS[target]:
          conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {target}")

  def schema_version(self) -> int:
    return self._read("PRAGMA user_version")[0][0]

  # Examples added or edited in the UI, and their notes and stars.

  def add_example(self, dataset: str, key: str, data: Mapping[str, Any], author: str = "",
                  note: str | None = None, starred: bool | None = None) -> bool:
    """Keeps `data` under (dataset, key) unless there; sets the note and star if given.

    Returns True if the example was new.
    """
    now = time.time()
    with self._transaction() as conn:
      cursor = conn.execute(
          "INSERT OR IGNORE INTO examples (dataset, key, data, author, created) "
          "VALUES (?, ?, ?, ?, ?)", (dataset, key, json.dumps(dict(data)), author, now))
      if note is not None or starred is not None:
        _annotate(conn, dataset, key, note, starred, author, now)
      return cursor.rowcount == 1

  def annotate(self, dataset: str, key: str, note: str | None = None,
               starred: bool | None = None, author: str = "") -> None:
    """Sets the note and/or the star of the example `key` of `dataset`."""
    with self._transaction() as conn:
      _annotate(conn, dataset, key, note, starred, author, time.time())

  def examples(self, dataset: str) -> list[dict[str, Any]]:
    """The stored examples of `dataset`, oldest first."""
    rows = self._read("SELECT data FROM examples WHERE dataset = ? ORDER BY id", (dataset,))
    return [json.loads(row["data"]) for row in rows]

  def annotations(self, dataset: str) -> dict[str, tuple[str, bool]]:
    """key -> (note, starred) for `dataset`."""
    rows = self._read("SELECT key, note, starred FROM annotations WHERE dataset = ?",
                      (dataset,))
    return {row["key"]: (row["note"], bool(row["starred"])) for row in rows}

  # Findings.

  def add_finding(self, dataset: str, record: Mapping[str, Any], author: str = "") -> int:
    """Stores a finding; returns its id (1, 2, …)."""
    with self._transaction() as conn:
      cursor = conn.execute(
          "INSERT INTO findings (dataset, author, created, record) VALUES (?, ?, ?, ?)",
          (dataset, author, time.time(), json.dumps(dict(record))))
      return cursor.lastrowid

  def finding(self, finding_id: int) -> dict[str, Any] | None:
    rows = self._read("SELECT * FROM findings WHERE id = ?", (finding_id,))
    return _finding(rows[0]) if rows else None

  def findings(self) -> list[dict[str, Any]]:
    """All findings, oldest first."""
    return [_finding(row) for row in self._read("SELECT * FROM findings ORDER BY id")]


def _annotate(conn, dataset, key, note, starred, author, now) -> None:
  conn.execute(
      "INSERT INTO annotations (dataset, key, note, starred, author, updated) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dataset, key) DO UPDATE SET "
      "note = COALESCE(?, note), starred = COALESCE(?, starred), author = ?, updated = ?",
      (dataset, key, note or "", int(bool(starred)), author, now,
       note, None if starred is None else int(bool(starred)), author, now))


def _finding(row: sqlite3.Row) -> dict[str, Any]:
  return json.loads(row["record"]) | {
      "id": row["id"], "dataset": row["dataset"], "author": row["author"],
      "created": row["created"]}
