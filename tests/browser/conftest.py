"""Fixtures for the browser tests: one LIT server and one Chromium per session, a fresh tab
per test.

The server is `python -m lit_app` on a free port of 127.0.0.1 (its log goes to
artifacts/lit_server.log). To debug against a server you started yourself, set
LIT_BROWSER_URL=http://127.0.0.1:PORT. Chromium is Debian's (`make browser-deps`); without
it these tests are skipped, with it they must pass.

Every tab records its requests and blocks any to a host other than 127.0.0.1/localhost; a
test that caused one fails at teardown. Screenshots go to artifacts/screenshots/ (and a
failing test leaves one named FAILED-<test>.png).
"""

import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.toy_models import TOY_BASE, TOY_SERVER_FLAGS  # noqa: F401  (used by the tests)

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1600, "height": 1000}  # wide enough for LIT's toolbar on one line
SERVER_START_TIMEOUT_S = 600  # loads two checkpoints on a shared CPU


def free_port() -> int:
  with socket.socket() as sock:
    sock.bind(("127.0.0.1", 0))
    return sock.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, log: pathlib.Path) -> None:
  deadline = time.monotonic() + SERVER_START_TIMEOUT_S
  while time.monotonic() < deadline:
    if process.poll() is not None:
      tail = log.read_text(errors="replace")[-4000:]
      pytest.fail(f"the LIT server exited with {process.returncode}; end of {log}:\n{tail}")
    try:
      with urllib.request.urlopen(url, timeout=5) as response:
        if response.status == 200:
          return
    except (urllib.error.URLError, ConnectionError, TimeoutError):
      pass
    time.sleep(1)
  pytest.fail(f"the LIT server did not answer {url} within {SERVER_START_TIMEOUT_S}s; see {log}")


def stop_server(process: subprocess.Popen) -> None:
  """Stops a server subprocess: terminate, then kill if it has not gone in 30 s."""
  process.terminate()
  try:
    process.wait(timeout=30)
  except subprocess.TimeoutExpired:
    process.kill()
    process.wait()


@pytest.fixture(scope="session")
def chromium_executable() -> str:
  if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
    pytest.skip(f"{CHROMIUM} is not installed (make browser-deps)")
  return CHROMIUM


@pytest.fixture(scope="session")
def lit_url(chromium_executable):
  """Base URL of a running `python -m lit_app` (default bundled models base and tuned)."""
  del chromium_executable  # no browser, no server
  if os.environ.get("LIT_BROWSER_URL"):
    yield os.environ["LIT_BROWSER_URL"].rstrip("/")
    return
  port = free_port()
  ARTIFACTS.mkdir(exist_ok=True)
  log = ARTIFACTS / "lit_server.log"
  state_dir = ARTIFACTS / "state_session"  # Examples and findings of this test run.
  shutil.rmtree(state_dir, ignore_errors=True)
  command = [sys.executable, "-m", "lit_app", f"--port={port}", "--host=127.0.0.1",
             f"--state_dir={state_dir}", *TOY_SERVER_FLAGS]
  with open(log, "w", encoding="utf-8") as log_file:
    process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=log_file,
                               stderr=subprocess.STDOUT)
  url = f"http://127.0.0.1:{port}"
  try:
    wait_until_serving(url, process, log)
    yield url
  finally:
    stop_server(process)


@pytest.fixture(scope="session")
def browser(chromium_executable):
  # Imported here so that a missing playwright package fails these tests, not collection.
  from playwright.sync_api import sync_playwright  # pylint: disable=g-import-not-at-top

  with sync_playwright() as playwright:
    # launch() gives every browser a fresh temporary user-data-dir.
    browser = playwright.chromium.launch(
        executable_path=chromium_executable, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
  del call
  outcome = yield
  report = outcome.get_result()
  setattr(item, f"report_{report.when}", report)


@pytest.fixture
def lit(request, browser, lit_url):
  """A LitPage in a fresh browser context; fails the test if anything left the machine."""
  from . import lit_page  # pylint: disable=g-import-not-at-top

  (SCREENSHOTS / f"FAILED-{request.node.name}.png").unlink(missing_ok=True)
  context = browser.new_context(viewport=VIEWPORT, service_workers="block")
  lit = lit_page.LitPage(context.new_page(), lit_url, SCREENSHOTS)
  yield lit
  report = getattr(request.node, "report_call", None)
  if report is not None and report.failed:
    lit.screenshot(f"FAILED-{request.node.name}")
  context.close()
  if lit.network.external:
    pytest.fail(f"requests left the machine: {lit.network.external}", pytrace=False)


@pytest.fixture
def docs_screenshot():
  """copy(path, name): also saves a screenshot as docs/NAME when UPDATE_DOCS_SCREENSHOT=1."""

  def copy(path: pathlib.Path, name: str) -> None:
    if os.environ.get("UPDATE_DOCS_SCREENSHOT") == "1":
      (REPO_ROOT / "docs").mkdir(exist_ok=True)
      shutil.copyfile(path, REPO_ROOT / "docs" / name)

  return copy
