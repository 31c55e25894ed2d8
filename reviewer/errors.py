"""Errors a user sees. Each names the file (or input) and the problem, never the document text."""
from __future__ import annotations


class ReviewerError(Exception):
    """Base class for errors the reviewer reports to users without a traceback."""


class InputError(ReviewerError):
    """A file or text that cannot be reviewed: names the source and says why."""

    def __init__(self, source: str, problem: str):
        self.source = str(source)
        self.problem = problem
        super().__init__(f"{self.source}: {problem}")


class ConfigError(ReviewerError):
    """A configuration file or resource that is not valid."""
