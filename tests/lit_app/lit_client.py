"""Requests shaped like the ones LIT's browser client sends."""

import json

FAMILIES = ("gemma", "gemma2", "gemma3")
PROMPT = "Translate to German: good morning -> "
TARGET = "Guten Morgen"


def post_preds(client, model, inputs, types, requested_fields=""):
  """POSTs LIT's /get_preds as the browser does (`requested_fields`: comma-separated)."""
  body = {"inputs": [{"data": dict(d, _id="", _meta={}), "id": "", "meta": {}} for d in inputs]}
  return client.post(
      f"/get_preds?model={model}&dataset_name=sample&requested_types={types}"
      f"&requested_fields={requested_fields}",
      data=json.dumps(body), content_type="application/json")


