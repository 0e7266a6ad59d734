"""Featurizers for the router: text in, feature vectors out, saved as plain JSON.

  text        character n-gram TF-IDF (scikit-learn's TfidfVectorizer, `char_wb`, 2–5
              characters, sublinear tf, at most MAX_FEATURES n-grams): no model needed.
  embeddings  a checkpoint's final hidden states mean-pooled over the input's tokens
              (Engine.mean_hidden), standardized with the training set's mean and scale.

A featurizer's JSON (`to_json`) is what the router file stores under "featurizer"; its
"kind" names it. Nothing is pickled.
"""

import functools

import numpy as np
from sklearn.feature_extraction import text as sk_text

TEXT, EMBEDDINGS = "text", "embeddings"
KINDS = (TEXT, EMBEDDINGS)
MAX_FEATURES = 8000
_TEXT_PARAMS = dict(analyzer="char_wb", ngram_range=(2, 5), lowercase=True,
                    sublinear_tf=True, min_df=2, max_features=MAX_FEATURES)


class TextFeaturizer:
  """Character n-gram TF-IDF."""
  kind = TEXT

  def __init__(self, vectorizer: sk_text.TfidfVectorizer | None = None):
    self.vectorizer = vectorizer or sk_text.TfidfVectorizer(**_TEXT_PARAMS)

  def fit(self, texts: list[str]) -> "TextFeaturizer":
    self.vectorizer.fit(texts)
    return self

  def transform(self, texts: list[str]) -> np.ndarray:
    """<float32>[rows, features]."""
    return np.asarray(self.vectorizer.transform(texts).toarray(), np.float32)

  def to_json(self) -> dict:
    vocabulary = sorted(self.vectorizer.vocabulary_, key=self.vectorizer.vocabulary_.get)
    return {"kind": TEXT, "ngram_range": list(_TEXT_PARAMS["ngram_range"]),
            "analyzer": _TEXT_PARAMS["analyzer"], "vocabulary": vocabulary,
            "idf": [float(x) for x in self.vectorizer.idf_]}

  @classmethod
  def from_json(cls, obj: dict) -> "TextFeaturizer":
    vocabulary, idf = obj["vocabulary"], obj["idf"]
    if not isinstance(vocabulary, list) or not all(isinstance(v, str) for v in vocabulary):
      raise ValueError("featurizer 'vocabulary' must be a list of strings")
    if not isinstance(idf, list) or len(idf) != len(vocabulary):
      raise ValueError(f"featurizer 'idf' must have one number per vocabulary entry "
                       f"({len(vocabulary)})")
    params = dict(_TEXT_PARAMS, ngram_range=tuple(obj["ngram_range"]),
                  analyzer=obj["analyzer"])
    params.pop("max_features"), params.pop("min_df")
    vectorizer = sk_text.TfidfVectorizer(
        vocabulary={v: i for i, v in enumerate(vocabulary)}, **params)
    vectorizer.idf_ = np.asarray(idf, np.float64)
    return cls(vectorizer)

  @property
  def num_features(self) -> int:
    return len(self.vectorizer.vocabulary_)


@functools.lru_cache(maxsize=4)
def _engine(checkpoint_spec: str, max_length: int):
  """One Engine per checkpoint, loaded on first use."""
  from lit_app.models import engine as engine_lib  # Loads JAX/Keras only when needed.
  from lit_app.models.engine import checkpoint
  return engine_lib.Engine(checkpoint.load_causal_lm(checkpoint_spec), max_length)


class EmbeddingFeaturizer:
  """Mean-pooled final hidden states of a checkpoint (the served model's prompt
  embeddings), standardized."""
  kind = EMBEDDINGS

  def __init__(self, checkpoint_spec: str, max_length: int = 256, engine=None,
               mean=None, scale=None):
    self.checkpoint_spec, self.max_length = checkpoint_spec, max_length
    self._given_engine = engine
    self.mean, self.scale = mean, scale

  @property
  def engine(self):
    return self._given_engine or _engine(self.checkpoint_spec, self.max_length)

  def _raw(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
    ids = [self.engine.encode(t)[0] for t in texts]
    return np.concatenate([self.engine.mean_hidden(ids[i:i + batch_size])
                           for i in range(0, len(ids), batch_size)])

  def fit(self, texts: list[str]) -> "EmbeddingFeaturizer":
    raw = self._raw(texts)
    self.mean, self.scale = raw.mean(axis=0), raw.std(axis=0) + 1e-6
    return self

  def transform(self, texts: list[str]) -> np.ndarray:
    return ((self._raw(texts) - self.mean) / self.scale).astype(np.float32)

  def to_json(self) -> dict:
    return {"kind": EMBEDDINGS, "checkpoint": self.checkpoint_spec,
            "max_length": self.max_length, "mean": [float(x) for x in self.mean],
            "scale": [float(x) for x in self.scale]}

  @classmethod
  def from_json(cls, obj: dict) -> "EmbeddingFeaturizer":
    if not isinstance(obj["checkpoint"], str):
      raise ValueError("featurizer 'checkpoint' must be a string")
    mean, scale = np.asarray(obj["mean"], np.float32), np.asarray(obj["scale"], np.float32)
    if mean.ndim != 1 or mean.shape != scale.shape:
      raise ValueError("featurizer 'mean' and 'scale' must be lists of equal length")
    return cls(obj["checkpoint"], int(obj.get("max_length", 256)), mean=mean, scale=scale)

  @property
  def num_features(self) -> int:
    return len(self.mean)


def from_json(obj: dict):
  """The featurizer a router file describes. Raises ValueError/KeyError on bad content."""
  if not isinstance(obj, dict):
    raise ValueError("'featurizer' must be an object")
  kind = obj.get("kind")
  if kind == TEXT:
    return TextFeaturizer.from_json(obj)
  if kind == EMBEDDINGS:
    return EmbeddingFeaturizer.from_json(obj)
  raise ValueError(f"unknown featurizer kind {kind!r} (one of: {', '.join(KINDS)})")
