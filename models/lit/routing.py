"""LIT annotator that routes routed-template examples (datasets/routing.py).

LIT runs annotators on every dataset when the server starts, on datasets loaded from the
Configure dialog, and on each datapoint added in the Datapoint Editor: an edited input is
routed again, and a `label_override` picks its block. Examples of other datasets are left
alone.
"""

from lit_nlp.api import components as lit_components

from lit_app.models.routing import annotate


class RouteAnnotator(lit_components.Annotator):
  """Fills route_label, route_probability, instructions and prompt of routed examples."""

  def __init__(self, name: str = "router"):
    super().__init__(name, None)

  def annotate(self, inputs, dataset, dataset_spec_to_annotate=None):
    """Routes the routed examples of `inputs` in place; leaves every spec as it is."""
    del dataset, dataset_spec_to_annotate  # The fields are in the dataset's own spec.
    for example, routed in zip(inputs, annotate.route_examples(inputs)):
      if routed is not example:
        example.update(routed)
