"""Framing stage, attribution: who speaks in an article, and of which kind each source is.

Input: the corpus's ``articles`` (``id``, ``outlet``, ``camp``, ``text``, ``wire_credit``) and a
sources lexicon (:func:`load_sources`: ``slant/data/sources.yml`` or a YAML path). Output: one
row per attribution (:data:`ATTRIBUTION_COLUMNS`, :func:`find_attributions`), the share of
attributions by source kind per outlet or camp (:func:`attribution_shares`) and the counts of
each source per outlet (:func:`source_counts`).

Method. The sources lexicon is matched over every text at once by the project's Aho-Corasick
matcher (:func:`slant.lexicons.match_lexicon`). A match counts only where an attribution frame
credits it (:data:`FRAMES`): the speaker that :func:`slant.voice.find_quotes` reads for reported
or direct speech ("X said", "said X", "according to X", "X told", "X quoted ... as saying"), or
one of the frames read here next to the match ("X reported", "cited by X", "in a statement",
"a statement by X"). A source named inside quote marks is the quoted speaker's attribution, not
the outlet's, and is left out; a source that is only the hearer ("told Reuters") or a subject
of something else ("Reuters journalists were hurt") is no attribution. The FA-KES trailers and
in-text wire credits that the corpus loader read into ``articles["wire_credit"]`` add one row
per article (frame ``"wire credit"``), unless a frame in the article's last sentence already
credits that agency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..lexicons import Lexicon, match_lexicon
from ..text import TextIndex, index_texts
from ..voice import quotes_table
from ._lexicon_files import FramingLexiconError, build_lexicon, read_items

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "FRAMES",
    "SHARE_COLUMNS",
    "Sources",
    "article_sources",
    "attribution_shares",
    "find_attributions",
    "load_sources",
    "source_counts",
]

#: One row per attribution.
ATTRIBUTION_COLUMNS = ["id", "outlet", "camp", "sentence", "start", "end", "source", "kind",
                       "frame", "matched"]
#: One row per group and source kind (:func:`attribution_shares`).
SHARE_COLUMNS = ["group", "kind", "kind_name", "attributions", "total", "share", "articles"]
#: The frames an attribution is credited by, in the order they are tried.
FRAMES = ("according to X", "cited by X", "quoted X as saying", "in a statement", "X quoted",
          "X told", "X reported", "X said", "said X", "speaker of a quote", "wire credit")

_SOURCE_KEYS = {"id", "name", "kind", "note", "source"}
_KIND_KEYS = {"id", "name", "note"}
_TOP_KEYS = {"name", "description", "kinds", "sources"}

_DET = r"(?:the\s+|a\s+|an\s+|its\s+|their\s+|l['’]|le\s+|la\s+|les\s+|de\s+l['’]|du\s+)?"
#: Characters before a match searched for a frame that precedes its source.
_BEFORE_REACH = 60
#: The frames of Arabic, Persian, Russian and French written before the source (README,
#: "Lexicons", language files; the cue words of slant/data/voice/cues.yml): "according to X"
#: (بحسب، وفقاً لـ، نقلاً عن؛ به گزارش، به نقل از؛ по словам, по данным, со ссылкой на; selon,
#: d'après) and the verb-first "said X" of Arabic and of Russian and French inversions
#: (قال المرصد؛ сообщил ТАСС; a indiqué l'OSDH). Arabic verbs may carry the conjunction و or ف.
_ACC_OTHER = (r"بحسب|حسب|وفقا\s+ل|وفقاً\s+ل|نقلا\s+عن|نقلاً\s+عن|استنادا\s+إلى|"
              r"به\s+گزارش|به\s+نقل\s+از|بنا\s+بر|بر\s+اساس|براساس|طبق|"
              r"по\s+словам|по\s+данным|по\s+информации|по\s+сообщению|по\s+сообщениям|со\s+ссылкой\s+на|согласно|"
              r"selon|d['’]après|de\s+source")
_AR_SAID = "قال|قالت|أعلن|أعلنت|اعلن|اعلنت|ذكر|ذكرت|أفاد|أفادت|افاد|افادت|أكد|أكدت|اكد|اكدت|أضاف|أضافت|اضاف|اضافت|نقلت|نقل"
#: Russian and French verbs of saying, before the source ("сообщил ТАСС") or after it ("l'OSDH
#: a indiqué"): one list for ``_BEFORE``, ``_BEFORE_LAST`` and ``_AFTER``.
_RU_FR_SAID = ("сообщил", "сообщила", "сообщило", "сообщили", "сообщает", "сообщают", "заявил", "заявила",
               "заявило", "заявили", "передает", "передаёт", "пишет", "a indiqué", "a déclaré", "a affirmé",
               "a annoncé", "a rapporté", "a précisé", "indique", "rapporte", "affirme", "annonce", "précise")
_RU_FR_SAID_RE = "|".join(w.replace(" ", r"\s+") for w in _RU_FR_SAID)
_INVERTED_OTHER = rf"(?:[وف])?(?:{_AR_SAID})|{_RU_FR_SAID_RE}"
#: Frames written before the source, matched at the end of the text before it.
_BEFORE = re.compile(
    r"(?:(?P<acc>\baccording\s+to\s+(?:a\s+statement\s+(?:by|from)\s+|figures\s+(?:by|from)\s+)?"
    rf"|(?:\b|(?<=[وف]))(?:{_ACC_OTHER})\s*)"
    r"|(?P<cited>\b(?:cited|quoted)\s+by\s+|\bcitée?s?\s+par\s+)"
    r"|(?P<statement>\bstatement\s+(?:by|from|issued\s+by|released\s+by)\s+)"
    r"|(?P<quotee>\b(?:quoted|cited|quoting|citing)\s+)"
    r"|(?P<hearer>\b(?:told|tells|telling|informed|asked)\s+)"
    rf"|(?P<inverted>\b(?:said|says|added|stated|claimed|reported|announced|confirmed|wrote|{_INVERTED_OTHER})\s+))"
    + _DET + r"$", re.IGNORECASE)
#: Last words (before a determiner) that can end a ``_BEFORE`` frame: a cheap test first, so
#: the regular expression runs only where one can match.
_BEFORE_LAST = frozenset({
    "to", "by", "from", "quoted", "cited", "quoting", "citing", "told", "tells", "telling",
    "informed", "asked", "said", "says", "added", "stated", "claimed", "reported", "announced",
    "confirmed", "wrote",
    # the other languages' frames: the last word of each
    "بحسب", "وبحسب", "حسب", "وحسب", "ل", "عن", "إلى", "گزارش", "از", "بر", "اساس", "براساس", "طبق",
    "словам", "данным", "информации", "сообщению", "сообщениям", "на", "согласно",
    "selon", "d'après", "d’après", "source", "par",
    *(c + v for v in _AR_SAID.split("|") for c in ("", "و", "ف")),
    *(w.split()[-1] for w in _RU_FR_SAID)})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "l'", "l’", "le", "la", "les", "de l'", "du"})
#: What may follow an inverted "said X": the end of the clause, or a time or place phrase.
_INVERTED_TAIL = re.compile(r"(?:\s*[,.;:!?)\"”’،؛»]|\s*$|\s+(?:on|in|late|early|last|this|earlier|"
                            r"later|yesterday|today|overnight|after|when|while|citing|quoting|"
                            r"إن|أن|ان|في|يوم|اليوم|امس|أمس|مساء|صباح|"
                            r"что|в|во|сегодня|вчера|"
                            r"que|dans|ce|mardi|lundi|mercredi|jeudi|vendredi|samedi|dimanche)\b)")
#: Words between a source and its verb ("also", "has", "on Tuesday", "quickly").
_AUX = (r"(?:also|has|have|had|was|were|is|are|would|will|later|earlier|previously|separately|"
        r"further|reportedly|again|then|not|on\s+\w+day|\w+day|(?-i:[a-z]\w+ly))")
#: Frames written after the source, matched at its end: an appositive (", a Britain-based
#: monitor,"), a possessive head ("'s spokesman"), words like "also", then the verb.
_AFTER = re.compile(
    r"(?:\s*,[^,;.!?\"“”]{1,80},)?"
    r"(?:['’]s?\s+(?:\w+\s+)?(?:head|director|chief|spokesman|spokeswoman|spokesperson|"
    r"correspondent|reporter|envoy|commander|official|officials|statement|report))?"
    rf"(?:\s+{_AUX})*\s+(?P<verb>said|says|saying|told|tells|reported|reports|reporting|claimed|"
    r"claims|announced|announces|confirmed|confirms|stated|states|added|adds|denied|denies|"
    r"warned|warns|noted|wrote|writes|tweeted|posted|quoted|quotes|cited|cites|estimated|"
    r"estimates|documented|published|broadcast|aired|showed|accused|alleged|insisted|"
    rf"explained|argued|announced|declared|stressed|{_RU_FR_SAID_RE}|"
    r"گزارش\s+داد|اعلام\s+کرد|گفت|افزود)(?!\w)"
    r"(?P<statement>\s+(?:on\s+\w+\s+)?in\s+a\s+(?:\w+\s+)?statement)?", re.IGNORECASE)
#: Characters after a relayed quotee within which "as saying" must follow ("quoted X as saying").
_AS_SAYING = re.compile(r"[^.;!?]{0,80}?\bas\s+(?:saying|stating)\b", re.IGNORECASE)
_VERB_FRAME = {"told": "X told", "tells": "X told", "quoted": "X quoted", "quotes": "X quoted",
               "cited": "X quoted", "cites": "X quoted"}
_REPORT_VERBS = frozenset({"reported", "reports", "reporting", "published", "broadcast", "aired",
                           "showed", "documented"})


@dataclass
class Sources:
    """A loaded sources lexicon.

    Attributes
    ----------
    sources : DataFrame
        One row per source: ``entry, id, name, kind, note, source, file, line``.
    kinds : DataFrame
        One row per kind: ``id, name, note``, in file order.
    lexicon : Lexicon
        The sources' patterns, for :func:`slant.lexicons.match_lexicon`.
    """

    sources: pd.DataFrame
    kinds: pd.DataFrame
    lexicon: Lexicon


def load_sources(name_or_path="sources") -> Sources:
    """Load a sources lexicon: the bundled ``"sources"`` or the path of a YAML file.

    Raises
    ------
    FramingLexiconError
        Bad YAML, an unknown key or kind, a duplicate id or pattern; the message names the file
        and line.
    """
    data, items, file = read_items(name_or_path, group="sources", keys=_SOURCE_KEYS,
                                   required=("id", "name", "kind"), top_keys=_TOP_KEYS)
    kinds = pd.DataFrame([{k: str(v.get(k) or "") for k in ("id", "name", "note")}
                          for v in data.get("kinds") or [] if isinstance(v, dict)],
                         columns=["id", "name", "note"])
    if kinds.empty:
        raise FramingLexiconError(f"{file}:1: no 'kinds:' list; name each source kind with an id")
    known = set(kinds["id"])
    for row in items.itertuples(index=False):
        if row.kind not in known:
            raise FramingLexiconError(f"{row.file}:{row.line}: kind {row.kind!r} of {row.id!r} is "
                                      f"not one of {', '.join(kinds['id'])}; add it under kinds:")
    lexicon = build_lexicon(items, label="source")
    return Sources(sources=lexicon.entries, kinds=kinds, lexicon=lexicon)


def find_attributions(articles: pd.DataFrame, sources: Sources, *, index: TextIndex | None = None,
                      quotes: pd.DataFrame | None = None, n_jobs: int | None = None) -> pd.DataFrame:
    """Every attribution of a listed source in the articles, one row each.

    Parameters
    ----------
    articles : DataFrame
        ``id``, ``outlet``, ``camp``, ``text`` and (optional) ``wire_credit``.
    sources : Sources
        From :func:`load_sources`.
    index : TextIndex, optional
        :func:`slant.text.index_texts` of the same articles, if already built.
    quotes : DataFrame, optional
        :func:`slant.voice.quotes_table` of that index, if already built.
    n_jobs : int, optional
        Worker processes for matching and quotes (scikit-learn convention).

    Returns
    -------
    DataFrame
        ``ATTRIBUTION_COLUMNS``, sorted by article (in the order given) and start; ``sentence``
        is the sentence number in the article, -1 (and ``start``/``end`` -1) for a wire credit,
        which comes last in its article.
    """
    articles = articles.reset_index(drop=True)
    if index is None:
        index = index_texts(articles, n_jobs=n_jobs)
    if quotes is None:
        quotes = quotes_table(index, n_jobs=n_jobs)
    matches = match_lexicon(index, sources.lexicon, n_jobs=n_jobs)
    rows = _framed(matches, index, quotes) if len(matches) else _empty_rows()
    table = sources.sources
    rows = rows.assign(source=table["id"].to_numpy()[rows["entry"]] if len(rows) else "",
                       kind=table["kind"].to_numpy()[rows["entry"]] if len(rows) else "")
    rows = pd.concat([rows.drop(columns="entry"), _wire_rows(articles, index, rows, table)],
                     ignore_index=True)
    # wire credits (start -1) come last in their article
    rows = (rows.assign(_at=rows["start"].where(rows["start"] >= 0, np.iinfo(np.int64).max))
            .sort_values(["doc", "_at", "end"], kind="stable").reset_index(drop=True))
    doc = rows["doc"].to_numpy()
    out = pd.DataFrame({
        "id": articles["id"].to_numpy()[doc], "outlet": articles["outlet"].to_numpy()[doc],
        "camp": (articles["camp"] if "camp" in articles else pd.Series([""] * len(articles))).to_numpy()[doc],
        **{c: rows[c].to_numpy() for c in ATTRIBUTION_COLUMNS[3:]}})
    return out[ATTRIBUTION_COLUMNS]


def _empty_rows() -> pd.DataFrame:
    return pd.DataFrame({"doc": pd.Series(dtype="int64"), "sentence": pd.Series(dtype="int64"),
                         "start": pd.Series(dtype="int64"), "end": pd.Series(dtype="int64"),
                         "entry": pd.Series(dtype="int64"), "frame": pd.Series(dtype=object),
                         "matched": pd.Series(dtype=object)})


def _speaker_spans(quotes: pd.DataFrame, index: TextIndex) -> dict[int, list[tuple[int, int]]]:
    """Per article: the character spans of the speakers find_quotes read, within the
    sentences where their quotes start or end."""
    spans: dict[int, list[tuple[int, int]]] = {}
    named = quotes[quotes["speaker"] != ""]
    if named.empty:
        return spans
    sents = index.sentences
    key = sents["doc"].to_numpy() * (1 << 32) + sents["start"].to_numpy()
    doc = named["doc"].to_numpy()
    for col in ("start", "end"):
        at = np.searchsorted(key, doc * (1 << 32) + named[col].to_numpy() - (col == "end"),
                             side="right") - 1
        lo, hi = sents["start"].to_numpy()[at], sents["end"].to_numpy()[at]
        for d, speaker, a, b in zip(doc.tolist(), named["speaker"].tolist(), lo.tolist(), hi.tolist()):
            found = index.texts[d].find(speaker, a, b)
            if found >= 0:
                spans.setdefault(d, []).append((found, found + len(speaker)))
    return spans


def _inside_marks(matches: pd.DataFrame, quotes: pd.DataFrame) -> np.ndarray:
    """Does each match lie inside a quote-mark span (someone else's words)?"""
    marks = quotes[quotes["kind"].isin(("marks", "scare"))]
    if marks.empty:
        return np.zeros(len(matches), dtype=bool)
    key = marks["doc"].to_numpy() * (1 << 32) + marks["start"].to_numpy()
    order = np.argsort(key, kind="stable")
    key, ends = key[order], (marks["doc"].to_numpy() * (1 << 32) + marks["end"].to_numpy())[order]
    m_key = matches["doc"].to_numpy() * (1 << 32) + matches["start"].to_numpy()
    at = np.searchsorted(key, m_key, side="right") - 1
    ok = at >= 0
    inside = np.zeros(len(matches), dtype=bool)
    inside[ok] = ends[at[ok]] >= m_key[ok] + (matches["end"].to_numpy()[ok] - matches["start"].to_numpy()[ok])
    return inside


def _framed(matches: pd.DataFrame, index: TextIndex, quotes: pd.DataFrame) -> pd.DataFrame:
    """The matches an attribution frame credits, with their frame."""
    matches = matches[~_inside_marks(matches, quotes)].reset_index(drop=True)
    sentence = index.sentence_of(matches["doc"], matches["start"])
    sents = index.sentences
    first = np.searchsorted(sents["doc"].to_numpy(), matches["doc"].to_numpy(), side="left")
    s_start = sents["start"].to_numpy()[first + sentence]
    s_end = sents["end"].to_numpy()[first + sentence]
    speakers = _speaker_spans(quotes, index)
    frames, texts = [], index.texts
    for d, s, e, ss, se in zip(matches["doc"].tolist(), matches["start"].tolist(),
                               matches["end"].tolist(), s_start.tolist(), s_end.tolist()):
        frame = frame_of(texts[d], s, e, ss, se)
        if not frame and any(a <= s and e <= b for a, b in speakers.get(d, ())):
            frame = "speaker of a quote"
        frames.append(frame)
    frames = np.array(frames, dtype=object)
    keep = frames != ""
    kept = matches[keep]
    return pd.DataFrame({
        "doc": kept["doc"].to_numpy(), "sentence": sentence[keep], "start": kept["start"].to_numpy(),
        "end": kept["end"].to_numpy(), "entry": kept["entry"].to_numpy(), "frame": frames[keep],
        "matched": [texts[d][s:e] for d, s, e in zip(kept["doc"], kept["start"], kept["end"])]})


def frame_of(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> str:
    """The attribution frame (one of :data:`FRAMES`) that credits ``text[start:end]``, or "".

    Frames before the source are tried first ("according to X", "cited by X", "a statement
    by X", "quoted X as saying"; "told X" makes X a hearer: none), then those after it ("X
    said", "X told", "X reported", "X quoted", "X said in a statement"), then an inverted
    "said X" closing its clause.
    """
    lo = max(sentence_start, start - _BEFORE_REACH)
    words = text[max(lo, start - 30):start].rsplit(None, 2)[-2:]
    if words and words[-1].lower() in _DETERMINERS:
        words = words[:-1]
    before = (_BEFORE.search(text, lo, start)
              if words and words[-1].lower() in _BEFORE_LAST else None)
    if before:
        if before.group("acc"):
            return "according to X"
        if before.group("cited"):
            return "cited by X"
        if before.group("statement"):
            return "in a statement"
        if before.group("quotee") and _AS_SAYING.match(text, end, sentence_end):
            return "quoted X as saying"
        if before.group("hearer"):
            return ""
    after = _AFTER.match(text, end, sentence_end)
    if after:
        verb = after.group("verb").lower()
        if after.group("statement"):
            return "in a statement"
        if verb in ("quoted", "quotes") and re.search(r"\b(?:was|were|is|are)\b", after.group(),
                                                      re.IGNORECASE):
            return "quoted X as saying"  # "X was quoted as saying"
        if verb in _REPORT_VERBS:
            return "X reported"
        return _VERB_FRAME.get(verb, "X said")
    if before and before.group("inverted") and _INVERTED_TAIL.match(text, end, sentence_end):
        return "said X"
    return ""


def _wire_rows(articles, index, rows, table) -> pd.DataFrame:
    """One row per article whose wire_credit names an agency, unless a frame in its last
    sentence already credits it (a trailer like "..., FNA reported.")."""
    if "wire_credit" not in articles:
        return _empty_rows().drop(columns="entry").assign(source="", kind="")
    credit = articles["wire_credit"].fillna("").astype(str).to_numpy()
    docs = np.flatnonzero(credit != "")
    last = index.sentences.groupby("doc")["sentence"].max()
    framed = set(zip(rows["doc"].tolist(), rows["source"].tolist(), rows["sentence"].tolist()))
    docs = np.array([d for d in docs.tolist()
                     if (d, credit[d], int(last.get(d, -1))) not in framed], dtype=np.int64)
    kinds = dict(zip(table["id"], table["kind"]))
    n = len(docs)
    return pd.DataFrame({"doc": docs, "sentence": np.full(n, -1), "start": np.full(n, -1),
                         "end": np.full(n, -1), "frame": ["wire credit"] * n,
                         "matched": credit[docs], "source": credit[docs],
                         "kind": [kinds.get(c, "wire-agency") for c in credit[docs]]})


def attribution_shares(attributions: pd.DataFrame, sources: Sources, *, by: str = "outlet",
                       articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per group (outlet or camp) and source kind: attributions, their share of the group's
    attributions, and how many of the group's articles carry one.

    Returns
    -------
    DataFrame
        ``SHARE_COLUMNS`` (``group`` holds the ``by`` value; ``total`` the group's attributions;
        ``articles`` the group's articles: all of them when ``articles`` is given, else those
        with an attribution), every kind for every group (zeros kept), sorted by group and the
        kinds' file order.
    """
    kinds = sources.kinds["id"].tolist()
    counts = pd.crosstab(attributions[by], attributions["kind"]).reindex(columns=kinds, fill_value=0)
    if articles is not None:
        counts = counts.reindex(sorted(set(articles[by]) | set(counts.index)), fill_value=0)
        n_articles = articles.groupby(by)["id"].nunique()
    else:
        n_articles = attributions.groupby(by)["id"].nunique()
    counts = counts.sort_index()
    long = counts.stack().rename("attributions").reset_index()
    long.columns = ["group", "kind", "attributions"]
    long["total"] = long["group"].map(counts.sum(axis=1)).astype("int64")
    long["share"] = long["attributions"] / long["total"].where(long["total"] > 0)
    long["share"] = long["share"].fillna(0.0)
    long["kind_name"] = long["kind"].map(dict(zip(sources.kinds["id"], sources.kinds["name"])))
    long["articles"] = long["group"].map(n_articles).fillna(0).astype("int64")
    return long[SHARE_COLUMNS].reset_index(drop=True)


def source_counts(attributions: pd.DataFrame, *, by: str = "outlet") -> pd.DataFrame:
    """Which group credits whom: a table of ``by`` × source id, attributions counted.

    Rows and columns are sorted; the columns are the sources credited at least once.
    """
    return pd.crosstab(attributions[by], attributions["source"]).sort_index().sort_index(axis=1)


def article_sources(attributions: pd.DataFrame) -> pd.DataFrame:
    """Per article: the sources it credits and how often (``id, outlet, camp, source, kind,
    attributions``), sorted by article id and source."""
    return (attributions.groupby(["id", "outlet", "camp", "source", "kind"], sort=True)
            .size().rename("attributions").reset_index())
