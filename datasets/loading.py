"""The server's way in to datasets: load a file by its kind, the bundled samples, and the
loader LIT's Configure dialog offers.

Which reader a file gets:
  batch output           what `gemma-lit batch` writes (its first object has a
                         "batch_key"): one row per prompt and model, with the model's
                         response and salience as columns (PrecomputedDataset below)
  tuning:TRAIN.jsonl[+EVAL.jsonl...]
                         tuning data (SFT or preference rows) with the findings of the
                         tuning-data checks as columns, contamination checked against the
                         EVAL files (tuning_datasets.py)
  .txt                   plain text, one prompt per line (prompts.py)
  anything else          JSON Lines: a routed template file (routing.py) when its first
                         object has a "routed_template" key; a template file (template_dataset.py) when its first
                         object has a "template" or "templates" key and no "prompt",
                         preference pairs (preferences.py) when it has "response_1",
                         else a prompt file (prompts.py)
"""

import os
from collections.abc import Callable

from lit_nlp.api import dataset as lit_dataset
from lit_nlp.api import types as lit_types

from lit_app import fields
from lit_app.datasets import (lines, preferences, prompts, routing, template_dataset,
                              tuning_datasets)

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
        "Held-out harmful and benign requests (kind column), drawn from the same templates "
        "as the tuning data. The Metrics module shows refusal and over-refusal rates per "
        "model."),
    "refusal_eval_ood": (
        "refusal_eval_ood.jsonl",
        "Out-of-distribution harmful and benign requests (English and German), written by "
        "hand unlike any tuning row or template: the honest test of a safety adapter. "
        "Compare its Metrics with refusal_eval's."),
    "refusal_validation": (
        "refusal_validation.jsonl",
        "Hand-written harmful and benign requests (English and German), unlike the tuning "
        "data, on which the bundled adapters' settings were chosen: a validation set, so "
        "its rates flatter; refusal_eval_ood was not used for choosing."),
    "routed_safety": (
        "routed_safety.jsonl",
        "Routed template: the router labels each held-out request (harmful, benign, "
        "medical, code) and its instruction block is inserted (columns route_label, "
        "route_probability, instructions); the same requests again with label_override = "
        "fixed_safety (one fixed safety system prompt). In Metrics, facet by `variant` to "
        "compare refusal and over-refusal."),
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
  if tuning_datasets.is_spec(path):
    return tuning_datasets.TuningDataset.from_spec(path, max_examples, description)
  if not prompts.is_text_file(path) and is_precomputed_file(path):
    return PrecomputedDataset(path, max_examples, description)
  if not prompts.is_text_file(path) and routing.is_routed_file(path):
    return routing.RoutedTemplateDataset(path, max_examples, description)
  if not prompts.is_text_file(path) and template_dataset.is_template_file(path):
    return template_dataset.TemplateDataset(path, max_examples, description)
  if not prompts.is_text_file(path) and preferences.is_preference_file(path):
    return preferences.PreferenceDataset(path, max_examples, description)
  return prompts.PromptDataset(path, max_examples, description)


# Batch output rows (lit_app/batch.py writes them): the input example's fields, then these.
BATCH_KEY = "batch_key"    # "<row index>:<hash of the input example>:<model name>"
MODEL = "model"            # The model's name, as in --models.
CHECKPOINT = "checkpoint"  # Its checkpoint, PRESET_OR_DIR[@ADAPTER.lora.h5].
SALIENCE_KEYS = (fields.TOKENS, fields.GRAD_L2, fields.GRAD_DOT_INPUT,  # Rows with a target.
                 fields.INTEGRATED_GRADIENTS, fields.OCCLUSION, fields.TOKEN_OCCLUSION,
                 fields.CONTRASTIVE_GRAD_L2, fields.CONTRASTIVE_GRAD_DOT_INPUT)
BATCH_KEYS = (MODEL, CHECKPOINT, fields.RESPONSE, *SALIENCE_KEYS, BATCH_KEY)


def is_precomputed_file(path: str) -> bool:
  """True when the file's first JSON object has a `batch_key` (`gemma-lit batch` output)."""
  objects = lines.read_json_objects(path)
  return bool(objects) and BATCH_KEY in objects[0][1]


class PrecomputedDataset(lit_dataset.Dataset):
  """Batch output: prompts with each model's precomputed response and salience.

  `model`, `checkpoint` and the input rows' other keys (source, template fields, metadata)
  become CategoryLabel columns; rows without a target have empty tokens and scores.
  """

  def __init__(self, path: str, max_examples: int | None = None,
               description: str | None = None):
    prompts.check_max_examples(max_examples)
    known = (fields.PROMPT, fields.TARGET, fields.RESPONSE, *SALIENCE_KEYS, BATCH_KEY)
    examples = []
    for line, obj in lines.read_json_objects(path)[:max_examples]:
      ex = {fields.PROMPT: lines.string_value(obj, fields.PROMPT, path, line, required=True),
            fields.TARGET: lines.string_value(obj, fields.TARGET, path, line) or "",
            fields.RESPONSE: lines.string_value(obj, fields.RESPONSE, path, line) or ""}
      for key in SALIENCE_KEYS:
        value = obj.get(key) or []
        if not isinstance(value, list):
          raise lines.error_at(path, line, f"{key!r} must be a list")
        ex[key] = value
      for key, value in obj.items():
        if key not in known:
          if isinstance(value, (dict, list)):
            raise lines.error_at(path, line, f"{key!r} must be a string or a number")
          ex[key] = "" if value is None else str(value)
      examples.append(ex)
    if not examples:
      raise lines.error_at(path, None, "no rows in the file")
    extra = list(dict.fromkeys(k for ex in examples for k in ex if k not in known))
    examples = [ex | {k: ex.get(k, "") for k in extra} for ex in examples]
    spec = {
        fields.PROMPT: lit_types.TextSegment(),
        fields.TARGET: lit_types.TextSegment(required=False),
        **{k: lit_types.CategoryLabel(required=False) for k in extra},
        fields.RESPONSE: lit_types.GeneratedText(parent=fields.TARGET, required=False),
        fields.TOKENS: lit_types.Tokens(parent=fields.PROMPT, required=False),
        **{k: lit_types.TokenScores(align=fields.TOKENS, required=False)
           for k in SALIENCE_KEYS[1:]},
    }
    models = sorted({ex.get(MODEL, "") for ex in examples})
    super().__init__(spec=spec, examples=examples, description=description or (
        f"{len(examples)} precomputed rows ({', '.join(models)}) from {os.path.basename(path)}"))


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
    if allowed is not None and tuning_datasets.is_spec(path):
      path = tuning_datasets.map_spec_paths(path, lambda p: check_allowed(p, allowed))
    elif allowed is not None:
      path = check_allowed(path, allowed)  # Load what was checked, not the path again.
    return load(os.path.expanduser(path), max_examples)

  load_file.__name__ = load_file.__qualname__ = "load_prompt_file"
  return {LOADER_NAME: (load_file, prompts.init_spec())}
