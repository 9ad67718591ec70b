"""Data files that installed packages ship, found without importing the packages (DESIGN.md: importing
them loads code and models docconv does not use)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from docconv.errors import MissingDependencyError


def installed_file(package: str, relative: str, what: str) -> Path:
    """The file `relative` inside the installed `package`; `what` names it in the error when the package
    is missing (`"character repair needs <what>"`)."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise MissingDependencyError(
            f"character repair needs {what}; install it with: pip install {package}"
        )
    return Path(spec.origin).parent / relative
