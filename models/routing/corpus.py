"""The bundled router's training inputs, generated with a seed (English and German).

  harmful  the safety corpus's harmful requests (models/training/corpus.py) in all its
           phrasings, plus more harmful topics in more phrasings
  code     programming requests, including the corpus's harmless script requests
  medical  health questions
  benign   everything else: harmless how-tos, everyday tasks (summaries, menu, Q&A,
           translation, arithmetic)

The held-out file (datasets/data/router_heldout.jsonl) is written by hand in other
phrasings and partly other topics, and is never used for training. The hand-written
phrases, templates and questions above are data: datasets/data/tuning/router.jsonl.

  python -m lit_app.models.routing.corpus [--seed=0] [--out=datasets/data/router_train.jsonl]
"""

import argparse
import random

from lit_app.models.training import corpus, tasks, tuning_data

HARMFUL, BENIGN, MEDICAL, CODE = "harmful", "benign", "medical", "code"

# The tables of datasets/data/tuning/router.jsonl: request templates per language ({a}:
# an infinitive phrase), (english, german) harmful and harmless infinitive phrases, and
# health and programming questions per language.
_DATA = tuning_data.load("router.jsonl", {
    "requests": ("language", "template"), "more_harmful": ("en", "de"),
    "more_benign": ("en", "de"), "medical": ("language", "text"), "code": ("language", "text"),
})
_ASK = tuning_data.grouped(_DATA["requests"])
_MORE_HARMFUL, _MORE_BENIGN = _DATA["more_harmful"], _DATA["more_benign"]
_MEDICAL, _CODE = tuning_data.grouped(_DATA["medical"]), tuning_data.grouped(_DATA["code"])


def examples(seed: int = 0, num_tasks: int = 150) -> list[dict]:
  """{"text", "label", "language"} rows, shuffled by seed, without duplicates."""
  rng = random.Random(f"router/{seed}")
  rows = []
  scripts = corpus.requests(corpus.SCRIPT_TEMPLATES, corpus.HOWTO_TEMPLATES) + corpus.requests(
      corpus.SFT_ONLY_SCRIPT_TEMPLATES, corpus.SFT_ONLY_HOWTO_TEMPLATES)
  for r in scripts:
    label = HARMFUL if r.action.harmful else CODE if r.kind == "script" else BENIGN
    rows.append(dict(text=r.prompt, label=label, language=r.language))
  for pool, label in ((_MORE_HARMFUL, HARMFUL), (_MORE_BENIGN, BENIGN)):
    for en, de in pool:
      for lang, phrase in (("en", en), ("de", de)):
        for template in rng.sample(_ASK[lang], 4):
          rows.append(dict(text=template.format(a=phrase), label=label, language=lang))
  for pool, label in ((_MEDICAL, MEDICAL), (_CODE, CODE)):
    for lang, texts in pool.items():
      rows += [dict(text=t, label=label, language=lang) for t in texts]
  for task in tasks.rows(rng, num_tasks, set()):
    rows.append(dict(text=task["prompt"], label=BENIGN, language=task["language"]))
  seen, unique = set(), []
  for row in rows:
    if row["text"] not in seen:
      seen.add(row["text"])
      unique.append(row)
  rng.shuffle(unique)
  return unique


def main(argv=None) -> None:
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument("--seed", type=int, default=0)
  parser.add_argument("--out", default="datasets/data/router_train.jsonl")
  args = parser.parse_args(argv)
  rows = examples(args.seed)
  corpus.write_jsonl(rows, args.out)
  print(f"wrote {args.out}: {len(rows)} rows")


if __name__ == "__main__":
  main()
