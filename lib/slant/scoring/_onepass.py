"""Scoring stage, one pass: sentences, word counts, lexicon matches and quotes of a batch.

Input: the articles' texts (NFC), a :class:`slant.lexicons.Lexicon` and, optionally, their
:class:`slant.text.TextIndex` when it is already built. Output: the index, the resolved match
table (``MATCH_COLUMNS``) and the quote table (``QUOTE_COLUMNS``) that
:func:`slant.scoring.index_and_hits` turns into hits.

Why one pass: every stage used to read each text on its own (the sentence splitter, the
matcher's automaton, the voice stage's cue automaton), in its own set of worker processes,
and the parent resolved the matches after all batches came back. Here one worker task per
batch of texts does it all while the batch is in its cache: it splits the sentences, runs one
automaton over the normal form that finds the lexicon's keys, its exact-case keys (lowered,
then checked against the cased form) and the attribution cues at once
(:func:`slant.lexicons.match_batch`), resolves the matches against the batch's sentences,
and reads the quotes (:func:`slant.voice.quote_tuples`). Only arrays go back to the parent.
The tables are the same as those of :func:`slant.text.index_texts`,
:func:`slant.lexicons.match_lexicon` and :func:`slant.voice.quotes_table`
(``tests/test_scoring.py`` checks it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..common import ChunkRunner, Window, WorkerPool, chunk_bounds, n_workers
from ..lexicons import BATCH_CHARS, MATCH_COLUMNS, Lexicon, match_batch, resolve_local, scan_plan
from ..text import (
    SENTENCE_COLUMNS,
    TextIndex,
    char_codes,
    index_chunk,
    nfc_texts,
    span_strings,
    warm_tables,
)
from ..voice import all_cues, quote_tuples
from ._hits import string_column

__all__ = ["QUOTE_COLUMNS", "QUOTE_KINDS", "index_match_quote", "prepare_lexicon"]

#: One row per quoted span (as :func:`slant.voice.quotes_table` gives them).
QUOTE_COLUMNS = ["doc", "start", "end", "kind", "speaker"]
#: The kinds of quoted span :func:`slant.voice.find_quotes` tells apart (sent back as codes).
QUOTE_KINDS = ("marks", "scare", "title", "reported")
_KIND_CODE = {kind: code for code, kind in enumerate(QUOTE_KINDS)}


def index_match_quote(articles: pd.DataFrame, lexicon: Lexicon, *, index: TextIndex | None = None,
                      n_jobs: int | None = None,
                      matched_text: bool = False,
                      skip=None, languages=None,
                      pool: WorkerPool | None = None) -> tuple[TextIndex, pd.DataFrame, pd.DataFrame]:
    """The text index (built here unless given), the resolved matches and the quotes.

    ``skip`` (one bool per article) marks articles indexed but not searched: no matches and
    no quotes come from them (articles not scored: no lexicon in their language).
    ``languages`` (one ISO 639-1 code per article) reads each text as its language reads
    (stems, clitics, its entries and attribution cues: :func:`slant.lexicons.match_batch`);
    without it every text is read as English.

    ``n_jobs`` as in :func:`slant.scoring.find_hits`; the result does not depend on it. With
    ``matched_text``, the matches have one more column, ``text``: each match's text as written
    (read in the workers, where the batch's texts are at hand, as a few distinct strings and
    integer codes; the parent only gathers them). ``pool``: worker processes kept across
    calls (:class:`slant.common.WorkerPool`; a corpus scored batch by batch), which hold the
    lexicon and receive each task's texts.
    """
    if index is None:
        texts = nfc_texts(articles["text"])
    else:
        texts = index.texts
    sizes = [len(t) + 1 for t in texts]
    skip = np.zeros(len(texts), dtype=bool) if skip is None else np.asarray(skip, dtype=bool)
    lexicon = prepare_lexicon(lexicon, languages, skip)
    with ChunkRunner(n_workers(n_jobs, sum(sizes)), (texts, lexicon), pool=pool, static=lexicon) as runner:
        # the matcher's batches: small enough to bound memory and balance the workers
        batches = chunk_bounds(sizes, max(-(-sum(sizes) // (BATCH_CHARS // runner.workers)), 1))
        if index is None:
            chunks = [(a, b, None) for a, b in batches]
        else:
            sentences = index.sentences
            bounds = np.searchsorted(sentences["doc"].to_numpy(), np.arange(len(texts) + 1))
            columns = [sentences[c].to_numpy() for c in ("start", "end", "sentence")]
            chunks = [(a, b, tuple(c[bounds[a]:bounds[b]] for c in columns) + (bounds[a:b + 1] - bounds[a],))
                      for a, b in batches]
        parts = runner.submit(_pass_chunk, [c + (matched_text, skip[a:b], None if languages is None else
                                                 list(languages[a:b])) for c, (a, b) in zip(chunks, batches)],
                              window=lambda a, b, *_: (Window(texts[a:b], a),))()
    if index is None:
        index = _index_of(articles, texts, [p[0] for p in parts], batches)
    matches = _concat([p[1] for p in parts], batches, MATCH_COLUMNS)
    if matched_text:
        # one table of the batches' distinct strings (a string may stand in several), codes
        # shifted to it
        uniques = [p[3][0] for p in parts]
        shift = np.cumsum([0] + [len(u) for u in uniques[:-1]])
        codes = [p[3][1] + k for p, k in zip(parts, shift)]
        matches["text"] = string_column(np.concatenate(uniques) if uniques else np.zeros(0, dtype=object),
                                        np.concatenate(codes) if codes else np.zeros(0, dtype=np.int64))
    quotes = _concat([p[2] for p in parts], batches, QUOTE_COLUMNS)
    quotes["kind"] = np.asarray(QUOTE_KINDS, dtype=object)[quotes["kind"].to_numpy(dtype=np.int64)]
    return index, matches, quotes


def prepare_lexicon(lexicon: Lexicon, languages=None, skip=None) -> Lexicon:
    """The lexicon narrowed to the languages of the texts read (never those of skipped
    texts), its automata and scan plan built: done once, before worker processes fork or
    before the lexicon is sent to a cluster's workers (it keeps them in its cache)."""
    if languages is not None:
        languages = np.asarray(languages, dtype=object)
        kept = languages if skip is None else languages[~np.asarray(skip, dtype=bool)]
        lexicon = lexicon.for_languages(set(kept))
    lexicon.automata()
    scan_plan(lexicon, all_cues())  # built once here, not in every worker
    warm_tables()  # (likewise)
    return lexicon


