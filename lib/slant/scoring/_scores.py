"""Scoring stage: loaded-term hits with voice, and their aggregates per article, outlet and camp.

Input: the ``articles`` table (slant.corpus), a :class:`slant.lexicons.Lexicon`, and the
:class:`slant.text.TextIndex` of the articles (built once). Output tables (columns listed below
and in the README, "Output tables"): ``hits`` (one row per match), ``article_scores``,
``group_scores`` (per outlet or camp, with bootstrap intervals), ``label_choices``, ``kwic``,
``not_scored``. An article in a language no loaded lexicon is written for is not scored
(:mod:`slant.scoring._coverage`): no hits are searched in it, its rates are NaN, never 0, and
the aggregates leave it out and count it. Nothing here plots, prints or writes files.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..lexicons import (
    ENGLISH,
    NEGATIVE_STANCES,
    POSITIVE_STANCES,
    Lexicon,
    display_label,
    language_name,
)
from ..text import TextIndex
from ._coverage import mark_scored, not_scored_table
from ._hits import categorical, containing_quote, hit_codes, hit_columns
from ._onepass import index_match_quote
from ._tone import sentence_tone_started, tone_table

__all__ = [
    "ARTICLE_SCORE_COLUMNS",
    "DEFAULT_LEXICONS",
    "HIT_COLUMNS",
    "LABEL_CHOICE_COLUMNS",
    "Scores",
    "article_scores",
    "corpus_articles",
    "corpus_lexicon",
    "find_hits",
    "group_scores",
    "index_and_hits",
    "kwic",
    "label_choices",
    "own_voice_share",
    "score_corpus",
]

#: One row per lexicon match.
HIT_COLUMNS = [
    "id", "outlet", "camp", "wire_credit", "sentence", "start", "end", "text", "label", "language",
    "gloss", "referent", "stance", "category", "lexicon", "loaded", "voice", "quote_kind", "speaker",
]
#: One row per article; counts are <NA> and rates NaN where ``scored`` is False.
ARTICLE_SCORE_COLUMNS = [
    "id", "outlet", "camp", "wire_credit", "language", "scored", "not_scored_reason", "words", "hits", "hits_own", "hits_quoted", "loaded",
    "loaded_own", "loaded_quoted", "negative", "positive", "loaded_words",
    "density", "density_own", "density_quoted", "net", "gross", "coverage",
]
#: One row per (level, group, referent, label): what :func:`label_choices` returns.
LABEL_CHOICE_COLUMNS = ["level", "group", "referent", "label", "language", "gloss", "display", "stance",
                        "mentions", "referent_mentions", "articles", "share"]
#: Per 1,000 words.
PER = 1_000
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def find_hits(articles: pd.DataFrame, lexicon: Lexicon, *, index: TextIndex | None = None,
              scare_quotes_are_quoted: bool = False, n_jobs: int | None = None) -> pd.DataFrame:
    """Every lexicon match in the articles, with its voice.

    Parameters
    ----------
    articles : DataFrame
        The corpus's articles (``id``, ``outlet``, ``camp``, ``wire_credit``, ``text``).
    lexicon : Lexicon
        From :func:`slant.lexicons.load_lexicons`.
    index : TextIndex, optional
        The articles' text index, when already built (it is built here otherwise, in the same
        pass as the hits: :func:`index_and_hits` returns both).
    scare_quotes_are_quoted : bool
        Scare quotes (one to three quoted words, "so-called 'caliphate'") distance the outlet
        from a word rather than cite a source; by default a hit in them stays in own voice
        unless the sentence attributes the words to a speaker.
    n_jobs : int, optional
        Worker processes for the pass over the texts, as in scikit-learn: ``None`` uses every
        core for a corpus of ``slant.common._parallel.PARALLEL_MIN_CHARS`` characters or more and one
        process below, ``1`` never starts workers, ``-1`` uses every core. The result does not
        depend on it.

    Returns
    -------
    DataFrame
        ``HIT_COLUMNS``, from the articles in a language of the lexicon only (an article whose
        ``language`` is "" or absent is detected first: :func:`slant.scoring.language_coverage`);
        ``voice`` is ``own`` or ``quoted`` (inside quotation marks, or in
        reported speech: "X said ...", "according to X"), ``speaker`` the source named, if any.
        Sorted by article order, then offset.
    """
    return index_and_hits(articles, lexicon, index=index, scare_quotes_are_quoted=scare_quotes_are_quoted,
                          n_jobs=n_jobs)[1]


def index_and_hits(articles: pd.DataFrame, lexicon: Lexicon, *, index: TextIndex | None = None,
                   scare_quotes_are_quoted: bool = False, n_jobs: int | None = None,
                   pool=None) -> tuple[TextIndex, pd.DataFrame]:
    """:func:`slant.text.index_texts` and :func:`find_hits` in one pass over the texts (one
    worker task per batch splits its sentences, finds its matches and its quotes:
    :mod:`slant.scoring._onepass`); the parameters are :func:`find_hits`', and ``pool``
    (:class:`slant.common.WorkerPool`: worker processes kept across batches). Returns
    ``(index, hits)``; the index covers every article, the hits only those scored
    (:func:`mark_scored`)."""
    marked = mark_scored(articles, lexicon)
    scored = marked["scored"].to_numpy(dtype=bool)
    # each text is read in its language (stems, clitics, its labels and cues)
    languages = marked["language"].fillna("").astype(str).to_numpy(dtype=object)
    index, matches, quotes = index_match_quote(articles, lexicon, index=index, n_jobs=n_jobs,
                                               matched_text=True, skip=~scored, languages=languages, pool=pool)
    columns = hit_columns(matches, articles, lexicon, index)
    quotes, which = containing_quote(matches, quotes)
    kind_labels, kind = hit_codes(quotes["kind"], which)  # code 0: own voice
    speaker_labels, speaker = hit_codes(quotes["speaker"], which)
    if not scare_quotes_are_quoted:
        # a scare quote with nobody named distances the outlet; one attributed to a speaker
        # ('a resident said the town was "liberated"') is that speaker's word
        # (the same for a quoted title or name: "Operation 'Dawn'" is nobody's speech)
        unattributed = (np.isin(kind_labels, ["scare", "title"])[kind]
                        & (speaker_labels == "")[speaker])
        kind = np.where(unattributed, 0, kind)
    hits = columns.assign(
        voice=pd.Categorical.from_codes((kind != 0).astype(np.int8), categories=["own", "quoted"]),
        quote_kind=categorical(kind_labels, kind), speaker=categorical(speaker_labels, speaker))
    return index, hits[HIT_COLUMNS]


def _word_counts(texts: pd.Series) -> np.ndarray:
    """Words in each text, counted once per distinct text (matched texts repeat a lot)."""
    if texts.empty:  # (no hits: the column holds no strings, so it has no .str)
        return np.zeros(0, dtype=np.int64)
    codes, uniques = pd.factorize(texts)
    counts = pd.Series(uniques, dtype=texts.dtype).str.count(_WORD.pattern).to_numpy()
    return counts[codes]


def _codes_of(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of a column and the values they stand for (-1 for a missing value): a
    categorical's own codes, else ``pd.factorize``'s."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(dtype=np.int64), column.cat.categories.to_numpy()
    codes, uniques = pd.factorize(column, sort=True)  # sorted, as a groupby orders its keys
    return codes.astype(np.int64), np.asarray(uniques)


def article_scores(hits: pd.DataFrame, articles: pd.DataFrame, *, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Counts and densities per article (every article, with or without hits).

    An article in a language none of the lexicons is written for is not scored: ``scored``
    False, ``not_scored_reason`` says why, its counts are <NA> and its rates NaN, never 0.
    Which articles are scored comes from ``articles`` marked by :func:`mark_scored` (as
    :func:`score_corpus` does), else from ``lexicon``; with neither, every article counts as
    scored.

    ``density*`` are loaded hits per 1,000 words (all, own voice, quoted). The GDELT-style
    quantities: ``net`` = (delegitimising + pejorative − legitimising hits) per 1,000 words,
    ``gross`` = all loaded hits per 1,000 words, ``coverage`` = share of the article's words
    that stand inside a loaded span (as Prta reports it).

    References
    ----------
    Leetaru, K. & Schrodt, P. (2013). GDELT: Global data on events, location and tone.
    Da San Martino, G. et al. (2020). Prta: A system to support the analysis of propaganda
    techniques in the news. ACL demos.
    """
    own = hits["voice"].eq("own").to_numpy(dtype=bool)
    quoted = hits["voice"].eq("quoted").to_numpy(dtype=bool)
    loaded = hits["loaded"].to_numpy(dtype=bool)
    flags = {
        "hits": np.ones(len(hits), dtype=bool), "hits_own": own, "hits_quoted": quoted,
        "loaded": loaded, "loaded_own": loaded & own, "loaded_quoted": loaded & quoted,
        "negative": hits["stance"].isin(NEGATIVE_STANCES).to_numpy(dtype=bool) & loaded,
        "positive": hits["stance"].isin(POSITIVE_STANCES).to_numpy(dtype=bool),
        "loaded_words": np.where(loaded, _word_counts(hits["text"]), 0),
    }
    # sums per article by integer codes (one bincount per count), not a groupby over the hits
    doc, ids = _codes_of(hits["id"])
    kept = doc >= 0
    sums = pd.DataFrame({name: np.bincount(doc[kept], weights=values[kept], minlength=len(ids)).round().astype("int64")
                         for name, values in flags.items()}, index=pd.Index(ids, name="id"))
    if lexicon is not None:
        articles = mark_scored(articles, lexicon)
    elif "scored" not in articles:
        articles = articles.assign(scored=True, not_scored_reason="")
    if "language" not in articles:
        articles = articles.assign(language="")
    base = articles[["id", "outlet", "camp", "wire_credit", "language", "scored", "not_scored_reason",
                     "words"]].reset_index(drop=True)
    base["scored"] = base["scored"].astype(bool)
    scores = base.join(sums, on="id")
    counts = ["hits", "hits_own", "hits_quoted", "loaded", "loaded_own", "loaded_quoted",
              "negative", "positive", "loaded_words"]
    scores[counts] = scores[counts].fillna(0).astype("int64")
    if not scores["scored"].all():  # not searched: unknown counts, not zero
        scores[counts] = scores[counts].astype("Int64").where(scores["scored"], pd.NA)
    words = scores["words"].where((scores["words"] > 0) & scores["scored"]).astype(float)
    scores["density"] = scores["loaded"] / words * PER
    scores["density_own"] = scores["loaded_own"] / words * PER
    scores["density_quoted"] = scores["loaded_quoted"] / words * PER
    scores["net"] = (scores["negative"] - scores["positive"]) / words * PER
    scores["gross"] = scores["density"]
    scores["coverage"] = scores["loaded_words"] / words
    rates = ["density", "density_own", "density_quoted", "net", "gross", "coverage"]
    scores[rates] = scores[rates].astype(float)
    return scores[ARTICLE_SCORE_COLUMNS]


