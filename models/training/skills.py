"""Generated tasks of the same kinds as the bundled examples, so the tiny base learns the
skills those examples ask for (other dishes, articles, numbers, names and phrasings):

  * few-shot classification that copies its labels from the prompt's own examples — a
    planted mistake in the examples is reproduced, which is LIT's few-shot story;
  * one-sentence summaries (chat, and the raw "expert summary" template) that restate the
    article's key sentence;
  * word problems with their steps written out (change from a note, boxes, trains, trays);
  * questions under a list of principles: private data is left to its owner, the
    unknowable is said to be unknowable, everything else answered (never with a refusal
    opening: the base refuses nothing; refusing is what tuning teaches);
  * the menu template: Likely/Unlikely with a reason, decided by the guest's dislikes;
  * a phrasebook (what a phrase means, translations, a word in two scripts), invitations
    and pet names — knowledge a real model brings from pre-training.

Every row is {prompt, response, use_case, language} plus `chat` (False: the prompt is
plain text continued by the response, as the few-shot and template files use it; True or
absent: a chat exchange). `rows(rng, count)` draws a mix; `BUNDLED_FILES` names the example
files whose prompts must stay out (corpus drops rows that overlap them). The names, dishes,
articles' parts, phrases and request templates the generators draw from are hand-written
data: datasets/data/tuning/skills.jsonl, one table per pool.
"""

import functools
import random

from lit_app.models.training import tuning_data

BUNDLED_FILES = ("prompt_debugging_en.jsonl", "prompt_debugging_de.jsonl",
                 "menu_template_en.jsonl", "menu_template_de.jsonl",
                 "summarize_template_en.jsonl", "summarize_template_de.jsonl",
                 "safety_system_prompt_en.jsonl", "safety_system_prompt_de.jsonl")

# The tables of datasets/data/tuning/skills.jsonl and their fields; "language" is en or
# de, "she" marks a woman's name (or relation), {a}/{s} are filled in by the generators.
_EN_DE = ("en", "de")
_TEMPLATES = ("language", "template")
_DATA = tuning_data.load("skills.jsonl", {
    "first_names": ("name", "she"), "last_names": ("name",),
    "proteins": ("kind", "en", "de"), "preparations": _EN_DE, "whole_dishes": ("kind", "en", "de"),
    "few_shot": ("language", "intros", "dish_word", "label_word", "yes", "no"),
    "summary_subjects": _EN_DE, "summary_actions": _EN_DE, "summary_times": _EN_DE,
    "summary_details": _EN_DE, "summary_requests": _TEMPLATES, "expert_summary": _TEMPLATES,
    "shops": ("en_shop", "en_goods", "de_shop", "de_goods"), "things": ("en", "emoji", "de"),
    "step_by_step": ("language", "text"), "principles": ("language", "heading", "principles"),
    "private_data": ("en", "de", "de_plural"), "relations": ("en", "de", "she"),
    "events": _EN_DE, "cities": _EN_DE, "facts": ("en", "en_answer", "de", "de_answer"),
    "menu_features": _EN_DE, "menu_dishes": ("en", "de", "features"),
    "menu_request": _TEMPLATES, "menu_bases": _EN_DE, "menu_ingredients": ("feature",),
    "phrases": ("phrase", "language_en", "language_de", "en", "de"),
    "phrases_held": ("format", "phrase"), "scripts": _EN_DE,
    "script_words": ("en", "de", "written"), "invitations": ("en", "de", "en_bring", "de_bring"),
    "days": _EN_DE, "invitations_held": ("event", "day"), "pet_names_held": ("colour", "pet"),
    "pets": ("en", "de", "emoji"), "pet_colours": ("en", "de", "names"),
    "repeat_requests": _TEMPLATES,
})

_FIRST = [name for name, _ in _DATA["first_names"]]
_SHE = {name for name, she in _DATA["first_names"] if she}
_LAST = [name for name, in _DATA["last_names"]]


def _pick(rng, pool, k=1):
  return rng.sample(pool, k) if k > 1 else rng.choice(pool)


# ------------------------------------------------------------------------------------------
# Few-shot classification: the answer copies the label the prompt gives the same kind of dish.
# ------------------------------------------------------------------------------------------

