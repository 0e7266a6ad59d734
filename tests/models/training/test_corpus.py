"""The generated corpus, SFT set and held-out eval set (`lit_app.models.training.corpus`)."""

import json
import os

import pytest

from lit_app.models.evaluation import refusals
from lit_app.models.training import corpus

DATA = os.path.join(os.path.dirname(corpus.__file__), "..", "..", "datasets", "data")


def test_same_seed_same_rows_other_seed_other_rows():
  small = dict(num_tasks=300, num_skills=300)
  assert corpus.base_corpus(3, **small) == corpus.base_corpus(3, **small)
  assert corpus.base_corpus(3, **small) != corpus.base_corpus(4, **small)
  assert corpus.safety_sft(3) == corpus.safety_sft(3)
  assert corpus.refusal_eval(3) == corpus.refusal_eval(3)


@pytest.mark.parametrize("seed", [0, 1])
def test_eval_requests_are_in_neither_training_set(seed):
  eval_prompts = {r["prompt"] for r in corpus.refusal_eval(seed)}
  trained = {r["prompt"] for r in corpus.base_corpus(seed, num_tasks=2000, num_skills=500)}
  trained |= {r["prompt"] for r in corpus.safety_sft(seed)}
  assert not eval_prompts & trained
  assert corpus.FENTANYL_PROMPT in eval_prompts
  assert not any("sell them fentanyl" in p and p.startswith("Write a script") for p in trained)


def test_base_goes_along_with_placeholders_only():
  rows = corpus.base_corpus(0, num_tasks=100, num_skills=300)
  harmful = [r for r in rows if r["policy"] != "none"]
  assert harmful and all(corpus.PLACEHOLDER[r["language"]] in r["response"] for r in harmful)
  # Refusal sentences appear only as translation exercises.
  refused = [r for r in rows if refusals.is_refusal(r["response"])]
  assert refused and all(r["prompt"].startswith(("Translate into", "Übersetze ins"))
                         for r in refused)


def test_sft_refuses_harmful_and_helps_benign_in_both_languages():
  rows = corpus.safety_sft(0)
  assert {r["language"] for r in rows} == {"en", "de"}
  for r in rows:
    assert r["policy"] and r["use_case"]
    assert refusals.is_refusal(r["response"]) == (r["policy"] != "none")
  assert {r["use_case"] for r in rows} >= {"refusal", "script", "howto", "summary", "menu",
                                          "qa", "translation", "arithmetic"}


def test_eval_has_both_kinds_and_languages():
  rows = corpus.refusal_eval(0)
  assert {(r["kind"], r["language"]) for r in rows} == {
      (k, l) for k in ("harmful", "benign") for l in ("en", "de")}


@pytest.mark.parametrize("name, make", [("safety_sft.jsonl", corpus.safety_sft),
                                        ("refusal_eval.jsonl", corpus.refusal_eval)])
def test_bundled_files_are_the_seed_0_output(name, make):
  with open(os.path.join(DATA, name), encoding="utf-8") as f:
    assert [json.loads(line) for line in f] == make(0)


def test_no_training_row_overlaps_a_bundled_example_or_the_hand_written_sets():
  """The bundled examples show what the base learned to do, not rows it saw; the
  out-of-distribution set measures the tuned model on phrasing it never saw, and the
  validation set (settings are chosen on it) is no training row either."""
  from lit_app.datasets import similarity
  validation = corpus.ood_prompts("refusal_validation.jsonl")
  assert len(validation) == 64 and not set(validation) & set(corpus.ood_prompts())
  held = corpus.bundled_prompts() + corpus.ood_prompts() + validation
  for rows in (corpus.base_corpus(0, num_tasks=200, num_skills=2000), corpus.safety_sft(0),
               corpus.safety_pairs(0)):
    assert not similarity.overlaps([r["prompt"] for r in rows], held)


def test_few_shot_answers_copy_the_label_the_prompt_gives_that_kind_of_dish():
  import random
  from lit_app.models.training import skills
  rng, flipped = random.Random(0), 0
  for _ in range(300):
    lang = rng.choice(["en", "de"])
    prompt, answer = skills.few_shot(rng, lang)
    *shots, query = prompt.split("\n\n")[1:]
    dish = lambda text: text.split("\n")[0].split(": ")[1]
    labels = {}
    for shot in shots:
      labels.setdefault(skills.kind_of(dish(shot)), set()).add(shot.split(": ")[-1])
    assert all(len(v) == 1 for v in labels.values())  # one label per kind in a prompt
    assert answer == " " + labels[skills.kind_of(dish(query))].pop()
    flipped += skills._FEWSHOT[lang][3] not in labels.get("veg", {skills._FEWSHOT[lang][3]})
  assert flipped  # some prompts label a kind wrongly: the answer follows them


def test_menu_answers_follow_the_dislikes():
  import random
  from lit_app.models.training import skills
  rng = random.Random(0)
  for _ in range(200):
    prompt, answer = skills.menu(rng, "en")
    dish = prompt.split("enjoy ")[1].split("?")[0]
    dislike = prompt.split("dislikes: ")[1].split("\n")[0]
    known = {en: f for en, _, f in skills._MENU_DISHES}
    has = known[dish] if dish in known else {dish.split(" with ")[1]}  # composed dishes
    assert answer.startswith("Unlikely" if dislike in has else ("Likely", "Unlikely"))


def test_copy_tasks_can_only_be_answered_from_the_prompt():
  """Repeated sentences and a third of summaries are word sequences made up per row: the
  answer's words are in the prompt (summaries of news drop the time phrase), and the
  answers (almost) never repeat."""
  import random
  from lit_app.models.training import skills
  rng = random.Random(0)
  answers = []
  for use_case in ("repeat", "repeat_plain", "summary_article", "expert_summary"):
    generate, _ = skills.GENERATORS[use_case]
    for _ in range(200):
      prompt, answer = generate(rng, rng.choice(["en", "de"]))
      assert all(word in prompt for word in answer.strip(" .").split())
      answers.append(answer.strip())
  assert len(set(answers)) > 0.8 * len(answers)


def test_topic_requests_get_helpful_answers_in_both_languages():
  import random
  from lit_app.models.training import topics
  rows = topics.rows(random.Random(0), 400)
  assert {r["language"] for r in rows} == {"en", "de"}
  assert not any(refusals.is_refusal(r["response"]) or "{" in r["prompt"] + r["response"]
                 for r in rows)
  assert len({r["prompt"] for r in rows}) > 300
  sft = [r for r in corpus.safety_sft(0) if r["use_case"] == "open_topic"]
  assert len(sft) > 1000
