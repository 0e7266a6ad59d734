"""Model-parallel serving: Gemma's weights sharded over several accelerators.

  configure(model_parallel=N, backbones=[preset or backbone class, ...])   # before loading
  causal_lm = checkpoint.load_causal_lm(...)    # variables are created sharded
  log.info(describe(causal_lm))

The devices form a 2-D mesh (batch, model) of shape (devices / N, N). The weights follow
each family's declared layout (`families.*.LAYOUT`; for Gemma 1/2 it is KerasHub's
`GemmaBackbone.get_layout_map`, the Gemma team's training layout, and Gemma 3, 3n and 4
declare the same roles under their own names, Gemma 4's expert bank split by expert):
the embedding, attention and MLP kernels are split over the `model` axis and their other
large dimension over the `batch` axis, so every device holds about 1/devices of each
kernel (norm scales and LoRA kernels are small and replicated). An axis that does not divide a dimension (one KV head on 2
devices, a vocabulary of 320 on 3) leaves that dimension whole.

The engine jits with the variables as arguments, so sharded values flow through `jax.jit`
with their shardings and XLA inserts the collectives. Token arrays may come as NumPy
(replicated); `place_batch` splits them along the `batch` axis when the batch divides.
"""

import logging
import math
from collections.abc import Iterable, Sequence

import jax
import keras
import keras_hub
import numpy as np

from lit_app.models.engine import checkpoint, families

log = logging.getLogger(__name__)

BATCH_AXIS = families.BATCH
MODEL_AXIS = families.MODEL


def mesh_shape(model_parallel: int, num_devices: int) -> tuple[int, int]:
  """(data_parallel, model_parallel): the mesh over `num_devices` devices."""
  if isinstance(model_parallel, bool) or not isinstance(model_parallel, int) or model_parallel < 1:
    raise ValueError(f"--model_parallel must be a positive integer, got {model_parallel!r}")
  if num_devices % model_parallel:
    raise ValueError(f"--model_parallel={model_parallel} does not divide the "
                     f"{num_devices} available device(s)")
  return num_devices // model_parallel, model_parallel


def fit_axes(axes: Sequence[str | None], shape: Sequence[int],
             axis_sizes: dict[str, int]) -> tuple[str | None, ...]:
  """The sharding axes of a variable, with those that do not divide its dimension dropped."""
  return tuple(None if a is not None and dim % axis_sizes[a] else a
               for a, dim in zip(axes, shape))


class FittedModelParallel(keras.distribution.ModelParallel):
  """keras' ModelParallel, with layouts fitted to each variable's shape (see fit_axes)."""

  def get_variable_layout(self, variable):
    """ModelParallel's layout of `variable`, less the axes that do not divide its shape.

    A dimension whose mesh axis does not divide it is left whole (replicated along that
    axis); the layout is returned unchanged when every axis fits.
    """
    layout = super().get_variable_layout(variable)
    mesh = self.device_mesh
    axes = fit_axes(layout.axes, variable.shape, dict(zip(mesh.axis_names, mesh.shape)))
    if axes == tuple(layout.axes):
      return layout
    return keras.distribution.TensorLayout(axes, mesh)


def layout_map(mesh: keras.distribution.DeviceMesh,
               backbones: Iterable) -> keras.distribution.LayoutMap:
  """The union of the backbones' family layouts on `mesh` (they must agree)."""
  merged = keras.distribution.LayoutMap(mesh)
  for cls in dict.fromkeys(checkpoint.backbone_class(b) for b in backbones):
    for key, axes in families.family_of(cls).layout:
      if key not in list(merged):
        merged[key] = axes
      elif merged[key].axes != axes:
        raise ValueError(f"backbones disagree on the layout of {key!r}")
  return merged


def configure(model_parallel: int | None, backbones: Iterable = (keras_hub.models.GemmaBackbone,),
              devices: Sequence | None = None) -> keras.distribution.ModelParallel | None:
  """Sets the global Keras distribution for the models loaded next.

  model_parallel: devices per model replica (the `model` axis); the other devices form
    the `batch` axis. None: no distribution (everything on the default device).
  backbones: preset names, preset directories or backbone classes of the models to load.
  Returns the distribution set (None when off). Call before loading: variables take
  their layout when they are created.
  """
  if model_parallel is None:
    keras.distribution.set_distribution(None)
    return None
  devices = list(devices) if devices is not None else keras.distribution.list_devices()
  data, model = mesh_shape(model_parallel, len(devices))
  mesh = keras.distribution.DeviceMesh((data, model), (BATCH_AXIS, MODEL_AXIS), devices)
  distribution = FittedModelParallel(layout_map=layout_map(mesh, backbones),
                                     batch_dim_name=BATCH_AXIS)
  keras.distribution.set_distribution(distribution)
  log.info("%s", describe())
  return distribution


def _mesh():
  distribution = keras.distribution.distribution()
  return None if distribution is None else distribution.device_mesh


def describe(causal_lm: keras.Model | None = None) -> str:
  """One line for the log: the mesh, and with a model its weight bytes on one device."""
  mesh = _mesh()
  if mesh is None:
    text = f"one device ({jax.devices()[0].platform})"
  else:
    sizes = dict(zip(mesh.axis_names, mesh.shape))
    text = (f"model_parallel={sizes[MODEL_AXIS]} x data_parallel={sizes[BATCH_AXIS]} over "
            f"{math.prod(mesh.shape)} {jax.devices()[0].platform} devices")
  if causal_lm is not None:
    total = sum(v.value.nbytes for v in causal_lm.backbone.variables)
    device = jax.devices()[0]
    on_device = sum(_bytes_on(v.value, device) for v in causal_lm.backbone.variables)
    text += f"; weights {total / 2**30:.2f} GiB, {on_device / 2**30:.2f} GiB on {device}"
  return text


def _bytes_on(array: jax.Array, device) -> int:
  return sum(s.data.nbytes for s in array.addressable_shards if s.device == device)


def place_batch(*arrays: np.ndarray) -> tuple:
  """Token arrays on the mesh: split along `batch` where their batch divides, else
  replicated. Unchanged when no distribution is set."""
  mesh = _mesh()
  if mesh is None:
    return arrays
  jax_mesh = mesh.backend_mesh
  data = dict(zip(mesh.axis_names, mesh.shape))[BATCH_AXIS]
  placed = []
  for a in arrays:
    split = a.ndim and a.shape[0] % data == 0
    spec = jax.sharding.PartitionSpec(BATCH_AXIS if split else None)
    placed.append(jax.device_put(a, jax.sharding.NamedSharding(jax_mesh, spec)))
  return tuple(placed)
