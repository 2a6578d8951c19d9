"""Corpus stage: a registry of public datasets, fetched and verified like sklearn's ``fetch_*``.

``fetch_dataset`` returns the path of a local copy whose sha256 matches the registry: from a mirror
folder, the cache, or a download. ``load_dataset`` reads it into a raw table (``RAW_COLUMNS`` plus
the dataset's own columns) and a list of load-report rows (``issue(...)`` dicts). Each dataset's
reader lives in its own module (FA-KES: `slant.corpus._fakes`).
"""

from __future__ import annotations

import hashlib
import http.client
import os
import tempfile
import urllib.request
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from ._babe import read_babe, read_mpqa, read_wordlist
from ._errors import CorpusError
from ._fakes import FAKES_COLUMNS, WIRE_AGENCIES, detect_wire_credit, read_fakes, repair_mangled
from ._model import DatasetSpec
from ._narrative import read_narrative_frames
from ._sentence_sets import DATASET_SPECS

__all__ = [
    "DATASETS",
    "FAKES_COLUMNS",
    "WIRE_AGENCIES",
    "DatasetSpec",
    "default_cache",
    "default_mirror",
    "detect_wire_credit",
    "fetch_dataset",
    "load_dataset",
    "read_fakes",
    "repair_mangled",
]

#: Seconds to wait for the server at each network step (connect, each read) before giving up.
DOWNLOAD_TIMEOUT = 60
#: Bytes read per step when downloading or hashing.
CHUNK_BYTES = 1 << 16


def default_mirror() -> Path | None:
    """The mirror folder from ``$SLANT_MIRROR``, or None."""
    value = os.environ.get("SLANT_MIRROR", "").strip()
    return Path(value) if value else None


def default_cache() -> Path:
    """The cache root: ``$SLANT_CACHE``, else ``~/.cache/slant``.

    Datasets are kept in ``<cache>/datasets/<name>/``.
    """
    root = os.environ.get("SLANT_CACHE")
    return Path(root).expanduser() if root else Path.home() / ".cache" / "slant"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _verify(path: Path, spec: DatasetSpec, fix: str) -> Path:
    actual = _sha256(path)
    if actual != spec.sha256:
        raise CorpusError(
            f"{path}: sha256 {actual} does not match the expected sha256 {spec.sha256} of "
            f"dataset {spec.name!r}; {fix}"
        )
    return path


