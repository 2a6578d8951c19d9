"""Load a corpus folder into the articles and outlets tables, with a complete load report."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from ..common import word_counts, word_counts_started
from ._config import load_config
from ._datasets import DATASETS, default_cache, default_mirror, load_dataset
from ._errors import CorpusError
from ._language import DetectionMemo, check_languages, identifier_ready, warm_identifier
from ._model import ARTICLE_COLUMNS, ISSUE_COLUMNS, Corpus, issue
from ._outlets import UNKNOWN_CAMP, alias_index, load_outlets, resolve_outlet, slugify
from ._parquet import PARQUET_BATCH_ROWS, iter_parquet, read_parquet
from ._sources import read_articles_dir, read_manifest, read_table

__all__ = ["ArticleBatches", "count_words", "default_cache", "default_mirror", "group_issues", "iter_article_batches",
           "language_table", "load_corpus", "source_table", "summarize"]

#: A word: letters or digits, with inner hyphens and apostrophes ("al-Mayadin", "Daesh's").
_WORD = re.compile(r"\w+(?:['’-]\w+)*")

#: The earliest date an article may carry (the first daily newspapers are of the 18th
#: century); earlier dates, such as year 0 from a blank date field, are flagged and dropped.
EARLIEST_DATE = pd.Timestamp("1700-01-01")
#: How far past today a date may lie (time zones, embargoed releases) before it is flagged.
LATEST_DATE_AHEAD = pd.Timedelta(days=2)


def count_words(texts: pd.Series) -> pd.Series:
    """Number of word tokens per text, as ``_WORD`` counts them (by array operations over the
    code points: :func:`slant.common.word_counts`)."""
    return pd.Series(word_counts(_strings(texts)), index=texts.index, dtype="int64")


def _strings(texts: pd.Series) -> list[str]:
    """The values as Python strings ("" for a missing one)."""
    return [t if type(t) is str else str(t) for t in texts.astype(object).fillna("").tolist()]


def _read_source(spec, config, *, mirror, cache):
    """Raw rows and issues of one source; a dataset that cannot be had becomes one skipped issue."""
    where = config.path / spec.value
    lang = spec.options.get("language", config.language)
    if spec.kind == "articles":
        return read_articles_dir(where, label=spec.label, language=lang)
    if spec.kind == "csv":
        return read_table(where, label=spec.label, columns=spec.options["columns"],
                          encoding=spec.options.get("encoding", "utf-8"), language=lang,
                          fmt=spec.options.get("format"))
    if spec.kind == "parquet":
        return read_parquet(where, label=spec.label, columns=spec.options["columns"], language=lang)
    if spec.kind == "manifest":
        store = cache / "corpora" / config.name
        return read_manifest(where, label=spec.label, corpus_name=config.name, mirror=mirror,
                             store=store, language=lang)
    if spec.value not in DATASETS:
        raise CorpusError(
            f"{config.path / 'corpus.yml'}:{spec.line}: unknown dataset {spec.value!r}; "
            f"registered: {', '.join(sorted(k for k, v in DATASETS.items() if v.articles))}"
        )
    if not DATASETS[spec.value].articles:
        raise CorpusError(
            f"{config.path / 'corpus.yml'}:{spec.line}: dataset {spec.value!r} holds no articles "
            f"(it is {DATASETS[spec.value].description}); drop it from the sources"
        )
    try:
        raw, issues = load_dataset(spec.value, mirror=mirror, cache=cache, download=False,
                                   progress=False)
    except CorpusError as exc:
        return pd.DataFrame(), [issue(spec.label, config.path / "corpus.yml", spec.line, spec.value,
                                      "skipped", f"dataset not loaded: {exc}",
                                      "run `slant fetch CORPUS` online, or set SLANT_MIRROR / --mirror")]
    return raw, issues


def _nfc_stripped(texts: list) -> list:
    """Each text as a string in Unicode NFC, stripped; an ASCII text (``str.isascii`` reads a
    flag, it does not scan) is NFC already."""
    return [t.strip() if t.isascii() else unicodedata.normalize("NFC", t).strip()
            for t in (t if type(t) is str else str(t) for t in texts)]


def _per_distinct(values: pd.Series, func) -> pd.Series:
    """``values.map(func)``, calling ``func`` once per distinct value (outlet names repeat)."""
    codes, uniques = pd.factorize(values)
    found = pd.Series([func(u) for u in uniques], dtype=object)
    return pd.Series(found.to_numpy()[codes] if len(uniques) else [], index=values.index, dtype=object)


def _drop(frame, mask, issues, reason, fix, action="skipped"):
    for row in frame[mask].itertuples(index=False):
        issues.append(issue(row.source, row.file, row.line, row.id, action, reason(row), fix))
    return frame[~mask]


def load_corpus(corpus_dir: str | Path, *, mirror: str | Path | None = None,
                cache: str | Path | None = None) -> Corpus:
    """Load a corpus folder: every source of its corpus.yml, resolved against the outlet registry.

    Parameters
    ----------
    corpus_dir : str or Path
        Folder holding ``corpus.yml``.
    mirror : path, optional
        Local mirror of third-party texts (default ``$SLANT_MIRROR``): datasets under
        ``<mirror>/<dataset>/``, manifest texts under ``<mirror>/<corpus name>/<id>.txt|json|html``.
    cache : path, optional
        Where ``slant fetch`` stored texts and datasets (default ``$SLANT_CACHE`` or ~/.cache/slant).

    Returns
    -------
    Corpus
        ``articles`` (``ARTICLE_COLUMNS``, sorted by date then id), ``outlets`` and ``issues``
        (``ISSUE_COLUMNS``): every item read is either an article or an issue row.

    Raises
    ------
    CorpusError
        A mistake that stops the whole corpus from loading (corpus.yml, a missing folder or column,
        a wrong outlets.csv); the message names the file, the line and the fix.

    Notes
    -----
    Loading never uses the network: ``slant fetch`` does that and fills the cache.
    """
    config = load_config(corpus_dir)
    warm_identifier()  # the language model loads while the sources are read
    mirror = Path(mirror) if mirror else default_mirror()
    cache = Path(cache) if cache else default_cache()
    outlets = load_outlets(config.outlets, camps=config.camps)
    index = alias_index(outlets)

    frames, issues = [], []
    for spec in config.sources:
        raw, found = _read_source(spec, config, mirror=mirror, cache=cache)
        issues.extend(found)
        if raw.empty:
            continue
        frames.append(_labelled(raw, spec, config))
    articles = _assemble(frames, config, index, outlets, issues)
    if config.target and not (articles["id"] == config.target).any():
        issues.append(_target_missing(config))
    report = _report(issues)
    return Corpus(name=config.name, description=config.description, path=config.path,
                  articles=articles, outlets=outlets, issues=report, window=config.window,
                  target=config.target, config=config.raw)


def _labelled(raw: pd.DataFrame, spec, config) -> pd.DataFrame:
    """Raw rows with the ``source`` they came from and their ``file``."""
    raw = raw.copy()
    raw["source"] = spec.label
    if "file" not in raw.columns:
        raw["file"] = str(config.path / spec.value)
    return raw


def _target_missing(config) -> dict:
    return issue("corpus.yml", config.path / "corpus.yml", 0, config.target, "flagged",
                 "the target article did not load", "see the rows above for why; fix target: in corpus.yml")


def _report(issues: list) -> pd.DataFrame:
    """The load report: what was lost first, then what is doubtful, then what was mended."""
    report = pd.DataFrame(issues, columns=ISSUE_COLUMNS)
    order = report["action"].map({"skipped": 0, "flagged": 1, "repaired": 2})
    report = report.assign(_o=order).sort_values(["_o", "source", "file", "line"], kind="stable")
    return report.drop(columns="_o").reset_index(drop=True)


class ArticleBatches:
    """A corpus's articles in batches, never all at once: what :func:`iter_article_batches`
    returns. Iterating yields ``articles`` tables (``ARTICLE_COLUMNS``, at most ``batch_size``
    rows each, sorted by date then id within the batch), validated as :func:`load_corpus`
    validates them; ``issues`` is the load report of what has been read so far (complete
    once the iteration ends), ``outlets`` the outlet registry.

    A ``parquet:`` source is read one record batch at a time; any other source is read whole
    (they are small) and cut into batches. A repeated id is caught across batches (the ids
    seen are kept, one per article: the only thing held for the whole corpus).
    """

    def __init__(self, corpus_dir, *, batch_size: int = PARQUET_BATCH_ROWS, mirror=None, cache=None):
        if int(batch_size) < 1:
            raise CorpusError(f"batch size {batch_size} is not a number of articles; use 1 or more")
        self.batch_size = int(batch_size)
        self._config = load_config(corpus_dir)
        self.config = self._config.raw  # as Corpus.config: corpus.yml as read
        self.name, self.path = self._config.name, self._config.path
        self.mirror = Path(mirror) if mirror else default_mirror()
        self.cache = Path(cache) if cache else default_cache()
        self.outlets = load_outlets(self._config.outlets, camps=self._config.camps)
        self._issues: list = []
        self._target_seen = False

    @property
    def issues(self) -> pd.DataFrame:
        return _report(self._issues)

    def _raw(self):
        """(raw rows, issues) of every source, ``batch_size`` rows at a time: the pieces the
        sources give (a Parquet file's record batches, a small source whole) are joined across
        files and sources, so that a folder of many small files still gives full batches."""
        rows, found, held = [], [], 0
        for raw, issues in self._pieces():
            found.extend(issues)
            while len(raw):
                take = raw.iloc[:self.batch_size - held]
                rows.append(take)
                held += len(take)
                raw = raw.iloc[len(take):]
                if held == self.batch_size:
                    yield pd.concat(rows, ignore_index=True), found
                    rows, found, held = [], [], 0
        if rows or found:
            yield (pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()), found

    def _pieces(self):
        """(raw rows, issues) pieces of every source, each at most ``batch_size`` rows."""
        config = self._config
        for spec in config.sources:
            if spec.kind == "parquet":
                pieces = iter_parquet(config.path / spec.value, label=spec.label, columns=spec.options["columns"],
                                      language=spec.options.get("language", config.language),
                                      batch_size=self.batch_size)
            else:
                raw, found = _read_source(spec, config, mirror=self.mirror, cache=self.cache)
                pieces = [(raw.iloc[a:a + self.batch_size], found if a == 0 else [])
                          for a in range(0, max(len(raw), 1), self.batch_size)]
            for raw, found in pieces:
                yield (_labelled(raw, spec, config) if not raw.empty else raw), found

    def __iter__(self):
        warm_identifier()
        index = alias_index(self.outlets)
        self._issues, seen = [], {}
        memo = DetectionMemo()  # each distinct opening's language detected once, as load_corpus does
        for raw, found in self._raw():
            self._issues.extend(found)
            if raw.empty:
                continue
            raw = raw.assign(id=raw["id"].fillna("").astype(str))
            again = raw["id"].isin(seen.keys()).to_numpy() & (raw["id"] != "").to_numpy()
            raw = _drop(raw, again, self._issues,
                        lambda r: f"duplicate id (kept the one from {seen[r.id][0]} line {seen[r.id][1]})",
                        "give each article its own id")
            firsts = raw[raw["id"] != ""].drop_duplicates("id")
            seen.update(zip(firsts["id"], zip(firsts["source"], firsts["line"])))
            articles = _assemble([raw], self._config, index, self.outlets, self._issues, memo)
            target = self._config.target
            self._target_seen |= bool(target) and bool((articles["id"] == target).any())
            if len(articles):
                yield articles
        if self._config.target and not self._target_seen:
            self._issues.append(_target_missing(self._config))


def iter_article_batches(corpus_dir: str | Path, *, batch_size: int = PARQUET_BATCH_ROWS,
                         mirror: str | Path | None = None, cache: str | Path | None = None) -> ArticleBatches:
    """The corpus's articles in batches of at most ``batch_size``, validated as
    :func:`load_corpus` validates them, without holding them all (see :class:`ArticleBatches`).

    The same articles and load-report rows as :func:`load_corpus` (the order of the articles
    is the sources' order, sorted by date and id only within a batch).

    Raises
    ------
    CorpusError
        As :func:`load_corpus`: corpus.yml, outlets.csv, a missing path or column.
    """
    return ArticleBatches(corpus_dir, batch_size=batch_size, mirror=mirror, cache=cache)


def _assemble(frames, config, index, outlets, issues, memo=None) -> pd.DataFrame:
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in ARTICLE_COLUMNS}).astype(
            {"date": "datetime64[ns]", "words": "int64", "is_target": bool, "in_window": bool})
    arts = pd.concat(frames, ignore_index=True)
    for col in ("url", "language", "wire_credit", "outlet_name", "id"):
        arts[col] = arts[col].fillna("").astype(str)
    # the texts stay Python strings (object): a string column of pandas 3 would copy 75 M
    # characters into Arrow and back again for the scoring's first pass
    for col in ("title", "text"):
        arts[col] = pd.Series(_nfc_stripped(arts[col].fillna("").tolist()), index=arts.index, dtype=object)

    arts = _drop(arts, arts["id"] == "", issues, lambda r: "no id", "give every article an id")
    dup = arts["id"].duplicated()
    first = arts.drop_duplicates("id").set_index("id")
    arts = _drop(arts, dup, issues,
                 lambda r: f"duplicate id (kept the one from {first.loc[r.id, 'source']} line {first.loc[r.id, 'line']})",
                 "give each article its own id")
    arts = _drop(arts, arts["text"] == "", issues, lambda r: "empty text",  # (stripped above)
                 "fill in the text or remove the item")

    # the words of "title text" (a space joins no two words: the sum of the two counts); the
    # texts' are counted in worker processes (a large corpus) while this one detects languages
    identifier_ready()  # (the model's thread done before the workers fork)
    with word_counts_started(_strings(arts["text"])) as text_words:
        arts = _languages_outlets_dates(arts, config, index, outlets, issues, memo)
        arts["words"] = count_words(arts["title"]).to_numpy() + text_words()
    arts["is_target"] = arts["id"] == (config.target or "\0")
    arts = arts.sort_values(["date", "id"], na_position="last", kind="stable", ignore_index=True)
    return arts[ARTICLE_COLUMNS]


def _languages_outlets_dates(arts, config, index, outlets, issues, memo=None) -> pd.DataFrame:
    """The language analysed, the outlet and camp, the date and ``in_window``, the wire credit
    of each article (same rows, same order), with their load-report rows."""
    # the language analysed: stated (article, else corpus.yml), checked against the text
    arts["language_stated"] = arts["language"]
    arts["language"], found = check_languages(arts, memo=memo)
    issues.extend(found)

    resolved = _per_distinct(arts["outlet_name"], lambda n: resolve_outlet(n, index))
    unknown = resolved.isna()
    for row in arts[unknown].itertuples(index=False):
        issues.append(issue(row.source, row.file, row.line, row.id, "flagged",
                            f"outlet {row.outlet_name!r} is not in the registry: camp '{UNKNOWN_CAMP}'",
                            "add a row for it to the corpus's outlets.csv (id, name, camp, citations)"))
    arts["outlet"] = resolved.where(~unknown, _per_distinct(arts["outlet_name"], slugify))
    camps = outlets.set_index("id")["camp"]
    arts["camp"] = arts["outlet"].map(camps).fillna(UNKNOWN_CAMP)

    parsed = _parse_dates(arts["date"].astype(str).where(arts["date"].notna(), ""))
    bad = parsed.isna() & arts["date"].notna() & (arts["date"].astype(str).str.strip() != "")
    for row in arts[bad].itertuples(index=False):
        issues.append(issue(row.source, row.file, row.line, row.id, "flagged",
                            f"bad date {row.date!r}: kept without a date", "write the date as YYYY-MM-DD"))
    # A date a news article cannot have (year 0, a typo'd century, next year): kept without it,
    # so no chart or report line has to format an out-of-range timestamp.
    latest = pd.Timestamp.now(tz=parsed.dt.tz).normalize() + LATEST_DATE_AHEAD
    naive = parsed.dt.tz_localize(None) if parsed.dt.tz is not None else parsed
    implausible = parsed.notna() & ((naive < EARLIEST_DATE) | (parsed > latest))
    for row in arts[implausible].itertuples(index=False):
        issues.append(issue(row.source, row.file, row.line, row.id, "flagged",
                            f"implausible date {row.date!r} (before {EARLIEST_DATE:%Y} or in the future): "
                            "kept without a date", "correct the date (YYYY-MM-DD)"))
    parsed = parsed.mask(implausible)
    arts["date"] = parsed.dt.tz_localize(None) if parsed.dt.tz is not None else parsed
    if config.window:
        start, end = config.window
        arts["in_window"] = arts["date"].between(start, end + pd.Timedelta(days=1) - pd.Timedelta(1))
    else:
        arts["in_window"] = arts["date"].notna()
    # A wire credit naming the outlet itself (a Reuters story signed "- REUTERS") is its own writing.
    arts["wire_credit"] = arts["wire_credit"].where(arts["wire_credit"] != arts["outlet"], "")
    return arts


def _parse_dates(values: pd.Series) -> pd.Series:
    """Dates from their strings (NaT where unreadable), all at once; where their UTC offsets
    differ ("+02:00" and "-05:00", which pandas will not put in one column), each distinct
    string is read alone and keeps its own wall-clock time, its offset dropped (found by
    test_corpus_fuzz)."""
    try:
        return pd.to_datetime(values, errors="coerce", format="mixed")
    except ValueError:
        codes, uniques = pd.factorize(values)
        one = [pd.to_datetime(u, errors="coerce", format="mixed") for u in uniques]
        naive = pd.DatetimeIndex([t.tz_localize(None) if t is not pd.NaT and t.tzinfo else t for t in one])
        return pd.Series(naive[codes], index=values.index)


def group_issues(issues: pd.DataFrame) -> pd.DataFrame:
    """Count load-report rows by source, action and general reason, most frequent first.

    Numbers and parenthesised details are folded ("3 mangled quotes (...)" -> "N mangled quotes"),
    so 180 "not fetched (...)" rows make one line.
    """
    general = (issues["reason"].str.replace(r"\(.*", "", regex=True)
               .str.replace(r"\d+", "N", regex=True).str.strip())
    return (issues.assign(reason=general).groupby(["source", "action", "reason"]).size()
            .rename("items").sort_values(ascending=False, kind="stable").to_frame())


def source_table(corpus: Corpus) -> pd.DataFrame:
    """Per source: items read, analysed, skipped, and of the analysed, repaired and flagged.

    ``read = analysed + skipped``: every item read is either analysed or listed as skipped
    (a dataset that could not be had at all counts as one skipped item).
    """
    analysed = corpus.articles.groupby("source").size()
    # skipped rows are items (a repeated id is skipped once per repeat); repaired and flagged
    # rows can name one article twice, so those count distinct articles
    issues = corpus.issues
    skipped = issues[issues["action"] == "skipped"].groupby("source").size().rename("skipped")
    others = issues[issues["action"] != "skipped"]
    acts = others.groupby(["source", "action"])["item"].nunique().unstack(fill_value=0)
    acts = acts.join(skipped, how="outer")
    table = pd.DataFrame({"analysed": analysed}).join(acts, how="outer").fillna(0).astype("int64")
    for col in ("skipped", "repaired", "flagged"):
        if col not in table:
            table[col] = 0
    table.insert(0, "read", table["analysed"] + table["skipped"])
    table = table[["read", "analysed", "skipped", "repaired", "flagged"]]
    return table.drop(index=[s for s in table.index if s == "corpus.yml"], errors="ignore")


def language_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per language analysed ("" unknown): ``articles``, ``stated`` (as the article or
    corpus.yml said), ``detected`` (none was stated: detected from the text) and ``overruled``
    (another was stated, but the text plainly reads as this one; flagged in the load report)."""
    lang = articles["language"].replace("", "(unknown)")
    stated = articles["language_stated"] if "language_stated" in articles else articles["language"]
    kind = np.select([stated == articles["language"], stated == ""], ["stated", "detected"], "overruled")
    table = pd.crosstab(lang.rename("language"), pd.Series(kind, index=articles.index, name=""))
    table = table.reindex(columns=["stated", "detected", "overruled"], fill_value=0)
    table.insert(0, "articles", table.sum(axis=1))
    return table.sort_values("articles", ascending=False, kind="stable")


def summarize(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Load-report tables: articles per source, outlet, language and camp; issues by reason."""
    arts = corpus.articles
    out = {"source": source_table(corpus)}
    out["camp"] = arts.groupby("camp").size().rename("articles").sort_values(ascending=False).to_frame()
    out["language"] = language_table(arts)
    per_outlet = arts.groupby(["outlet", "camp"]).agg(articles=("id", "size"), words=("words", "sum"))
    out["outlet"] = per_outlet.sort_values("articles", ascending=False)
    out["issues"] = group_issues(corpus.issues)
    return out