# (english, german) protein words by kind; dishes are protein + preparation.
_PROTEIN = tuning_data.grouped(_DATA["proteins"])
_PREP = _DATA["preparations"]
# Dishes known by name, by kind.
_WHOLE = tuning_data.grouped(_DATA["whole_dishes"])
# language → (intros, dish word, label word, yes, no)
_FEWSHOT = {lang: tuple(rest) for lang, *rest in _DATA["few_shot"]}


def _dish(rng, kind, lang):
  if rng.random() < 0.2:
    return _pick(rng, _WHOLE[kind])[lang == "de"]
  protein, prep = _pick(rng, _PROTEIN[kind]), _pick(rng, _PREP)
  if lang == "en":
    return f"{protein[0]} {prep[0]}"
  return f"{protein[1]}{prep[1]}" if rng.random() < 0.6 else f"{protein[1]}-{prep[1].capitalize()}"


def kind_of(dish: str) -> str:
  """meat, fish or veg: the kind of a dish _dish makes."""
  for kind in _PROTEIN:
    if any(dish in pair for pair in _WHOLE[kind]):
      return kind
  return next(k for k, pool in _PROTEIN.items() if any(dish.startswith(w) for p in pool for w in p))


def few_shot(rng, lang):
  """Four labelled dishes and a query. Each kind of dish (meat, fish, vegetarian) has one
  label within the prompt — the true one in half of the prompts, a random one in the
  other half — and the query's answer is the label its kind has in the prompt. So the
  model answers from the examples, mistakes included."""
  intros, dish_word, label_word, yes, no = _FEWSHOT[lang]
  labels = {"meat": no, "fish": no, "veg": yes}
  if rng.random() < 0.5:
    labels = {kind: _pick(rng, [yes, no]) for kind in labels}
  kinds = ["meat", "fish", "veg", _pick(rng, ["meat", "fish", "veg"])]
  rng.shuffle(kinds)
  shots = [f"{dish_word}: {_dish(rng, k, lang)}\n{label_word}: {labels[k]}" for k in kinds]
  query = _pick(rng, kinds)
  prompt = (_pick(rng, intros) + "\n\n" + "\n\n".join(shots) +
            f"\n\n{dish_word}: {_dish(rng, query, lang)}\n{label_word}:")
  return prompt, " " + labels[query]


# ------------------------------------------------------------------------------------------
# Summaries: the article's key sentence, restated without its time and its details.
# ------------------------------------------------------------------------------------------

_SUBJECTS = _DATA["summary_subjects"]
_ACTIONS = _DATA["summary_actions"]
_WHEN = _DATA["summary_times"]
_DETAILS = _DATA["summary_details"]
_SUMMARY_ASK = tuning_data.grouped(_DATA["summary_requests"])
_EXPERT = dict(_DATA["expert_summary"])


@functools.cache
def _sentences(lang: str) -> list[str]:
  """Every sentence of the hand-written everyday answers, in one language: the open
  vocabulary that summaries must copy from rather than recall."""
  from lit_app.models.training import everyday
  i = 2 if lang == "en" else 3
  out = []
  for row in everyday.BENIGN + everyday.HARD_NEGATIVES:
    out += [x.strip() + "." for x in row[i].split(". ") if len(x.split()) >= 4]
  return [x.replace("..", ".") for x in out]


@functools.cache
def _words(lang: str) -> list[str]:
  """The distinct words of `_sentences(lang)`, punctuation stripped."""
  words = {w.strip(".,;:!?\"„“()") for s in _sentences(lang) for w in s.split()}
  return sorted(w for w in words if w)


def _new_sentence(rng, lang, low=5, high=13):
  """A sentence no training row has ever shown: words of the pool in random order. It
  can only be repeated by copying it from the prompt, never recalled."""
  words = [_pick(rng, _words(lang)) for _ in range(rng.randrange(low, high))]
  if rng.random() < 0.3:
    words.insert(rng.randrange(len(words)), _pick(rng, [str(rng.randrange(2, 2000)),
                                                         _pick(rng, _FIRST), _pick(rng, _LAST)]))
  text = " ".join(words)
  return text[0].upper() + text[1:] + "."


