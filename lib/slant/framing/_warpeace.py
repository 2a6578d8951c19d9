"""Framing stage, war and peace journalism: Lee & Maslog's indicators per article, outlet and camp.

Input: the corpus's ``articles`` (``id``, ``outlet``, ``camp``, ``language``, ``text``), their
lexicon hits (:func:`slant.scoring.find_hits`: voice, stance, category, referent), their
attributions (:func:`find_attributions`: the kind of each source credited), and the cue lists
of ``slant/data/frames/warpeace.yml`` (:func:`load_warpeace_cues`). Output: one row per article
with five components and the index (:data:`WARPEACE_COLUMNS`), the sentences behind each
component (:data:`EVIDENCE_COLUMNS`), both in a :class:`WarPeace` (:func:`score_warpeace`), and
group means with percentile bootstrap intervals over articles (:func:`warpeace_summary`).

Components, each on a fixed scale from 0 (peace pole) to 1 (war pole):

- ``language``: the share of the article's sentences with a demonising label in the outlet's
  own voice (a hit of delegitimising stance, voice ``own``) or a victimising, emotive or
  demonising cue word in its own voice. 0 = no such sentence.
- ``orientation``: elite against people, (e + 1) / (e + p + 2) with e the attributions to
  governments, armies, military sources, state agencies and armed groups and p those to
  monitors, NGOs, activists, residents and witnesses (:data:`ELITE_KINDS`, :data:`PEOPLE_KINDS`,
  :data:`ELITE_SOURCES`, :data:`PEOPLE_SOURCES`); unnamed officials and wire agencies are neither.
- ``parties``: two-party against multi-party, from n distinct actor referents named (hits of
  category ``actor``): 1 for n <= 2, 0 for n >= 4, 0.5 for n = 3; 0.5 when none is named.
- ``outcome``: victory and zero-sum against solution cues, (w + 1) / (w + s + 2).
- ``time``: here-and-now against causes-and-consequences cues, (h + 1) / (h + c + 2).

The ratios use Laplace's rule of succession (add one to each pole), so an article with no cue
of either pole scores 0.5, "neither", as a coder's middle code, and one cue does not make it 1.
``war_index`` is the unweighted mean of the five, as Lee & Maslog sum their indicators into one
war journalism score. The scale is fixed, not rescaled within the corpus, so two corpora (or two
runs on parts of one) give comparable numbers; the price is that components differ in spread
(``language`` sits near 0 in most news, the ratios near 0.5), so read the components beside the
index. An article in a language with no cue list gets NaN everywhere and a
``not_scored_reason``, never 0.

References
----------
Galtung, J. (1986). On the role of the media in worldwide security and peace. In T. Varis (ed.),
Peace and Communication, 249-266. San José: Universidad para la Paz.
Lee, S. T. & Maslog, C. C. (2005). War or peace journalism? Asian newspaper coverage of
conflicts. Journal of Communication 55(2), 311-329.
Lynch, J. & McGoldrick, A. (2005). Peace Journalism. Stroud: Hawthorn Press.
Efron, B. & Tibshirani, R. (1993). An Introduction to the Bootstrap, ch. 13 (percentile interval).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from ..lexicons import match_lexicon
from ..text import TextIndex, index_texts
from ..voice import quotes_table
from ._errors import FramingError
from ._lexicon_files import build_lexicon, read_items

__all__ = [
    "COMPONENTS",
    "ELITE_KINDS",
    "ELITE_SOURCES",
    "EVIDENCE_COLUMNS",
    "PEOPLE_KINDS",
    "PEOPLE_SOURCES",
    "SUMMARY_COLUMNS",
    "WARPEACE_COLUMNS",
    "WarPeace",
    "WarPeaceCues",
    "WarPeaceError",
    "load_warpeace_cues",
    "score_warpeace",
    "warpeace_summary",
]

#: The indicators, in the order of every table (Lee & Maslog 2005, table 1, those text shows).
COMPONENTS = ("language", "orientation", "parties", "outcome", "time")
#: One row per article: the components, the index, and the counts behind them.
WARPEACE_COLUMNS = ["id", "outlet", "camp", "language_code", "scored", "not_scored_reason",
                    *COMPONENTS, "war_index", "sentences", "language_sentences", "elite_sources",
                    "people_sources", "actors", "victory_cues", "solution_cues", "here_now_cues",
                    "context_cues"]
#: One row per article, component, sentence and pole: the sentences that drove a component.
EVIDENCE_COLUMNS = ["id", "outlet", "camp", "component", "pole", "sentence", "cues", "text"]
#: One row per group and component (``war_index`` too): mean over articles, 95 % interval.
SUMMARY_COLUMNS = ["group", "component", "mean", "low", "high", "articles"]
#: Source kinds of slant/data/sources.yml read as elite (leaders, officials, armies, armed
#: groups and the state agencies that speak for them) and as people (monitors, NGOs and the
#: unnamed: activists, residents, witnesses); wire agencies and other media are neither.
ELITE_KINDS = frozenset({"government-army", "state-agency", "armed-group", "armed-group-media"})
PEOPLE_KINDS = frozenset({"monitor-ngo"})
#: Sources of the kind ``anonymous`` split by who they are: military sources are elite,
#: activists, residents and witnesses people; "an official", "sources" are neither.
ELITE_SOURCES = frozenset({"military-source"})
PEOPLE_SOURCES = frozenset({"activists", "residents"})
#: Hit stances read as demonising labels (the lexicons' delegitimising stance).
DEMONISING_STANCES = frozenset({"delegitimising"})
#: Parties: a story naming this many actors or fewer is two-party (war pole, 1) ...
TWO_PARTIES = 2
#: ... and one naming this many or more is multi-party (peace pole, 0); linear between.
MANY_PARTIES = 4
#: Percentile interval bounds (95 %) and the default number of resamples.
INTERVAL = (2.5, 97.5)
N_BOOT = 1000
#: The cue lists' (component, pole) pairs and the count column each fills.
_CUE_COUNTS = {("outcome", "war"): "victory_cues", ("outcome", "peace"): "solution_cues",
               ("time", "war"): "here_now_cues", ("time", "peace"): "context_cues",
               ("language", "war"): "language_cues"}
_CUE_KEYS = {"id", "component", "pole", "language", "source", "note"}


class WarPeaceError(FramingError):
    """The war/peace cue file or the tables given are wrong; the message names the fix."""


@dataclass(frozen=True)
class WarPeaceCues:
    """Cue lists: ``items`` (one row per list: id, component, pole, language, source, file,
    line) and one :class:`Lexicon` per language, whose entry k is that language's list k."""

    items: pd.DataFrame
    lexicons: dict

    @property
    def languages(self) -> tuple:
        return tuple(sorted(self.lexicons))


