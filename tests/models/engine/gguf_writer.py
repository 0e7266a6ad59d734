"""Writes a KerasHub Gemma (1, 2 or 3) as a GGUF file the way llama.cpp's converter does,
with `gguf`'s own writer: llama.cpp's tensor names and [out, in] layouts, every RMSNorm
weight stored as (w + 1), the chat-turn pieces typed as control and whitespace pieces
written with spaces. Independent of KerasHub's converter, which the loader uses.
"""

import numpy as np
from sentencepiece import sentencepiece_model_pb2 as sp_pb2

ARCH = {"GemmaBackbone": "gemma", "Gemma3Backbone": "gemma3"}


def _arch(backbone) -> str:
  arch = ARCH[type(backbone).__name__]
  if arch == "gemma" and backbone.use_post_ffw_norm:
    return "gemma2"
  return arch


def tensors(backbone) -> dict[str, np.ndarray]:
  """{llama.cpp tensor name: float32 array in Hugging Face's [out, in] layout}."""
  value = lambda v: np.asarray(v.value if hasattr(v, "value") else v, np.float32)
  norm = lambda layer: value(layer.scale) + 1.0
  out = {"token_embd.weight": value(backbone.token_embedding.embeddings),
         "output_norm.weight": norm(backbone.get_layer("final_normalization"))}
  for i in range(backbone.num_layers):
    block, p = backbone.get_layer(f"decoder_block_{i}"), f"blk.{i}."
    attention = block.attention
    for name, dense in (("attn_q", attention.query_dense), ("attn_k", attention.key_dense),
                        ("attn_v", attention.value_dense)):
      kernel = value(dense.kernel)  # (heads, hidden, head_dim) -> [heads·head_dim, hidden]
      out[p + name + ".weight"] = kernel.transpose(0, 2, 1).reshape(-1, kernel.shape[1])
    kernel = value(attention.output_dense.kernel)  # (heads, head_dim, hidden)
    out[p + "attn_output.weight"] = kernel.transpose(2, 0, 1).reshape(kernel.shape[2], -1)
    out[p + "attn_norm.weight"] = norm(block.pre_attention_norm)
    out[p + "ffn_norm.weight"] = norm(block.pre_ffw_norm)
    if getattr(block, "use_post_attention_norm", False):
      out[p + "post_attention_norm.weight"] = norm(block.post_attention_norm)
    if getattr(block, "use_post_ffw_norm", False):
      out[p + "post_ffw_norm.weight"] = norm(block.post_ffw_norm)
    if getattr(attention, "use_query_key_norm", False):
      out[p + "attn_q_norm.weight"] = norm(attention.query_norm)
      out[p + "attn_k_norm.weight"] = norm(attention.key_norm)
    out[p + "ffn_gate.weight"] = value(block.gating_ffw.kernel).T
    out[p + "ffn_up.weight"] = value(block.gating_ffw_2.kernel).T
    out[p + "ffn_down.weight"] = value(block.ffw_linear.kernel).T
  return out


def vocabulary(proto: bytes) -> tuple[list[str], list[float], list[int]]:
  """(tokens, scores, types) as llama.cpp writes a Gemma SentencePiece vocabulary."""
  model = sp_pb2.ModelProto.FromString(proto)
  tokens, scores, types = [], [], []
  for piece in model.pieces:
    kind = int(piece.type)
    if piece.piece in ("<unk>", "<start_of_turn>", "<end_of_turn>"):
      kind = 3  # llama.cpp types these as control
    text = piece.piece
    if kind == 4 and not text.strip("\u2581"):
      text = text.replace("\u2581", " ")
    tokens.append(text)
    scores.append(float(piece.score))
    types.append(kind)
  return tokens, scores, types


def write(causal_lm, path: str, arch: str | None = None, truncate_to: int | None = None) -> str:
  """Writes `causal_lm` to `path` as GGUF (float32 tensors); returns the path.

  arch: overrides general.architecture (to test unsupported ones).
  truncate_to: cut the file to this many bytes afterwards (a damaged download).
  """
  import gguf
  backbone = causal_lm.backbone
  real_arch = _arch(backbone)
  arch = arch or real_arch
  writer = gguf.GGUFWriter(path, arch)
  first = backbone.get_layer("decoder_block_0")
  writer.add_block_count(backbone.num_layers)
  writer.add_context_length(8192)
  writer.add_embedding_length(backbone.hidden_dim)
  writer.add_feed_forward_length(int(first.gating_ffw.kernel.shape[1]))
  writer.add_head_count(backbone.num_query_heads)
  writer.add_head_count_kv(backbone.num_key_value_heads)
  writer.add_key_length(backbone.head_dim)
  writer.add_value_length(backbone.head_dim)
  writer.add_layer_norm_rms_eps(1e-6)
  if real_arch in ("gemma2", "gemma3"):
    writer.add_sliding_window(backbone.sliding_window_size)
  if real_arch == "gemma2":
    writer.add_attn_logit_softcapping(backbone.attention_logit_soft_cap)
    writer.add_final_logit_softcapping(backbone.final_logit_soft_cap)
  if real_arch == "gemma3":
    writer.add_rope_freq_base(1e6)
  tokens, scores, types = vocabulary(causal_lm.preprocessor.tokenizer.proto)
  writer.add_tokenizer_model("llama")
  writer.add_token_list(tokens)
  writer.add_token_scores(scores)
  writer.add_token_types(types)
  writer.add_bos_token_id(2)
  writer.add_eos_token_id(1)
  writer.add_unk_token_id(3)
  writer.add_pad_token_id(0)
  writer.add_add_space_prefix(False)
  for name, array in tensors(backbone).items():
    writer.add_tensor(name, np.ascontiguousarray(array))
  writer.write_header_to_file()
  writer.write_kv_data_to_file()
  writer.write_tensors_to_file()
  writer.close()
  if truncate_to is not None:
    with open(path, "r+b") as f:
      f.truncate(truncate_to)
  return path
