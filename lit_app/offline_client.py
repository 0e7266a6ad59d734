"""LIT's prebuilt web client, corrected to need nothing from the internet.

The stock page (`static/index.html` in the lit_nlp wheel's client build) loads its icon and
text fonts from fonts.googleapis.com. Offline, icons then render as their names
("arrow_drop_down") and text falls back to serif. `prepare_client_root()` builds a copy of
the client whose page loads the fonts vendored in `lit_app/static/fonts/` instead, and
returns its path for LIT's `client_root=` argument. The installed package is never edited.

The same copy carries a few corrections of the prebuilt client that LIT's Python API
cannot make (CLIENT_PATCHES, each applied to `main.js` exactly once or the build fails):
readable shares as the default salience method, two-colour palette for every signed
method, template parts without ": undefined", data-table columns wide enough for their
names. And its page opens the welcome guide on a browser's first visit (FIRST_VISIT_JS).

The copy lives in a cache folder keyed by the LIT version and a hash of our assets and of
this module, so it is built once (about 20 MB, well under a second) and then reused.
"""

import hashlib
from importlib import metadata
import json
import os
import pathlib
import re
import shutil
import sys
import tempfile

import lit_nlp

from lit_app.models.lit import methods

STOCK_CLIENT_ROOT = pathlib.Path(lit_nlp.__file__).parent / 'client' / 'build' / 'default'
FONTS_DIR = pathlib.Path(__file__).parent / 'static' / 'fonts'

# Paths inside a client root. LIT serves INDEX_FILE at '/', so the page's relative links
# resolve against the root: the stylesheet link is FONTS_TARGET/fonts.css.
INDEX_FILE = 'static/index.html'
MAIN_JS = 'main.js'
FONTS_TARGET = 'static/fonts'
FONTS_STYLESHEET_HREF = f'{FONTS_TARGET}/fonts.css'

# Hosts the stock page fetches from at runtime.
FONT_HOSTS = ('fonts.googleapis.com', 'fonts.gstatic.com')

_EXTERNAL_FONT_LINK = re.compile(
    r'[ \t]*<link\b[^>]*\bhref=["\']https?://(?:%s)[^"\']*["\'][^>]*>[ \t]*\n?'
    % '|'.join(re.escape(host) for host in FONT_HOSTS),
    re.IGNORECASE,
)

# What a browser would fetch by itself: tags with an external src/href, CSS url()/@import
# of an external address, or any mention of a font host. Links a user clicks (LIT's
# documentation, GitHub) are not fetches and are left alone.
_RUNTIME_FETCH_PATTERNS = {
    '.html': re.compile(
        r'<(?:link|script|img|iframe|source)\b[^>]*\b(?:src|href)=["\'](?:https?:)?//[^"\']+'
        r'|(?:https?:)?//(?:%s)[^"\'\s)]*' % '|'.join(map(re.escape, FONT_HOSTS)),
        re.IGNORECASE,
    ),
    '.css': re.compile(
        r'(?:url\(\s*["\']?|@import\s+["\'])(?:https?:)?//[^"\'\s)]+', re.IGNORECASE),
    '.js': re.compile(
        r'(?:https?:)?//(?:%s)[^"\'\s)`]*' % '|'.join(map(re.escape, FONT_HOSTS)),
        re.IGNORECASE,
    ),
}


# The LM Salience module's cache key part for its selected method: the costly method that
# computes the field (methods.FIELDS_OF; a `_share` counts as its field), or "" for the
# gradient fields, which every salience answer holds.
_METHOD_KEY_JS = '(%s)[(this.selectedSalienceMethod||"").replace(/_share$/,"")]||""' % (
    json.dumps({f: m for m, names in methods.FIELDS_OF.items() for f in names},
               separators=(",", ":")))