@dataclass(frozen=True)
class WarPeace:
    """:func:`score_warpeace`'s result: ``articles`` (:data:`WARPEACE_COLUMNS`) and
    ``evidence`` (:data:`EVIDENCE_COLUMNS`)."""

    articles: pd.DataFrame
    evidence: pd.DataFrame


def load_warpeace_cues(name_or_path: str | Path = "warpeace") -> WarPeaceCues:
    """Read cue lists: the bundled ``"warpeace"`` or a YAML path in its format.

    Raises
    ------
    WarPeaceError
        A component or pole that does not exist (file and line named).
    slant.framing.FramingLexiconError
        Bad YAML, an unknown key, a duplicate id or pattern.
    """
    path = Path(str(name_or_path))
    if str(name_or_path) == "warpeace":
        with resources.as_file(resources.files("slant") / "data" / "frames" / "warpeace.yml") as p:
            path = Path(p)
    _, items, _ = read_items(path, group="cues", keys=_CUE_KEYS,
                             required=("id", "component", "pole", "language"),
                             top_keys={"name", "description", "cues"})
    for row in items.itertuples():
        if (row.component, row.pole) not in _CUE_COUNTS:
            raise WarPeaceError(f"{row.file}:{row.line}: {row.id!r} has component {row.component!r} "
                                f"and pole {row.pole!r}; use one of {sorted(_CUE_COUNTS)}")
    lexicons = {lang: build_lexicon(group.reset_index(drop=True), label="cue list")
                for lang, group in items.groupby("language", sort=True)}
    return WarPeaceCues(items=items.reset_index(drop=True), lexicons=lexicons)


def _sub_index(index: TextIndex, docs: np.ndarray) -> TextIndex:
    """The index of the articles at positions ``docs`` (renumbered 0..len-1)."""
    sents = index.sentences[index.sentences["doc"].isin(docs)].copy()
    sents["doc"] = np.searchsorted(docs, sents["doc"].to_numpy())
    return TextIndex(ids=index.ids[docs], texts=[index.texts[d] for d in docs],
                     sentences=sents.reset_index(drop=True), words=index.words[docs])


