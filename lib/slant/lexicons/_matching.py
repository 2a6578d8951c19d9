"""Lexicons stage, matching: every match of a lexicon's terms in indexed texts.

Input: a :class:`slant.text.TextIndex` and a :class:`slant.lexicons.Lexicon`. Output: the match
table (``MATCH_COLUMNS``), through :func:`match_lexicon` (re-exported by :mod:`slant.lexicons`).
One Aho-Corasick automaton (pyahocorasick, in C) reads the normal form of a batch of texts at
once; batches go to worker processes for a big corpus (:mod:`slant.common._parallel`).
"""

from __future__ import annotations

from itertools import chain

import ahocorasick
import numpy as np
import pandas as pd

from ..text import (
    FILLER,
    TextIndex,
    char_class,
    collapse,
    language_forms,
    language_rules,
    normal_codes,
    normal_codes_pair,
    normal_form,
    sentence_numbers,
    stem_segment,
)
from ._model import BATCH_CHARS, MATCH_COLUMNS, Lexicon

__all__ = ["match_batch", "match_lexicon", "resolve_local", "scan_plan", "submit_matches"]


def _scan(built, text: str) -> np.ndarray:
    """Rows (end, entry, key length, prefix) of every key found in ``text``."""
    auto, table = built
    # (end, key row) pairs flattened in C: no Python loop over the matches
    found = np.fromiter(chain.from_iterable(auto.iter(text)), dtype=np.int64).reshape(-1, 2)
    return np.column_stack((found[:, 0], table[found[:, 1]]))


# Kinds of key in a scan plan's one automaton (read over the lower-case normal form).
_PLAIN, _FOLDED, _CUE = 0, 1, 2


def scan_plan(lexicon: Lexicon, cues: frozenset | None):
    """One automaton for everything read off the lower-case normal form, built once per
    lexicon and cue set: the lexicon's case-insensitive keys; its exact-case keys lowered
    ("IS" as "is"), each match then checked against the cased form, so the cased text needs
    no pass of its own (only when every exact key is ASCII, whose lowering is plain); and,
    when ``cues`` are given, the voice stage's cue words (:mod:`slant.voice`), which then
    needs no pass of its own either. A cue given as ``(language, words)`` is also looked for
    as that language reads it (stems in Russian or French texts, clitics in Arabic). Returns ``(automaton, rows, first_row, cased_keys,
    folded)``: the automaton's value for a key is its number k, ``rows[first_row[k]:
    first_row[k + 1]]`` are that key's rows (kind, entry, key length, prefix, cased key)."""
    plans = lexicon.__dict__.setdefault("_scan_plans", {})
    if cues in plans:
        return plans[cues]
    patterns = lexicon.patterns
    folded = bool(patterns.loc[patterns["exact"], "pattern"].map(str.isascii).all())
    by_key: dict[str, list] = {}
    cased_keys: list[np.ndarray] = []
    language = (lexicon.entries["language"].fillna("en").to_numpy(dtype=object)
                if "language" in lexicon.entries else np.full(len(lexicon.entries), "en", dtype=object))
    for is_exact in (False, True) if folded else (False,):
        # a key given twice keeps its last row, as in the lexicon's own automata; once per
        # language (a French stem may read like an English word: the text's language decides)
        rows = {(" " + row.pattern + ("" if row.prefix else " "),
                 language[row.entry if row.entry >= 0 else -1 - row.entry]): row
                for row in patterns[patterns["exact"] == is_exact].itertuples(index=False)}
        for (key, _), row in rows.items():
            if is_exact:
                cased_keys.append(np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32))
                by_key.setdefault(key.lower(), []).append(
                    (_FOLDED, int(row.entry), len(key), int(bool(row.prefix)), len(cased_keys) - 1))
            else:
                by_key.setdefault(key, []).append((_PLAIN, int(row.entry), len(key), int(bool(row.prefix)), -1))
    for cue in sorted(_cue_keys(cues)):
        by_key.setdefault(cue, []).append((_CUE, -1, len(cue), 1, -1))
    auto = ahocorasick.Automaton()
    table, first_row = [], [0]
    for number, (key, rows) in enumerate(by_key.items()):
        auto.add_word(key, number)
        table.extend(rows)
        first_row.append(len(table))
    auto.make_automaton()
    plan = (auto, np.array(table, dtype=np.int64).reshape(-1, 5), np.array(first_row, dtype=np.int64),
            cased_keys, folded)
    plans[cues] = plan
    return plan


