"""Voice stage, languages: attribution cues of the languages other than English.

Input: ``slant/data/voice/cues.yml`` (a list of cue words per ISO 639-1 code: data, so a
language is added there, not here). Output: the cue set the one automaton pass looks for
(:func:`all_cues`) and, per language, the compiled expression that confirms a cue where the
pass found one (:func:`language_attrib`). English keeps its own rules (:mod:`._reported`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from ..text import folded_regex, language_rules
from ._reported import CUES

__all__ = ["all_cues", "language_attrib", "language_cues"]


@lru_cache(maxsize=1)
def language_cues() -> dict[str, tuple[str, ...]]:
    """The attribution cues of each language in ``slant/data/voice/cues.yml``."""
    path = resources.files("slant") / "data" / "voice" / "cues.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {code: tuple(str(c) for c in cues) for code, cues in data.items()}


@lru_cache(maxsize=1)
def all_cues() -> frozenset:
    """English :data:`CUES` and every language's cues as ``(language, cue)`` pairs: the keys
    :func:`slant.lexicons.scan_plan` adds to its automaton (with their stems and clitics)."""
    return frozenset(CUES) | {(code, cue) for code, cues in language_cues().items() for cue in cues}


@lru_cache(maxsize=16)
def language_attrib(language: str) -> re.Pattern | None:
    """A cue of ``language`` as a whole word, with the clitics its words may carry (Arabic
    و ف ب ...), its letter variants and diacritics; None for English or a language with none."""
    cues = language_cues().get(language)
    if language == "en" or not cues:
        return None
    rules = language_rules().get(language)
    leads = [p for p in (rules.prefixes if rules else ()) if p]
    lead = "(?:" + "|".join(sorted(map(re.escape, leads), key=len, reverse=True)) + ")?" if leads else ""
    body = "|".join(sorted({folded_regex(c) for c in cues}, key=len, reverse=True))
    return re.compile(rf"(?<!\w){lead}(?:{body})(?!\w)", re.IGNORECASE)