def _own_voice(matches: pd.DataFrame, quotes: pd.DataFrame) -> np.ndarray:
    """True where a match lies outside every quotation that has a speaker (scare quotes and
    titles without one are the outlet's own voice, as for the hits)."""
    q = quotes[~(quotes["kind"].isin(["scare", "title"]) & (quotes["speaker"].fillna("") == ""))]
    if not len(matches) or not len(q):
        return np.ones(len(matches), dtype=bool)
    q = q.sort_values(["doc", "start"])
    key = q["doc"].to_numpy(np.int64) * (1 << 32) + q["start"].to_numpy(np.int64)
    pos = np.searchsorted(key, matches["doc"].to_numpy(np.int64) * (1 << 32)
                          + matches["start"].to_numpy(np.int64), side="right") - 1
    ok = pos >= 0
    pos = np.clip(pos, 0, None)
    inside = (ok & (q["doc"].to_numpy()[pos] == matches["doc"].to_numpy())
              & (q["end"].to_numpy()[pos] > matches["start"].to_numpy()))
    return ~inside


def _cue_matches(index: TextIndex, languages: np.ndarray, cues: WarPeaceCues) -> pd.DataFrame:
    """Cue matches in each article's own language: doc, sentence, start, end, component, pole."""
    frames = []
    for lang, lexicon in cues.lexicons.items():
        docs = np.flatnonzero(languages == lang)
        if not len(docs):
            continue
        found = match_lexicon(_sub_index(index, docs), lexicon, n_jobs=1)
        entries = lexicon.entries.set_index("entry")
        found = found.assign(doc=docs[found["doc"].to_numpy()],
                             component=entries["component"].reindex(found["entry"]).to_numpy(),
                             pole=entries["pole"].reindex(found["entry"]).to_numpy())
        frames.append(found)
    cols = ["doc", "start", "end", "component", "pole"]
    found = pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)
    found = found.astype({"doc": np.int64, "start": np.int64, "end": np.int64})
    found["sentence"] = index.sentence_of(found["doc"].to_numpy(), found["start"].to_numpy())
    found["cue"] = [index.texts[d][s:e] for d, s, e in zip(found["doc"], found["start"], found["end"])]
    return found


def _ratio(war, peace) -> np.ndarray:
    """Laplace's rule of succession: (war + 1) / (war + peace + 2)."""
    return (np.asarray(war, float) + 1) / (np.asarray(war, float) + np.asarray(peace, float) + 2)