def _cue_keys(cues) -> set[str]:
    """Automaton keys of the cues: " " + the cue in lower case, and for a ``(language, cue)``
    pair also the forms that language's texts read (stems, clitics: :func:`slant.text.language_forms`)."""
    keys = set()
    for cue in cues or ():
        language, words = cue if isinstance(cue, tuple) else ("en", cue)
        keys.add(" " + words.lower())
        rules = language_rules().get(language)
        if rules is not None:
            normal = collapse(normal_form(words))[0].strip()
            if normal:
                # a stemmed cue is a stem's start: every word stemmed ("a déclaré": "a déclar")
                keys.update(" " + f for f in language_forms(normal, language, prefix=not rules.stemmer))
    return keys


def _scan_plan_rows(plan, text: str) -> np.ndarray:
    """Rows (end, kind, entry, key length, prefix, cased key) of every key of the plan found in
    ``text``, in the automaton's order (by end; the longest key first)."""
    auto, table, first_row = plan[:3]
    if not len(auto):
        return np.zeros((0, 6), dtype=np.int64)
    found = np.fromiter(chain.from_iterable(auto.iter(text)), dtype=np.int64).reshape(-1, 2)
    counts = np.diff(first_row)[found[:, 1]]
    which = np.repeat(np.arange(len(found)), counts)
    # each found key's rows in order: its first row plus 0, 1, ... within the key
    within = np.arange(len(which)) - np.repeat(np.cumsum(counts) - counts, counts)
    return np.column_stack((found[which, 0], table[first_row[found[which, 1]] + within]))


def _case_checked(found: np.ndarray, cased: np.ndarray, cased_keys: list) -> np.ndarray:
    """Which folded rows (end, ..., cased key) read their exact key in the cased codes."""
    ok = np.zeros(len(found), dtype=bool)
    for k in np.unique(found[:, 5]).tolist():
        rows = np.flatnonzero(found[:, 5] == k)
        key = cased_keys[k]
        window = found[rows, 0][:, None] - len(key) + 1 + np.arange(len(key))
        ok[rows] = (cased[window] == key).all(axis=1)
    return ok


def match_batch(texts: list[str], lexicon: Lexicon, cues: frozenset | None = None,
                languages=None):
    """Matches (``MATCH_COLUMNS``, positions in the batch) of a batch of texts; with ``cues``,
    also ``(doc, offset)`` arrays, sorted, of where a cue word may start: every start of a cue
    at a word boundary, and more (the caller tries its pattern there: ``_regex.match_at``).

    ``languages`` (one ISO 639-1 code per text, optional): each text is read as its language
    reads (Russian and French words cut to their stems, :func:`slant.text.stem_segment`), and
    keeps only the matches of entries in its language (:meth:`Lexicon.entry_languages`).
    Without it every text is read as English and every entry may match."""
    joined = "\n".join(texts) + "\n"
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    starts = np.cumsum(np.concatenate(([0], lengths[:-1] + 1)))
    plan = scan_plan(lexicon, cues)
    has_exact = lexicon.automata()[1] is not None
    abbreviations: list[tuple[int, int]] = []  # spans in " " + joined
    if has_exact:
        lowered, cased, by_table = normal_codes_pair(" " + joined, abbreviations)
    else:
        lowered, cased, by_table = normal_codes(" " + joined, abbreviations=abbreviations), None, True
    spans = np.array(abbreviations, dtype=np.int64).reshape(-1, 2) - 1  # in joined
    if languages is not None:
        rules = language_rules()
        for k, language in enumerate(languages):
            if language in rules and rules[language].stemmer and lengths[k]:
                # (the normal form has a leading space: text k is at starts[k] + 1 there)
                stem_segment(lowered, cased, starts[k] + 1, starts[k] + 1 + lengths[k], language)
    squeezed, offsets = collapse(lowered)
    run_last = _filler_runs(lowered)
    found = _scan_plan_rows(plan, squeezed)
    kind = found[:, 1]
    squeezed_codes = np.frombuffer(squeezed.encode("utf-32-le"), dtype=np.uint32)
    passes = [(found[kind == _PLAIN][:, [0, 2, 3, 4]], squeezed_codes)]
    if has_exact:
        if plan[4] and by_table:
            # the cased form lowers character by character to the lower-case one, so a cased key
            # stands wherever its lowered form is found: check the case there (the two forms
            # have their spaces in the same places)
            folded = found[kind == _FOLDED]
            passes.append((folded[_case_checked(folded, cased[offsets], plan[3])][:, [0, 2, 3, 4]],
                           squeezed_codes))
        else:  # a second pass, over the cased form
            cased_codes = cased[offsets]
            passes.append((_scan(lexicon.automata()[1], cased_codes.tobytes().decode("utf-32-le")),
                           cased_codes))
    frames = []
    for found_pass, codes in passes:
        if not len(found_pass):
            continue
        end, entry, length, prefix = found_pass.T
        first = end - length + 2  # skip the leading space of the key
        last = np.where(prefix == 1, end, end - 1)  # last character of the key's words
        if prefix.any():  # a prefix match runs to the end of its word
            spaces = np.flatnonzero(codes == 32)
            nxt = spaces[np.searchsorted(spaces, end[prefix == 1], side="left")]
            last = last.copy()
            last[prefix == 1] = nxt - 1
        g_start = offsets[first] - 1
        g_end = offsets[last]  # exclusive end in the joined text (leading space removed)
        if run_last is not None:
            # deleted characters right after the match (a stemmed-off ending, a final
            # diacritic) belong to its word: the match runs to the word's end
            g_end = _past_fillers(g_end, *run_last)
        if len(spans):
            # a match ending on "U.S." or "U.N." ends on its letters, which the normal form
            # moved to the abbreviation's start: it takes the whole abbreviation, dots included
            at = np.searchsorted(spans[:, 0], g_end - 1, side="right") - 1
            inside = (at >= 0) & (g_end < spans[np.maximum(at, 0), 1])
            g_end = np.where(inside, spans[np.maximum(at, 0), 1], g_end)
        doc = np.searchsorted(starts, g_start, side="right") - 1
        # a phrase could run on from one text's end into the next one's start (the line break
        # that joins them reads as a space): no match, so batches can be cut anywhere
        inside = g_end <= starts[doc] + lengths[doc]
        doc, g_start, g_end, entry = doc[inside], g_start[inside], g_end[inside], entry[inside]
        if languages is not None:
            ok = _in_language(lexicon, languages, doc, entry)
            doc, g_start, g_end, entry = doc[ok], g_start[ok], g_end[ok], entry[ok]
        frames.append(pd.DataFrame({"doc": doc, "start": g_start - starts[doc],
                                    "end": g_end - starts[doc], "entry": entry}))
    if frames:
        matches = pd.concat(frames, ignore_index=True)
    else:
        matches = pd.DataFrame({c: pd.Series(dtype="int64") for c in MATCH_COLUMNS})
    if cues is None:
        return matches
    return (matches, *_cue_starts(found[kind == _CUE], lowered, offsets, starts))


