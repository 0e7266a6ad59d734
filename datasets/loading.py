"""The server's way in to datasets: load a file by its kind, the bundled samples, and the
loader LIT's Configure dialog offers.

Which reader a file gets:
  tuning:TRAIN.jsonl[+EVAL.jsonl...]
                         tuning data (SFT or preference rows) with the findings of the
                         tuning-data checks as columns, contamination checked against the
                         EVAL files (data_checks.py)
  .txt                   plain text, one prompt per line (prompts.py)
  anything else          JSON Lines: a template file (template_dataset.py) when its first
                         object has a "template" or "templates" key and no "prompt",
                         preference pairs (preferences.py) when it has "response_1",
                         else a prompt file (prompts.py)
"""

import os
from collections.abc import Callable

from lit_nlp.api import dataset as lit_dataset
from lit_nlp.api import types as lit_types

from lit_app.datasets import data_checks, preferences, prompts, template_dataset

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

# The bundled samples: LIT name -> (file in DATA_DIR, what it shows).
BUNDLED = {
    "prompt_debugging_en": (
        "prompt_debugging_en.jsonl",
        "Prompt-debugging tour: a few-shot prompt with a planted mistake and its fixed twin, "
        "summarization, chain-of-thought arithmetic, constitution-style principles, and "
        "safety (a dangerous request to refuse, benign requests)."),
    "prompt_debugging_de": (
        "prompt_debugging_de.jsonl",
        "Prompt-Debugging auf Deutsch: Few-Shot-Prompt mit eingebautem Fehler und korrigierter "
        "Zwilling, Zusammenfassung, Chain-of-Thought-Rechnen, Verfassungsprinzipien, "
        "Sicherheit (gefährliche Anfrage mit Ablehnung, harmlose Anfragen)."),
    "summarize_template_en": (
        "summarize_template_en.jsonl",
        "One summarization template, {{article}} filled per row. Edit the template or the "
        "article in the Datapoint Editor."),
    "summarize_template_de": (
        "summarize_template_de.jsonl",
        "Eine Zusammenfassungs-Vorlage, {{article}} je Zeile gefüllt."),
    "menu_template_en": (
        "menu_template_en.jsonl",
        "Menu recommender template: {{likes}}, {{dislikes}} and {{dish}} per row."),
    "menu_template_de": (
        "menu_template_de.jsonl",
        "Menü-Empfehlungs-Vorlage: {{likes}}, {{dislikes}} und {{dish}} je Zeile."),
    "safety_system_prompt_en": (
        "safety_system_prompt_en.jsonl",
        "Dynamic template: each request with and without a safety system prompt (the "
        "row's label picks the variant); compare the answers."),
    "preference_pairs": (
        "preference_pairs.jsonl",
        "RLHF-style preference pairs (English and German): which of two answers people "
        "preferred. The Metrics module shows how often each model agrees."),
    "refusal_eval": (
        "refusal_eval.jsonl",
        "Held-out harmful and benign requests (kind column). The Metrics module shows "
        "refusal and over-refusal rates per model."),
    "safety_system_prompt_de": (
        "safety_system_prompt_de.jsonl",
        "Dynamische Vorlage: jede Anfrage mit und ohne Sicherheits-Systemprompt (das Label "
        "der Zeile wählt die Variante)."),
}

LOADER_NAME = "prompt_file"

# LIT's DatasetLoadersMap (lit_nlp/app.py), spelt out to avoid importing LIT's whole app.
DatasetLoaders = dict[str, tuple[Callable[..., lit_dataset.Dataset], lit_types.Spec]]


def load(path: str, max_examples: int | None = None,
         description: str | None = None) -> lit_dataset.Dataset:
  """The dataset in `path`, read by its kind (see the module docstring).

  `description` replaces the default one ("N prompts from FILE"). Raises ValueError naming
  the file (and line) for anything wrong with it.
  """
  if not isinstance(path, str) or not path.strip():
    raise ValueError("no dataset path given")
  if data_checks.is_spec(path):
    return data_checks.TuningDataset.from_spec(path, max_examples, description)
  if not prompts.is_text_file(path) and template_dataset.is_template_file(path):
    return template_dataset.TemplateDataset(path, max_examples, description)
  if not prompts.is_text_file(path) and preferences.is_preference_file(path):
    return preferences.PreferenceDataset(path, max_examples, description)
  return prompts.PromptDataset(path, max_examples, description)


def bundled() -> dict[str, lit_dataset.Dataset]:
  """The bundled sample datasets by name (the names and contents are in BUNDLED)."""
  return {name: load(os.path.join(DATA_DIR, filename), description=description)
          for name, (filename, description) in BUNDLED.items()}


def check_allowed(path: str, allowed_dirs: list[str]) -> str:
  """`path` resolved (symlinks and .. followed) if it lies inside one of `allowed_dirs`.

  Raises ValueError naming the path and the allowed directories otherwise.
  """
  resolved = os.path.realpath(os.path.expanduser(path))
  roots = [os.path.realpath(os.path.expanduser(d)) for d in allowed_dirs]
  for root in roots:
    if os.path.commonpath([resolved, root]) == root:
      return resolved
  allowed = ", ".join(roots) or "none"
  raise ValueError(f"refusing to load {path!r} (resolves to {resolved!r}): it is outside "
                   f"the allowed directories ({allowed})")


def dataset_loaders(allowed_dirs: list[str] | None = None) -> DatasetLoaders:
  """LIT's `dataset_loaders`: one loader, "prompt_file", that loads a file by its kind.

  The Configure dialog asks for `path` and `max_examples`. With `allowed_dirs`, only files
  inside those directories load (checked after resolving symlinks and ".."); [] allows
  none and None allows any path the server can read.
  """
  allowed = None if allowed_dirs is None else list(allowed_dirs)

  def load_file(path: str, max_examples: int | None = None) -> lit_dataset.Dataset:
    if not isinstance(path, str) or not path.strip():
      raise ValueError("no dataset path given")
    if allowed is not None and data_checks.is_spec(path):
      path = data_checks.map_spec_paths(path, lambda p: check_allowed(p, allowed))
    elif allowed is not None:
      path = check_allowed(path, allowed)  # Load what was checked, not the path again.
    return load(os.path.expanduser(path), max_examples)

  load_file.__name__ = load_file.__qualname__ = "load_prompt_file"
  return {LOADER_NAME: (load_file, prompts.init_spec())}
