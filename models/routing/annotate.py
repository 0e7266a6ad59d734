"""Route the examples of routed template datasets (datasets/routing.py): each gets its
router's label and probability, the label's instruction block and its filled prompt."""

import functools
from collections.abc import Sequence

from lit_app.datasets import routing as routing_data
from lit_app.models.routing import router as router_lib


@functools.lru_cache(maxsize=8)
def load_router(path: str) -> router_lib.Router:
  """The router in `path` ("" for the bundled one), loaded once."""
  return router_lib.load(path or router_lib.BUNDLED)


def route_examples(examples: Sequence[dict]) -> list[dict]:
  """The examples, routed ones routed (copies), others as they are. Raises ValueError
  naming the router file when it cannot be used, or a label without a block."""
  out = list(examples)
  by_router: dict[str, list[int]] = {}
  for i, ex in enumerate(examples):
    if routing_data.is_routed(ex):
      by_router.setdefault(routing_data.Routing.of(ex).router, []).append(i)
  for path, indices in by_router.items():
    answers = load_router(path).route([routing_data.route_input(examples[i]) for i in indices])
    for i, (label, probability) in zip(indices, answers):
      out[i] = routing_data.route(examples[i], label, probability)
  return out