#: Bootstrap resamples for the 95 % intervals (Efron & Tibshirani 1993 suggest >= 1,000 for
#: percentile intervals).
N_BOOT = 1_000


def group_scores(scores: pd.DataFrame, *, by: str = "outlet", n_boot: int = N_BOOT,
                 random_state: int = 0, min_articles: int = 1) -> pd.DataFrame:
    """Per group (outlet or camp): pooled rates per 1,000 words with bootstrap 95 % intervals.

    A rate is the group's hits divided by its words (a ratio estimator, so long articles weigh
    more); the interval resamples the group's articles with replacement (percentile method).

    Articles not scored (``scored`` False: no lexicon in their language) are left out, never
    counted as 0: ``not_scored`` counts them per group, and ``attrs["not_scored"]`` holds the
    articles left out per language ({code: n}) over all groups, including groups with no
    scored article (which have no row).

    Returns
    -------
    DataFrame
        One row per group: ``articles`` (scored), ``not_scored``, ``words``, and for each of
        ``density``, ``density_own``, ``density_quoted``, ``net``: the value and ``<name>_low`` /
        ``<name>_high``; ``coverage`` the share of words in loaded spans.

    References
    ----------
    Efron, B. & Tibshirani, R. (1993). An Introduction to the Bootstrap. Chapman & Hall.
    """
    rng = np.random.default_rng(random_state)
    numerators = {"density": "loaded", "density_own": "loaded_own",
                  "density_quoted": "loaded_quoted"}
    scored = scores["scored"].astype(bool) if "scored" in scores else pd.Series(True, index=scores.index)
    left_out = scores[~scored]
    not_scored = left_out.groupby(by, observed=True).size()
    rows = []
    for group, g in scores[scored & (scores["words"] > 0)].groupby(by, sort=True, observed=True):
        if len(g) < min_articles:
            continue
        words = g["words"].to_numpy(float)
        cols = {k: g[v].to_numpy(float) for k, v in numerators.items()}
        cols["net"] = (g["negative"] - g["positive"]).to_numpy(float)
        row = {by: group, "articles": len(g), "not_scored": int(not_scored.get(group, 0)),
               "words": int(words.sum()),
               "coverage": g["loaded_words"].sum() / words.sum()}
        sums = _bootstrap_sums(np.column_stack([words, *cols.values()]), n_boot, rng)
        boot_words = sums[:, 0]
        for k, (name, values) in enumerate(cols.items(), start=1):
            row[name] = values.sum() / words.sum() * PER
            boot = sums[:, k] / np.where(boot_words > 0, boot_words, np.nan) * PER
            row[f"{name}_low"], row[f"{name}_high"] = np.nanpercentile(boot, [2.5, 97.5])
        rows.append(row)
    table = pd.DataFrame(rows)
    table.attrs["not_scored"] = (left_out["language"].replace("", "unknown").value_counts().sort_index().to_dict()
                                 if "language" in left_out else {})
    return table


