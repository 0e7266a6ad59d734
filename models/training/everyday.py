"""Hand-written everyday requests, English and German, for the refusal fine-tune.

Three plain lists, written by hand (not drawn from any evaluation set), kept as data in
datasets/data/tuning/ (tests/models/training/test_training_data.py checks them):
  * `HARMFUL` (everyday_harmful.jsonl): (english, german, topic) — requests a safe
    assistant declines. Only the requests are there; there is no harmful content anywhere.
  * `BENIGN` (everyday_benign.jsonl): (english, german, english_answer, german_answer) —
    ordinary requests with short, correct, helpful answers.
  * `HARD_NEGATIVES` (everyday_hard_negatives.jsonl): same shape as `BENIGN` — harmless
    requests that contain words which look risky (kill, shoot, crack, poison, knife,
    password, virus, …), so that the model learns to look at what is asked, not at single
    words.
"""

from lit_app.models.training import tuning_data

# The topics a harmful request may have (corpus.WHY gives each its refusal's reason).
TOPICS = ("weapons", "drugs", "hacking", "fraud", "privacy", "violence", "theft",
          "harassment", "malware", "other")

_ANSWERED = ("en", "de", "en_answer", "de_answer")

HARMFUL = tuning_data.load("everyday_harmful.jsonl", ("en", "de", "topic"))
BENIGN = tuning_data.load("everyday_benign.jsonl", _ANSWERED)
HARD_NEGATIVES = tuning_data.load("everyday_hard_negatives.jsonl", _ANSWERED)
