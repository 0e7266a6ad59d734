"""`gemma-lit SUBCOMMAND`: one module per subcommand, `dispatch` picks one.

A command module has a docstring (its usage), `FLAGS` (its own absl FlagValues) and
`main() -> int`; `serve` runs on absl's global flags instead, as LIT's server flags do.
Commands parse flags, call the layers below and print; nothing else lives here.
"""
