"""A finding's page: prompt, each model's answer, per-token salience side by side, note.

The page is one self-contained HTML document (inline CSS, no scripts, no external
requests), so the same text is served at /findings/<id> and written as an export file
that opens offline. Hovering a prompt token shows its share of the prompt tokens' total.
"""

import datetime
import html
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from lit_app import fields
from lit_app.models.engine.families import chat
from lit_app.models.lit import tokens as tokens_lib

# Pieces that open a chat turn in any Gemma generation; the role word after one ("user",
# "model") is markup, not prompt.
TURN_OPENERS = frozenset(f.start_of_turn for f in (chat.GEMMA, chat.GEMMA4))


def _readable(piece: str) -> str:
  """A SentencePiece piece as text: the word mark becomes a space."""
  return piece.replace(tokens_lib.WORD_MARK, " ")

# What each method means, in plain words.
METHOD_WORDS = {
    fields.GRAD_L2: "how strongly each word drove the answer (darker: stronger)",
    fields.GRAD_DOT_INPUT: "whether each word pushed the answer up (green) or down (red)",
}

_CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #202124; margin: 24px auto; max-width: 1400px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; }
.meta, .legend { color: #5f6368; font-size: 13px; overflow-wrap: anywhere; }
.note { background: #fef7e0; border-left: 4px solid #f9ab00; padding: 8px 12px;
        white-space: pre-wrap; margin: 12px 0; }
.prompt { white-space: pre-wrap; background: #f8f9fa; padding: 8px 12px;
          border-radius: 4px; font-family: ui-monospace, Menlo, Consolas, monospace;
          font-size: 13px; }
.models { display: flex; gap: 16px; align-items: flex-start; }
.model { flex: 1 1 0; min-width: 0; border: 1px solid #dadce0; border-radius: 8px;
         padding: 12px 16px; }
.model h2 { font-size: 18px; margin: 0 0 4px; }
.answer { white-space: pre-wrap; border-left: 4px solid #1a73e8; padding: 4px 10px;
          margin: 4px 0 12px; background: #f1f6fe; }
.tokens { line-height: 2.1; white-space: pre-wrap; word-break: break-word; }
.tok { padding: 2px 1px; border-radius: 3px; }
.tok.target { border-bottom: 3px solid #1a73e8; border-radius: 0; }
.tok.answer-part { color: #5f6368; }
.top { font-size: 13px; margin: 8px 0 0; }
a.open { display: inline-block; margin: 8px 0; }
"""


def _share_texts(scores: Sequence[float], start: int, signed: bool
                 ) -> tuple[list[float], list[str]]:
  """Each prompt token's share of the prompt tokens' total (|scores| summed), as a
  number and as text; for signed methods, + means pushed the answer up."""
  prompt = [float(s) for s in scores[:start]]
  total = sum(abs(s) for s in prompt) or 1.0
  shares = [(-s if signed else s) / total for s in prompt]
  return shares, [f"{100 * s:+.1f}%" if signed else f"{100 * s:.1f}%" for s in shares]


def _color(share: float, peak: float, signed: bool) -> str:
  alpha = 0.0 if peak <= 0 else min(1.0, abs(share) / peak)
  if signed:
    rgb = "30, 142, 62" if share > 0 else "217, 48, 37"
  else:
    rgb = "103, 58, 183"
  return f"rgba({rgb}, {0.85 * alpha:.3f})"


def token_html(model: Mapping[str, Any], method: str) -> str:
  """The model's tokens: prompt tokens coloured by `method`, target tokens after them
  (the explained ones outlined)."""
  tokens, start = model["tokens"], model["target_start"]
  signed = method == fields.GRAD_DOT_INPUT
  shares, texts = _share_texts(model[method], start, signed)
  peak = max((abs(s) for s in shares), default=0.0)
  parts = []
  for i, token in enumerate(tokens):
    text = html.escape(_readable(token))
    if i < start:
      style = f"background: {_color(shares[i], peak, signed)}"
      tip = html.escape(f"{_readable(token).strip() or repr(token)}: {texts[i]}")
      parts.append(f'<span class="tok" style="{style}" title="{tip}" '
                   f'data-share="{texts[i]}">{text}</span>')
    else:
      cls = "tok target" if model["target_mask"][i] else "tok answer-part"
      parts.append(f'<span class="{cls}">{text}</span>')
  return "".join(parts)


def top_words(model: Mapping[str, Any], method: str, n: int = 3) -> list[tuple[str, str]]:
  """The `n` prompt words with the largest share (for signed methods: largest push up),
  chat markup left aside."""
  signed = method == fields.GRAD_DOT_INPUT
  shares, texts = _share_texts(model[method], model["target_start"], signed)
  tokens = model["tokens"]
  order = sorted(range(len(shares)), key=lambda i: -shares[i])
  words = []
  for i in order:
    word = _readable(tokens[i]).strip()
    role = i > 0 and _readable(tokens[i - 1]).strip() in TURN_OPENERS  # "user", "model"
    if word and not word.startswith("<") and not role:  # markup and byte pieces aside
      words.append((word, texts[i]))
    if len(words) == n:
      break
  return words


def lit_link(finding: Mapping[str, Any], example_id: str | None,
             dataset: str = "findings") -> str:
  """A LIT URL that opens the finding's example with its models selected."""
  names = [m["name"] for m in finding["models"]]
  params = {"models": ",".join(names), "dataset": dataset}
  if example_id:
    params |= {"selection": example_id, "primary": example_id}
  if len(names) > 1:
    params["layout"] = "compare"
  return "/?" + urlencode(params, safe=",")


def finding_html(finding: Mapping[str, Any], lit_url: str | None = None) -> str:
  """The finding's page as one HTML document. `lit_url`: link to open it in LIT."""
  method = finding["method"]
  created = datetime.datetime.fromtimestamp(finding.get("created", 0)).strftime(
      "%Y-%m-%d %H:%M")
  what = ("the model's answer" if finding["explain"] == "the model's answer"
          else "the example's target")
  if finding.get("words"):
    what = f"the words “{finding['words']}” of {what}"
  columns = []
  for model in finding["models"]:
    tops = ", ".join(f"<b>{html.escape(w)}</b> {s}" for w, s in top_words(model, method))
    columns.append(f"""
    <section class="model" data-model="{html.escape(model['name'])}">
      <h2>{html.escape(model['name'])}</h2>
      <div class="meta">{html.escape(model.get('description', ''))}</div>
      <div class="label">Answer</div>
      <div class="answer">{html.escape(model['response'])}</div>
      <div class="label">Which prompt words drove {html.escape(what)}
        (underlined below)</div>
      <div class="tokens">{token_html(model, method)}</div>
      <p class="top">Strongest: {tops or '—'}</p>
    </section>""")
  open_link = (f'<a class="open" href="{html.escape(lit_url)}">Open this finding in LIT</a>'
               if lit_url else "")
  note = finding.get("note") or ""
  title = f"Finding {finding.get('id', '')}"
  return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{_CSS}</style></head>
<body>
<h1>{html.escape(title)}</h1>
<div class="meta">Dataset <b>{html.escape(finding.get('dataset', ''))}</b> ·
  saved {created}{' by ' + html.escape(finding['author']) if finding.get('author') else ''}
  · models {html.escape(', '.join(m['name'] for m in finding['models']))}</div>
{f'<div class="note">{html.escape(note)}</div>' if note else ''}
{open_link}
<h3>Prompt</h3>
<div class="prompt">{html.escape(finding.get('prompt', ''))}</div>
<h3>Method: {html.escape(method)}</h3>
<p class="legend">Colours show {html.escape(METHOD_WORDS[method])}. Hover a word for its
share of the prompt words' total.</p>
<div class="models">{''.join(columns)}
</div>
</body></html>
"""


def index_html(findings: Sequence[Mapping[str, Any]]) -> str:
  """A list of all findings, newest first, linking to their pages."""
  rows = []
  for f in reversed(findings):
    rows.append(
        f'<li><a href="/findings/{f["id"]}">Finding {f["id"]}</a> · '
        f'{html.escape(f.get("dataset", ""))} · '
        f'{html.escape(", ".join(m["name"] for m in f["models"]))} · '
        f'{html.escape((f.get("note") or "")[:120])}</li>')
  return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Findings</title>
<style>{_CSS}</style></head><body><h1>Findings</h1>
<ul>{''.join(rows) or '<li>No findings yet.</li>'}</ul></body></html>
"""