def _article(rng, lang):
  """(article, its key sentence): the key sentence comes first — a third of the time a
  news sentence with a time phrase the summary drops, a third of the time a sentence of
  the everyday answers, a third of the time a sentence never seen before (so summaries
  are copied from the article, not recalled) — followed by one or two others."""
  i = 0 if lang == "en" else 1
  pool = _sentences(lang)
  others = " ".join(_pick(rng, pool, 2)[:rng.randrange(1, 3)])
  choice = rng.random()
  if choice < 2 / 3:
    key = _pick(rng, pool) if choice < 1 / 3 else _new_sentence(rng, lang)
    return f"{key} {others}", key
  subject, action, when = (_pick(rng, p)[i] for p in (_SUBJECTS, _ACTIONS, _WHEN))
  if rng.random() < 0.5:
    subject = f"{_pick(rng, _FIRST)} {_pick(rng, _LAST)}"
  details = " ".join(d[i] for d in _pick(rng, _DETAILS, 2))
  return f"{subject} {action}{when}. {_pick(rng, [details, others])}", f"{subject} {action}."


def summary(rng, lang):
  article, key = _article(rng, lang)
  return _pick(rng, _SUMMARY_ASK[lang]).format(a=article), key


def expert_summary(rng, lang):
  article, key = _article(rng, lang)
  return _EXPERT[lang].format(a=article), " " + key


# ------------------------------------------------------------------------------------------
# Word problems with their steps.
# ------------------------------------------------------------------------------------------

_SHOPS = _DATA["shops"]
_THINGS = _DATA["things"]
_STEP = dict(_DATA["step_by_step"])


def _euro(x: float) -> str:
  return f"{x:.0f}" if x == int(x) else f"{x:.2f}"


def word_problem(rng, lang):
  name = _pick(rng, _FIRST)
  she = name in _SHE
  kind = rng.randrange(3)
  if kind == 0:  # change from a note
    shop = _pick(rng, _SHOPS)
    price, count = rng.choice([0.5, 0.8, 1.2, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0]), rng.randrange(2, 8)
    total = price * count
    note = next(n for n in (5, 10, 20, 50) if n > total)
    change = note - total
    if lang == "en":
      pron = "she" if she else "he"
      q = (f"A {shop[0]} sells {shop[1]} for €{price:.2f} each. {name} buys {count} {shop[1]} "
           f"and pays with a €{note} note. How much change does {pron} get?")
      a = (f"{count} × €{price:.2f} = €{total:.2f}, and €{note} − €{_euro(total)} = "
           f"€{_euro(change)}, so {pron} gets €{_euro(change)} back.")
    else:
      pron = "sie" if she else "er"
      q = (f"Ein {shop[2]} verkauft {shop[3]} für {price:.2f} € pro Stück. {name} kauft {count} "
           f"{shop[3]} und bezahlt mit einem {note}-€-Schein. Wie viel Wechselgeld bekommt {pron}?")
      a = (f"{count} × {price:.2f} € = {total:.2f} €, und {note} € − {_euro(total)} € = "
           f"{_euro(change)} €, also bekommt {pron} {_euro(change)} € zurück.")
  elif kind == 1:  # boxes, then some given away
    word, emoji, wort = _pick(rng, _THINGS)
    boxes, each = rng.randrange(2, 7), rng.randrange(3, 13)
    given = rng.randrange(1, boxes * each)
    left, made = boxes * each - given, boxes * each
    shown = emoji if rng.random() < 0.5 else (word if lang == "en" else wort)
    if lang == "en":
      pron = "she" if she else "he"
      q = (f"{name} packs {boxes} boxes with {each} {shown} each and gives {given} {word} to "
           f"{'her' if she else 'his'} neighbour. How many {word} does {pron} have left?")
      a = f"{boxes} × {each} = {made} {word}, and {made} − {given} = {left}, so {pron} has {left} {word} left."
    else:
      q = (f"{name} packt {boxes} Kisten mit je {each} {shown} und verschenkt {given} {wort}. "
           f"Wie viele {wort} bleiben übrig?")
      a = f"{boxes} × {each} = {made} {wort}, und {made} − {given} = {left}, also bleiben {left} {wort} übrig."
  else:  # a train's arrival time
    hour, minute = rng.randrange(5, 18), rng.randrange(0, 60, 5)
    hours, minutes = rng.randrange(1, 5), rng.randrange(5, 60, 5)
    mid = f"{hour + hours}:{minute:02d}"
    total = (hour + hours) * 60 + minute + minutes
    end = f"{total // 60}:{total % 60:02d}"
    if lang == "en":
      q = (f"A train leaves at {hour}:{minute:02d} and travels for {hours} hours and {minutes} "
           f"minutes. When does it arrive?")
      a = (f"{hour}:{minute:02d} + {hours} hours = {mid}, plus {minutes} minutes = {end}; "
           f"it arrives at {end}.")
    else:
      q = (f"Ein Zug fährt um {hour}:{minute:02d} Uhr ab und ist {hours} Stunden und {minutes} "
           f"Minuten unterwegs. Wann kommt er an?")
      a = (f"{hour}:{minute:02d} + {hours} Stunden = {mid}, plus {minutes} Minuten = {end}; "
           f"er kommt um {end} Uhr an.")
  return q + (_STEP[lang] if rng.random() < 0.8 else ""), a


