"""Field names shared by models, datasets and the server.

These are the names LIT's Sequence Salience module asks for (see LIT's prompt-debugging
example); every other module imports them from here.
"""

PROMPT = "prompt"
TARGET = "target"
SOURCE = "source"
RESPONSE = "response"
TOKENS = "tokens"
TARGET_MASK = "target_mask"
GRAD_L2 = "grad_l2"
GRAD_DOT_INPUT = "grad_dot_input"
# A tuned model's salience change against its base (normalized grad_l2, tuned − base).
GRAD_L2_UP_VS_BASE = "grad_l2_up_vs_base"
GRAD_L2_DOWN_VS_BASE = "grad_l2_down_vs_base"
# Attribution methods beyond the gradients (models/engine/attribution.py). Each TokenScores
# field is one method button in LIT's Sequence Salience module.
FOIL = "foil"  # Optional: an alternative continuation, for the contrastive methods.
INTEGRATED_GRADIENTS = "integrated_gradients"
INTEGRATED_GRADIENTS_ERROR = "integrated_gradients_error"  # Completeness error (a Scalar).
OCCLUSION = "occlusion"              # Whole words zeroed (LIT's "Words" grouping).
TOKEN_OCCLUSION = "token_occlusion"  # Each displayed token zeroed alone.
CONTRASTIVE_GRAD_L2 = "contrastive_grad_l2"
CONTRASTIVE_GRAD_DOT_INPUT = "contrastive_grad_dot_input"
PROMPT_EMBEDDINGS = "prompt_embeddings"
RESPONSE_EMBEDDINGS = "response_embeddings"
# Template datasets: the template, its variables as one JSON object (when rows differ in
# their placeholders), and the label naming which template variant a row uses.
TEMPLATE = "template"
VARS = "vars"
LABEL = "label"
# Preference pairs (RLHF-style data) and evaluation requests.
RESPONSE_1 = "response_1"
RESPONSE_2 = "response_2"
PREFERRED = "preferred"  # Which response people preferred: "1" or "2".
KIND = "kind"  # An evaluation request's kind: harmful or benign.
# Routed templates (datasets/routing.py): the inserted instruction block (a placeholder of
# the template), the router's label and probability, a person's override, and the file's
# routing (router, routed variable, blocks) as JSON.
INSTRUCTIONS = "instructions"
ROUTE_LABEL = "route_label"
ROUTE_PROBABILITY = "route_probability"
LABEL_OVERRIDE = "label_override"
ROUTING = "routing"
# Labeled router inputs, and what `gemma-lit route` prints per input.
TEXT = "text"
PROBABILITY = "probability"
# A reward model's score of prompt + response (models/lit/reward.py).
REWARD = "reward"


def salience_model_name(name: str) -> str:
  """The hidden LIT model that computes salience for model `name`."""
  return f"_{name}_salience"


def tokenizer_model_name(name: str) -> str:
  """The hidden LIT model that tokenizes for model `name`."""
  return f"_{name}_tokenizer"
