"""LIT's HTTP side for the benchmarks: the endpoint in process, and a freshly started server.

`http_client` + `post_preds` time LIT's `/get_preds` around our wrappers without a socket
(what the endpoint adds to a call); `first_answers` starts `python -m lit_app` and times it
until it serves, then its first salience and generation answers.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

from lit_app import fields

STARTUP_PROMPT = ("<start_of_turn>user\nWrite a short, friendly message offering concert "
                  "tickets to my friends.<end_of_turn>\n<start_of_turn>model\n")
STARTUP_TARGET = "Sure, here is the script:"
STARTUP_DATASET = "prompt_debugging_en"


def _preds_body(inputs: list[dict]) -> dict:
  """The JSON body of a /get_preds request for `inputs` (LIT's IndexedInput form)."""
  return {"inputs": [{"data": dict(d, _id="", _meta={}), "id": "", "meta": {}}
                     for d in inputs]}


def http_client(models: dict):
  """Builds a werkzeug test client on LIT's WSGI app serving `models`.

  Args:
    models: LIT models by name (e.g. `wrappers.model_group`'s three).

  Returns:
    A `werkzeug.test.Client`; the app serves an empty dataset "bench" and no static files.
  """
  import werkzeug.test
  from lit_nlp import app as lit_app_lib
  from lit_nlp.api import dataset as lit_dataset
  dataset = lit_dataset.Dataset(spec=next(iter(models.values())).input_spec(), examples=[])
  client_root = tempfile.mkdtemp(prefix="lit_bench_client_")  # API only: no static files.
  return werkzeug.test.Client(lit_app_lib.LitApp(models, {"bench": dataset},
                                                 client_root=client_root))


def post_preds(client, model: str, inputs: list[dict], types: str) -> list[dict]:
  """Asks LIT's /get_preds endpoint for `model`'s predictions on `inputs`.

  Args:
    client: from `http_client`.
    model: the LIT model's name.
    inputs: input dicts, as `predict()` takes them.
    types: the requested output types, comma-separated (e.g. "Tokens,TokenScores").

  Returns:
    One output dict per input, as LIT's frontend gets them.

  Raises:
    RuntimeError: the endpoint answered other than 200 (the first 300 characters of its
      answer in the message).
  """
  resp = client.post(
      f"/get_preds?model={model}&dataset_name=bench&requested_types={types}&requested_fields=",
      data=json.dumps(_preds_body(inputs)), content_type="application/json")
  if resp.status_code != 200:
    raise RuntimeError(f"HTTP {resp.status_code}: {resp.get_data(as_text=True)[:300]}")
  return json.loads(resp.get_data(as_text=True))


def _post_json(url: str, body: dict) -> list[dict]:
  import urllib.request
  request = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"),
                                   headers={"Content-Type": "application/json"})
  with urllib.request.urlopen(request, timeout=600) as response:
    return json.loads(response.read())


def _free_port() -> int:
  import socket
  with socket.socket() as sock:
    sock.bind(("127.0.0.1", 0))
    return sock.getsockname()[1]