def score_warpeace(articles: pd.DataFrame, hits: pd.DataFrame, attributions: pd.DataFrame, *,
                   cues: WarPeaceCues | None = None, index: TextIndex | None = None,
                   n_jobs: int | None = None) -> WarPeace:
    """Lee & Maslog's war/peace indicators per article, with the sentences behind them.

    Parameters
    ----------
    articles : DataFrame
        ``id`` (unique), ``outlet``, ``text``; ``camp`` and ``language`` (default "en") if present.
    hits : DataFrame
        :func:`slant.scoring.find_hits` of the same articles (``id``, ``sentence``, ``voice``,
        ``stance``, ``category``, ``referent``).
    attributions : DataFrame
        :func:`find_attributions` of the same articles (``id``, ``sentence``, ``source``,
        ``kind``, ``frame``, ``matched``).
    cues : WarPeaceCues, optional
        :func:`load_warpeace_cues` (the bundled lists by default).
    index : TextIndex, optional
        :func:`slant.text.index_texts` of the same articles (the one the hits were read with).
    n_jobs : int, optional
        Worker processes for the quotations (scikit-learn convention; the result does not
        depend on it).

    Returns
    -------
    WarPeace
        ``articles``: :data:`WARPEACE_COLUMNS` in the order given; ``evidence``:
        :data:`EVIDENCE_COLUMNS` sorted by article, component, sentence.

    Raises
    ------
    WarPeaceError
        A column missing from a table, or repeated article ids.

    References
    ----------
    Lee & Maslog (2005), J. Communication 55(2), 311-329; Lynch & McGoldrick (2005).
    """
    for table, name, cols in ((articles, "articles", ("id", "outlet", "text")),
                              (hits, "hits", ("id", "sentence", "voice", "stance", "category", "referent")),
                              (attributions, "attributions", ("id", "sentence", "source", "kind", "frame", "matched"))):
        missing = [c for c in cols if c not in table.columns]
        if missing:
            raise WarPeaceError(f"{name}: no column {missing}; pass the articles of load_corpus, the hits "
                                "of slant.scoring.find_hits and the rows of find_attributions")
    articles = articles.reset_index(drop=True)
    ids = articles["id"].astype(str)
    if ids.duplicated().any():
        raise WarPeaceError(f"articles: id {ids[ids.duplicated()].iloc[0]!r} repeats; ids must be unique")
    cues = cues or load_warpeace_cues()
    index = index if index is not None else index_texts(articles, n_jobs=1)
    n = len(articles)
    doc_of = pd.Series(np.arange(n), index=ids.to_numpy())
    lang = (articles["language"].fillna("").astype(str).replace("", "en") if "language" in articles
            else pd.Series("en", index=articles.index)).to_numpy(dtype=object)
    scored = np.isin(lang, cues.languages)
    camp = articles["camp"].astype(str) if "camp" in articles else pd.Series("", index=articles.index)
    sentences = np.bincount(index.sentences["doc"].to_numpy(), minlength=n)[:n]

    found = _cue_matches(index, lang, cues)
    # quotes only where a language cue needs its voice (the articles with one)
    lang_docs = np.unique(found.loc[found["component"] == "language", "doc"].to_numpy(np.int64))
    quotes = quotes_table(_sub_index(index, lang_docs), n_jobs=n_jobs) if len(lang_docs) else \
        pd.DataFrame(columns=["doc", "start", "end", "kind", "speaker"])
    quotes = quotes.assign(doc=lang_docs[quotes["doc"].to_numpy(np.int64)] if len(quotes) else [])
    found = found[_own_voice(found, quotes) | (found["component"] != "language")]
    h = hits[hits["id"].astype(str).isin(doc_of.index)]
    h = h.assign(doc=doc_of.reindex(h["id"].astype(str)).to_numpy())
    h = h[scored[h["doc"].to_numpy()]]
    labels = h[h["stance"].astype(str).isin(DEMONISING_STANCES) & (h["voice"] == "own")]
    a = attributions[attributions["id"].astype(str).isin(doc_of.index) & (attributions["frame"] != "wire credit")]
    a = a.assign(doc=doc_of.reindex(a["id"].astype(str)).to_numpy())
    elite_row = a["kind"].isin(ELITE_KINDS) | a["source"].isin(ELITE_SOURCES)
    a = a.assign(side=np.where(elite_row, "war", np.where(a["kind"].isin(PEOPLE_KINDS)
                                                          | a["source"].isin(PEOPLE_SOURCES), "peace", "")))
    a = a[scored[a["doc"].to_numpy()] & (a["side"] != "")]
    actors = h[h["category"].astype(str) == "actor"]

    def count(frame):  # rows per article position
        return np.bincount(frame["doc"].to_numpy(np.int64), minlength=n)[:n].astype(float)

    war_lang = pd.concat([labels[["doc", "sentence"]], found.loc[found["component"] == "language", ["doc", "sentence"]]])
    lang_sents = count(war_lang.drop_duplicates())
    counts = {col: count(found[(found["component"] == c) & (found["pole"] == p)])
              for (c, p), col in _CUE_COUNTS.items() if c != "language"}
    elite, people = count(a[a["side"] == "war"]), count(a[a["side"] == "peace"])
    n_actors = count(actors.drop_duplicates(["doc", "referent"]))
    parties = np.clip((MANY_PARTIES - n_actors) / (MANY_PARTIES - TWO_PARTIES), 0, 1)
    table = pd.DataFrame({
        "id": ids, "outlet": articles["outlet"].astype(str), "camp": camp, "language_code": lang,
        "scored": scored,
        "not_scored_reason": np.where(scored, "", [f"no war/peace cue lists for language '{x}' "
                                                    f"(lists: {', '.join(cues.languages)})" for x in lang]),
        "language": lang_sents / np.maximum(sentences, 1), "orientation": _ratio(elite, people),
        "parties": np.where(n_actors == 0, 0.5, parties),
        "outcome": _ratio(counts["victory_cues"], counts["solution_cues"]),
        "time": _ratio(counts["here_now_cues"], counts["context_cues"]),
        "sentences": sentences, "language_sentences": lang_sents, "elite_sources": elite,
        "people_sources": people, "actors": n_actors, **counts})
    table["war_index"] = table[list(COMPONENTS)].mean(axis=1)
    numeric = [*COMPONENTS, "war_index", *WARPEACE_COLUMNS[WARPEACE_COLUMNS.index("language_sentences"):]]
    table.loc[~scored, numeric] = np.nan
    evidence = _evidence(index, ids, camp, articles["outlet"].astype(str), found=found, labels=labels,
                         attributions=a, actors=actors, parties=table["parties"].to_numpy())
    return WarPeace(articles=table[WARPEACE_COLUMNS], evidence=evidence)


