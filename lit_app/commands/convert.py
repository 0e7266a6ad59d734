"""gemma-lit convert: a Gemma GGUF file (llama.cpp, Ollama, LM Studio) as a KerasHub preset.

  gemma-lit convert FILE.gguf --out=DIR

DIR then loads with KerasHub alone, without this project:
`keras_hub.models.Gemma3CausalLM.from_preset(DIR)` (Gemma 3 files) or
`keras_hub.models.GemmaCausalLM.from_preset(DIR)` (Gemma 1 and 2). Weights are
dequantized to float32. The conversion is the one `--models=NAME:FILE.gguf` uses, and
fills the same cache (`$GEMMA_LIT_CACHE`, else `$XDG_CACHE_HOME/gemma-lit`). Exits 2 on a
missing, corrupt or unsupported file, or an --out that already holds files.
"""

import os
import shutil

from absl import app, flags

from lit_app.commands import dispatch
from lit_app.models.engine import gguf_file

TAKES_ARGUMENTS = True  # The GGUF file is a positional argument.
FLAGS = flags.FlagValues()
_OUT = flags.DEFINE_string("out", None, "Directory to write the KerasHub preset to (new or "
                           "empty).", flag_values=FLAGS)


def convert(path: str, out: str) -> str:
  """Writes the KerasHub preset of the GGUF file `path` to the directory `out`.

  Args:
    path: a Gemma GGUF file.
    out: a directory that does not exist yet or is empty.

  Returns:
    The backbone class name of the written preset.

  Raises:
    ValueError: `out` holds files, or the file cannot be converted (gguf_file.GGUFError).
  """
  if os.path.isdir(out) and os.listdir(out):
    raise ValueError(f"--out={out}: the directory is not empty")
  arch = gguf_file.architecture(path)
  preset = gguf_file.converted_preset(path)
  shutil.copytree(preset, out, dirs_exist_ok=True)
  return gguf_file.backbone_class(arch).__name__


def main(paths: list[str]) -> int:
  """Runs `gemma-lit convert FILE.gguf --out=DIR`: writes the file's KerasHub preset to DIR.

  Prints one line naming DIR, the backbone class and the `from_preset` call that loads it.

  Args:
    paths: the positional arguments: exactly one, a `.gguf` path.

  Returns:
    dispatch.EXIT_OK (0).

  Raises:
    app.UsageError: --out is missing, or `paths` is not one .gguf path (dispatch exits 2).
    ValueError: DIR holds files, or the file cannot be read or converted (GGUFError);
      dispatch exits 2.
    OSError: the conversion cache or DIR cannot be written (dispatch exits 2).
  """
  if not _OUT.value:
    raise app.UsageError("--out is required")
  if len(paths) != 1:
    raise app.UsageError("name one GGUF file: gemma-lit convert FILE.gguf --out=DIR")
  path = paths[0]
  if not gguf_file.is_gguf(path):
    raise app.UsageError(f"{path}: expected a .gguf file")
  backbone = convert(path, _OUT.value)
  print(f"wrote {_OUT.value}: a KerasHub preset ({backbone}); load it with "
        f"keras_hub.models.{backbone.replace('Backbone', 'CausalLM')}.from_preset("
        f"{_OUT.value!r})")
  return dispatch.EXIT_OK
