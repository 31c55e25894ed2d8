"""Run the `reviewer` command line in-process and capture what it prints (shared by the tests)."""
from __future__ import annotations

from reviewer import cli


def run(capsys, *argv) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `reviewer ARGV...`."""
    code = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err
