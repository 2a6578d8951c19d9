"""Text stage, languages: the per-language part of the normal form every matcher uses.

Input: code points of the normal form (:mod:`slant.text._normal`) and an article's ``language``
(ISO 639-1). Output: the same arrays, changed in place and still one code point per character
of the text, so a match's offsets stay those of the original text.

Three mechanisms, chosen per language from ``slant/data/languages.yml`` (data, not code: a
language is added there):

- **Folding** (every text, one table look-up per code point, in :func:`fold_table`): Arabic and
  Persian letter variants become one letter (أ إ آ ٱ -> ا, ى ی -> ي, ة ۀ -> ه, ؤ -> و, ئ -> ي,
  ک -> ك, Arabic-Indic and Persian digits -> 0-9), ё -> е, and diacritics (harakat U+064B-U+0652,
  superscript alef U+0670), tatweel U+0640, ZWNJ U+200C and ZWJ U+200D become :data:`FILLER`,
  which :func:`slant.text.collapse` drops. The table changes no code point of English text.
- **Stems** (ru, fr: :func:`stem_segment`): each word of an article in that language is cut to
  its Snowball stem, the cut letters becoming :data:`FILLER`; patterns are stemmed the same way
  (:func:`language_forms`).
- **Affixes** (ar, fa: :func:`language_forms`): a pattern also matches with clitics before it
  (Arabic و ف ب ل ك ال and their combinations) and endings after its last word (plural, dual,
  feminine, pronouns, Persian ها/های/ان/ی): extra automaton keys, so the text is not changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml

from ._chars import BMP

__all__ = ["FILLER", "LanguageRules", "fold_table", "folded_regex", "language_forms", "language_rules",
           "stem_segment", "stem_word"]

#: Code point of a character the normal form deletes (a diacritic, a stemmed-off ending): no
#: text keeps U+0000 (ASCII controls are spaces), and :func:`slant.text.collapse` drops it.
FILLER = 0

#: Letters folded to one form (Arabic and Persian spelling variants; Russian ё).
_FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ة": "ه", "ۀ": "ه",
         "ؤ": "و", "ک": "ك", "ё": "е", "Ё": "Е"}
#: Code points deleted: harakat and tanwin (U+064B-U+0652), maddah and hamza marks
#: (U+0653-U+0655), superscript alef U+0670, tatweel U+0640, ZWNJ U+200C, ZWJ U+200D.
_DELETE = [*range(0x064B, 0x0656), 0x0670, 0x0640, 0x200C, 0x200D]
#: Arabic-script punctuation and quote marks that read as spaces (comma, semicolon, question
#: mark, full stop, percent sign; single guillemets).
_SPACES = "،؛؟۔٪‹›"


@lru_cache(maxsize=1)
def fold_table() -> np.ndarray:
    """Per BMP code point the letter folding of every text: itself, a folded letter, a space
    (Arabic-script punctuation) or :data:`FILLER` (the normal form adds its own spaces)."""
    table = np.arange(BMP, dtype=np.uint32)
    for src, dst in _FOLD.items():
        table[ord(src)] = ord(dst)
    for first in (0x0660, 0x06F0):  # Arabic-Indic and extended (Persian) digits
        table[first:first + 10] = np.arange(ord("0"), ord("9") + 1)
    table[[ord(c) for c in _SPACES]] = 32
    table[_DELETE] = FILLER
    return table


@dataclass(frozen=True)
class LanguageRules:
    """How one language's text and patterns are read (``slant/data/languages.yml``)."""

    code: str
    name: str = ""
    stemmer: str = ""
    prefixes: tuple[str, ...] = ("",)
    suffixes: tuple[str, ...] = ()
    feminine: str = ""
    feminine_stem: str = ""
    feminine_suffixes: tuple[str, ...] = ()
    short_letters: int = 0
    short_suffixes: tuple[str, ...] = ()
    article: str = ""


def _fold(word: str) -> str:
    """Fold and lower an affix as the normal form folds text (no spaces in an affix)."""
    table = fold_table()
    return "".join(chr(table[ord(c)]) for c in word.lower() if table[ord(c)] != FILLER)


def _clitic_prefixes(clitics: dict) -> tuple[str, ...]:
    """Every combination conjunction + preposition, each optional ("", و, ب, وب, ول, ...);
    the article comes after them (:func:`_affixed`)."""
    out = [_fold(conj + prep) for conj in ["", *clitics.get("conjunctions", [])]
           for prep in ["", *clitics.get("prepositions", [])]]
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=1)
def language_rules() -> dict[str, LanguageRules]:
    """The rules of every language in ``slant/data/languages.yml``, by ISO 639-1 code."""
    path = resources.files("slant") / "data" / "languages.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rules = {}
    for code, item in data.items():
        clitics = item.get("clitics") or {}
        rules[code] = LanguageRules(
            code=code, name=item.get("name", code), stemmer=item.get("stemmer", ""),
            prefixes=_clitic_prefixes(clitics) if clitics else ("",),
            suffixes=tuple(_fold(s) for s in item.get("suffixes", [])),
            feminine=_fold(item.get("feminine", "")), feminine_stem=_fold(item.get("feminine_stem", "")),
            feminine_suffixes=tuple(_fold(s) for s in item.get("feminine_suffixes", [])),
            short_letters=int(item.get("short_letters", 0)),
            short_suffixes=tuple(_fold(s) for s in item.get("short_suffixes", [])),
            article=_fold(clitics.get("article", "")))
    return rules


@lru_cache(maxsize=8)
def _stemmer(name: str):
    import snowballstemmer  # only articles in a stemmed language need it

    return snowballstemmer.stemmer(name)


