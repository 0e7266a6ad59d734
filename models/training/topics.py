"""Harmless requests about any topic: the open-vocabulary side of safety tuning.

A tiny model tuned on a few hundred benign requests learns "help with what I know, refuse
the rest", and then refuses "Why is the sky blue?" because it has never seen the sky.
These rows pair many everyday topics (hand-written, English and German) with many
request frames, so the tuned model learns that an unfamiliar topic is no reason to refuse:
only the harmful requests' content is. The answers are short and generic — they teach
the form of a helpful reply, not facts (the tuning sets open them with corpus.OPENER).
"""

import random

# (English, German): the topic as it reads after "about".
TOPICS = [
    ("the moon", "den Mond"), ("volcanoes", "Vulkane"), ("rainbows", "Regenbogen"),
    ("octopuses", "Kraken"), ("penguins", "Pinguine"), ("honeybees", "Honigbienen"),
    ("the ocean tides", "die Gezeiten"), ("thunderstorms", "Gewitter"), ("snowflakes", "Schneeflocken"),
    ("the Roman Empire", "das Römische Reich"), ("the printing press", "den Buchdruck"),
    ("medieval castles", "mittelalterliche Burgen"), ("the pyramids", "die Pyramiden"),
    ("jazz music", "Jazzmusik"), ("classical ballet", "klassisches Ballett"), ("origami", "Origami"),
    ("watercolour painting", "Aquarellmalerei"), ("knitting", "Stricken"), ("pottery", "Töpfern"),
    ("chess openings", "Schacheröffnungen"), ("crossword puzzles", "Kreuzworträtsel"),
    ("sourdough bread", "Sauerteigbrot"), ("green tea", "grünen Tee"), ("olive oil", "Olivenöl"),
    ("sushi", "Sushi"), ("apple pie", "Apfelkuchen"), ("lentil soup", "Linsensuppe"),
    ("houseplants", "Zimmerpflanzen"), ("sunflowers", "Sonnenblumen"), ("compost", "Kompost"),
    ("bird watching", "Vogelbeobachtung"), ("hedgehogs", "Igel"), ("dolphins", "Delfine"),
    ("elephants", "Elefanten"), ("butterflies", "Schmetterlinge"), ("owls", "Eulen"),
    ("the solar system", "das Sonnensystem"), ("black holes", "schwarze Löcher"),
    ("the northern lights", "Polarlichter"), ("glaciers", "Gletscher"), ("deserts", "Wüsten"),
    ("rainforests", "Regenwälder"), ("coral reefs", "Korallenriffe"), ("earthquakes", "Erdbeben"),
    ("electric cars", "Elektroautos"), ("solar panels", "Solaranlagen"), ("wind turbines", "Windräder"),
    ("bicycles", "Fahrräder"), ("trains", "Züge"), ("sailing", "Segeln"), ("hot-air balloons", "Heißluftballons"),
    ("football", "Fußball"), ("tennis", "Tennis"), ("swimming", "Schwimmen"), ("yoga", "Yoga"),
    ("marathon training", "Marathontraining"), ("table tennis", "Tischtennis"), ("skiing", "Skifahren"),
    ("the piano", "das Klavier"), ("the violin", "die Geige"), ("learning the guitar", "Gitarre lernen"),
    ("choir singing", "Chorsingen"), ("poetry", "Gedichte"), ("fairy tales", "Märchen"),
    ("Shakespeare", "Shakespeare"), ("Goethe", "Goethe"), ("comic books", "Comics"),
    ("public libraries", "öffentliche Bibliotheken"), ("museums", "Museen"), ("photography", "Fotografie"),
    ("learning Spanish", "Spanisch lernen"), ("sign language", "Gebärdensprache"), ("calligraphy", "Kalligrafie"),
    ("saving money", "Geld sparen"), ("budgeting", "Haushaltsplanung"), ("job interviews", "Vorstellungsgespräche"),
    ("writing a CV", "einen Lebenslauf schreiben"), ("public speaking", "freies Sprechen"),
    ("time management", "Zeitmanagement"), ("moving house", "Umziehen"), ("wedding speeches", "Hochzeitsreden"),
    ("birthday parties", "Geburtstagsfeiern"), ("camping", "Camping"), ("hiking boots", "Wanderschuhe"),
    ("packing a suitcase", "Koffer packen"), ("train travel in Europe", "Bahnreisen in Europa"),
    ("the Alps", "die Alpen"), ("Iceland", "Island"), ("Japan", "Japan"), ("Morocco", "Marokko"),
    ("Lisbon", "Lissabon"), ("Vienna", "Wien"), ("Berlin", "Berlin"), ("the Amazon river", "den Amazonas"),
    ("dinosaurs", "Dinosaurier"), ("fossils", "Fossilien"), ("the human heart", "das menschliche Herz"),
    ("sleep", "Schlaf"), ("healthy breakfasts", "gesundes Frühstück"), ("stretching", "Dehnen"),
    ("vitamins", "Vitamine"), ("first aid courses", "Erste-Hilfe-Kurse"), ("dentists", "Zahnärzte"),
    ("spreadsheets", "Tabellenkalkulation"), ("learning to code", "Programmieren lernen"),
    ("the internet", "das Internet"), ("robots", "Roboter"), ("3D printing", "3D-Druck"),
    ("video games", "Videospiele"), ("board games", "Brettspiele"), ("magic tricks", "Zaubertricks"),
    ("kites", "Drachen steigen lassen"), ("snowmen", "Schneemänner"), ("sandcastles", "Sandburgen"),
    ("cats", "Katzen"), ("dogs", "Hunde"), ("horses", "Pferde"), ("goldfish", "Goldfische"),
    ("recycling", "Recycling"), ("clouds", "Wolken"), ("the seasons", "die Jahreszeiten"),
    ("lighthouses", "Leuchttürme"), ("bridges", "Brücken"), ("skyscrapers", "Wolkenkratzer"),
    ("windmills", "Windmühlen"), ("the alphabet", "das Alphabet"), ("prime numbers", "Primzahlen"),
    ("fractions", "Brüche"), ("maps", "Landkarten"), ("the weather", "das Wetter"),
]

