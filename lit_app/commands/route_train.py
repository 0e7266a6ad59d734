r"""gemma-lit route train: train a router from labeled inputs.

  gemma-lit route train --data=datasets/data/router_train.jsonl \
      --out=models/checkpoints/safety_router.json \
      --eval=datasets/data/router_heldout.jsonl [--featurizer=text|embeddings]

--data: JSON Lines {"text": "…", "label": "…"} (datasets/routing.py). The router is a
logistic regression (scikit-learn) on character n-gram TF-IDF features (--featurizer=text)
or on a checkpoint's mean-pooled prompt embeddings (--featurizer=embeddings
--checkpoint=PRESET_OR_DIR[@ADAPTER.lora.h5]). With --eval, prints the accuracy on those
labeled inputs: over all labels, and harmful against the rest (--positive).
"""

import collections

import tabulate
from absl import app, flags

from lit_app import fields
from lit_app.commands import dispatch
from lit_app.datasets import routing as routing_data
from lit_app.models.routing import featurizers
from lit_app.models.routing import router as router_lib

FLAGS = flags.FlagValues()
_DATA = flags.DEFINE_string("data", None, "Labeled inputs (JSONL: text, label).",
                            flag_values=FLAGS)
_OUT = flags.DEFINE_string("out", None, "Where to write the router (JSON).", flag_values=FLAGS)
_EVAL = flags.DEFINE_list("eval", [], "Held-out labeled inputs to measure the router on.",
                          flag_values=FLAGS)
_FEATURIZER = flags.DEFINE_enum("featurizer", featurizers.TEXT, list(featurizers.KINDS),
                                "text: character n-gram TF-IDF; embeddings: the "
                                "--checkpoint's mean-pooled prompt embeddings.",
                                flag_values=FLAGS)
_CHECKPOINT = flags.DEFINE_string(
    "checkpoint", None, "For --featurizer=embeddings: PRESET_OR_DIR[@ADAPTER.lora.h5] whose "
    "embeddings are the features (default: the bundled base).", flag_values=FLAGS)
_C = flags.DEFINE_float("c", 10.0, "Inverse regularization strength of the logistic "
                        "regression.", lower_bound=0.0, flag_values=FLAGS)
_POSITIVE = flags.DEFINE_string("positive", "harmful", "The label measured against all "
                                "others in the two-way accuracy.", flag_values=FLAGS)


def make_featurizer(kind: str, checkpoint_spec: str | None):
  """The unfitted featurizer for --featurizer and --checkpoint.

  Args:
    kind: featurizers.TEXT; any other value means featurizers.EMBEDDINGS.
    checkpoint_spec: for embeddings, PRESET_OR_DIR[@ADAPTER.lora.h5]; None: the bundled
      base. Unused for text.

  Returns:
    A featurizers.TextFeaturizer, or a featurizers.EmbeddingFeaturizer of the checkpoint
    (loaded when first used).

  Raises:
    app.UsageError: the bundled base is needed and its GGUF package is missing or damaged.
  """
  if kind == featurizers.TEXT:
    return featurizers.TextFeaturizer()
  from lit_app import model_specs  # The bundled checkpoints.
  spec = checkpoint_spec or model_specs.default_models()[0].split(":", 1)[1]
  return featurizers.EmbeddingFeaturizer(spec)


def accuracy(router: router_lib.Router, rows: list[dict], positive: str) -> dict:
  """{accuracy, two_way_accuracy, rows, errors: [(text, label, predicted)]}."""
  predicted = [label for label, _ in router.route([r[fields.TEXT] for r in rows])]
  gold = [r[fields.LABEL] for r in rows]
  right = sum(p == g for p, g in zip(predicted, gold))
  two_way = sum((p == positive) == (g == positive) for p, g in zip(predicted, gold))
  per_label = collections.defaultdict(lambda: [0, 0])
  for p, g in zip(predicted, gold):
    per_label[g][0] += p == g
    per_label[g][1] += 1
  return {"rows": len(rows), "accuracy": right / len(rows), "right": right,
          "two_way_accuracy": two_way / len(rows), "two_way_right": two_way,
          "per_label": dict(per_label),
          "errors": [(r[fields.TEXT], g, p) for r, g, p in zip(rows, gold, predicted) if p != g]}


def main() -> int:
  """Runs `gemma-lit route train`: fits a router on --data, measures it, saves it to --out.

  Prints each --eval miss, a line naming the labels, featurizer and --out, and a table of
  the accuracy over all labels and of --positive against the rest, on the training data
  and on each --eval file; the accuracies are also stored in the router's `trained_on`.

  Returns:
    dispatch.EXIT_OK (0).

  Raises:
    app.UsageError: --data or --out is missing (dispatch exits 2).
    ValueError: a labeled-inputs file cannot be read, or --data has fewer than two labels
      (dispatch exits 2).
  """
  for holder in (_DATA, _OUT):
    if not holder.value:
      raise app.UsageError(f"--{holder.name} is required")
  rows = routing_data.read_labeled(_DATA.value)
  eval_rows = {path: routing_data.read_labeled(path) for path in _EVAL.value}
  featurizer = make_featurizer(_FEATURIZER.value, _CHECKPOINT.value)
  router = router_lib.train([r[fields.TEXT] for r in rows], [r[fields.LABEL] for r in rows],
                            featurizer, _C.value, trained_on={"file": _DATA.value})
  train_fit = accuracy(router, rows, _POSITIVE.value)
  router.trained_on["training_accuracy"] = round(train_fit["accuracy"], 4)
  table = [["training data", _DATA.value, train_fit["rows"], f"{train_fit['accuracy']:.1%}",
            f"{train_fit['two_way_accuracy']:.1%}"]]
  for path, held in eval_rows.items():
    result = accuracy(router, held, _POSITIVE.value)
    router.trained_on.setdefault("heldout", {})[path] = {
        "rows": result["rows"], "accuracy": round(result["accuracy"], 4),
        "two_way_accuracy": round(result["two_way_accuracy"], 4)}
    table.append(["held out", path, result["rows"],
                  f"{result['accuracy']:.1%} ({result['right']}/{result['rows']})",
                  f"{result['two_way_accuracy']:.1%} ({result['two_way_right']}/"
                  f"{result['rows']})"])
    for text, gold, predicted in result["errors"]:
      print(f"  held-out miss: {gold} -> {predicted}: {text}")
  router.save(_OUT.value)
  print(f"router: {len(router.labels)} labels ({', '.join(router.labels)}), featurizer "
        f"{featurizer.kind} ({featurizer.num_features} features), trained on {len(rows)} "
        f"inputs; saved {_OUT.value}")
  print(tabulate.tabulate(table, headers=["", "file", "inputs", "accuracy",
                                          f"{_POSITIVE.value} vs rest"],
                          tablefmt="github", disable_numparse=True))
  return dispatch.EXIT_OK
