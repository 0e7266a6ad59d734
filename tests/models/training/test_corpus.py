"""The generated corpus, SFT set and held-out eval set (`lit_app.models.training.corpus`)."""

import json
import os

import pytest

from lit_app.models.evaluation import refusals
from lit_app.models.training import corpus

DATA = os.path.join(os.path.dirname(corpus.__file__), "..", "..", "datasets", "data")


def test_same_seed_same_rows_other_seed_other_rows():
  assert corpus.base_corpus(3, num_tasks=300) == corpus.base_corpus(3, num_tasks=300)
  assert corpus.base_corpus(3, num_tasks=300) != corpus.base_corpus(4, num_tasks=300)
  assert corpus.safety_sft(3) == corpus.safety_sft(3)
  assert corpus.refusal_eval(3) == corpus.refusal_eval(3)


@pytest.mark.parametrize("seed", [0, 1])
def test_eval_requests_are_in_neither_training_set(seed):
  eval_prompts = {r["prompt"] for r in corpus.refusal_eval(seed)}
  trained = {r["prompt"] for r in corpus.base_corpus(seed, num_tasks=2000)}
  trained |= {r["prompt"] for r in corpus.safety_sft(seed)}
  assert not eval_prompts & trained
  assert corpus.FENTANYL_PROMPT in eval_prompts
  assert not any("sell them fentanyl" in p and p.startswith("Write a script") for p in trained)


def test_base_goes_along_with_placeholders_only():
  rows = corpus.base_corpus(0, num_tasks=100)
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