def _evidence(index, ids, camp, outlet, *, found, labels, attributions, actors, parties) -> pd.DataFrame:
    """One row per article, component, pole and sentence, with the cues that fired there."""
    parts = [found[["doc", "sentence", "component", "pole", "cue"]],
             labels.assign(component="language", pole="war", cue=labels["text"].astype(str)
                           if "text" in labels else labels["referent"].astype(str)),
             attributions.assign(component="orientation",
                                 pole=attributions["side"],
                                 cue=attributions["matched"].astype(str)),
             actors.drop_duplicates(["doc", "referent"]).assign(component="parties", cue=lambda t: t["referent"].astype(str))]
    parts[3] = parts[3].assign(pole=np.where(parties[parts[3]["doc"].to_numpy(np.int64)] > 0.5, "war",
                                             np.where(parties[parts[3]["doc"].to_numpy(np.int64)] < 0.5, "peace", "neither")))
    rows = pd.concat([p[["doc", "sentence", "component", "pole", "cue"]] for p in parts], ignore_index=True)
    if not len(rows):
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    keys = ["doc", "component", "pole", "sentence"]
    rows = rows.drop_duplicates([*keys, "cue"]).sort_values([*keys, "cue"])
    first = ~rows.duplicated(keys).to_numpy()  # sorted: a group's rows are adjacent
    joined, current = [], []
    for new, cue in zip(first.tolist(), rows["cue"].astype(str).tolist()):  # plain lists: fast
        if new and current:
            joined.append(", ".join(current))
            current = []
        current.append(cue)
    joined.append(", ".join(current))
    rows = rows[first].drop(columns="cue").assign(cues=joined).reset_index(drop=True)
    spans = index.sentences.set_index(["doc", "sentence"])[["start", "end"]]
    spans = spans.reindex(pd.MultiIndex.from_arrays([rows["doc"], rows["sentence"]]))
    rows["text"] = [index.texts[d][int(s):int(e)] if pd.notna(s) else ""
                    for d, s, e in zip(rows["doc"], spans["start"], spans["end"])]
    order = {c: i for i, c in enumerate(COMPONENTS)}
    rows = rows.assign(_c=rows["component"].map(order)).sort_values(["doc", "_c", "sentence", "pole"])
    d = rows["doc"].to_numpy(np.int64)
    rows = rows.assign(id=ids.to_numpy()[d], outlet=outlet.to_numpy()[d], camp=camp.to_numpy()[d])
    return rows[EVIDENCE_COLUMNS].reset_index(drop=True)


def warpeace_summary(scores: pd.DataFrame, *, by: str = "camp", n_boot: int = N_BOOT,
                     random_state: int = 0) -> pd.DataFrame:
    """Mean of each component and of the index per group, with a 95 % percentile bootstrap
    interval over the group's scored articles.

    Parameters
    ----------
    scores : DataFrame
        ``WarPeace.articles`` (its ``outlet`` may be folded first, e.g. by
        :func:`slant.charts.fold_small_outlets`).
    by : str
        ``camp`` or ``outlet`` (any column of ``scores``).
    n_boot : int
        Resamples of the group's articles, with replacement.
    random_state : int
        Seed of the resampling.

    Returns
    -------
    DataFrame
        :data:`SUMMARY_COLUMNS`, groups sorted, components in :data:`COMPONENTS` order then
        ``war_index``; ``articles`` counts the scored articles behind each mean.

    References
    ----------
    Efron & Tibshirani (1993), ch. 13.
    """
    if by not in scores.columns:
        raise WarPeaceError(f"scores: no column {by!r}; group by 'camp' or 'outlet'")
    names = [*COMPONENTS, "war_index"]
    rng = np.random.default_rng(random_state)
    rows = []
    for group, part in scores[scores["scored"].astype(bool)].groupby(by, sort=True):
        values = part[names].to_numpy(dtype=float)  # scored articles: every component is a number
        boot = values[rng.integers(0, len(values), size=(n_boot, len(values)))].mean(axis=1)
        low, high = np.percentile(boot, INTERVAL, axis=0)
        for k, name in enumerate(names):
            rows.append((group, name, float(values[:, k].mean()), float(low[k]), float(high[k]),
                         len(values)))
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
