"""Alignment evaluation, without LIT: one refusal rule, one preference agreement.

  refusals    the refusal rule (is_refusal); refusal and over-refusal counts and rates
  preference  mean log-probability of responses (via the engine) and agreement with
              the response people preferred

LIT's Metrics module (models/lit/metrics.py) and `gemma-lit eval` both call these on the
answers of the same LIT generation model, so they report the same numbers.
"""
