"""Corpus stage: readers of the labelled sentence sets beside BABE, for the transfer experiments.

Input: verified copies from ``fetch_dataset`` (FIGNEWS 2024: its text file and its vote file;
the Penn Media Bias Detector: its three raters' sentence files). Output: one table per file
(``FIGNEWS_TEXT_COLUMNS``, ``FIGNEWS_VOTE_COLUMNS``, ``PENN_RATER_COLUMNS``) and load-report rows
(``issue(...)`` dicts), then the joined, labelled sets (:func:`join_fignews`,
:func:`join_penn`: ``SENTENCE_SET_COLUMNS``). ``DATASET_SPECS`` names the files, their sha256
(as ../shared's SOURCE.md lists them, re-checked by hashing) and their readers.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from ._errors import CorpusError
from ._model import DatasetSpec, issue

__all__ = [
    "DATASET_SPECS",
    "FIGNEWS_BIASED",
    "FIGNEWS_TEXT_COLUMNS",
    "FIGNEWS_VOTE_COLUMNS",
    "PENN_RATER_COLUMNS",
    "SENTENCE_SET_COLUMNS",
    "join_fignews",
    "join_penn",
    "read_fignews_texts",
    "read_fignews_votes",
    "read_penn_rater",
]

#: The labelled sets, one row per sentence (or post): the text, its label (1 = loaded /
#: biased / opinion, 0 = not), the group that must stay in one fold (article or post), the
#: domain and the language of ``text``.
SENTENCE_SET_COLUMNS = ["text", "label", "group", "domain", "language"]
FIGNEWS_TEXT_COLUMNS = ["post", "source_language", "text", "text_en", "text_ar", "line"]
#: Vote columns of the FLAT file, in file order after batch, source_language, id, type and an
#: unnamed column (Zaghouani et al. 2024; ../shared SOURCE.md): 4 biased kinds, then the rest.
FIGNEWS_BIASED = ("against_palestine", "against_israel", "against_both", "against_others")
FIGNEWS_VOTE_COLUMNS = ["post", *FIGNEWS_BIASED, "unbiased", "bias_na", "bias_unclear",
                        "propaganda", "not_propaganda", "line"]
PENN_RATER_COLUMNS = ["sentence_id", "article_id", "publisher", "sentence_text", "type", "tone", "line"]
_TEXT_FIELDS = 11  # Batch .. Comments in FIGNEWS-2024-TEXT-IAA.tsv
_VOTE_FIELDS = 17


def _rows(path: Path, delimiter: str):
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            for row in reader:
                yield reader.line_num, row
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: byte {exc.start} is not UTF-8; the file is UTF-8 upstream: fetch "
                          "it again (slant checks its sha256)") from None


def _header(path: Path, rows, first: str, fix: str):
    try:
        line, header = next(rows)
    except StopIteration:
        raise CorpusError(f"{path}: the file is empty; {fix}") from None
    if not header or header[0].lstrip("\ufeff").strip().lower() != first:
        raise CorpusError(f"{path}:{line}: the header starts {header[:1]}, not {first!r}; {fix}")
    return header


def read_fignews_texts(path: Path, spec: DatasetSpec | None = None) -> tuple[pd.DataFrame, list[dict]]:
    """Read ``FIGNEWS-2024-TEXT-IAA.tsv``: one post per row, original text and its English and
    Arabic machine translations. A row with another number of fields (a tab inside a text
    shifts them) or without an English translation is skipped and reported.

    Raises
    ------
    CorpusError
        The file is not UTF-8, is empty, or its header is not FIGNEWS's.
    """
    path = Path(path)
    label = f"dataset:{spec.name}" if spec is not None else str(path)
    rows = _rows(path, "\t")
    _header(path, rows, "batch", "pass FIGNEWS-2024-TEXT-IAA.tsv (tab-separated, header Batch, "
            "Source Language, ID, Type, Text, English MT, Arabic MT, ...)")
    out, issues = [], []
    for line, row in rows:
        if len(row) != _TEXT_FIELDS or not row[5].strip():
            issues.append(issue(label, path, line, "/".join(row[:3]), "skipped",
                                f"{len(row)} fields, not {_TEXT_FIELDS}, or no English MT: the "
                                "texts cannot be told apart", "nothing to fix: an upstream defect"))
            continue
        out.append({"post": "/".join(row[:3]), "source_language": row[1], "text": row[4],
                    "text_en": row[5].strip(), "text_ar": row[6].strip(), "line": line})
    return pd.DataFrame(out, columns=FIGNEWS_TEXT_COLUMNS), issues


def read_fignews_votes(path: Path, spec: DatasetSpec | None = None) -> tuple[pd.DataFrame, list[dict]]:
    """Read ``FIGNEWS-2024-ALL-CLEAN-FLAT.tsv``: per post, the counts of team votes for each
    bias and propaganda class (the IAA rows only: the others have no text here).

    Raises
    ------
    CorpusError
        Empty file, a header that is not FIGNEWS's, a row of another width or a count that is
        not a whole number (with its line).
    """
    path = Path(path)
    rows = _rows(path, "\t")
    _header(path, rows, "batch", "pass FIGNEWS-2024-ALL-CLEAN-FLAT.tsv (tab-separated, header "
            "batch, source_language, id, type, ...)")
    out = []
    for line, row in rows:
        if len(row) != _VOTE_FIELDS:
            raise CorpusError(f"{path}:{line}: {len(row)} fields, not {_VOTE_FIELDS}; the vote file "
                              "has 17 tab-separated fields per row: fetch it again")
        if row[3] != "IAA":
            continue
        try:
            counts = [int(v or 0) for v in (*row[5:12], *row[13:15])]
        except ValueError:
            raise CorpusError(f"{path}:{line}: a vote count is not a whole number ({row[5:15]}); "
                              "fetch the file again") from None
        out.append({"post": "/".join(row[:3]), **dict(zip(FIGNEWS_VOTE_COLUMNS[1:-1], counts)),
                    "line": line})
    return pd.DataFrame(out, columns=FIGNEWS_VOTE_COLUMNS), []


def join_fignews(texts: pd.DataFrame, votes: pd.DataFrame, *, language: str = "en",
                 votes_path: str = "votes") -> tuple[pd.DataFrame, list[dict]]:
    """FIGNEWS posts labelled by the teams' bias votes: 1 when more votes say biased (against
    anyone) than unbiased, 0 when fewer; a tie, or a post without votes, is skipped and
    reported. The vote is the majority of the annotating teams, the aggregate the organisers
    release (Zaghouani et al. 2024); "not applicable" and "unclear" votes do not count.

    Parameters
    ----------
    language : {"en", "ar"}
        Which machine translation is ``text``: English (every post has it) or Arabic.

    Returns
    -------
    DataFrame
        ``SENTENCE_SET_COLUMNS`` plus ``source_language`` and ``propaganda`` (1 when the
        propaganda votes outnumber the others, 0 when fewer, -1 on a tie); group = post.
    """
    merged = texts.merge(votes.drop(columns="line"), on="post", how="left", validate="one_to_one")
    biased = merged[list(FIGNEWS_BIASED)].sum(axis=1)
    issues = []
    keep = biased.ne(merged["unbiased"]) & merged["unbiased"].notna()
    for row in merged[~keep].itertuples(index=False):
        issues.append(issue("fignews-2024", votes_path, row.line, row.post, "skipped",
                            "as many biased as unbiased votes (or none): no majority",
                            "nothing to fix: the teams did not agree"))
    merged = merged[keep].assign(label=(biased[keep] > merged.loc[keep, "unbiased"]).astype("int64"))
    text = merged["text_ar" if language == "ar" else "text_en"]
    propaganda = (merged["propaganda"] > merged["not_propaganda"]).astype(int) - (
        merged["propaganda"] == merged["not_propaganda"]).astype(int) * 2
    out = pd.DataFrame({"text": text, "label": merged["label"], "group": merged["post"],
                        "domain": "fignews", "language": language,
                        "source_language": merged["source_language"],
                        "propaganda": propaganda.clip(lower=-1)})
    return out[out["text"].str.strip().ne("")].reset_index(drop=True), issues


def read_penn_rater(path: Path, spec: DatasetSpec | None = None) -> tuple[pd.DataFrame, list[dict]]:
    """Read one rater's file of the Penn Media Bias Detector's sentence checks (Haider et al.
    2025): ``sentence_id``, ``article_id``, ``publisher``, ``sentence_text`` and the rater's own
    ``type`` and ``tone`` (the ``gpt_*`` columns, the model's labels the raters saw, are left
    out).

    Raises
    ------
    CorpusError
        Not UTF-8, empty, or a column missing (with the columns found).
    """
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: byte {exc.start} is not UTF-8; fetch the file again") from None
    except pd.errors.EmptyDataError:
        raise CorpusError(f"{path}: the file is empty; pass sentence_annotation_output_<n>.csv") from None
    missing = [c for c in PENN_RATER_COLUMNS[:-1] if c not in raw.columns]
    if missing:
        raise CorpusError(f"{path}:1: no column {', '.join(map(repr, missing))} (found "
                          f"{', '.join(map(repr, raw.columns))}); pass a Penn sentence_annotation_output file")
    return raw.assign(line=range(2, len(raw) + 2))[PENN_RATER_COLUMNS], []


def join_penn(raters: list[pd.DataFrame], *, task: str = "opinion") -> tuple[pd.DataFrame, list[dict]]:
    """The raters' majority per sentence, joined on ``sentence_id``.

    ``task="opinion"``: 1 when most raters call the sentence an opinion, 0 when most call it a
    fact; quotes, "other", "borderline" and splits are skipped (counted in one report row).
    ``task="tone"``: 1 when most raters give it a positive or negative tone, 0 when most say
    neutral. The raters saw the model's label first (SOURCE.md): their majority is the gold.

    Returns
    -------
    DataFrame
        ``SENTENCE_SET_COLUMNS`` (group = article, language English) plus ``publisher``.
    """
    if task not in {"opinion", "tone"}:
        raise CorpusError(f"unknown Penn task {task!r}; use 'opinion' or 'tone'")
    base = raters[0][["sentence_id", "article_id", "publisher", "sentence_text"]]
    column = "type" if task == "opinion" else "tone"
    for rater in raters[1:]:  # the files list the same sentences in the same order (SOURCE.md)
        differs = rater["sentence_id"].to_numpy() != base["sentence_id"].to_numpy()
        if len(rater) != len(base) or differs.any():
            raise CorpusError(f"Penn rater files differ at line {rater['line'].iloc[differs.argmax()]}: "
                              "they must list the same sentence_ids in the same order; fetch them again")
    votes = pd.concat([r[column].reset_index(drop=True).rename(i) for i, r in enumerate(raters)], axis=1)
    if task == "opinion":
        ones, zeros = (votes == "opinion").sum(axis=1), (votes == "fact").sum(axis=1)
    else:
        ones = votes.isin(["positive", "negative"]).sum(axis=1)
        zeros = (votes == "neutral").sum(axis=1)
    need = len(raters) // 2 + 1
    label = pd.Series(pd.NA, index=votes.index, dtype="Int64")
    label[ones >= need], label[zeros >= need] = 1, 0
    table = base.reset_index(drop=True).assign(label=label)
    skipped = int(table["label"].isna().sum())
    issues = [issue("penn-media-bias-detector", "sentences", 0, f"{skipped} sentences", "skipped",
                    f"no majority of {need} raters for {task} (quotes, other, borderline or split)",
                    "nothing to fix")] if skipped else []
    table = table[table["label"].notna()]
    out = pd.DataFrame({"text": table["sentence_text"].str.strip(), "label": table["label"].astype("int64"),
                        "group": table["article_id"], "domain": "penn", "language": "en",
                        "publisher": table["publisher"]})
    return out.reset_index(drop=True), issues


_FIGNEWS = {
    "license": "MIT (Copyright (c) 2024 CAMeL Lab); the texts are third-party posts",
    "citation": ("Wajdi Zaghouani, Mustafa Jarrar, Nizar Habash, Houda Bouamor, Imed Zitouni, Mona Diab, "
              "Samhaa R. El-Beltagy, Muhammed AbuOdeh. 2024. The FIGNEWS Shared Task on News Media "
              "Narratives. ArabicNLP 2024."),
    "mirror_subdir": "fignews-2024",
    "other_mirror_subdirs": ("datasets/fignews-2024", "../datasets/fignews-2024"),
    "articles": False}
_FIGNEWS_RAW = ("https://raw.githubusercontent.com/CAMeL-Lab/FIGNEWS-2024/"
                "11c81bc07e82b1141714cf022b8c6a23e4f0210b/data")
_PENN_RAW = ("https://raw.githubusercontent.com/Watts-Lab/media-bias-detector/"
             "db8144a6a9308c2e6073738ffc06ffda9554aee2/annotations/sentences")
#: sha256 of each Penn rater file, as ../shared's SOURCE.md lists them (checked by hashing).
_PENN_SHA = ("c9ba6c0498d52eeb662893dcaf975361b44bd9a8e67d2928504f22b981d0273e",
             "370330a371558a3d2cdc9e08e92d2541d7702c8a45cd56e726ba8ae90c263a9d",
             "bf358802826bdebe735fa337171156e4ba946fd545ed1bf589f617e886cf7660")

DATASET_SPECS = (
    DatasetSpec(name="fignews-2024-texts", filename="FIGNEWS-2024-TEXT-IAA.tsv",
                url=f"{_FIGNEWS_RAW}/FIGNEWS-2024-TEXT-IAA.tsv",
                sha256="7d45db79d8988ad580dbe2375cdb9b11bf7f1a7e9a4884b46d53228194706b36",
                description="1,491 news-outlet posts on the Gaza war in 5 languages with English and "
                            "Arabic machine translations (the IAA part of FIGNEWS 2024)",
                reader=read_fignews_texts, **_FIGNEWS),
    DatasetSpec(name="fignews-2024-votes", filename="FIGNEWS-2024-ALL-CLEAN-FLAT.tsv",
                url=f"{_FIGNEWS_RAW}/FIGNEWS-2024-ALL-CLEAN-FLAT.tsv",
                sha256="6cbc417e4c358bda012faac3e88678b400f9559151fa5e7ef986dce2022f071c",
                description="counts of team votes on bias and propaganda per FIGNEWS 2024 post",
                reader=read_fignews_votes, **_FIGNEWS),
    *(DatasetSpec(name=f"penn-sentences-{i}", filename=f"sentence_annotation_output_{i}.csv",
                  url=f"{_PENN_RAW}/sentence_annotation_output_{i}.csv", sha256=sha,
                  license="GPL-3.0; the sentences are excerpts of third-party news",
                  citation=("Samar Haider, Amir Tohidi, Jenny S. Wang, Timothy Dörr, David M. "
                            "Rothschild, Chris Callison-Burch, Duncan J. Watts. 2025. The Media Bias "
                            "Detector: A Framework for Annotating and Analyzing the News at Scale. "
                            "arXiv:2509.25649."),
                  description=f"rater {i} of 3: type and tone of 2,190 US news sentences (50 articles)",
                  mirror_subdir="penn-media-bias-detector/sentences",
                  other_mirror_subdirs=("datasets/penn-media-bias-detector/sentences",
                                        "../datasets/penn-media-bias-detector/sentences"),
                  reader=read_penn_rater, articles=False)
      for i, sha in enumerate(_PENN_SHA, 1)),
)