def _filler_runs(lowered: np.ndarray):
    """Positions of the deleted characters (:data:`slant.text.FILLER`) of the normal form and,
    for each, the last position of its run; None when there is none (English text)."""
    if lowered.all():
        return None
    fill = np.flatnonzero(lowered == FILLER)
    steps = np.diff(fill) != 1
    run_id = np.concatenate(([0], np.cumsum(steps)))
    ends = fill[np.concatenate((np.flatnonzero(steps), [len(fill) - 1]))]
    return fill, ends[run_id]


def _past_fillers(g_end: np.ndarray, fill: np.ndarray, last: np.ndarray) -> np.ndarray:
    """Exclusive ends in the joined text moved past the deleted characters that follow them
    (the joined text's position i is the normal form's i + 1, so the run's last position in
    the normal form is the new exclusive end in the joined text)."""
    at = np.minimum(np.searchsorted(fill, g_end + 1), len(fill) - 1)
    return np.where(fill[at] == g_end + 1, last[at], g_end)


def _in_language(lexicon: Lexicon, languages, doc: np.ndarray, entry: np.ndarray) -> np.ndarray:
    """Which matches (doc, entry; an exclude's entry is -1 - entry) are of an entry written for
    their text's language."""
    position = {code: k for k, code in enumerate(lexicon.languages)}
    doc_language = np.array([position.get(c, -1) for c in languages], dtype=np.int64)[doc]
    allowed = lexicon.entry_languages()
    row = np.where(entry >= 0, entry, -1 - entry)
    ok = doc_language >= 0
    ok[ok] = allowed[row[ok], doc_language[ok]]
    return ok


def _cue_starts(found: np.ndarray, lowered: np.ndarray, offsets: np.ndarray, starts: np.ndarray):
    """Sorted unique ``(doc, offset)`` of the cue keys found, and of every character after one
    that the normal form keeps and that is no word character (a rare symbol: "©said"): a cue
    standing there at a word boundary has no space before it in the normal form."""
    # the cue's first character, in the joined text (the normal form has a leading space)
    at = offsets[found[:, 0] - found[:, 3] + 2] - 1
    high = np.flatnonzero(lowered > 127)  # ASCII punctuation is a space in the normal form
    symbols = high[~char_class(lowered[high], "isword") & (lowered[high] != 32)]
    # lowered[i] is joined[i - 1], so a cue may start at joined[i]
    at = np.unique(np.concatenate((at, symbols)))
    doc = np.searchsorted(starts, at, side="right") - 1
    return doc, at - starts[doc]


