"""`gemma-lit`: the subcommand list, each subcommand's --help, exit codes."""

import pytest

from lit_app.commands import dispatch


def test_help_lists_every_subcommand(capsys):
  assert dispatch.main(["--help"]) == 0
  out = capsys.readouterr().out
  for name in ("serve", "tune", "eval", "batch", "check-data", "bench", "convert",
               "report", "route"):
    assert f"\n  {name} " in out, name


@pytest.mark.parametrize("name", list(dispatch.COMMANDS))
def test_each_subcommand_has_help(name, capsys):
  assert dispatch.main([name, "--help"]) == 0
  out = capsys.readouterr().out
  assert out.startswith(f"gemma-lit {name}") and "flags:" in out
  if name in ("serve", "eval", "batch"):  # The shared model flags.
    for flag in ("--models", "--max_length", "--max_new_tokens", "--precision",
                 "--batch_size", "--chat_template", "--model_parallel"):
      assert flag in out, (name, flag)


def test_unknown_subcommand_and_none_exit_2(capsys):
  assert dispatch.main(["frobnicate"]) == 2
  assert "unknown subcommand 'frobnicate'" in capsys.readouterr().err
  assert dispatch.main([]) == 2
  assert "subcommands:" in capsys.readouterr().err


def test_bad_flag_is_one_line(capsys):
  assert dispatch.main(["check-data", "--no_such_flag=1"]) == 2
  err = capsys.readouterr().err
  assert err.startswith("gemma-lit check-data: error: ") and err.count("\n") == 1
