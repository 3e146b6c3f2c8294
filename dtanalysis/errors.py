"""Exceptions raised for user-facing problems.

Every error names the file (when there is one) and says what is wrong in one line, so
that the command-line interface can print it without a traceback.
"""

from __future__ import annotations


class DtanalysisError(Exception):
    """Base class for errors caused by input data rather than by a bug."""


class CorpusError(DtanalysisError):
    """The raw corpus and its manifest disagree (missing, changed or unlisted file)."""


class InputError(DtanalysisError):
    """A text file cannot be read: empty, binary, undecodable or not a file."""
