"""Diagnostics: what each stage decided, removed, repaired or doubted, as data.

Library code never prints. Readers and transforms report into a `DiagnosticLog`; the CLI and the batch
runner decide what to show (`--quiet`, `--verbose`, `--explain`, `--fail-if-warnings`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from docconv.ast import Pos


class Severity(StrEnum):
    """How much a diagnostic matters to the user."""

    INFO = "info"
    """A decision worth explaining (encoding chosen, paragraph mode)."""
    WARNING = "warning"
    """Something the user should look at (suspect residue, unrepairable damage)."""


class Action(StrEnum):
    """What the stage did to the text."""

    DETECTED = "detected"
    """Noticed or decided something; the text is unchanged."""
    REMOVED = "removed"
    """Text was removed."""
    CHANGED = "changed"
    """Text was replaced by a repaired form."""
    KEPT = "kept"
    """Text was suspected but kept."""
    MOVED = "moved"
    """Text moved elsewhere (e.g. into metadata)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic:
    """One report from a stage."""

    rule: str
    """Identifier of the rule or decision, e.g. `decode.utf8` or `residue.breadcrumb`."""
    severity: Severity
    """How much it matters."""
    action: Action
    """What was done to the text."""
    message: str
    """One human sentence."""
    text: str | None = None
    """The text affected, when there is one."""
    pos: Pos | None = None
    """Where in the source, when known."""

    def format(self) -> str:
        """One line for a terminal: `severity rule [action] message: «text» (line N)`."""
        line = f"{self.severity} {self.rule} [{self.action}] {self.message}"
        if self.text is not None:
            shown = self.text if len(self.text) <= 80 else self.text[:77] + "..."
            line += ": «" + shown.replace("\n", "\\n") + "»"
        if self.pos is not None:
            where = [f"{name} {value}" for name, value in
                     (("line", self.pos.line), ("page", self.pos.page), ("paragraph", self.pos.paragraph))
                     if value is not None]
            if where:
                line += " (" + ", ".join(where) + ")"
        return line


class DiagnosticLog:
    """An append-only collector of diagnostics for one run over one document."""

    __slots__ = ("_items",)

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def add(self, diagnostic: Diagnostic) -> None:
        """Record a diagnostic."""
        self._items.append(diagnostic)

    def report(
        self,
        rule: str,
        message: str,
        *,
        action: Action = Action.DETECTED,
        severity: Severity = Severity.INFO,
        text: str | None = None,
        pos: Pos | None = None,
    ) -> None:
        """Build and record a diagnostic."""
        self._items.append(
            Diagnostic(rule=rule, severity=severity, action=action, message=message, text=text, pos=pos)
        )

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def items(self) -> tuple[Diagnostic, ...]:
        """Everything recorded so far, in order."""
        return tuple(self._items)

    def warnings(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of warning severity."""
        return tuple(d for d in self._items if d.severity is Severity.WARNING)

    def counts(self) -> Counter[str]:
        """How many diagnostics each action produced (for batch reports)."""
        return Counter(str(d.action) for d in self._items)
