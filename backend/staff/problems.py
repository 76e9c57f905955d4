"""Field-level problems: what is wrong with which input, translated where it is shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from backend.i18n import N_

__all__ = ["N_", "FieldProblem", "InputProblems"]


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one input field. ``message`` is an English msgid with %(name)s."""

    field: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, gettext: Any = None) -> str:
        message = gettext(self.message) if gettext else self.message
        return message % self.params if self.params else message


class InputProblems(ValueError):
    """Input that cannot be accepted; nothing was changed."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.text() for p in problems))