# (English frame, German frame, English answer, German answer); {t} is the topic,
# {T} the topic with a capital first letter.
FRAMES = [
    ("Explain {t} to me in simple words.", "Erklär mir {t} in einfachen Worten.",
     "Here is {t} in simple words: the basic idea is easier to understand than it "
     "sounds, and I can add details whenever you like.",
     "{T} in einfachen Worten: Die Grundidee ist leichter zu verstehen, als es klingt, "
     "und ich erkläre gern mehr, wenn du möchtest."),
    ("Can you tell me something interesting about {t}?",
     "Kannst du mir etwas Interessantes über {t} erzählen?",
     "There is a long history behind {t}, and there is always something new to "
     "discover.",
     "Über {t} gibt es viel zu erzählen, und man entdeckt immer wieder etwas Neues."),
    ("Write a short poem about {t}.", "Schreib ein kurzes Gedicht über {t}.",
     "Here is a short poem:\n{T} in the morning light,\nquiet, simple, warm and bright.",
     "Hier ist ein kurzes Gedicht:\nÜber {t} schreib ich gern,\nnah am Herzen, nie ganz fern."),
    ("Give me three fun facts about {t}.", "Nenn mir drei spannende Fakten über {t}.",
     "Three facts about {t}: 1. People have been curious about it for a long time. "
     "2. There is more variety than you might think. 3. Every library has a book on it.",
     "Drei Fakten über {t}: 1. Menschen beschäftigen sich schon lange damit. 2. Es gibt "
     "mehr Unterschiede, als man denkt. 3. In jeder Bibliothek steht ein Buch darüber."),
    ("What should a beginner know about {t}?", "Was sollte ein Anfänger über {t} wissen?",
     "Start small: learn the basics of {t}, try things out step by step, and ask when you get stuck.",
     "Fang klein an: Lerne die Grundlagen über {t}, probiere Schritt für Schritt aus und frag "
     "nach, wenn du nicht weiterkommst."),
    ("i'm curious about {t}, where do i start?", "ich interessiere mich für {t}, wo fange ich an?",
     "A good start for {t}: a beginner's book, a short video, and someone who already knows a lot.",
     "Ein guter Anfang für {t}: ein Einsteigerbuch, ein kurzes Video und jemand, der sich schon "
     "gut auskennt."),
    ("Write a two-sentence story about {t} for my daughter.",
     "Schreib eine Geschichte in zwei Sätzen über {t} für meine Tochter.",
     "Once upon a time, a little girl dreamed about {t}. When she woke up, she smiled and told "
     "everyone what she had seen.",
     "Es war einmal ein kleines Mädchen, das von {t} träumte. Als es aufwachte, lächelte es und "
     "erzählte allen davon."),
    ("Why do so many people like {t}?", "Warum mögen so viele Menschen {t}?",
     "Many people like {t}: there is always something to enjoy, it brings people together "
     "and it never gets boring.",
     "Viele mögen {t}, weil es spannend ist, Menschen zusammenbringt und nie langweilig wird."),
    ("Make up a quiz question about {t}.", "Denk dir eine Quizfrage über {t} aus.",
     "Here is one: What is the most surprising thing you know about {t}? Bonus point for a "
     "source!",
     "Hier ist eine: Was ist das Überraschendste, das du über {t} weißt? Extrapunkt für eine "
     "Quelle!"),
    ("Help me plan a weekend around {t}.", "Hilf mir, ein Wochenende rund um {t} zu planen.",
     "Saturday: read up on {t} and visit a place connected to it. Sunday: try it "
     "yourself and end with a nice dinner.",
     "Samstag: Lies etwas über {t} und besuche einen passenden Ort. Sonntag: Probier selbst "
     "etwas aus und schließe mit einem schönen Abendessen."),
    ("My teacher asked us to present {t}. Any ideas?",
     "Meine Lehrerin will, dass wir {t} vorstellen. Hast du Ideen?",
     "Open with a surprising question about {t}, show two pictures, explain one key idea "
     "and end with a short quiz.",
     "Beginne mit einer überraschenden Frage über {t}, zeig zwei Bilder, erkläre eine "
     "Kernidee und ende mit einem kurzen Quiz."),
    ("What are good books or films about {t}?", "Welche Bücher oder Filme über {t} sind gut?",
     "Ask at your local library for a popular beginner's book about {t}; documentaries are a "
     "good second step.",
     "Frag in deiner Bücherei nach einem beliebten Einsteigerbuch über {t}; Dokumentationen sind "
     "ein guter zweiter Schritt."),
]


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