# (what it fixes, pattern in LIT 1.3.1's minified main.js, replacement).
CLIENT_PATCHES = (
    ('Sequence Salience starts on the readable shares, not raw gradient sizes',
     re.compile(r'this\.selectedSalienceMethod="grad_l2",'),
     'this.selectedSalienceMethod="grad_l2_share",'),
    ('every signed method (grad_dot_input, integrated gradients, occlusion, contrastive '
     'grad·input; raw and share) gets the signed, two-colour palette',
     re.compile(r'"grad_dot_input"===this\.selectedSalienceMethod\?'),
     '/^(grad_dot_input|integrated_gradients|occlusion|token_occlusion|'
     'contrastive_grad_dot_input)/.test(this.selectedSalienceMethod)?'),
    ('Salience Maps: a feature that is not a data field shows its name, not "name: undefined"',
     re.compile(r'(\w+)=(\w+)\.map\(\((\w+)=>`\$\{\3\}: \$\{(\w+)\[\3\]\}`\)\)'),
     r'\1=\2.map((\3=>\3 in \4?`${\3}: ${\4[\3]}`:\3))'),
    ('LM Salience: results are kept per target span and costly method (a click asks the '
     'server only for the method on screen, see _METHOD_KEY_JS)',
     re.compile(r'spanToKey\((\w+)\)\{return`\$\{\1\[0\]\}:\$\{\1\[1\]\}`\}'),
     lambda m: (f'spanToKey({m[1]}){{return`${{{m[1]}[0]}}:${{{m[1]}[1]}}'
                f'|${{{_METHOD_KEY_JS}}}`}}')),
    ('LM Salience: the salience request names the method on screen (requested_fields), '
     'so the server computes it and nothing costlier',
     re.compile(r'(this\.salienceModelName,this\.appState\.currentDataset,\[[\w.$]+\],)\[\]'),
     r'\1[this.selectedSalienceMethod]'),
    ('LM Salience: choosing another method fetches it when it is not there yet',
     re.compile(r'this\.reactImmediately\(\(\(\)=>this\.targetTokenSpan\),'
                r'\((\w+)=>\{this\.fetchSalience\(\1\)\}\)\)'),
     'this.reactImmediately((()=>[this.targetTokenSpan,this.selectedSalienceMethod]),'
     '(()=>{this.fetchSalience(this.targetTokenSpan)}))'),
    ('Data Table: label and flag columns wide enough for names like "contaminated"',
     re.compile(r'CategoryLabel:\[60,100\],BooleanLitType:\[60,100\]'),
     'CategoryLabel:[60,220],BooleanLitType:[60,220]'),
)

# Opens the welcome guide on the first visit of a browser: LIT's own `doc_open` URL flag is
# read after its guide has been drawn, so the script waits for the guide element (inside
# LIT's shadow roots) and calls its open().
FIRST_VISIT_KEY = 'gemma-lit-guide-seen'
FIRST_VISIT_JS = (
    '<script>(function(){try{var k="%s";if(localStorage.getItem(k))return;'
    'var find=function(r){var d=r.querySelector("lit-documentation");if(d)return d;'
    'for(var e of r.querySelectorAll("*")){if(e.shadowRoot){d=find(e.shadowRoot);'
    'if(d)return d;}}return null;};var tries=0,t=setInterval(function(){'
    'var d=find(document);if((d&&d.open&&d.shadowRoot&&d.shadowRoot.querySelector("#doc"))'
    '||++tries>600){clearInterval(t);if(d&&d.open){d.open();'
    'localStorage.setItem(k,"1");}}},200);}catch(e){}})();</script>\n'
    % FIRST_VISIT_KEY)


def patch_main_js(js: str) -> str:
  """Applies CLIENT_PATCHES; raises RuntimeError naming any that does not match once."""
  for what, pattern, replacement in CLIENT_PATCHES:
    js, count = pattern.subn(replacement, js)
    if count != 1:
      raise RuntimeError(f'LIT {lit_version()} client: patch "{what}" matched {count} '
                         'times (expected once); update lit_app/offline_client.py')
  return js


def default_cache_dir() -> pathlib.Path:
  base = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
  return pathlib.Path(base) / 'gemma-lit' / 'client'