def first_answers(path: str, cache_dir: str) -> dict:
  """Starts `python -m lit_app` serving `path` and times its first answers.

  The first requests go out the moment the page answers, while the server's background
  warm-up may still be compiling. Salience is a tokenizer call to build the target mask
  (as the browser does), then the salience call; generation follows it.

  Args:
    path: a checkpoint the server can load (`--models=bench:PATH`).
    cache_dir: the server's `--compilation_cache_dir` (empty, or filled by a former start).

  Returns:
    Seconds: {"serving": from process start until the page answers, "salience": then
    until the first salience answer, "generation": then until the first generated text}.

  Raises:
    RuntimeError: the server exited before it served.
  """
  import urllib.request
  from lit_app.datasets import loading
  port = _free_port()
  url = f"http://127.0.0.1:{port}"
  cmd = [sys.executable, "-m", "lit_app", f"--models=bench:{path}",
         f"--datasets={STARTUP_DATASET}:"
         + os.path.join(loading.DATA_DIR, f"{STARTUP_DATASET}.jsonl"), f"--port={port}",
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
      query = f"&dataset_name={STARTUP_DATASET}&requested_fields="
      example = {fields.PROMPT: STARTUP_PROMPT, fields.TARGET: STARTUP_TARGET}
      mask = _target_mask(url, "bench", STARTUP_DATASET, example)
      _post_json(f"{url}/get_preds?model={fields.salience_model_name('bench')}"
                 "&requested_types=TokenScores" + query,
                 _preds_body([example | {fields.TARGET_MASK: mask}]))
      salience = time.perf_counter()
      _post_json(f"{url}/get_preds?model=bench&requested_types=GeneratedText" + query,
                 _preds_body([{fields.PROMPT: STARTUP_PROMPT}]))
      generation = time.perf_counter()
    finally:
      proc.terminate()
      proc.wait(timeout=60)
  return {"serving": serving - started, "salience": salience - serving,
          "generation": generation - salience}


WARM_UP_DONE = ("warm-up compiled", "warm-up stopped")
VIEW_DATASET = "prompt_debugging_en"  # The page's first dataset (what person_view asks in).


def person_view(prompt: str, max_new_tokens: int, model: str = "base",
                wait_s: float = 1800) -> list[dict]:
  """Times what a person waits for on a freshly started default server, after its warm-up.

  Starts `python -m lit_app` with the default models (its own compilation cache) and waits
  until its log says the warm-up is done. Then, twice: asks `model` for an answer and for
  the salience of that whole answer in the default view (`grad_l2_share`, one gradient),
  each timed from request to response; first for the first bundled row (what the page
  opens, which the warm-up covers), then for `prompt` (a prompt a person typed).

  Args:
    prompt: the typed prompt's text.
    max_new_tokens: the server's `--max_new_tokens` (the answer's length, unless the model
      stops sooner).
    model: the served model asked.
    wait_s: the longest wait for the server and its warm-up.

  Returns:
    One dict per view: {"view": "first bundled row" or "typed prompt", "warm_up_s": process
    start until the warm-up was done, "prompt_tokens", "answer_tokens", "answer_s",
    "salience_s", "compiled": the server's "compiling ..." log lines for the view's two
    requests}.

  Raises:
    RuntimeError: the server exited, or did not finish its warm-up within `wait_s`.
  """
  from lit_app.datasets import loading
  first_row = loading.bundled()[VIEW_DATASET].examples[0]
  port = _free_port()
  url = f"http://127.0.0.1:{port}"
  cmd = [sys.executable, "-m", "lit_app", f"--port={port}", "--host=127.0.0.1",
         f"--max_new_tokens={max_new_tokens}"]
  started = time.perf_counter()
  views = []
  with tempfile.NamedTemporaryFile("w+", suffix=".log") as log_file, subprocess.Popen(
      cmd, stdout=log_file, stderr=subprocess.STDOUT) as proc:
    try:
      while not any(s in _read(log_file.name) for s in WARM_UP_DONE):
        if proc.poll() is not None:
          raise RuntimeError(f"the server exited with {proc.returncode}: {' '.join(cmd)}")
        if time.perf_counter() - started > wait_s:
          raise RuntimeError(f"no warm-up after {wait_s:.0f}s: {' '.join(cmd)}")
        time.sleep(0.5)
      warm = time.perf_counter() - started
      for name, example in (("first bundled row", dict(first_row)),
                            ("typed prompt", {fields.PROMPT: prompt})):
        log_before = len(_read(log_file.name))
        view = _answer_and_explain(url, model, example)
        compiled = _read(log_file.name)[log_before:].splitlines()
        views.append(view | {"view": name, "warm_up_s": warm, "compiled": [
            line[line.index("compiling "):] for line in compiled if "compiling " in line]})
    finally:
      proc.terminate()
      proc.wait(timeout=60)
  return views


def _answer_and_explain(url: str, model: str, example: dict) -> dict:
  """The answer to `example`'s prompt, then the salience of that whole answer (default
  view), each timed; the target mask comes from two tokenizer calls, as in the browser."""
  dataset = f"&dataset_name={VIEW_DATASET}"
  start = time.perf_counter()
  answer = _post_json(f"{url}/get_preds?model={model}&requested_types=GeneratedText"
                      f"{dataset}&requested_fields=", _preds_body([example]))[0]
  answer_s = time.perf_counter() - start
  example = example | {fields.TARGET: answer[fields.RESPONSE]}
  mask = _target_mask(url, model, VIEW_DATASET, example)
  start = time.perf_counter()
  _post_json(f"{url}/get_preds?model={fields.salience_model_name(model)}"
             f"&requested_types=TokenScores{dataset}&requested_fields={fields.GRAD_L2}_share",
             _preds_body([example | {fields.TARGET_MASK: mask}]))
  return {"answer_s": answer_s, "salience_s": time.perf_counter() - start,
          "prompt_tokens": mask.count(0.0), "answer_tokens": mask.count(1.0)}


def _target_mask(url: str, model: str, dataset: str, example: dict) -> list[float]:
  """0 on the prompt's tokens, 1 on the target's: two tokenizer calls to `model`'s
  tokenizer over HTTP (prompt alone, prompt and target), as the browser builds it."""
  tokens = (f"{url}/get_preds?model={fields.tokenizer_model_name(model)}&requested_types="
            f"Tokens&dataset_name={dataset}&requested_fields=")
  prompt_only = _post_json(tokens, _preds_body([{fields.PROMPT: example[fields.PROMPT]}]))
  both = _post_json(tokens, _preds_body([example]))
  n_prompt, n_all = len(prompt_only[0][fields.TOKENS]), len(both[0][fields.TOKENS])
  return [0.0] * n_prompt + [1.0] * (n_all - n_prompt)


def _read(path: str) -> str:
  with open(path, encoding="utf-8", errors="replace") as f:
    return f.read()
