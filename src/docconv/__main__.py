"""`python -m docconv`: the same as the `docconv` command."""

from docconv.cli import entry

if __name__ == "__main__":  # guarded: batch workers started by spawn/forkserver re-import this module
    entry()
