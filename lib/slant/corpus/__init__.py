"""Corpus stage: load, validate and report a corpus (see README, "The corpus model")."""
