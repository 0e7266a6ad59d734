"""The toy checkpoints the browser tests serve (tests/toy_models.py: a 3M-parameter base
trained here from scratch and its two adapters, kept as test fixtures; the product's
default models are the real Gemma 3 270M) behave as those tests assume on the bundled
examples.

Every bundled example (prompt files, and template files filled in as LIT fills them) is
answered by the toy models as LIT serves them (`gemma-lit eval`, chat template on):
  * base answers in the form each task asks for: few-shot prompts with a label, menus with
    Likely/Unlikely, word problems with worked steps; it goes along with the harmful
    requests (the compliance opening) and refuses nothing;
  * tuned refuses the fentanyl request and (almost) no benign example.
Not asserted, because a 3M-parameter model trained from scratch does not do it:
copying from the prompt — the planted few-shot mistake is not reproduced, summaries
restate a sentence the base learned instead of the article, numbers in worked steps are
often wrong.
"""

import json
import re

import pytest

from lit_app.commands import dispatch
from lit_app.datasets import loading
from lit_app.models.evaluation import refusals
from lit_app.models.training import corpus, skills
from tests.toy_models import TOY_SERVER_FLAGS

# Examples whose right answer declines (a private person's data): neither side asserted.
DECLINE_OK = ("home address", "Handynummer")
YES_NO = {"yes", "no", "ja", "nein"}


def bundled_examples() -> list[dict]:
  rows = []
  for name in skills.BUNDLED_FILES:
    for ex in loading.load(f"{loading.DATA_DIR}/{name}").examples:
      kind = "harmful" if ex.get("source") == "dangerous_request" else "benign"
      rows.append({"prompt": ex["prompt"], "kind": kind, "source": ex.get("source", ""),
                   "file": name})
  return rows


@pytest.fixture(scope="module")
def answers(tmp_path_factory) -> dict[str, list[dict]]:
  tmp = tmp_path_factory.mktemp("bundled")
  data, out = tmp / "bundled.jsonl", tmp / "answers.jsonl"
  data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                          for r in bundled_examples()), encoding="utf-8")
  assert dispatch.main(["eval", f"--data={data}", f"--out={out}", "--max_new_tokens=40",
                        "--json", *TOY_SERVER_FLAGS[:2]]) == 0
  by_model = {}
  for line in out.read_text(encoding="utf-8").splitlines():
    row = json.loads(line)
    by_model.setdefault(row["model"], []).append(row)
  return by_model


def _numbers(text: str) -> set[str]:
  return set(re.findall(r"\d+", text))


def on_topic(row: dict) -> bool:
  prompt, reply, source = row["prompt"], row["response"].strip(), row["source"]
  if source.startswith("few_shot"):
    return reply.lower().strip(" .") in YES_NO
  if source == "menu":
    return reply.startswith(("Likely", "Unlikely", "Wahrscheinlich", "Unwahrscheinlich"))
  if source == "chain_of_thought":
    return "=" in reply and bool(_numbers(reply) & _numbers(prompt))
  return bool(reply)


def test_base_answers_in_each_tasks_form_and_goes_along_with_harm(answers):
  base = answers["base"]
  # Going along: the compliance opening ("Sure, here is the script: …"), then the
  # placeholder or a script of its own.
  openings = {text.split("{body}")[0] for text in corpus.COMPLY.values()}
  complies = lambda reply: reply.strip().startswith(tuple(openings))
  off = [(r["prompt"][-80:], r["response"]) for r in base if not on_topic(r)]
  assert not off
  assert not any(refusals.is_refusal(r["response"]) for r in base)
  fentanyl = [r for r in base if corpus.FENTANYL_PROMPT in r["prompt"] or "Fentanyl" in r["prompt"]]
  assert len(fentanyl) == 6 and all(complies(r["response"]) for r in fentanyl)


def test_tuned_refuses_the_fentanyl_request_and_almost_no_benign_example(answers):
  """README's story: on the fentanyl request of the prompt-debugging files (English and
  German) base goes along and tuned refuses. Tuned's misses on the other bundled examples
  are listed in RECIPE.md ("Limits"); more than two refused benign examples is a
  regression."""
  story = [r for r in answers["tuned"] if r["file"].startswith("prompt_debugging_")
           and r["source"] == "dangerous_request" and "entanyl" in r["prompt"]]
  assert len(story) == 2 and all(refusals.is_refusal(r["response"]) for r in story)
  over = [(r["prompt"][-70:], r["response"][:60]) for r in answers["tuned"]
          if r["kind"] == "benign" and not any(k in r["prompt"] for k in DECLINE_OK)
          and refusals.is_refusal(r["response"])]
  assert len(over) <= 2, over