def _match_slice(shared: tuple, first: int, stop: int) -> pd.DataFrame:
    texts, lexicon = shared
    return match_batch(texts[first:stop], lexicon)


def match_lexicon(index: TextIndex, lexicon: Lexicon, *, n_jobs: int | None = None) -> pd.DataFrame:
    """Every match of the lexicon's terms in the indexed texts.

    Overlapping matches: the longest wins (the earliest on a tie), so "Assad regime" is one match
    and "regime" inside it none; a label's ``exclude`` phrases take part and, when they win,
    leave no match ("the regime of the river"). A match crossing a sentence boundary is dropped.
    ``n_jobs`` runs the automaton over batches of texts in worker processes, as in
    :func:`slant.text.index_texts`; the result does not depend on it.

    Returns
    -------
    DataFrame
        ``MATCH_COLUMNS``: ``doc`` (position in the index), ``start``/``end`` (character span in
        that text, end exclusive) and ``entry`` (row of ``lexicon.entries``), sorted by doc, start.
    """
    from ..common import ChunkRunner, n_workers

    workers = n_workers(n_jobs, sum(len(t) + 1 for t in index.texts))
    with ChunkRunner(workers, (index.texts, lexicon)) as runner:
        return submit_matches(runner, index, lexicon)()


def submit_matches(runner, index: TextIndex, lexicon: Lexicon):
    """Start :func:`match_lexicon` in a :class:`slant.common._parallel.ChunkRunner` sharing
    ``(index.texts, lexicon)``; return a function that finishes it and returns the matches."""
    from ..common import chunk_bounds

    sizes = [len(t) + 1 for t in index.texts]
    lexicon.automata()  # built once here, not in every worker
    # batches bound memory; with workers, as much text is in flight at once as in one process
    bounds = chunk_bounds(sizes, max(-(-sum(sizes) // (BATCH_CHARS // runner.workers)), 1))
    pending = runner.submit(_match_slice, bounds)
    return lambda: _resolve_matches(pending(), bounds, index)


def _resolve_matches(found: list, bounds: list, index: TextIndex) -> pd.DataFrame:
    frames = [f.assign(doc=f["doc"] + a) for f, (a, _) in zip(found, bounds)]
    matches = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=MATCH_COLUMNS)
    if matches.empty:
        return matches.astype("int64")
    same = index.sentence_of(matches["doc"], matches["start"]) == index.sentence_of(matches["doc"], matches["end"] - 1)
    return _longest(matches[same])


def resolve_local(matches: pd.DataFrame, starts, ends, numbers, bounds) -> pd.DataFrame:
    """:func:`_resolve_matches` for one batch, given its sentences (``starts``, ``ends`` and
    sentence ``numbers``, the texts' sentences from ``bounds[k]`` to ``bounds[k + 1]``)."""
    if matches.empty:
        return matches.astype("int64")
    doc = np.repeat(np.arange(len(bounds) - 1), np.diff(bounds))
    d = matches["doc"].to_numpy()
    same = (sentence_numbers(doc, starts, numbers, d, matches["start"].to_numpy())
            == sentence_numbers(doc, starts, numbers, d, matches["end"].to_numpy() - 1))
    return _longest(matches[same])


def _longest(matches: pd.DataFrame) -> pd.DataFrame:
    """Overlapping matches: the longest wins (the earliest on a tie); no exclude phrase."""
    matches = matches.assign(_len=matches["end"] - matches["start"])
    matches = matches.sort_values(["doc", "start", "_len"], ascending=[True, True, False], kind="stable")
    # keep a match if it starts after every earlier (longer-first) match of its article ends;
    # one vectorised running maximum over doc-offset keys does it for all articles at once
    doc = matches["doc"].to_numpy()
    key = doc * (1 << 32) + matches["end"].to_numpy()
    prev = np.concatenate(([-1], np.maximum.accumulate(key)[:-1]))
    prev_end = np.where(prev // (1 << 32) == doc, prev % (1 << 32), -1)
    kept = matches[matches["start"].to_numpy() >= prev_end]
    kept = kept[kept["entry"] >= 0]  # an exclude phrase won: no match there
    return kept[MATCH_COLUMNS].reset_index(drop=True).astype("int64")