# ------------------------------------------------------------------------------------------
# Questions under principles.
# ------------------------------------------------------------------------------------------

_PRINCIPLES = {lang: (heading, pool) for lang, heading, pool in _DATA["principles"]}
_PRIVATE = _DATA["private_data"]
_RELATION = _DATA["relations"]
_EVENTS = _DATA["events"]
_CITIES = _DATA["cities"]
_FACTS = _DATA["facts"]


def principles(rng, lang):
  head, pool = _PRINCIPLES[lang]
  listed = "\n".join(f"{i}. {p}" for i, p in enumerate(_pick(rng, pool, 3), 1))
  first, last = _pick(rng, _FIRST), _pick(rng, _LAST)
  kind = rng.randrange(4)
  if kind == 0:
    thing, relation = _pick(rng, _PRIVATE), _pick(rng, _RELATION)
    if lang == "en":
      q = f"What is the {thing[0]} of my {relation[0]} {first} {last}?"
      a = f"A {thing[0]} is private; please ask {first} directly."
    else:
      q = f"Wie lautet die {thing[1]} {relation[1]} {first} {last}?"
      a = f"Private {thing[2]} gebe ich nicht heraus; frag {first} am besten selbst."
  elif kind == 1:
    event = _pick(rng, _EVENTS)
    asked = (f"Who will win {event[0]} next year?" if rng.random() < 0.5 else
             f"Who will win next year's {event[0].removeprefix('the ')}?")
    q, a = ((asked,
             "Nobody can know that yet; I can tell you who the favourites are.")
            if lang == "en" else
            (f"Wer gewinnt nächstes Jahr {event[1]}?",
             "Das kann heute niemand wissen; ich kann dir aber die Favoriten nennen."))
  elif kind == 2:
    city = _pick(rng, _CITIES)
    q, a = ((f"What will the weather be like in {city[0]} exactly one year from now?",
             "Nobody can predict that; I can tell you the typical weather there.")
            if lang == "en" else
            (f"Wie wird das Wetter in {city[1]} in genau einem Jahr?",
             "Das kann niemand vorhersagen; ich kann dir aber das typische Wetter dort nennen."))
  else:
    fact = _pick(rng, _FACTS)
    q, a = fact[:2] if lang == "en" else fact[2:]
  return f"{head}\n{listed}\n\n{q}", a


# ------------------------------------------------------------------------------------------
# The menu template.
# ------------------------------------------------------------------------------------------

# (english, german) features, then dishes with the features they have.
_F = dict(_DATA["menu_features"])
_MENU_DISHES = [(en, de, set(features)) for en, de, features in _DATA["menu_dishes"]]
_MENU = dict(_DATA["menu_request"])
_BASES = _DATA["menu_bases"]
_INGREDIENTS = [feature for feature, in _DATA["menu_ingredients"]]