#: Resampled article positions drawn at once (bounds memory: 8 bytes each).
_BOOT_BLOCK = 2_000_000


def _bootstrap_sums(values: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Column sums of ``values`` (articles x quantities) over ``n_boot`` resamples of its rows
    with replacement: one row per resample.

    Each resample draws n row positions uniformly (``rng.integers``) and counts them, which is
    the multinomial weighting of the classical bootstrap. (Until 2026-11 the weights came from
    ``rng.multinomial``: same estimator, other random numbers, 7x slower at 40,000 articles.)
    """
    n = len(values)
    block = max(1, _BOOT_BLOCK // max(n, 1))
    out = []
    for lo in range(0, n_boot, block):
        rows = min(block, n_boot - lo)
        drawn = rng.integers(0, n, size=(rows, n))
        drawn += (np.arange(rows) * n)[:, None]  # row r counts into bins r*n ... r*n + n - 1
        weights = np.bincount(drawn.ravel(), minlength=rows * n).reshape(rows, n).astype(float)
        out.append(weights @ values)
    return np.concatenate(out) if out else np.zeros((0, values.shape[1]))


def label_choices(hits: pd.DataFrame, *, by=("outlet", "camp"), voice: str | None = "own") -> pd.DataFrame:
    """For each referent: the share of each label per group, with the mentions behind it.

    A referent's labels are counted together whatever their language, so an outlet writing in
    Arabic and one writing in English share the referent's row total's meaning: the share of
    the group's mentions of that referent.

    Parameters
    ----------
    by : str or tuple of str
        Grouping columns of ``hits``; each gives its own rows (``level``).
    voice : "own", "quoted" or None
        Count only hits in this voice (default: the outlet's own voice).

    Returns
    -------
    DataFrame
        ``LABEL_CHOICE_COLUMNS``: ``level`` (outlet or camp), ``group``, ``referent``,
        ``label``, ``language`` (of the label's lexicon file; "en" when the hits have none),
        ``gloss`` (English; an English label's own text), ``display`` (the short form charts
        show: :func:`slant.lexicons.display_label`), ``stance``, ``mentions`` (hits of this
        label), ``referent_mentions`` (hits of any label of the referent in the group, every
        language), ``articles`` (articles of the group with a mention of the referent),
        ``share``.
    """
    if "language" not in hits:  # a hit table from before labels had languages: all English
        hits = hits.assign(language=ENGLISH)
    if "gloss" not in hits:
        hits = hits.assign(gloss=hits["label"])
    # counted on integer codes: one np.unique over combined codes per level gives what a
    # groupby by (group, referent, label, language, stance) gives, in the same (sorted) order
    kept = np.array(hits["referent"] != "", dtype=bool)
    if voice is not None:
        kept &= (hits["voice"] == voice).to_numpy(dtype=bool)
    codes = {c: _codes_of(hits[c]) for c in ("referent", "label", "language", "stance", "id")}
    for values, _ in codes.values():
        kept &= values >= 0
    (ref, ref_names), (lab, lab_names), (lng, lng_names), (sta, sta_names), (doc, _) = codes.values()
    n_ref, n_lab, n_lng, n_sta = len(ref_names), len(lab_names), len(lng_names), len(sta_names)
    n_doc = max(len(codes["id"][1]), 1)
    per_label = n_lab * n_lng * n_sta  # keys of one (group, referent)
    frames = []
    for level in ([by] if isinstance(by, str) else list(by)):
        grp, grp_names = _codes_of(hits[level])
        rows = kept & (grp >= 0)
        pair = grp[rows] * n_ref + ref[rows]  # (group, referent)
        # distinct keys by hashing (pd.factorize), then only the few distinct ones sorted
        found, inverse = pd.factorize(((pair * n_lab + lab[rows]) * n_lng + lng[rows]) * n_sta + sta[rows])[::-1]
        order = np.argsort(found)
        key = found[order]
        mentions = np.bincount(inverse, minlength=len(found))[order]
        key_pair = key // per_label
        per_pair = np.bincount(key_pair, weights=mentions, minlength=len(grp_names) * n_ref)
        referent_mentions = per_pair.round().astype(np.int64)[key_pair]
        # articles of each (group, referent): its distinct (pair, article) combinations
        seen = pd.unique(pair * n_doc + doc[rows]) // n_doc
        articles = np.bincount(seen, minlength=len(grp_names) * n_ref)[key_pair]
        frames.append(pd.DataFrame({
            "level": level, "group": grp_names[key_pair // n_ref], "referent": ref_names[key_pair % n_ref],
            "label": lab_names[(key // (n_lng * n_sta)) % n_lab], "language": lng_names[(key // n_sta) % n_lng],
            "stance": sta_names[key % n_sta],
            "mentions": mentions.astype(np.int64), "referent_mentions": referent_mentions,
            "articles": articles.astype(np.int64), "share": mentions / referent_mentions}))
    if not frames:
        return pd.DataFrame(columns=LABEL_CHOICE_COLUMNS)
    table = pd.concat(frames, ignore_index=True)
    # a small table: plain strings are easier to filter and relabel than categoricals
    table = table.astype({c: str for c in ("group", "referent", "label", "language", "stance")})
    glosses = (hits.loc[kept, ["referent", "label", "language", "gloss"]].astype(str)
               .drop_duplicates(["referent", "label", "language"]).set_index(["referent", "label", "language"])["gloss"])
    keys = pd.MultiIndex.from_frame(table[["referent", "label", "language"]])
    table["gloss"] = glosses.reindex(keys).fillna(table["label"]).to_numpy() if len(table) else []
    table["display"] = [display_label(lab, gl, lg) for lab, gl, lg in
                        zip(table["label"], table["gloss"], table["language"])]
    table = table.sort_values(["level", "referent", "group", "mentions"],
                              ascending=[True, True, True, False], ignore_index=True)[LABEL_CHOICE_COLUMNS]
    table.attrs["language_names"] = {code: language_name(code) for code in sorted(set(table["language"]))}
    return table


def own_voice_share(hits: pd.DataFrame, *, by: str = "outlet", labels=None) -> pd.DataFrame:
    """Newsroom-rule view: per group, the share of delegitimising hits in the outlet's own voice.

    Reuters' and the BBC's style guidance keep "terrorist" for attributed speech; an outlet
    following it has a low own-voice share for the "terrorist" family. ``family`` is
    ``terrorist`` for labels matching "terror", else ``other delegitimising``.
    """
    h = hits[hits["stance"].isin(NEGATIVE_STANCES)]
    if labels is not None:
        h = h[h["label"].isin(labels)]
    family = np.where(h["label"].str.contains("terror", case=False), "terrorist", "other delegitimising")
    h = h.assign(family=family, own=h["voice"].eq("own"))
    table = h.groupby([by, "family"], observed=True).agg(hits=("own", "size"), own=("own", "sum")).reset_index()
    table["own_share"] = table["own"] / table["hits"]
    return table


def kwic(hits: pd.DataFrame, articles: pd.DataFrame, *, width: int = 60, index: TextIndex | None = None) -> pd.DataFrame:
    """Key word in context: each hit with ``width`` characters of text on each side."""
    texts = dict(zip(articles["id"], index.texts if index is not None else articles["text"]))
    left, right = [], []
    for doc_id, s, e in zip(hits["id"].tolist(), hits["start"].tolist(), hits["end"].tolist()):
        text = texts[doc_id]
        left.append(text[max(0, s - width):s].replace("\n", " "))
        right.append(text[e:e + width].replace("\n", " "))
    out = hits[["id", "outlet", "camp", "label", "referent", "stance", "voice", "text"]].copy()
    out.insert(len(out.columns) - 1, "left", left)
    out["right"] = right
    return out.rename(columns={"text": "match"})


#: Lexicons used when neither the caller nor corpus.yml names any.
DEFAULT_LEXICONS = ("syria-2017", "news-generic")


@dataclass
class Scores:
    """Every table of the scoring stage for one corpus (see README, "Output tables")."""

    hits: pd.DataFrame
    article_scores: pd.DataFrame
    outlet_scores: pd.DataFrame
    camp_scores: pd.DataFrame
    label_choices: pd.DataFrame
    tone: pd.DataFrame
    lexicon: Lexicon
    articles: pd.DataFrame
    not_scored: pd.DataFrame  # articles left out, per outlet, camp and language (NOT_SCORED_COLUMNS)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables ``slant score`` writes, by file name."""
        return {"hits": self.hits, "article_scores": self.article_scores,
                "outlet_scores": self.outlet_scores, "camp_scores": self.camp_scores,
                "label_choices": self.label_choices, "tone": self.tone, "not_scored": self.not_scored}


def corpus_lexicon(corpus, names=None) -> Lexicon:
    """The lexicons a corpus is scored with: ``names`` (a list, or a comma-separated string as a
    notebook parameter gives it), else ``lexicons:`` of corpus.yml, else ``DEFAULT_LEXICONS``;
    paths are read relative to the corpus folder."""
    from ..lexicons import load_lexicons

    if isinstance(names, str):
        names = [x.strip() for x in names.split(",") if x.strip()]
    chosen = names or corpus.config.get("lexicons") or list(DEFAULT_LEXICONS)
    return load_lexicons(chosen, base=corpus.path)


def corpus_articles(corpus, *, exclude_wire_copies: bool = False) -> pd.DataFrame:
    """The corpus's articles to analyse, renumbered; without wire copies when asked (articles
    whose ``wire_credit`` names another agency: not the outlet's own writing)."""
    articles = corpus.articles
    if exclude_wire_copies:
        articles = articles[articles["wire_credit"] == ""]
    return articles.reset_index(drop=True)


def score_corpus(corpus, *, lexicons=None, exclude_wire_copies: bool = False, tone: bool = True,
                 tone_engine: str = "vectorised", n_boot: int = N_BOOT,
                 random_state: int = 0) -> Scores:
    """Score a loaded corpus: hits, article, outlet and camp scores, label choices, tone, and
    the articles not scored (no lexicon in their language), per outlet and language.

    Parameters
    ----------
    corpus : slant.corpus.Corpus
    lexicons : list of str or str, optional
        Bundled names or paths, or one comma-separated string (see :func:`corpus_lexicon`).
    exclude_wire_copies : bool
        Leave out articles whose ``wire_credit`` names another agency (not the outlet's writing).
    tone, tone_engine : bool, str
        Score VADER tone, and with which engine (:func:`slant.scoring.sentence_tone`:
        ``"vectorised"``, or ``"vader"``, the reference).
    """
    lexicon = corpus_lexicon(corpus, lexicons)
    articles = mark_scored(corpus_articles(corpus, exclude_wire_copies=exclude_wire_copies), lexicon)
    index, hits = index_and_hits(articles, lexicon)
    # rates are per word of the text scored (titles are not scored: FA-KES repeats them in the text)
    articles = articles.assign(words=index.words)
    # tone runs in worker processes while this process computes the scores and their
    # bootstrap intervals (on 2 cores: ~1 s less than one after the other at FA-KES x50)
    with _tone_started(index, tone=tone, engine=tone_engine) as tone_sentences:
        per_article = article_scores(hits, articles)
        choices = label_choices(hits)
        left_out = per_article.loc[~per_article["scored"], "language"].replace("", "unknown")
        choices.attrs["not_scored"] = left_out.value_counts().sort_index().to_dict()
        outlet_scores = group_scores(per_article, by="outlet", n_boot=n_boot, random_state=random_state)
        camp_scores = group_scores(per_article, by="camp", n_boot=n_boot, random_state=random_state)
        tone_sentences = tone_sentences()
    languages = articles.get("language", None)
    tone_articles = (tone_table(tone_sentences, index, languages).merge(articles[["id", "outlet", "camp"]], on="id")
                     if tone else pd.DataFrame(columns=["id", "outlet", "camp"]))
    return Scores(
        hits=hits, article_scores=per_article, outlet_scores=outlet_scores, camp_scores=camp_scores,
        label_choices=choices, tone=tone_articles, lexicon=lexicon, articles=articles,
        not_scored=not_scored_table(per_article))


@contextmanager
def _tone_started(index: TextIndex, *, tone: bool, engine: str, pool=None, n_jobs=None):
    """:func:`slant.scoring.sentence_tone_started`, or nothing to wait for without tone."""
    if not tone:
        yield lambda: None
        return
    with sentence_tone_started(index, engine=engine, pool=pool, n_jobs=n_jobs) as result:
        yield result
