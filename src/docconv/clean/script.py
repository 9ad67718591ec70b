"""Optional script conversion (simplified ⇄ traditional) through OpenCC, the `docconv[opencc]` extra.

Off by default: docconv keeps the script it was given. `Options.convert_script` set to 'simplified' or
'traditional' converts every text run (code is left alone) and records the new script in `Meta`.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from typing import Protocol

from docconv.ast import Document, Pos
from docconv.clean.textmap import map_text
from docconv.diagnostics import Action, DiagnosticLog
from docconv.errors import MissingDependencyError
from docconv.options import Options

INSTALL = "pip install 'docconv[opencc]'"
"""The line that installs the extra."""

_CONFIGS = {"simplified": "t2s", "traditional": "s2t"}


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


def converter(target: str) -> _Converter:
    """An OpenCC converter to `target` ('simplified' or 'traditional'); a clear error when not installed."""
    try:
        opencc = importlib.import_module("opencc")
    except ImportError as exc:
        raise MissingDependencyError(
            f"converting to {target} Chinese needs OpenCC; install it with: {INSTALL}"
        ) from exc
    conv: _Converter = opencc.OpenCC(_CONFIGS[target])
    return conv


def convert_script(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Convert every text run to the script `options.convert_script` names; a no-op when it is None."""
    target = options.convert_script
    if target is None:
        return doc
    conv = converter(target)
    changed = [0]

    def fix(text: str, pos: Pos | None) -> str:
        new = conv.convert(text)
        if new != text:
            changed[0] += 1
            log.report("repair.convert-script", f"converted the text to {target} Chinese",
                       action=Action.CHANGED, text=f"{text[:30]} → {new[:30]}", pos=pos)
        return new

    doc = map_text(doc, fix)
    if doc.meta.script != target:
        doc = replace(doc, meta=replace(doc.meta, script=target))
    return doc