def _menu_dish(rng):
  """(english, german, features): a known dish, or a composed one whose name says it."""
  if rng.random() < 0.5:
    return _pick(rng, _MENU_DISHES)
  (base_en, base_de), extra = _pick(rng, _BASES), _pick(rng, _INGREDIENTS)
  return f"{base_en} with {extra}", f"{base_de} mit {_F[extra]}", {extra}


def menu(rng, lang):
  en, de, has = _menu_dish(rng)
  if rng.random() < 0.5:
    dislike = _pick(rng, sorted(has))
    likes = _pick(rng, sorted(set(_F) - {dislike}), 2)
  else:
    dislike = _pick(rng, sorted(set(_F) - has))
    likes = [_pick(rng, sorted(has - {dislike})), _pick(rng, sorted(set(_F) - has - {dislike}))]
    rng.shuffle(likes)
  liked = [x for x in likes if x in has]
  dish = en if lang == "en" else de
  word = (lambda x: x) if lang == "en" else _F.get
  prompt = _MENU[lang].format(likes=", ".join(map(word, likes)), dislikes=word(dislike), dish=dish)
  if dislike in has:
    answer = (f"Unlikely: {dish} contains {dislike}." if lang == "en"
              else f"Unwahrscheinlich: {dish} enthält {word(dislike)}.")
  elif liked:
    answer = (f"Likely: {liked[0]}, and no {dislike}." if lang == "en"
              else f"Wahrscheinlich: {word(liked[0])} und keine {word(dislike)}.")
  else:
    answer = (f"Unlikely: it has nothing the guest likes." if lang == "en"
              else "Unwahrscheinlich: nichts davon mag der Gast.")
  return prompt, answer


# ------------------------------------------------------------------------------------------
# Phrasebook, words in two scripts, invitations, pet names.
# ------------------------------------------------------------------------------------------

# (phrase, language en, language de, meaning en, meaning de)
_PHRASES = _DATA["phrases"]
# Bundled (format, phrase) pairs: the corpus never asks these phrases in these formats.
_PHRASE_HELD = set(_DATA["phrases_held"])
# word en, word de, then the word in Arabic, Hebrew, Japanese, Chinese, Russian, Greek
_SCRIPTS = _DATA["scripts"]
_WORDS = _DATA["script_words"]


def phrasebook(rng, lang):
  if rng.random() < 0.35:
    word_en, word_de, written = _pick(rng, _WORDS)
    (a, b) = rng.sample(range(len(_SCRIPTS)), 2)
    if word_en == "peace" and (a, b) == (0, 1):
      a, b = b, a
    if lang == "en":
      return (f'How do you write "{word_en}" in {_SCRIPTS[a][0]} and in {_SCRIPTS[b][0]}?',
              f"{written[a]} in {_SCRIPTS[a][0]} and {written[b]} in {_SCRIPTS[b][0]}.")
    return (f"Wie schreibt man „{word_de}“ auf {_SCRIPTS[a][1]} und auf {_SCRIPTS[b][1]}?",
            f"{written[a]} auf {_SCRIPTS[a][1]} und {written[b]} auf {_SCRIPTS[b][1]}.")
  while True:
    phrase, l_en, l_de, m_en, m_de = _pick(rng, _PHRASES)
    fmt = _pick(rng, [f"{f}_{lang}" for f in ("mean", "to", "in", "say", "lang")])
    if (fmt, phrase) not in _PHRASE_HELD:
      break
  big_en, big_de = m_en[0].upper() + m_en[1:], m_de[0].upper() + m_de[1:]
  return {"mean_en": (f"What does {phrase} mean?", f'It is {l_en} for "{m_en}".'),
          "to_en": (f"Translate into English: {phrase}", big_en),
          "in_en": (f"What is {phrase} in English?", f'In English: "{m_en}".'),
          "say_en": (f'How do you say "{m_en}" in {l_en}?', f"{phrase}"),
          "lang_en": (f"Which language is {phrase}, and what does it mean?",
                      f'It is {l_en}; it means "{m_en}".'),
          "mean_de": (f"Was bedeutet {phrase}?", f"Das ist {l_de} und heißt „{m_de}“."),
          "to_de": (f"Übersetze ins Deutsche: {phrase}", big_de),
          "in_de": (f"Was heißt {phrase} auf Deutsch?", f"Auf Deutsch: „{m_de}“."),
          "say_de": (f"Wie sagt man „{m_de}“ auf {l_de}?", f"{phrase}"),
          "lang_de": (f"Welche Sprache ist {phrase}, und was bedeutet es?",
                      f"Das ist {l_de} und bedeutet „{m_de}“.")}[fmt]


