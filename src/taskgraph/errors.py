"""The exceptions taskgraph raises: one tree, so callers catch :class:`TaskgraphError`."""

from __future__ import annotations

from typing import Any


class TaskgraphError(Exception):
    """Base class of every error taskgraph raises on purpose.

    ``exit_code`` is what the command line exits with: 1 for bad input or a failed check.
    """

    exit_code = 1

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled whole (a report's part in a child process, a plan read by a worker): the
        # default keeps only the message, and the file and line would be lost on the way back.
        return (_rebuilt, (type(self), self.args, self.__dict__))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(TaskgraphError):
    """A file cannot be read as a plan or as RDF: missing, a directory, empty, binary, undecodable."""


class ParseError(TaskgraphError):
    """A plan was read but nothing usable could be parsed from it (no numbered task at all)."""


class ValidationError(TaskgraphError):
    """A graph does not conform to the SHACL shapes; ``report`` holds the readable violations."""

    def __init__(self, message: str, report: str = "", path: str | None = None) -> None:
        super().__init__(message, path)
        self.report = report


class QueryError(TaskgraphError):
    """A SPARQL query is unknown, malformed, an update, or misses a parameter."""


class UsageError(TaskgraphError):
    """The caller asked for something that does not exist (a view, a measure, a format)."""

    exit_code = 2


def _rebuilt(cls: type[TaskgraphError], args: tuple[Any, ...], state: dict[str, Any]) -> TaskgraphError:
    """A taskgraph error unpickled: its class, message and every attribute it had."""
    exc = cls.__new__(cls)
    Exception.__init__(exc, *args)
    exc.__dict__.update(state)
    return exc