@lru_cache(maxsize=500_000)
def stem_word(language: str, word: str) -> str:
    """The word (lower case, normal form) cut to its stem, as a string no longer than the word
    (Snowball may change a letter: French "libération" -> "liber"); the word itself in a
    language without a stemmer, or when the stem would be longer."""
    rules = language_rules().get(language)
    if rules is None or not rules.stemmer or not word:
        return word
    stem = _stemmer(rules.stemmer).stemWord(word)
    return stem if 0 < len(stem) <= len(word) else word


def stem_segment(lowered: np.ndarray, cased: np.ndarray | None, start: int, stop: int,
                 language: str) -> None:
    """Stem every word of ``lowered[start:stop]`` in place (and of ``cased``, same places): a
    word's stem stays where the word starts, the cut letters become :data:`FILLER`. In
    ``cased`` a stem letter keeps its case where it is the word's letter."""
    segment = lowered[start:stop]
    text = segment.tobytes().decode("utf-32-le")
    at = 0
    for word in text.split(" "):
        if word and "\0" not in word:
            stem = stem_word(language, word)
            if stem != word:
                a, n = start + at, len(stem)
                new = np.frombuffer(stem.encode("utf-32-le"), dtype=np.uint32)
                if cased is not None:
                    same = lowered[a:a + n] == new
                    cased[a:a + n] = np.where(same, cased[a:a + n], new)
                    cased[a + n:a + len(word)] = FILLER
                lowered[a:a + n] = new
                lowered[a + n:a + len(word)] = FILLER
        at += len(word) + 1


def _with_clitics(rules: LanguageRules, first: str) -> list[str]:
    """A first word with every clitic combination before it, with and without the article
    (a word written with the article keeps it); ل before the article reads لل (its alef is not
    written: "للإرهابيين")."""
    art = rules.article
    bare = first[len(art):] if art and first.startswith(art) and len(first) > len(art) + 1 else None
    out = []
    for lead in rules.prefixes:
        if bare is None:
            out.append(lead + first)
        if art:
            word = first if bare is None else bare
            out.append(lead + ("ل" if lead.endswith("ل") else art) + word)
    return out


def _affixed(rules: LanguageRules, words: list[str], prefix: bool) -> list[str]:
    """Forms of a folded pattern with clitics before its first word and endings after its last."""
    variants = [words]
    if rules.article and len(words) > 1:
        # Arabic noun phrases take the article on every word or on none: "جماعة إرهابية",
        # "الجماعة الإرهابية" (the first word's article comes with the clitics)
        variants.append([words[0]] + [w if w.startswith(rules.article) else rules.article + w
                                      for w in words[1:]])
    forms = []
    for ws in variants:
        last = ws[-1]
        endings = [last]
        if not prefix and rules.suffixes:
            letters = len(last[len(rules.article):] if rules.article and last.startswith(rules.article) else last)
            if letters <= rules.short_letters:
                endings += [last + s for s in rules.short_suffixes]
            else:
                endings += [last + s for s in rules.suffixes]
                if rules.feminine and last.endswith(rules.feminine):
                    stem = last[:-len(rules.feminine)]
                    endings += [stem + s for s in rules.feminine_suffixes]
                    endings += [stem + rules.feminine_stem + s for s in rules.suffixes
                                if s and not s.startswith(rules.feminine) and s[0] in "هكن"]
        for end in endings:
            phrase = ws[:-1] + [end]
            for first in _with_clitics(rules, phrase[0]):
                forms.append(" ".join([first] + phrase[1:]))
    return list(dict.fromkeys(forms))


def language_forms(normal: str, language: str, *, prefix: bool, inflect: bool = True) -> list[str]:
    """The automaton forms of a pattern in the normal form (words separated by one space) for
    texts in ``language``: stemmed (ru, fr), with clitics and endings (ar, fa), or as it is.
    ``inflect=False`` keeps endings and stems off (the clitics stay: they are no inflection)."""
    rules = language_rules().get(language)
    if rules is None:
        return [normal]
    words = normal.split(" ")
    if rules.stemmer:
        if not inflect:
            return [normal]
        # a prefix pattern ("освобожд*") keeps its last word: it is already a stem's start
        stems = [stem_word(language, w) for w in (words[:-1] if prefix else words)]
        return list(dict.fromkeys([" ".join(stems + (words[-1:] if prefix else []))]))
    if len(rules.prefixes) > 1 or rules.suffixes:
        if not inflect:
            rules = LanguageRules(code=rules.code, prefixes=rules.prefixes, article=rules.article)
        return _affixed(rules, words, prefix)
    return [normal]


#: Characters the normal form deletes, as a regex class (they may stand between letters).
_DELETED_CLASS = "[" + "".join(f"\\u{c:04x}" for c in _DELETE) + "]*"


def folded_regex(words: str) -> str:
    r"""A regular expression for ``words`` as written in a text: each letter as any letter that
    folds to it (ا as ا أ إ آ ٱ; ي as ي ى ی ئ), deleted marks allowed after each letter
    (harakat, tatweel, ZWNJ), words separated by any non-word characters (``[\W_]+``: spaces,
    an apostrophe). Compile it with ``re.IGNORECASE``."""
    import re

    table = fold_table()
    variants: dict[str, set[str]] = {}
    for src, dst in _FOLD.items():
        variants.setdefault(dst, {dst}).add(src)
    parts = []
    for word in words.split():
        letters = []
        for ch in word:
            folded = chr(table[ord(ch)]) if ord(ch) < BMP else ch
            if folded == chr(FILLER):
                continue
            options = sorted(variants.get(folded, {folded}))
            cls = re.escape(options[0]) if len(options) == 1 else "[" + "".join(map(re.escape, options)) + "]"
            letters.append(cls + _DELETED_CLASS)
        if letters:
            parts.append("".join(letters))
    return r"[\W_]+".join(parts)
