"""The router: logistic regression (scikit-learn) on featurized inputs, kept in one JSON
file.

Router file (JSON, UTF-8):
  {"format": "gemma-lit-router", "version": 1,
   "labels": ["benign", "code", "harmful", "medical"],     # sorted, as scikit-learn orders
   "featurizer": {"kind": "text", …} | {"kind": "embeddings", "checkpoint": PATH, …},
   "coef": [[…] per label],  "intercept": [… per label],     # two labels: one row, one value
   "trained_on": {"file": …, "rows": N, "per_label": {…}}}
Probabilities are scikit-learn's predict_proba: softmax over the labels' scores
(multinomial), or the logistic of the one score for two labels. A file that cannot be
used is a ValueError of one line naming the file and the problem.
"""

import collections
import dataclasses
import json
import os

import numpy as np
from sklearn import linear_model

from lit_app import models as models_package
from lit_app.models.routing import featurizers

FORMAT, VERSION = "gemma-lit-router", 1
BUNDLED = os.path.join(os.path.dirname(models_package.__file__), "checkpoints",
                       "safety_router.json")


@dataclasses.dataclass
class Router:
  """Labels, a featurizer and a linear model over its features."""
  labels: list[str]
  featurizer: object
  coef: np.ndarray       # <float64>[labels or 1, features]
  intercept: np.ndarray  # <float64>[labels or 1]
  trained_on: dict = dataclasses.field(default_factory=dict)

  def predict_proba(self, texts: list[str]) -> np.ndarray:
    """<float64>[rows, labels]."""
    if not texts:
      return np.zeros((0, len(self.labels)))
    scores = self.featurizer.transform(list(texts)).astype(np.float64) @ self.coef.T \
        + self.intercept
    if len(self.labels) == 2:  # Binary logistic regression: one score, for labels[1].
      p = 1.0 / (1.0 + np.exp(-scores[:, 0]))
      return np.stack([1.0 - p, p], axis=1)
    scores -= scores.max(axis=1, keepdims=True)
    e = np.exp(scores)
    return e / e.sum(axis=1, keepdims=True)

  def route(self, texts: list[str]) -> list[tuple[str, float]]:
    """(label, its probability) for each text."""
    proba = self.predict_proba(texts)
    best = proba.argmax(axis=1)
    return [(self.labels[i], float(proba[row, i])) for row, i in enumerate(best)]

  def to_json(self) -> dict:
    return {"format": FORMAT, "version": VERSION, "labels": list(self.labels),
            "featurizer": self.featurizer.to_json(),
            "coef": self.coef.tolist(), "intercept": self.intercept.tolist(),
            "trained_on": self.trained_on}

  def save(self, path: str) -> None:
    directory = os.path.dirname(path)
    if directory:
      os.makedirs(directory, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
      json.dump(self.to_json(), f, ensure_ascii=False, separators=(",", ":"))
      f.write("\n")


def train(texts: list[str], labels: list[str], featurizer, c: float = 10.0,
          trained_on: dict | None = None) -> Router:
  """Fits `featurizer` and a logistic regression on the labeled texts."""
  if len(set(labels)) < 2:
    raise ValueError(f"the router needs at least two labels, got {sorted(set(labels))}")
  features = featurizer.fit(texts).transform(texts)
  model = linear_model.LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
  model.fit(features, labels)
  info = dict(trained_on or {}, rows=len(texts),
              per_label=dict(sorted(collections.Counter(labels).items())))
  return Router([str(x) for x in model.classes_], featurizer, model.coef_.astype(np.float64),
                model.intercept_.astype(np.float64), info)


def load(path: str) -> Router:
  """The router in `path`; ValueError "PATH: problem" when it cannot be used."""
  try:
    with open(path, encoding="utf-8") as f:
      obj = json.load(f)
  except FileNotFoundError:
    raise ValueError(f"{path}: router file not found") from None
  except IsADirectoryError:
    raise ValueError(f"{path}: is a directory, not a router file") from None
  except UnicodeDecodeError:
    raise ValueError(f"{path}: not a router file (not UTF-8 text)") from None
  except json.JSONDecodeError as e:
    raise ValueError(f"{path}: not a router file (malformed JSON: {e.msg}, line {e.lineno}, "
                     f"column {e.colno})") from None
  except OSError as e:
    raise ValueError(f"{path}: cannot read the router file ({e.strerror})") from None
  try:
    return _from_json(obj)
  except (KeyError, TypeError, ValueError) as e:
    problem = f"missing key {e.args[0]!r}" if isinstance(e, KeyError) else str(e)
    raise ValueError(f"{path}: bad router file ({problem})") from None


def _from_json(obj) -> Router:
  if not isinstance(obj, dict) or obj.get("format") != FORMAT:
    raise ValueError(f"not a router file: no \"format\": \"{FORMAT}\"")
  if obj.get("version") != VERSION:
    raise ValueError(f"version {obj.get('version')!r} is not supported (this reads {VERSION})")
  labels = obj["labels"]
  if (not isinstance(labels, list) or len(labels) < 2
      or not all(isinstance(x, str) and x for x in labels) or len(set(labels)) != len(labels)):
    raise ValueError("'labels' must be a list of at least two distinct non-empty strings")
  featurizer = featurizers.from_json(obj["featurizer"])
  coef = np.asarray(obj["coef"], np.float64)
  intercept = np.asarray(obj["intercept"], np.float64)
  rows = 1 if len(labels) == 2 else len(labels)
  if coef.shape != (rows, featurizer.num_features):
    raise ValueError(f"'coef' has shape {list(coef.shape)}, expected "
                     f"[{rows}, {featurizer.num_features}] ({len(labels)} labels, "
                     f"{featurizer.num_features} features)")
  if intercept.shape != (rows,):
    raise ValueError(f"'intercept' has shape {list(intercept.shape)}, expected [{rows}]")
  if not (np.isfinite(coef).all() and np.isfinite(intercept).all()):
    raise ValueError("'coef' and 'intercept' must be finite numbers")
  return Router(labels, featurizer, coef, intercept, obj.get("trained_on") or {})
