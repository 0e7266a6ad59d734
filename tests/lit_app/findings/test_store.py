"""The findings store: round trip, concurrent writers, restart, schema version."""

import sqlite3
import threading

import pytest

from lit_app.findings import store as store_lib


def test_examples_annotations_and_findings_round_trip(tmp_path):
  store = store_lib.Store(str(tmp_path))
  assert store.add_example("d", "k1", {"prompt": "Hi ü"}, author="ana", note="odd",
                           starred=True)
  assert not store.add_example("d", "k1", {"prompt": "Hi ü"})  # Same key: kept once.
  store.annotate("d", "k2", note="base row note", author="bo")
  store.annotate("d", "k2", starred=True)  # The note stays.
  finding_id = store.add_finding("d", {"note": "n", "models": []}, author="ana")

  assert store.examples("d") == [{"prompt": "Hi ü"}]
  assert store.examples("other") == []
  assert store.annotations("d") == {"k1": ("odd", True), "k2": ("base row note", True)}
  finding = store.finding(finding_id)
  assert finding["note"] == "n" and finding["author"] == "ana" and finding["dataset"] == "d"
  assert [f["id"] for f in store.findings()] == [finding_id]
  assert store.finding(finding_id + 1) is None


def test_a_new_connection_sees_everything_after_a_restart(tmp_path):
  store = store_lib.Store(str(tmp_path))
  store.add_example("d", "k", {"prompt": "p"}, note="kept")
  finding_id = store.add_finding("d", {"note": "x", "models": []})
  del store  # No close(): an acknowledged write must already be on disk.

  again = store_lib.Store(str(tmp_path))
  assert again.examples("d") == [{"prompt": "p"}]
  assert again.annotations("d") == {"k": ("kept", False)}
  assert again.finding(finding_id)["note"] == "x"


def test_concurrent_writers_from_threads_and_connections(tmp_path):
  stores = [store_lib.Store(str(tmp_path)) for _ in range(4)]  # Four connections.
  errors = []

  def write(worker):
    try:
      for i in range(25):
        store = stores[(worker + i) % len(stores)]
        store.add_example("d", f"{worker}-{i}", {"prompt": f"{worker}-{i}"})
        store.annotate("d", f"{worker}-{i}", note=f"note {worker}-{i}", starred=i % 2 == 0)
        store.add_finding("d", {"note": f"{worker}-{i}", "models": []})
    except Exception as e:  # pylint: disable=broad-except
      errors.append(e)

  threads = [threading.Thread(target=write, args=(w,)) for w in range(8)]
  for t in threads:
    t.start()
  for t in threads:
    t.join()

  assert not errors
  check = store_lib.Store(str(tmp_path))
  assert len(check.examples("d")) == 200
  assert len(check.annotations("d")) == 200
  assert check.annotations("d")["3-4"] == ("note 3-4", True)
  assert len({f["id"] for f in check.findings()}) == 200


def test_schema_version_wal_and_newer_schema_refused(tmp_path):
  store = store_lib.Store(str(tmp_path))
  assert store.schema_version() == store_lib.SCHEMA_VERSION
  store.close()
  conn = sqlite3.connect(tmp_path / store_lib.FILENAME)
  assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
  conn.execute(f"PRAGMA user_version = {store_lib.SCHEMA_VERSION + 1}")
  conn.commit()
  conn.close()
  with pytest.raises(RuntimeError, match="newer"):
    store_lib.Store(str(tmp_path))


def test_default_state_dir_honours_xdg(monkeypatch, tmp_path):
  monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
  assert store_lib.default_state_dir() == str(tmp_path / "gemma-lit")
  monkeypatch.delenv("XDG_DATA_HOME")
  assert store_lib.default_state_dir().endswith(".local/share/gemma-lit")
