"""Input routing: a classifier that names a label for a prompt's input (harmful, benign,
medical, code, …), so a routed template inserts that label's instruction block.

  featurizers  text -> feature vectors: character n-gram TF-IDF, or a served model's
               mean-pooled prompt embeddings (Engine.mean_hidden)
  router       logistic regression (scikit-learn) on those features; the router file
  annotate     route the examples of routed template datasets (datasets/routing.py)
"""