def lit_version() -> str:
  return metadata.version('lit-nlp')


def assets_hash() -> str:
  """Hash of everything that shapes the copy besides the LIT version."""
  digest = hashlib.sha256()
  sources = [STOCK_CLIENT_ROOT / INDEX_FILE, pathlib.Path(__file__), pathlib.Path(methods.__file__)]
  sources += sorted(p for p in FONTS_DIR.rglob('*') if p.is_file())
  for path in sources:
    name = path.relative_to(FONTS_DIR) if path.is_relative_to(FONTS_DIR) else path.name
    digest.update(str(name).encode() + b'\0' + path.read_bytes() + b'\0')
  return digest.hexdigest()[:16]


def rewrite_index_html(html: str) -> str:
  """Replaces the external font stylesheets with one link to our local stylesheet."""
  local_link = (f'  {FIRST_VISIT_JS}'
                f'  <link href="{FONTS_STYLESHEET_HREF}" rel="stylesheet">\n')
  match = _EXTERNAL_FONT_LINK.search(html)
  if match:
    html = html[:match.start()] + local_link + html[match.start():]
    return _EXTERNAL_FONT_LINK.sub('', html)
  if '</head>' not in html:
    raise ValueError(f'{INDEX_FILE}: found neither font links nor </head> to add ours to')
  return html.replace('</head>', local_link + '</head>', 1)


def find_runtime_fetches(client_root: str | os.PathLike) -> list[tuple[str, str]]:
  """(relative path, address) of every external fetch left in a client folder."""
  root = pathlib.Path(client_root)
  found = []
  for path in sorted(root.rglob('*')):
    pattern = _RUNTIME_FETCH_PATTERNS.get(path.suffix)
    if pattern is None or not path.is_file():
      continue
    text = path.read_text(encoding='utf-8', errors='replace')
    found += [(str(path.relative_to(root)), m.group(0)) for m in pattern.finditer(text)]
  return found


def build_client_root(target: str | os.PathLike) -> None:
  """Writes the corrected client into `target`, which must not exist yet."""
  target = pathlib.Path(target)
  shutil.copytree(STOCK_CLIENT_ROOT, target)
  index = target / INDEX_FILE
  index.write_text(rewrite_index_html(index.read_text(encoding='utf-8')), encoding='utf-8')
  main = target / MAIN_JS
  main.write_text(patch_main_js(main.read_text(encoding='utf-8')), encoding='utf-8')
  shutil.copytree(FONTS_DIR, target / FONTS_TARGET)
  leftovers = find_runtime_fetches(target)
  if leftovers:
    listed = '\n'.join(f'  {path}: {address}' for path, address in leftovers)
    raise RuntimeError(
        f'LIT {lit_version()} client still fetches from other hosts after the rewrite '
        f'(teach lit_app/offline_client.py about them):\n{listed}')


def prepare_client_root(cache_dir: str | None = None) -> str:
  """Returns the path of an offline-ready LIT client folder, building it once.

  Args:
    cache_dir: where the copies live; default `$XDG_CACHE_HOME/gemma-lit/client` (or
      `~/.cache/...`). Each copy is named by the LIT version and our asset hash, so
      stale copies are never reused and may be deleted at any time.
  """
  cache = pathlib.Path(cache_dir) if cache_dir else default_cache_dir()
  target = cache / f'lit-{lit_version()}-{assets_hash()}'
  if target.is_dir():
    return str(target)
  cache.mkdir(parents=True, exist_ok=True)
  # Build beside the target, then rename: readers never see a half-built copy, and
  # servers starting at the same time both end up with a complete one.
  staging = pathlib.Path(tempfile.mkdtemp(prefix='.building-', dir=cache))
  try:
    build_client_root(staging / 'client')
    try:
      os.rename(staging / 'client', target)
    except OSError:
      if not target.is_dir():
        raise
  finally:
    shutil.rmtree(staging, ignore_errors=True)
  return str(target)


if __name__ == '__main__':
  print(prepare_client_root(*sys.argv[1:2]))
