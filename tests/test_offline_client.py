"""The offline copy of LIT's client: rewritten page, vendored fonts, cache, served by LIT."""

import pathlib
import re

import pytest

from lit_app import offline_client


@pytest.fixture(scope="module")
def client_root(tmp_path_factory):
  return pathlib.Path(offline_client.prepare_client_root(str(tmp_path_factory.mktemp("cache"))))


def stock_index_html():
  return (offline_client.STOCK_CLIENT_ROOT / offline_client.INDEX_FILE).read_text()


def test_stock_page_fetches_fonts_from_the_internet():
  # The reason this module exists; if LIT stops doing this, the module can go.
  assert "fonts.googleapis.com" in stock_index_html()


def test_rewrite_swaps_the_four_external_stylesheets_for_one_local_one():
  html = offline_client.rewrite_index_html(stock_index_html())
  assert "googleapis" not in html and "gstatic" not in html
  assert html.count('href="static/fonts/fonts.css"') == 1
  assert '<script src="main.js"></script>' in html
  assert 'href="static/favicon.png"' in html
  # The local link takes the place of the first external one, ahead of the page's styles.
  assert html.index("static/fonts/fonts.css") < html.index("<style>")


def test_rewrite_adds_the_stylesheet_to_a_page_without_font_links():
  html = offline_client.rewrite_index_html("<html><head><title>x</title></head></html>")
  assert '<link href="static/fonts/fonts.css" rel="stylesheet">\n</head>' in html
  with pytest.raises(ValueError, match="static/index.html"):
    offline_client.rewrite_index_html("<html><body></body></html>")


def test_prepared_client_fetches_nothing_from_other_hosts(client_root):
  assert offline_client.find_runtime_fetches(client_root) == []
  assert (client_root / "main.js").is_file()
  assert "static/fonts/fonts.css" in (client_root / offline_client.INDEX_FILE).read_text()


def test_installed_package_is_left_untouched(client_root):
  del client_root  # built first
  assert "fonts.googleapis.com" in stock_index_html()
  assert not (offline_client.STOCK_CLIENT_ROOT / offline_client.FONTS_TARGET).exists()


def test_every_font_in_the_stylesheet_is_shipped_with_its_license(client_root):
  fonts = client_root / offline_client.FONTS_TARGET
  css = (fonts / "fonts.css").read_text()
  urls = set(re.findall(r"url\(([^)]+)\)", css))
  assert urls
  for url in urls:
    assert (fonts / url).is_file(), url
    assert (fonts / url).parent.joinpath("LICENSE").is_file(), url
  for family in ("Material Icons", "Material Icons Outlined", "Google Material Icons",
                 "Roboto", "Google Sans", "Share Tech Mono"):
    assert f"font-family: '{family}';" in css


def test_finds_fetches_but_not_links(tmp_path):
  (tmp_path / "static").mkdir()
  (tmp_path / "static" / "index.html").write_text(
      '<a href="https://example.com/docs">docs</a>\n'
      '<script src="https://cdn.example.com/x.js"></script>')
  (tmp_path / "style.css").write_text("@import 'https://cdn.example.com/a.css';")
  (tmp_path / "main.js").write_text('const docs = "https://pair-code.github.io/lit/";'
                                    'load("https://fonts.gstatic.com/s/x.woff2");')
  (tmp_path / "main.js.map").write_text('"https://fonts.gstatic.com/s/x.woff2"')
  found = offline_client.find_runtime_fetches(tmp_path)
  assert [path for path, _ in found] == ["main.js", "static/index.html", "style.css"]
  assert not any("example.com/docs" in address for _, address in found)


def test_copy_is_reused_and_keyed_by_lit_version(tmp_path, monkeypatch):
  first = offline_client.prepare_client_root(str(tmp_path))
  assert pathlib.Path(first).name.startswith(f"lit-{offline_client.lit_version()}-")

  def fail(target):
    raise AssertionError(f"rebuilt {target}")

  with monkeypatch.context() as patch:
    patch.setattr(offline_client, "build_client_root", fail)
    assert offline_client.prepare_client_root(str(tmp_path)) == first

  monkeypatch.setattr(offline_client, "lit_version", lambda: "9.9.9")
  second = offline_client.prepare_client_root(str(tmp_path))
  assert second != first and "lit-9.9.9-" in second
  assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_copy_finished_by_another_process_wins(tmp_path, monkeypatch):
  build = offline_client.build_client_root

  def build_while_another_finishes(target):
    build(target)
    other = tmp_path / f"lit-{offline_client.lit_version()}-{offline_client.assets_hash()}"
    build(other)

  monkeypatch.setattr(offline_client, "build_client_root", build_while_another_finishes)
  root = pathlib.Path(offline_client.prepare_client_root(str(tmp_path)))
  assert (root / offline_client.INDEX_FILE).is_file()
  assert [p.name for p in tmp_path.iterdir()] == [root.name]


def test_default_cache_follows_xdg(tmp_path, monkeypatch):
  monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
  root = offline_client.prepare_client_root()
  assert root.startswith(str(tmp_path / "gemma-lit" / "client"))


def test_lit_serves_the_copy_as_client_root(client_root):
  from lit_nlp import app as lit_nlp_app  # pylint: disable=g-import-not-at-top
  import werkzeug.test  # pylint: disable=g-import-not-at-top

  client = werkzeug.test.Client(
      lit_nlp_app.LitApp(models={}, datasets={}, client_root=str(client_root)))
  page = client.get("/")
  assert page.status_code == 200
  assert b'href="static/fonts/fonts.css"' in page.data
  css = client.get("/static/fonts/fonts.css")
  assert css.status_code == 200 and css.content_type.startswith("text/css")
  icons = client.get("/static/fonts/material-icons/material-icons.woff2")
  assert icons.status_code == 200 and icons.content_type == "font/woff2"
  assert icons.data[:4] == b"wOF2"
  assert client.get("/main.js").status_code == 200


def test_prepared_client_carries_the_patches_and_the_first_visit_guide(client_root):
  main = (client_root / "main.js").read_text()
  assert 'this.selectedSalienceMethod="grad_l2_share"' in main
  assert ("/^(grad_dot_input|integrated_gradients|occlusion|token_occlusion|"
          "contrastive_grad_dot_input)/.test(this.selectedSalienceMethod)") in main
  assert "CategoryLabel:[60,220]" in main
  index = (client_root / offline_client.INDEX_FILE).read_text()
  assert offline_client.FIRST_VISIT_KEY in index and "lit-documentation" in index


def test_a_patch_that_no_longer_matches_fails_the_build():
  with pytest.raises(RuntimeError, match="matched 0 times"):
    offline_client.patch_main_js("nothing to patch here")