_EVENTS_SOCIAL = _DATA["invitations"]
_DAYS = _DATA["days"]
# (event, day) and (colour, pet) pairs of the bundled examples: not generated.
_SOCIAL_HELD = set(_DATA["invitations_held"] + _DATA["pet_names_held"])
_PETS = _DATA["pets"]
_COLOURS = {(en, de): names for en, de, names in _DATA["pet_colours"]}


def social(rng, lang):
  if rng.random() < 0.5:
    while True:
      event, day = _pick(rng, _EVENTS_SOCIAL), _pick(rng, _DAYS)
      if (event[0], day[0]) not in _SOCIAL_HELD and (event[1], day[1]) not in _SOCIAL_HELD:
        break
    hour = rng.randrange(12, 20)
    if lang == "en":
      return (f"Write a short text message inviting my friends to {event[0]} on {day[0]}.",
              f"{event[0][2:].capitalize() if event[0].startswith('a ') else event[0]} on "
              f"{day[0]} at {hour}:00, {event[2]}!")
    return (f"Schreibe eine kurze Nachricht, mit der ich meine Freunde am {day[1]} zum "
            f"{event[1]} einlade.", f"{event[1]} am {day[1]} um {hour} Uhr, {event[3]}!")
  while True:
    pet, (colour, names) = _pick(rng, _PETS), _pick(rng, sorted(_COLOURS.items()))
    if (colour[0], pet[0]) not in _SOCIAL_HELD and (colour[1], pet[1]) not in _SOCIAL_HELD:
      break
  emoji = " " + pet[2] if rng.random() < 0.5 else ""
  if lang == "en":
    return (f"Suggest three names for my new {colour[0]} {pet[0]}{emoji}.",
            f"How about {names[0]}, {names[1]} or {names[2]}?")
  return (f"Schlag drei Namen für mein neues {colour[1]} {pet[1]} vor{emoji}.",
          f"Wie wäre es mit {names[0]}, {names[1]} oder {names[2]}?")


_REPEAT = tuning_data.grouped(_DATA["repeat_requests"])


def repeat(rng, lang):
  """Repeat a sentence never seen before: teaches copying from the prompt (what the
  planted few-shot mistake, summaries and the phrasebook rely on)."""
  sentence = _new_sentence(rng, lang, 4, 16)
  return _pick(rng, _REPEAT[lang]).format(s=sentence), sentence


# use case → (generator, chat?)
GENERATORS = {
    "few_shot": (few_shot, False), "few_shot_chat": (few_shot, True),
    "summary_article": (summary, True), "expert_summary": (expert_summary, False),
    "expert_summary_chat": (expert_summary, True), "word_problem": (word_problem, True),
    "principles": (principles, True), "menu_template": (menu, True),
    "phrasebook": (phrasebook, True), "social": (social, True),
    "repeat": (repeat, True), "repeat_plain": (repeat, False),
}


def rows(rng: random.Random, count: int, use_cases: list[str] | None = None) -> list[dict]:
  """`count` rows, the use cases (default: all of GENERATORS) in turn, each in a random
  language."""
  names = sorted(use_cases or GENERATORS)
  unknown = set(names) - set(GENERATORS)
  if unknown:
    raise ValueError(f"unknown skills: {', '.join(sorted(unknown))} "
                     f"(known: {', '.join(sorted(GENERATORS))})")
  out = []
  for i in range(count):
    use_case = names[i % len(names)]
    generate, chat = GENERATORS[use_case]
    lang = rng.choice(("en", "de"))
    prompt, response = generate(rng, lang)
    out.append(dict(prompt=prompt, response=response, policy="none", use_case=use_case,
                    language=lang, chat=chat))
  return out
