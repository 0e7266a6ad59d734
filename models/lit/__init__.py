"""LIT adapters: model wrappers, interpreters and metrics around the engine.

Thin: specs, validation, text <-> arrays. They call the engine; the engine never imports them.
"""