def _download(spec: DatasetSpec, url: str, target: Path, *, progress: bool) -> None:
    """Stream url into a temporary file beside target, check it, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, part = tempfile.mkstemp(prefix=f".{spec.filename}.", suffix=".part", dir=target.parent)
    digest = hashlib.sha256()
    try:
        with (
            os.fdopen(handle, "wb") as out,
            urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) as response,
        ):
            total = int(response.headers.get("Content-Length") or 0) or None
            with tqdm(
                total=total, unit="B", unit_scale=True, desc=spec.filename, disable=not progress
            ) as bar:
                while chunk := response.read(CHUNK_BYTES):
                    out.write(chunk)
                    digest.update(chunk)
                    bar.update(len(chunk))
        if digest.hexdigest() != spec.sha256:
            raise CorpusError(
                f"{url}: downloaded sha256 {digest.hexdigest()} does not match the expected "
                f"sha256 {spec.sha256} of dataset {spec.name!r}; nothing was saved. The server may "
                f"hold another version: set SLANT_MIRROR or --mirror to a folder holding "
                f"{spec.mirror_subdir}/{spec.filename} from a good copy"
            )
        os.replace(part, target)
    finally:
        if os.path.exists(part):
            os.remove(part)


def fetch_dataset(
    name: str,
    *,
    mirror: Path | None = None,
    cache: Path | None = None,
    download: bool = True,
    progress: bool = True,
) -> Path:
    """Return the path of a verified local copy of a registered dataset.

    Parameters
    ----------
    name : str
        Registry key, e.g. ``"fa-kes"`` (see ``DATASETS``).
    mirror : Path, optional
        Folder holding ``<mirror_subdir>/<filename>`` or ``<other_mirror_subdirs>/<filename>``
        (default ``$SLANT_MIRROR``); checked first, in that order.
    cache : Path, optional
        Cache root (default ``default_cache()``); the copy lives in ``<cache>/datasets/<name>/``.
    download : bool
        Download from ``spec.download_urls`` (in order) into the cache when no copy is found.
    progress : bool
        Show a tqdm progress bar while downloading.

    Returns
    -------
    Path
        A file whose sha256 equals ``spec.sha256``.

    Raises
    ------
    CorpusError
        Unknown name; a copy whose sha256 differs (never used); no copy and no download.
    """
    spec = _spec(name)
    if mirror is None:
        mirror = default_mirror()
    mirror_paths = [] if mirror is None else spec.mirror_paths(mirror)
    cache_path = Path(cache if cache is not None else default_cache()) / "datasets" / spec.name
    cache_path = cache_path / spec.filename
    for mirror_path in mirror_paths:
        if mirror_path.is_file():
            return _verify(mirror_path, spec, "point --mirror / SLANT_MIRROR at a good copy")
    if cache_path.is_file():
        return _verify(cache_path, spec, "delete it and run `slant fetch` again")
    if download and not spec.downloadable:
        failure = f"it cannot be downloaded: {spec.description}"
    elif download:
        failures = []
        for url in spec.download_urls:
            try:
                _download(spec, url, cache_path, progress=progress)
                return cache_path
            # URLError, HTTPError, timeouts and disk errors are OSErrors; a cut-off body is not;
            # a checksum mismatch (CorpusError) is reported with the rest, never ignored
            except (OSError, http.client.HTTPException, CorpusError) as error:
                failures.append(f"the download from {url} failed: {error}")
        failure = "; ".join(failures)
    else:
        failure = "downloading was turned off (download=False)"
    looked = (f"mirror {' and '.join(map(str, mirror_paths))} (not found)" if mirror_paths
              else "no mirror (none set)")
    raise CorpusError(
        f"dataset {spec.name!r} not found: looked in {looked} and cache {cache_path} (not found); "
        f"{failure}. Fix: "
        + (f"run `slant fetch CORPUS` (a corpus that lists dataset: {spec.name}) on a machine with internet, or set "
           if spec.articles else "set ")
        + f"SLANT_MIRROR / --mirror to a folder holding {spec.mirror_subdir}/{spec.filename}"
        + (f" (or {' or '.join(f'{d}/{spec.filename}' for d in spec.other_mirror_subdirs)})"
           if spec.other_mirror_subdirs else "")
    )


def load_dataset(
    name: str,
    *,
    mirror: Path | None = None,
    cache: Path | None = None,
    download: bool = True,
    progress: bool = True,
) -> tuple[pd.DataFrame, list[dict]]:
    """Fetch a dataset (see ``fetch_dataset``) and read it with its reader.

    Returns
    -------
    raw : DataFrame
        ``RAW_COLUMNS`` then the dataset's own columns (FA-KES: ``FAKES_COLUMNS``), in file order.
    issues : list of dict
        One ``issue(...)`` row per article skipped, repaired or flagged.
    """
    spec = _spec(name)
    path = fetch_dataset(name, mirror=mirror, cache=cache, download=download, progress=progress)
    return spec.reader(path, spec)


def _spec(name: str) -> DatasetSpec:
    if name not in DATASETS:
        known = ", ".join(sorted(DATASETS))
        raise CorpusError(f"unknown dataset {name!r}; known datasets: {known}")
    return DATASETS[name]


DATASETS: dict[str, DatasetSpec] = {
    "fa-kes": DatasetSpec(
        name="fa-kes",
        filename="FA-KES-Dataset.csv",
        # Zenodo is the canonical home, but its listed md5 (55d0ec45...) differs from the known
        # copy's: the exact copy at a pinned GitHub commit is tried first (../shared SOURCE.md).
        url="https://zenodo.org/records/2607278/files/FA-KES-Dataset.csv?download=1",
        other_urls=(
            ("https://raw.githubusercontent.com/janardankeny/Fake_news_detection_chrome_extension/"
             "156ef3742f1536dcc906265a63b6cba63d4325cf/FA-KES-Dataset.csv"),
        ),
        sha256="469f11ebebd4e887e6d37c3ae723c9382e0de4aa4b9d89b81c965538e927270e",
        license="CC BY 4.0",
        citation=(
            "Fatima K. Abu Salem, Roaa Al Feel, Shady Elbassuoni, Mohamad Jaber, May Farah. 2019. "
            "FA-KES: A Fake News Dataset around the Syrian War. Proceedings of ICWSM 2019, "
            "13(01):573-582. doi:10.1609/icwsm.v13i01.3254. Data: doi:10.5281/zenodo.2607278."
        ),
        description=(
            "804 English news articles (792 distinct) on casualty incidents of the Syrian war, "
            "2011-2018, from 15 outlets, each labelled credible or fake by matching "
            "crowd-extracted facts against the Syrian Violations Documentation Center."
        ),
        mirror_subdir="fa-kes",
        reader=read_fakes,
    ),
}

#: The BABE repository (Spinde et al. 2021) at the commit ../shared/datasets/babe/SOURCE.md names.
BABE_REPO = ("https://github.com/Media-Bias-Group/Neural-Media-Bias-Detection-Using-Distant-Supervision-"
             "With-BABE/blob/fb79f646dcabf1746f5ebedc06ed8dd61ba78188")
#: The repository that vendors the Recasens et al. (2013) and MPQA lists (SOURCE.md there), pinned.
LEXICON_REPO = ("https://raw.githubusercontent.com/HLTCHKUST/framing-bias-metric/"
                "1586f55a9011853224ca4d0cee164c46f6137557/data/lexicons")
RECASENS_CITATION = ("Marta Recasens, Cristian Danescu-Niculescu-Mizil, Dan Jurafsky. 2013. Linguistic "
                     "Models for Analyzing and Detecting Biased Language. ACL 2013, pp. 1650-1659.")
#: Recasens et al. (2013) lists: registry name, file (as in ../shared), upstream path, sha256.
RECASENS_LISTS = (
    ("bias-lexicon", "bias-lexicon.txt", "bias-lexicon/bias-lexicon_og.txt",
     "46e8263c85c4c8717ad91353814efe8b5aac0bdeb7cc9596f767d72877f3485a"),
    ("hedges", "hedges_hyland2005.txt", "bias_related_lexicons/hedges_hyland2005.txt",
     "43258e942364a5e5744f1575e0bbae64f8e00cf332d22a5f151caff3538dd394"),
    ("factives", "factives_hooper1975.txt", "bias_related_lexicons/factives_hooper1975.txt",
     "8a7e70a4484d45afe9e176e1b67b97ee4795467e3466819c9e070e1322c22c9a"),
    ("assertives", "assertives_hooper1975.txt", "bias_related_lexicons/assertives_hooper1975.txt",
     "fcb47bc365ddebfadd78462aa722e5461bbfa23e8c00e729db12b2802351761c"),
    ("implicatives", "implicatives_karttunen1971.txt",
     "bias_related_lexicons/implicatives_karttunen1971.txt",
     "351f7c62a64250142a5224baba220d2a5d27efafc643231c541040d199cf0c94"),
    ("report-verbs", "report_verbs.txt", "bias_related_lexicons/report_verbs.txt",
     "c20d2eff2351ae2094eb66bbbd9fd4f511a31d6b55cd6f9f776461962cbb9dbc"),
)

# Sentence data and word lists (not corpora of articles): a mirror given as ../shared/corpora
# finds them in ../shared/datasets through the "../datasets/..." folders.
DATASETS["babe"] = DatasetSpec(
    name="babe",
    filename="final_labels_SG2.train.csv",
    url=f"{BABE_REPO}/data/final_labels_SG2.csv",
    downloadable=False,
    sha256="6591480be940063493d143a2f81e5568fa87237b9fa9d1d2b0d2d4b6e13f36bd",
    license="AGPL-3.0",
    citation=(
        "Timo Spinde, Manuel Plank, Jan-David Krieger, Terry Ruas, Bela Gipp, Akiko Aizawa. 2021. "
        "Neural Media Bias Detection Using Distant Supervision With BABE - Bias Annotations By "
        "Experts. Findings of EMNLP 2021, pp. 1166-1177. doi:10.18653/v1/2021.findings-emnlp.101."
    ),
    description=(
        "the training part (2,914 expert-labelled sentences) of BABE's final_labels_SG2.csv, split "
        "off for slant by article link; the split is published only in the ../shared mirror. The "
        "upstream file (all 3,674 sentences) is at the url: fit on it with `slant sentences fit "
        "final_labels_SG2.csv --model PATH` instead"
    ),
    mirror_subdir="babe",
    other_mirror_subdirs=("datasets/babe", "../datasets/babe"),
    reader=read_babe,
    articles=False,
)
for _name, _file, _upstream, _sha in RECASENS_LISTS:
    DATASETS[f"recasens2013-{_name}"] = DatasetSpec(
        name=f"recasens2013-{_name}", filename=_file, url=f"{LEXICON_REPO}/{_upstream}", sha256=_sha,
        license="not stated (academic release; cite the paper)", citation=RECASENS_CITATION,
        description=f"the {_name} list of Recasens et al. (2013), one entry per line",
        mirror_subdir="lexicons/recasens2013",
        other_mirror_subdirs=("datasets/lexicons/recasens2013", "../datasets/lexicons/recasens2013"),
        reader=read_wordlist, articles=False)
DATASETS["mpqa-subjectivity"] = DatasetSpec(
    name="mpqa-subjectivity",
    filename="subjclueslen1-HLTEMNLP05.tff",
    url=f"{LEXICON_REPO}/bias_related_lexicons/subjectivity_clues_hltemnlp05/subjclueslen1-HLTEMNLP05.tff",
    sha256="9e95ed1c389890e8f8472dd3b79c058043a1cab6baaab20998962b118bb6e202",
    license="not stated in the files (MPQA distributes it for research; cite the paper)",
    citation=("Theresa Wilson, Janyce Wiebe, Paul Hoffmann. 2005. Recognizing Contextual Polarity in "
              "Phrase-Level Sentiment Analysis. HLT/EMNLP 2005."),
    description="MPQA subjectivity clues: 8,222 entries, strongsubj or weaksubj",
    mirror_subdir="lexicons/mpqa-subjectivity",
    other_mirror_subdirs=("datasets/lexicons/mpqa-subjectivity", "../datasets/lexicons/mpqa-subjectivity"),
    reader=read_mpqa,
    articles=False,
)

#: The Narrative Frames repository (Frermann et al. 2023) at the commit ../shared's SOURCE.md names.
NARRATIVE_REPO = ("https://raw.githubusercontent.com/phenixace/narrative-framing/"
                  "197314dfe86838e20420894bc3dfa285814dc04c")
# Labelled evaluation data for the generic-frame model (slant.framing.load_frame_gold), not a
# corpus a corpus.yml lists: its outlets are not in the registry.
DATASETS["narrative-frames"] = DatasetSpec(
    name="narrative-frames",
    filename="articles_metadata.tsv",
    url=f"{NARRATIVE_REPO}/data/articles_metadata.tsv",
    sha256="fe9012b2ef2f807171ca0f3bd5452b3f13e7fdc0092758e2c4a06dbf5cdf3cf5",
    license="MIT (Copyright (c) 2023 Lea Frermann); the article texts are third-party news",
    citation=("Lea Frermann, Jiatong Li, Shima Khanehzar, Gosia Mikolajczak. 2023. Conflicts, "
              "Villains, Resolutions: Towards models of Narrative Media Framing. ACL 2023, "
              "pp. 8712-8732. https://aclanthology.org/2023.acl-long.486"),
    description=("428 English climate-change news articles (2017-2019) from 36 outlets, each "
                 "labelled with the five generic frames of Semetko & Valkenburg (2000)"),
    mirror_subdir="narrative-frames",
    other_mirror_subdirs=("datasets/narrative-frames", "../datasets/narrative-frames"),
    reader=read_narrative_frames,
    articles=False,
)

# Labelled sentence sets of the transfer experiments (slant.classify.transfer_matrix): FIGNEWS
# 2024 and the Penn Media Bias Detector's rater checks, read from ../shared/datasets at run time.
for _set_spec in DATASET_SPECS:
    DATASETS[_set_spec.name] = _set_spec
