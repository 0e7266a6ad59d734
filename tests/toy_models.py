"""The small Gemma trained here from scratch (3M parameters) and its two adapters, kept in
tests/fixtures/ as test fixtures: the browser tests and the story test assert what these
answer (tuned refuses the fentanyl request, base goes along). The product's default models
are the real Gemma 3 270M and its adapters (lit_app/model_specs.py)."""

import pathlib

FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"
TOY_BASE = FIXTURES / "toy_gemma_base"
TOY_MODELS = (f"base:{TOY_BASE},tuned:{TOY_BASE}@{FIXTURES / 'toy_gemma_safety.lora.h5'},"
              f"dpo:{TOY_BASE}@{FIXTURES / 'toy_gemma_dpo.lora.h5'}")
# Server / eval flags for them: chat markup on, every salience method offered; no background
# warm-up (on 2 cores its ~20 compiles would compete with the tests' own requests for
# minutes; tests/lit_app/test_warm_up.py tests it).
TOY_SERVER_FLAGS = [
    f"--models={TOY_MODELS}",
    "--chat_template=base,tuned,dpo",
    "--salience_methods=integrated_gradients,occlusion,contrastive",
    "--nowarm_up",
    # Integrated gradients up to 128 points: the tests click it for the UI, not its
    # convergence (tests/models/engine/test_attribution.py); the toy needs 512 (~100 s on 2
    # cores).
    "--ig_max_steps=128",
]
