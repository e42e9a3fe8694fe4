"""Errors a user can act on. Every message names the thing at fault and, where possible, the fix."""

from __future__ import annotations


class BlocwatchError(Exception):
    """Base of every error blocwatch reports to a user (the CLI prints it without a traceback)."""


class InputError(BlocwatchError):
    """An input (file, record, URL) that cannot be read."""

    def __init__(self, origin: str, problem: str, hint: str | None = None):
        self.origin = origin
        self.problem = problem
        self.hint = hint
        message = f"{origin}: {problem}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class DataError(BlocwatchError):
    """A packaged or user data file (gazetteer, lexicon) that is malformed."""


class StoreError(BlocwatchError):
    """The database cannot be opened, is busy, or is not a blocwatch store."""


class ParameterError(BlocwatchError):
    """A command parameter or API argument that is malformed or names something unknown."""

    def __init__(self, parameter: str, problem: str):
        self.parameter = parameter
        self.problem = problem
        super().__init__(f"{parameter}: {problem}")
