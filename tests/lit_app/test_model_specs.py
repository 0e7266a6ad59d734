"""Model building (`lit_app/model_specs.py`): a tuned checkpoint served without its chat
template is named in a warning."""

import logging

import pytest

from lit_app import model_specs
from lit_app.models.engine import checkpoint


@pytest.fixture(scope="module")
def adapter(tiny_presets, tmp_path_factory):
  causal_lm = checkpoint.load_causal_lm(tiny_presets["gemma"])
  checkpoint.enable_lora(causal_lm, 2)
  path = str(tmp_path_factory.mktemp("adapter") / "t.lora.h5")
  causal_lm.backbone.save_lora_weights(path)
  return f"{tiny_presets['gemma']}@{path}"


@pytest.mark.parametrize("chat_models, warned", [((), True), (("t",), False)])
def test_tuned_checkpoint_without_chat_template_is_warned(adapter, chat_models, warned,
                                                          caplog):
  with caplog.at_level(logging.WARNING):
    models, _ = model_specs.build_models([f"t:{adapter}"], 64, 2, 2, "float32",
                                         chat_models=chat_models, salience_methods=())
  assert "t" in models
  messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
  assert any("t is a tuned checkpoint (t.lora.h5) outside --chat_template" in m
             and "--chat_template=t" in m for m in messages) == warned, messages


def test_ig_max_steps_flag_reaches_the_engine(tiny_presets):
  """--ig_max_steps bounds integrated gradients' doubling on every served model; fewer
  than the first try's points is a usage error naming the flag."""
  from absl import flags
  values = flags.FlagValues()
  model_flags = model_specs.define_flags(values)
  values(["prog", f"--models=m:{tiny_presets['gemma']}", "--ig_max_steps=256"])
  models, _ = model_flags.build(salience_methods=())
  assert getattr(models["m"], "wrapped", models["m"]).engine.ig_max_steps == 256
  other = flags.FlagValues()
  model_specs.define_flags(other)
  with pytest.raises(flags.IllegalFlagValueError, match="ig_max_steps"):
    other(["prog", "--ig_max_steps=64"])