def _pass_chunk(shared, first: int, stop: int, sentences, matched_text: bool = False, skip=None,
                languages=None):
    """Index arrays (or None when ``sentences`` are given), resolved matches, quote columns
    of ``texts[first:stop]`` (``shared`` is ``(texts, lexicon)``; positions in the batch) and,
    with ``matched_text``, the matches' texts as (distinct strings, code per match). Texts
    where ``skip`` is True are indexed but neither matched nor read for quotes."""

    texts, lexicon = shared[0][first:stop], shared[1]
    if sentences is None:
        doc, starts, ends, words = index_chunk((texts, None), 0, len(texts))
        bounds = np.searchsorted(doc, np.arange(len(texts) + 1))
        numbers = np.arange(len(doc)) - bounds[doc]
        index_part = (doc, starts, ends, words)
    else:
        starts, ends, numbers, bounds = sentences
        index_part = None
    searched = texts if skip is None or not skip.any() else ["" if k else t for t, k in zip(texts, skip)]
    found, cue_doc, cue_at = match_batch(searched, lexicon, all_cues(), languages=languages)
    matches = resolve_local(found, starts, ends, numbers, bounds)
    cue_bounds = np.searchsorted(cue_doc, np.arange(len(texts) + 1)).tolist()
    cue_at = cue_at.tolist()
    starts, ends, bounds = starts.tolist(), ends.tolist(), bounds.tolist()
    doc, q_start, q_end, kind, speaker = [], [], [], [], []
    for k, text in enumerate(searched):
        if not text:
            continue
        spans = list(zip(starts[bounds[k]:bounds[k + 1]], ends[bounds[k]:bounds[k + 1]]))
        language = "en" if languages is None else languages[k]
        for q_s, q_e, q_kind, q_speaker in quote_tuples(text, spans, cue_at[cue_bounds[k]:cue_bounds[k + 1]],
                                                        language=language):
            doc.append(k)
            q_start.append(q_s)
            q_end.append(q_e)
            kind.append(_KIND_CODE[q_kind])
            speaker.append(q_speaker)
    quotes = {"doc": np.array(doc, dtype=np.int64), "start": np.array(q_start, dtype=np.int64),
              "end": np.array(q_end, dtype=np.int64), "kind": np.array(kind, dtype=np.int8),
              "speaker": np.array(speaker, dtype=object)}
    strings = None
    if matched_text:
        at = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]).astype(np.int64)[matches["doc"].to_numpy()]
        strings = span_strings(char_codes("\n".join(texts)), matches["start"].to_numpy() + at,
                               matches["end"].to_numpy() + at)
    return index_part, {c: matches[c].to_numpy() for c in MATCH_COLUMNS}, quotes, strings


def _concat(parts: list[dict], batches, columns) -> pd.DataFrame:
    """One table from the batches' column dicts, ``doc`` shifted to the article's position."""
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in columns})
    table = {c: np.concatenate([p[c] for p in parts]) for c in columns}
    table["doc"] = table["doc"] + np.repeat([a for a, _ in batches], [len(p["doc"]) for p in parts])
    return pd.DataFrame(table, columns=columns)


def _index_of(articles, texts, parts, batches) -> TextIndex:
    """The :class:`TextIndex` of the batches' sentence and word arrays (as ``index_texts``)."""
    empty = np.zeros(0, np.int64)
    doc = np.concatenate([p[0] + a for p, (a, _) in zip(parts, batches)] or [empty])
    first = np.searchsorted(doc, doc, side="left")  # each sentence's article's first sentence
    sentences = pd.DataFrame({
        "doc": doc, "sentence": np.arange(len(doc)) - first,
        "start": np.concatenate([p[1] for p in parts] or [empty]),
        "end": np.concatenate([p[2] for p in parts] or [empty])}, columns=SENTENCE_COLUMNS).astype("int64")
    words = np.concatenate([p[3] for p in parts] or [empty]).astype(np.int64)
    return TextIndex(ids=articles["id"].to_numpy(dtype=object), texts=texts, sentences=sentences, words=words)
