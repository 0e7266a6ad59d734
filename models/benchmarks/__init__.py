"""Benchmarks of the engine: the measuring code behind `gemma-lit bench`.

Beside the engine, not inside a command: the command parses flags, calls these modules and
prints their figures as tables.

  timing     Timing (first call, median of the rest), the machine, its fp32 matmul peak,
             the FLOPs of a salience call
  inputs     the checkpoints measured (random Gemmas of fixed shapes) and the requests
             (texts of a given token length, cut from the training corpus)
  speed      salience and generation through our LIT wrappers; salience against length
             where most layers slide over a window
  reference  the same cases on LIT's own TensorFlow wrappers, in a subprocess
  memory     resident memory of one salience request, in a fresh process
  serving    LIT's HTTP endpoint in process, and the first answers of a started server
"""
