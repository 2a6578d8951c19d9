"""Errors of the classify stage."""

__all__ = ["ClassifyError"]


class ClassifyError(ValueError):
    """An input, a model file or a training set of a classifier is wrong.

    The message names the file, the line where there is one, and the fix.
    """
