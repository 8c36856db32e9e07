"""`python -m realpolitik`: the same as the `realpolitik` command."""

from .cli import main

main(prog_name="realpolitik")
