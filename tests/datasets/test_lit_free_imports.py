"""Training and the tuning-data checks run without LIT: only tuning_datasets (the LIT view
of the findings) imports it (issue #26, item 3)."""

import os
import subprocess
import sys

import pytest

# Everything under models/training/ and the modules `gemma-lit tune` checks its rows with;
# then one check run on a bundled file, so that lazy imports on that path count too.
CODE = """
import sys
import lit_app.models.training.batches, lit_app.models.training.chat
import lit_app.models.training.corpus, lit_app.models.training.dpo
import lit_app.models.training.everyday, lit_app.models.training.loop
import lit_app.models.training.pairs, lit_app.models.training.reward
import lit_app.models.training.sft, lit_app.models.training.skills
import lit_app.models.training.tasks, lit_app.models.training.topics
import lit_app.models.training.tuning_data
from lit_app.datasets import check_report, lines, similarity, tuning_rows
sft = "datasets/data/tuning_checks_sft.jsonl"
report = check_report.check([sft], ["datasets/data/tuning_checks_eval.jsonl"])
assert report.rows and report.to_text() and report.to_json()
lit = sorted(m for m in sys.modules if m.split(".")[0] == "lit_nlp")
assert not lit, lit
"""


@pytest.mark.subprocess
def test_training_and_data_checks_do_not_import_lit():
  root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
  result = subprocess.run([sys.executable, "-c", CODE], cwd=root, capture_output=True,
                          text=True, timeout=600)
  assert result.returncode == 0, result.stderr[-2000:]
