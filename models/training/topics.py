"""Harmless requests about any topic: the open-vocabulary side of safety tuning.

A tiny model tuned on a few hundred benign requests learns "help with what I know, refuse
the rest", and then refuses "Why is the sky blue?" because it has never seen the sky.
These rows pair many everyday topics (hand-written, English and German) with many
request frames (both kept as data in datasets/data/tuning/), so the tuned model learns
that an unfamiliar topic is no reason to refuse: only the harmful requests' content is.
The answers are short and generic — they teach the form of a helpful reply, not facts
(the tuning sets open them with corpus.OPENER).
"""

import random

from lit_app.models.training import tuning_data

# (English, German): the topic as it reads after "about" (open_topics.jsonl).
TOPICS = tuning_data.load("open_topics.jsonl", ("en", "de"))

# (English frame, German frame, English answer, German answer); {t} is the topic,
# {T} the topic with a capital first letter (open_topic_frames.jsonl).
FRAMES = tuning_data.load("open_topic_frames.jsonl", ("en", "de", "en_answer", "de_answer"))


def _cap(text: str) -> str:
  return text[0].upper() + text[1:]


def rows(rng: random.Random, count: int) -> list[dict]:
  """`count` (frame, topic) requests with their answers, alternating English and German."""
  out = []
  for i in range(count):
    lang = ("en", "de")[i % 2]
    topic = rng.choice(TOPICS)[i % 2]
    frame = rng.choice(FRAMES)
    prompt, answer = frame[i % 2], frame[2 + i % 2]
    out.append(dict(prompt=prompt.format(t=topic, T=_cap(topic)),
                    response=answer.format(t=topic, T=_cap(topic)),
                    policy="none", use_case="open_topic", language=lang))
  return out
