"""A real server on loopback under concurrent clients and a bounded soak."""

import concurrent.futures
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import psutil
import pytest

CLIENTS = 8
SOAK_REQUESTS = 240
TIME_LIMIT_S = 240


def free_port() -> int:
  with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    return s.getsockname()[1]


def post(port, model, examples, types, timeout=60):
  body = {"inputs": [{"data": dict(ex, _id="", _meta={}), "id": "", "meta": {}}
                     for ex in examples]}
  request = urllib.request.Request(
      f"http://127.0.0.1:{port}/get_preds?model={model}&dataset_name=d&requested_types={types}",
      data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
  with urllib.request.urlopen(request, timeout=timeout) as resp:
    return json.loads(resp.read())


@pytest.fixture(scope="module")
def live_server(tiny_presets, tmp_path_factory):
  data = tmp_path_factory.mktemp("load") / "p.jsonl"
  data.write_text(json.dumps({"prompt": "hello"}) + "\n", encoding="utf-8")
  port = free_port()
  proc = subprocess.Popen(
      [sys.executable, "-m", "lit_app", f"--models=m:{tiny_presets['gemma']}",
       f"--datasets=d:{data}", f"--port={port}", "--host=127.0.0.1", "--max_length=64",
       "--max_new_tokens=6"],
      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
  deadline = time.time() + 120
  while time.time() < deadline:
    try:
      urllib.request.urlopen(f"http://127.0.0.1:{port}/get_info", timeout=5)
      break
    except (urllib.error.URLError, ConnectionError):
      time.sleep(0.5)
  else:
    proc.kill()
    pytest.fail("server did not start")
  yield port, proc
  proc.terminate()
  proc.wait(timeout=30)


def request_mix(i):
  """Alternating salience and generation requests with distinct texts."""
  prompt = f"The quick brown fox {i % 5} jumps"
  if i % 2:
    return ("_m_salience", [{"prompt": prompt, "target": " over",
                             "target_mask": None}], "Tokens,TokenScores")
  return ("m", [{"prompt": prompt}], "GeneratedText")


def run_one(port, i):
  model, examples, types = request_mix(i)
  if examples[0].get("target_mask", 0) is None:
    n = len(post(port, "_m_tokenizer", [{"prompt": examples[0]["prompt"],
                                        "target": examples[0]["target"]}], "Tokens")[0]["tokens"])
    examples = [dict(examples[0], target_mask=[0] * (n - 1) + [1])]
  return post(port, model, examples, types)[0]


@pytest.mark.subprocess
def test_concurrent_clients_get_the_same_answers_as_one_client(live_server):
  port, _ = live_server
  expected = [run_one(port, i) for i in range(10)]
  with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
    got = list(pool.map(lambda i: run_one(port, i % 10), range(4 * CLIENTS)))
  for i, result in enumerate(got):
    assert result == expected[i % 10]


@pytest.mark.subprocess
def test_memory_stays_flat_over_a_soak(live_server):
  port, proc = live_server
  server = psutil.Process(proc.pid)
  start = time.time()
  with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
    list(pool.map(lambda i: run_one(port, i), range(40)))  # Warm up every shape.
    before = server.memory_info().rss
    done = 0
    for batch in range(SOAK_REQUESTS // 40):
      if time.time() - start > TIME_LIMIT_S:
        break
      list(pool.map(lambda i: run_one(port, i), range(40)))
      done += 40
  after = server.memory_info().rss
  assert done >= 80
  assert after < before * 1.10 + 20e6, (before, after)


@pytest.mark.subprocess
def test_gunicorn_serves_the_wsgi_entry_point(tiny_presets):
  port = free_port()
  env = dict(os.environ, GEMMA_LIT_FLAGS=f"--models=m:{tiny_presets['gemma']} --max_length=64")
  gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
  proc = subprocess.Popen([gunicorn, "-b", f"127.0.0.1:{port}", "--timeout", "300",
                           "lit_app.server:get_wsgi_app()"], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
  try:
    deadline = time.time() + 150
    while time.time() < deadline:
      try:
        info = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/get_info",
                                                 timeout=5).read())
        break
      except (urllib.error.URLError, OSError):
        time.sleep(1)
    else:
      pytest.fail("gunicorn did not serve the app")
    assert "m" in info["models"] and info["demoMode"]
  finally:
    proc.terminate()
    proc.wait(timeout=30)
