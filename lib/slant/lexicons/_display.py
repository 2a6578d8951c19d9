"""Lexicons stage, display: the short form in which a label is shown beside labels of other
languages ("النظام (the regime)"), and a language's name.

In: a label, its English ``gloss`` and its ``language`` (columns of the entries, hits and
label-choice tables). Out: strings for tables and charts; the full gloss stays in the tables.
"""

from __future__ import annotations

import re

from ..text import language_rules

__all__ = ["ENGLISH", "display_label", "language_name"]

#: The language of a lexicon file without ``language:``; its labels need no gloss.
ENGLISH = "en"

#: A gloss is cut where its explanation starts: at the first " (" or ";".
_GLOSS_END = re.compile(r" \(|;")


def display_label(label: str, gloss: str = "", language: str = ENGLISH) -> str:
    """The label as charts and tables show it: an English label alone, any other label followed
    by the first part of its English gloss in brackets.

    The gloss is cut at its first " (" or ";" (what follows explains, and would crowd a tick
    label); a missing gloss, or one equal to the label, adds nothing.

    Parameters
    ----------
    label : str
        The label as the lexicon writes it.
    gloss : str
        Its English gloss (the ``gloss`` column; for an English label the label itself).
    language : str
        ISO 639-1 code of the label's language file ("" or None counts as English).

    Returns
    -------
    str
        E.g. ``display_label("داعش", "Daesh (acronym of the former name; the group rejects
        it)", "ar")`` is ``"داعش (Daesh)"``; ``display_label("regime", "regime", "en")`` is
        ``"regime"``.
    """
    label = str(label)
    if not language or language == ENGLISH or not isinstance(gloss, str):
        return label
    short = _GLOSS_END.split(gloss, maxsplit=1)[0].strip()
    if not short or short == label:
        return label
    return f"{label} ({short})"


def language_name(code: str) -> str:
    """"Arabic" for "ar": the ``name`` of ``slant/data/languages.yml``, "English" for "en", else
    the code itself (a language added by a lexicon file alone has no name entry)."""
    if code == ENGLISH:
        return "English"
    rules = language_rules().get(code)
    return rules.name if rules is not None and rules.name else str(code)
