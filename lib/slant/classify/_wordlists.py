"""Classify stage, word lists: the Recasens et al. (2013) lists and MPQA clues, read at run time.

Input: the registered datasets ``recasens2013-*`` and ``mpqa-subjectivity`` (from a mirror or the
cache, see `slant.corpus._datasets`). Output: one ``Lexicon`` per list (the automaton machinery of
`slant.lexicons`, so a sentence is read once per list, never with one regex per term) and the
messages saying which lists could not be had. Nothing here downloads.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..corpus import DATASETS, RECASENS_LISTS, CorpusError, fetch_dataset
from ..lexicons import ENTRY_COLUMNS, Lexicon
from ..text import collapse, normal_form

__all__ = ["WORDLIST_NAMES", "load_wordlists", "wordlist_lexicon"]

#: Feature lists, in column order: Recasens et al. (2013) lists, then MPQA strong and weak clues.
WORDLIST_NAMES = (*(f"recasens2013-{name}" for name, *_ in RECASENS_LISTS), "mpqa-strongsubj",
                  "mpqa-weaksubj")
#: Verb lists whose lemmas ("claim") should also match their inflections ("claimed", "claims").
VERB_LISTS = ("factives", "assertives", "implicatives", "report-verbs")


def load_wordlists(mirror: str | Path | None = None, *, cache: str | Path | None = None
                   ) -> tuple[pd.DataFrame, list[str]]:
    """Read every word list found; say which are absent.

    Parameters
    ----------
    mirror : path, optional
        The mirror (e.g. ``../shared/corpora``; default ``$SLANT_MIRROR``); the lists are found in
        ``<mirror>/lexicons/...``, ``<mirror>/datasets/lexicons/...`` or
        ``<mirror>/../datasets/lexicons/...``, else in the cache.

    Returns
    -------
    terms : DataFrame
        ``term``, ``list`` (a name of ``WORDLIST_NAMES`` without the ``recasens2013-`` prefix for
        Recasens lists), ``inflect`` (match inflections too).
    missing : list of str
        One message per list not found (its features are then left out).
    """
    frames, missing = [], []
    for name in [f"recasens2013-{n}" for n, *_ in RECASENS_LISTS] + ["mpqa-subjectivity"]:
        spec = DATASETS[name]
        try:
            path = fetch_dataset(name, mirror=Path(mirror) if mirror else None, cache=cache,
                                 download=False, progress=False)
        except CorpusError as exc:
            missing.append(f"{name}: not found, its features are left out ({exc})")
            continue
        table, _ = spec.reader(path, spec)
        if name == "mpqa-subjectivity":
            table = table.assign(list="mpqa-" + table["list"], inflect=table["stemmed"])
        else:
            table = table.assign(list=f"recasens2013-{table['list'].iloc[0]}" if len(table) else name,
                                 inflect=table["list"].isin(VERB_LISTS))
        frames.append(table[["term", "list", "inflect"]])
    terms = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["term", "list", "inflect"])
    return terms, missing


def _forms(term: str, inflect: bool) -> list[str]:
    """The term in slant's normal form, with regular inflections of its last word when asked
    (-s, -es, -ed, -d, -ing, e dropped before -ing): "claim" -> claims, claimed, claiming."""
    normal = collapse(normal_form(term))[0].strip()
    if not normal or not inflect:
        return [normal] if normal else []
    *head, last = normal.split(" ")
    stem = last.removesuffix("e")
    endings = {last, last + "s", last + "es", last + "ed", last + "d", stem + "ing", stem + "ed"}
    return sorted({" ".join([*head, e]) for e in endings})


def wordlist_lexicon(terms: pd.DataFrame) -> Lexicon:
    """A ``Lexicon`` of one word list (``term``, ``inflect`` columns): one entry per term, its
    forms as patterns, so :func:`slant.lexicons.match_lexicon` counts it in one automaton pass.

    A form shared by two terms of the list counts once, for the first term.
    """
    entries = pd.DataFrame({
        "entry": np.arange(len(terms), dtype=np.int64), "lexicon": terms["list"].to_numpy() if len(terms) else [],
        "referent": "", "category": terms["list"].to_numpy() if len(terms) else [],
        "label": terms["term"].to_numpy(), "stance": "neutral", "case": "any", "note": "",
        "source": "", "file": "", "line": 0}, columns=ENTRY_COLUMNS)
    rows = [{"pattern": form, "entry": i, "prefix": False, "exact": False}
            for i, (term, inflect) in enumerate(zip(terms["term"], terms["inflect"]))
            for form in _forms(term, bool(inflect))]
    patterns = pd.DataFrame(rows, columns=["pattern", "entry", "prefix", "exact"])
    patterns = patterns.drop_duplicates("pattern").reset_index(drop=True)
    return Lexicon(entries=entries, patterns=patterns)
