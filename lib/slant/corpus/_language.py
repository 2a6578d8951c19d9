"""Corpus stage, language: detect each article's language from its text, offline.

Input: texts. Output: ``LANGUAGE_COLUMNS`` per text (the detected ISO 639-1 code and its
probability), and the load-report rows that set a stated language against the detected one.

The detector is py3langid (a maintained fork of Lui & Baldwin's langid.py, 2012: a naive Bayes
model over byte n-grams; the model file ships inside the wheel, so nothing downloads at run time).
Chosen over lingua-language-detector (more accurate on single phrases, but a wheel of tens of
MB and slower) and langdetect (last release 2021, random unless seeded, slower): news articles
are paragraphs, where langid.py's accuracy is high, and slant needs a fast, deterministic call.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np
import pandas as pd

__all__ = [
    "CONTRADICT_CONFIDENCE",
    "DETECT_CHARS",
    "FILL_CONFIDENCE",
    "LANGUAGE_COLUMNS",
    "MEMO_ENTRIES",
    "DetectionMemo",
    "check_languages",
    "detect_languages",
    "fill_languages",
    "identifier_ready",
    "warm_identifier",
]

#: One row per text: the detected code ("" when the text is too short or the detector unsure)
#: and the probability of the best language.
LANGUAGE_COLUMNS = ["detected", "confidence"]
#: Characters read from the start of each text: a paragraph decides the language of a news
#: article; reading it all triples the time on FA-KES and changed no decision there (804 of 804).
DETECT_CHARS = 1_000
#: Fewest letters for a decision: below it the n-gram evidence is a headline's worth.
MIN_LETTERS = 20
#: Probability above which a detected language fills in an unstated one: the best language is
#: then more likely than all the others together.
FILL_CONFIDENCE = 0.5
#: Probability above which the detected language overrules a stated one (flagged in the load
#: report). High, because a stated language is the user's word: two FA-KES articles of one
#: English line read as Nigerian Pidgin with p = 0.27 and 0.43, and must stay English.
CONTRADICT_CONFIDENCE = 0.9
#: Codes the model keeps apart that slant counts as one language (their probabilities add up):
#: Egyptian and Moroccan Arabic are Arabic, Nynorsk is Norwegian, and so on.
_FOLD = {"arz": "ar", "ary": "ar", "nn": "no", "uzs": "uz", "yue": "zh", "wuu": "zh", "sdh": "ku"}


_MODEL_LOCK = threading.Lock()
_THREAD = "slant-langid"  # the name of the thread that loads the model


@lru_cache(maxsize=1)
def _load_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _identifier():
    """The py3langid model, loaded once per process (0.5-1.5 s: it is an LZMA-compressed
    file); the lock makes a caller wait for a load that :func:`warm_identifier` started."""
    with _MODEL_LOCK:
        return _load_identifier()


def identifier_ready() -> None:
    """Wait for a load of the model that :func:`warm_identifier` started (no thread is left
    running when the caller then forks worker processes)."""
    for thread in threading.enumerate():
        if thread.name == _THREAD:
            thread.join()


def warm_identifier() -> None:
    """Start loading the model in a background thread, so that it is ready when the texts
    have been read: its LZMA decompression runs outside the GIL, beside the reading of the
    sources (``load_corpus`` calls this first; ~0.5 s less on FA-KES x50)."""
    if _load_identifier.cache_info().currsize == 0:
        threading.Thread(target=_identifier, name=_THREAD, daemon=True).start()


def _detect_one(ident, text: str) -> tuple[str, float]:
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return "", 0.0
    folded: dict[str, float] = {}
    for code, prob in ident.rank(text):
        key = _FOLD.get(code, code)
        folded[key] = folded.get(key, 0.0) + prob
    code, prob = max(folded.items(), key=lambda kv: kv[1])
    return ("" if code == "zxx" else code), float(prob)  # zxx: "no linguistic content"


#: Openings whose detected language :class:`DetectionMemo` keeps (16-byte digests and a code
#: each, ~150 bytes an entry: ~30 MiB at most). Past it nothing more is remembered.
MEMO_ENTRIES = 200_000


class DetectionMemo:
    """The languages detected so far, by a digest of each text's opening, so that a corpus read
    in batches classifies each distinct opening once, as a corpus loaded whole does (a wire
    story reprinted by many outlets, or the benchmark's replicated corpus, is read once).
    Bounded: at most :data:`MEMO_ENTRIES` openings are kept."""

    def __init__(self, entries: int = MEMO_ENTRIES):
        self.entries = entries
        self.found: dict[bytes, tuple[str, float]] = {}

    @staticmethod
    def key(opening: str) -> bytes:
        import hashlib

        return hashlib.blake2b(opening.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def detect_languages(texts, *, memo: DetectionMemo | None = None) -> pd.DataFrame:
    """The language of each text, from its first :data:`DETECT_CHARS` characters.

    Parameters
    ----------
    texts : sequence of str
    memo : DetectionMemo, optional
        Openings already classified (by earlier batches of the same corpus): not classified
        again; those classified here are added to it.

    Returns
    -------
    DataFrame
        ``LANGUAGE_COLUMNS``, one row per text in order: ``detected`` (ISO 639-1 code, "" for a
        text with fewer than ``MIN_LETTERS`` letters) and ``confidence`` (its probability, 0-1).
        Each distinct opening is classified once.
    """
    # the openings only: a whole column of texts would be copied to a string column first
    texts = pd.Series(list(texts), dtype=object).fillna("").tolist()
    heads = pd.Series([(t if type(t) is str else str(t))[:DETECT_CHARS] for t in texts], dtype=object)
    codes, uniques = pd.factorize(heads)
    if len(uniques) == 0:
        return pd.DataFrame({"detected": pd.Series(dtype=object),
                             "confidence": pd.Series(dtype=float)})
    ident = _identifier()
    if memo is None:
        found = [_detect_one(ident, text) for text in uniques]
    else:
        found = []
        for text in uniques:
            key = memo.key(text)
            hit = memo.found.get(key)
            if hit is None:
                hit = _detect_one(ident, text)
                if len(memo.found) < memo.entries:
                    memo.found[key] = hit
            found.append(hit)
    langs = np.array([f[0] for f in found], dtype=object)
    probs = np.array([f[1] for f in found], dtype=float)
    return pd.DataFrame({"detected": langs[codes], "confidence": probs[codes]})


def check_languages(articles: pd.DataFrame, *, memo: DetectionMemo | None = None) -> tuple[pd.Series, list[dict]]:
    """Stated languages against detected ones (``memo`` as in :func:`detect_languages`).

    Parameters
    ----------
    articles : DataFrame
        ``id``, ``text``, ``language`` (stated: by the article or corpus.yml, "" when neither
        does), ``source``, ``file``, ``line``.

    Returns
    -------
    (language, rows)
        The language each article is analysed in: the stated one, unless the text reads as
        another with probability >= :data:`CONTRADICT_CONFIDENCE` (then the detected one, and a
        "flagged" row); where none is stated, the detected one when its probability reaches
        :data:`FILL_CONFIDENCE` (else ""). ``rows`` are the load-report rows
        (``ISSUE_COLUMNS``) of the contradicted ones.
    """
    from ._model import issue

    found = detect_languages(articles["text"], memo=memo)
    stated = articles["language"].fillna("").astype(str).str.strip().str.lower().to_numpy()
    detected, confidence = found["detected"].to_numpy(), found["confidence"].to_numpy()
    contradicted = ((stated != "") & (detected != "") & (detected != stated)
                    & (confidence >= CONTRADICT_CONFIDENCE))
    filled = (stated == "") & (detected != "") & (confidence >= FILL_CONFIDENCE)
    language = np.where(contradicted | filled, detected, stated)
    rows = []
    for i in np.flatnonzero(contradicted):
        art = articles.iloc[i]
        rows.append(issue(art["source"], art["file"], art["line"], art["id"], "flagged",
                          f"stated language {stated[i]!r}, but the text reads as {detected[i]!r} "
                          f"(p = {confidence[i]:.2f}): analysed as {detected[i]!r}",
                          "correct 'language' of the article or of its source in corpus.yml"))
    return pd.Series(language, index=articles.index, dtype=object), rows


def fill_languages(languages, texts) -> pd.Series:
    """``languages`` with each "" filled in from its text where detection is sure enough
    (p >= :data:`FILL_CONFIDENCE`); only those texts are read."""
    languages = pd.Series(list(languages), dtype=object).fillna("").astype(str).str.strip().str.lower()
    texts = pd.Series(list(texts), dtype=object)
    unknown = np.flatnonzero(languages.to_numpy() == "")
    if len(unknown):
        found = detect_languages(texts.iloc[unknown])
        sure = (found["confidence"] >= FILL_CONFIDENCE).to_numpy()
        languages.iloc[unknown[sure]] = found["detected"].to_numpy()[sure]
    return languages
