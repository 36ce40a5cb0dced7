"""Transition tables and the domain error every app's services raise.

A state machine is one TextChoices field and one `Transitions` table of allowed steps; the
service guards with `check`, views and templates read `targets` to offer only what the service
accepts. Each app keeps its Swedish messages in its own errors.py."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


class DomainError(Exception):
    """A refused change; str(error) is the Swedish message shown to the user."""


class Transitions:
    """The allowed steps: from each state, the states it may move to (itself included only
    where staying is a change, e.g. a new comment)."""

    def __init__(self, steps: Mapping[str, Iterable[str]]):
        self.steps: dict[str, frozenset[str]] = {
            str(state): frozenset(map(str, targets)) for state, targets in steps.items()
        }

    def targets(self, current: str) -> frozenset[str]:
        return self.steps.get(str(current), frozenset())

    def allows(self, current: str, target: str) -> bool:
        return str(target) in self.targets(current)

    def check(self, current: str, target: str, error: DomainError) -> None:
        """Raise `error` unless the step from `current` to `target` is in the table."""
        if not self.allows(current, target):
            raise error

    def as_dict(self) -> dict[str, frozenset[str]]:
        return dict(self.steps)
