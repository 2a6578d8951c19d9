"""Errors of the corpus stage."""

__all__ = ["CorpusError"]


class CorpusError(ValueError):
    """A corpus, manifest, dataset or outlet file is wrong.

    The message names the file, the line or row, and the fix.
    """
